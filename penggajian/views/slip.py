"""Pages of the penggajian app (filled in by its issue)."""

urlpatterns: list = []
