"""Pay fixtures (`bergaji`, `petugas`) live in tests/conftest.py: the browser journeys use them too."""
