"""Printed slips and their public verification: a draft says DRAF, a recompute revokes what was printed
and the page names the replacement; the public page shows only what a verifier needs."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from core.models import DokumenTerverifikasi
from core.nip import mask_nip
from penggajian import services
from penggajian.models import Slip
from tests.penggajian.bantu import hitung, kunci


def _teks(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "slip.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _cetak(client, user, slip) -> bytes:
    client.force_login(user)
    response = client.get(reverse("penggajian:slip_pdf", args=[slip.pk]))
    assert response.status_code == 200
    client.logout()
    return response.content


def _halaman(client, kode) -> str:
    return client.get(reverse("verifikasi", args=[kode])).content.decode()


@pytest.mark.django_db
def test_a_draft_slip_says_draf_and_stops_verifying_after_a_recompute(
    bergaji, users, petugas, client, tmp_path
):
    run = hitung(petugas["pembuat"])
    slip = Slip.objects.get(run=run, pegawai=bergaji.staf_a)
    teks = _teks(_cetak(client, petugas["pembuat"], slip), tmp_path)
    assert "DRAF" in teks and "bukan bukti yang sah" in teks
    draf = DokumenTerverifikasi.objects.get()
    assert draf.draf and draf.kode != slip.kode_verifikasi  # a draft print never carries the slip's code
    assert draf.kode in teks
    page = _halaman(client, draf.kode)
    assert "<strong>DRAF</strong>" in page and "asli dan berlaku" not in page

    # The run is returned and recomputed: what was printed no longer verifies.
    services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11, antrikan=False)
    page = _halaman(client, draf.kode)
    assert "tidak berlaku lagi" in page
    assert "Gaji induk November 2026 dihitung ulang; slip ini digantikan hasil hitung ulang." in page
    assert "Dokumen penggantinya belum dicetak" in page

    # The recomputed run is approved and the slip printed: the old print names its replacement.
    run = kunci(petugas, services.run_execute(run.pk))
    baru = Slip.objects.get(run=run, pegawai=bergaji.staf_a)
    teks = _teks(_cetak(client, petugas["pembuat"], baru), tmp_path)
    assert "DRAF" not in teks
    final = DokumenTerverifikasi.objects.get(kode=baru.kode_verifikasi)
    assert not final.draf and final.berlaku
    page = _halaman(client, draf.kode)
    assert "tidak berlaku lagi" in page
    assert reverse("verifikasi", args=[final.kode]) in page
    assert "asli dan berlaku" in _halaman(client, final.kode)
    draf.refresh_from_db()
    assert draf.diganti_oleh == final


@pytest.mark.django_db
def test_a_bulk_print_also_replaces_a_draft_print(bergaji, users, petugas, client):
    run = hitung(petugas["pembuat"])
    _cetak(client, petugas["pembuat"], Slip.objects.get(run=run, pegawai=bergaji.staf_a))
    draf = DokumenTerverifikasi.objects.get()
    run = kunci(petugas, run)
    services.cetak_execute(services.cetak_minta(actor=petugas["pembuat"], run=run).pk)
    draf.refresh_from_db()
    slip = Slip.objects.get(run=run, pegawai=bergaji.staf_a)
    assert draf.diganti_oleh.kode == slip.kode_verifikasi
    assert "Versi final" in _halaman(client, draf.kode)


@pytest.mark.django_db
def test_the_public_page_shows_the_minimum_and_checks_the_rest(bergaji, users, petugas, client):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    slip = Slip.objects.get(run=run, pegawai=bergaji.staf_a)
    _cetak(client, petugas["pembuat"], slip)
    url = reverse("verifikasi", args=[slip.kode_verifikasi])
    page = client.get(url).content.decode()
    bersih = f"{int(slip.jumlah_bersih):,}".replace(",", ".")
    assert slip.nama in page and "Gaji induk November 2026" in page
    assert mask_nip(slip.nip) in page
    assert slip.nip not in page.replace(" ", "")  # the full NIP (birth date, sex) is not shown
    assert bersih not in page  # nor the net pay, nor the unit
    assert slip.nama_unit not in page
    ok = client.post(url, {"fakta": "Jumlah bersih", "nilai": f"Rp {bersih}"}).content.decode()
    assert "Jumlah bersih: <strong>cocok</strong>" in ok
    salah = client.post(url, {"fakta": "Jumlah bersih", "nilai": "Rp 9.999.999"}).content.decode()
    assert "Jumlah bersih: <strong>tidak cocok</strong>" in salah
    assert "tidak cocok" in client.post(url, {"fakta": "Jumlah bersih", "nilai": ""}).content.decode()
    assert bersih not in salah


def test_mask_nip():
    assert mask_nip("198804092012032001") == "1988 **** ****** * 001"
    assert mask_nip("1988 0409 201203 2 001".replace(" ", "")) == "1988 **** ****** * 001"
    assert mask_nip("") == "-"
