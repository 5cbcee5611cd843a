"""Content-Security-Policy and Permissions-Policy on every response; signed-in pages are never cached."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from core.middleware import CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_NON_HTML, PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_policy_allows_only_our_own_scripts_and_styles():
    directives = _directives(CONTENT_SECURITY_POLICY)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert "camera=()" in PERMISSIONS_POLICY
    assert "geolocation=()" in PERMISSIONS_POLICY


def test_signed_in_page_has_both_policies_and_is_not_stored(client_as):
    response = client_as("admin_bkd").get("/pegawai/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache


def test_error_pages_and_htmx_fragments_of_a_signed_in_user_are_not_stored(client_as):
    client = client_as("pegawai")
    for response in (
        client.get("/tidak-ada/"),
        client.get("/impor/"),
        client.get("/pegawai/", headers={"HX-Request": "true"}),
    ):
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "no-store" in response["Cache-Control"]


def test_an_inline_pdf_keeps_chromiums_viewer_working_and_is_not_stored(client_as):
    from pegawai.cetak_laporan import cetak_laporan_execute
    from pegawai.models import CetakLaporan

    admin = client_as("admin_bkd")
    assert admin.post("/laporan/duk/cetak/").status_code == 302
    job = cetak_laporan_execute(CetakLaporan.objects.get().pk)
    response = admin.get(f"/laporan/cetak/{job.pk}/unduh/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY_NON_HTML
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "no-store" in response["Cache-Control"]


def test_public_pages_have_the_policies_but_no_forced_no_store(users):
    client = Client()
    response = client.get("/verifikasi/TIDAKADA/")
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "no-store" not in response.get("Cache-Control", "")


def test_static_files_keep_their_caching_for_a_signed_in_user(settings, users):
    # WhiteNoise answers before authentication: find files in static/ as it does under DEBUG.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()  # a new client builds the middleware chain with these settings
    client.force_login(users["admin_bkd"])
    response = client.get("/static/css/asn.css")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY_NON_HTML
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


def test_templates_have_no_inline_scripts_or_handlers(settings):
    """The policy forbids inline code: behaviour belongs in static/js (data-* attributes)."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        if "pdf" in path.parts:
            continue  # rendered by WeasyPrint on the server, never by a browser
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if inline.search(line):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == []
