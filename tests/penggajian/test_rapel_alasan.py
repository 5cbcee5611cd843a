"""A rapel's legal basis takes 500 characters, is stored whole (it was cut at 255) and copied whole into
every correction and its history; 501 is a message on the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from penggajian.models import Penyesuaian, RapelGaji
from penggajian.services import rapel as layanan

from .test_alasan_panjang import KEPANJANGAN, PANJANG, _pesan
from .test_rapel import TAHUN, dibayar_dengan_tabel_lama, staf  # noqa: F401 - fixtures


@pytest.mark.django_db
def test_a_rapel_with_a_long_legal_basis(dibayar_dengan_tabel_lama, staf, petugas, client):  # noqa: F811
    client.force_login(petugas["pembuat"])
    url = reverse("penggajian:rapel_list")
    data = {"jenis": "induk", "tahun": TAHUN, "bulan_mulai": 1, "bulan_akhir": 2}
    page = client.post(url, {**data, "alasan": KEPANJANGAN}).content.decode()
    assert _pesan("Alasan / dasar hukum") in page
    assert 'maxlength="500"' in page
    assert not RapelGaji.objects.exists()
    client.post(url, {**data, "alasan": PANJANG})
    rapel = RapelGaji.objects.get()
    assert rapel.alasan == PANJANG
    assert rapel.history.first().alasan == PANJANG

    rapel = layanan.rapel_jalankan(rapel.pk)
    assert rapel.status == RapelGaji.Status.SELESAI, rapel.pesan_galat
    koreksi = Penyesuaian.objects.filter(pegawai=staf)
    assert koreksi.count() == 2  # January and February
    for adj in koreksi:
        assert adj.alasan == PANJANG
        assert adj.history.first().history_change_reason == f"{rapel}: {PANJANG}"
