"""Defects found by walking issue 14 as its users would (2026-12-02), each pinned by a test.

Organisation (tests/conftest.py): staf_a is the `pegawai` login in OPD A, their atasan kabid_a is the
`atasan` login; the Pimpinan is the PPK.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from pembinaan import services_rencana
from pembinaan.models import GenerasiKebutuhan, KebutuhanPengembangan

TAHUN = 2027


@pytest.fixture
def rencana(org, users):
    KebutuhanPengembangan.objects.create(
        pegawai=org.staf_a, tahun=TAHUN, sumber="jp", kunci="jp:2026", topik="Pemenuhan JP", uraian="bukti"
    )
    return services_rencana.rencana_susun(actor=users["pegawai"], pegawai=org.staf_a, tahun=TAHUN)


def test_riwayat_rencana_tanpa_pengguna_tertulis_sistem(rencana, client_as):
    """A history row written without a user (the demo data, a command run without --user) made the plan
    page fail with VariableDoesNotExist (a 500) for everyone who opened it."""
    rencana.history.update(history_user=None)
    for role in ("pegawai", "atasan"):
        response = client_as(role).get(reverse("pembinaan:rencana_detail", args=[rencana.pk]))
        assert response.status_code == 200
        assert "Rencana disusun dari kebutuhan" in response.content.decode()
        assert "sistem" in response.content.decode()


def test_pembentukan_kebutuhan_dan_persetujuan_ppk_tanpa_pengguna(rencana, users, client_as):
    """The needs run and the PPK's approval keep their page when the account that made them is gone
    (both foreign keys are SET_NULL)."""
    run = GenerasiKebutuhan.objects.create(tahun=TAHUN, dijalankan_oleh=None, total_langkah=1)
    response = client_as("admin_bkd").get(reverse("pembinaan:generasi_detail", args=[run.pk]))
    assert response.status_code == 200
    assert "Dijalankan oleh sistem" in " ".join(response.content.decode().split())

    ppk = get_user_model().objects.create_user(username="ppk_lama", password="x")
    rencana.status = "disetujui"
    rencana.save(update_fields=["status"])
    persetujuan = services_rencana.rencana_kompetensi_setujui(actor=users["pimpinan"], tahun=TAHUN, opd=None)
    persetujuan.disetujui_oleh = ppk
    persetujuan.save(update_fields=["disetujui_oleh"])
    ppk.delete()
    response = client_as("pimpinan").get(reverse("pembinaan:rekap"), {"tahun": TAHUN})
    assert response.status_code == 200
    assert "Disetujui PPK" in response.content.decode()
