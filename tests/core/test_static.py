"""The static files build with the production storage (hashed names, every reference resolved)."""

from __future__ import annotations

from django.core.management import call_command


def test_collectstatic_with_the_manifest_storage_resolves_every_reference(settings, tmp_path):
    """A reference to a missing file (e.g. a vendored `sourceMappingURL`) makes collectstatic fail."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = list((tmp_path / "vendor" / "bootstrap" / "dist" / "css").glob("bootstrap.min.*.css"))
    assert len(hashed) == 1
    assert "sourceMappingURL" not in hashed[0].read_text()
