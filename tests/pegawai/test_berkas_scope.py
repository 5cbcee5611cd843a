"""Uploaded files leave only through views that check the scope: /media/ is never served, in any mode,
and stored names cannot be guessed."""

from __future__ import annotations

import importlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve

from pegawai import services
from tests.factories import UserFactory, bind_operator


def _usulan(org, users):
    return services.usulan_perubahan_create(
        actor=users["pegawai"],
        pegawai=org.staf_a,
        field="nomor_rekening",
        nilai_baru="1234567890",
        alasan="Pindah bank",
        bukti=SimpleUploadedFile("buku-rekening.pdf", b"%PDF-1.4 bukti"),
    )


def test_correction_evidence_has_an_unguessable_name(org, users):
    usulan = _usulan(org, users)
    folder, acak, nama = usulan.bukti.name.split("/")
    assert (folder, nama) == ("bukti", "buku-rekening.pdf")
    assert len(acak) >= 20 and str(org.staf_a.pk) != acak


def test_correction_evidence_is_served_only_in_scope(org, users, client):
    from akun import roles

    usulan = _usulan(org, users)
    url = f"/usulan-perubahan/{usulan.pk}/bukti/"
    for role in ("pegawai", "operator_opd", "admin_bkd"):
        client.force_login(users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == b"%PDF-1.4 bukti"
    operator_b = UserFactory(username="operator_b", roles=[roles.OPERATOR_OPD])
    bind_operator(operator_b, org.opd_b)
    for outsider in (operator_b, users["atasan"]):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(users["admin_bkd"])
    assert client.get("/media/" + usulan.bukti.name).status_code == 404


def test_media_is_not_routed_even_with_debug_on(settings):
    import asn_portal.urls

    settings.DEBUG = True
    try:
        importlib.reload(asn_portal.urls)
        clear_url_caches()
        for path in ("/media/bukti/x/a.pdf", "/media/slip_massal/x/a.zip", "/media/impor/a.csv"):
            try:
                match = resolve(path)
            except Resolver404:
                continue
            assert "serve" not in match.func.__name__, path
    finally:
        settings.DEBUG = False
        importlib.reload(asn_portal.urls)
        clear_url_caches()
