"""Every proposal shows its effect on the monthly TPP cost (issue 13 point 1): the ceiling of the old
kelas jabatan against the new one, under the TPP rule in force in the first month the new class is paid,
read from penggajian through the registry in pegawai.biaya_tpp (mutasi does not import penggajian).
Ceilings of the demo TPP rule (penggajian/data/tpp_aturan_contoh.csv): kelas 6 Rp3.000.000, kelas 7
Rp3.500.000."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from mutasi.dampak_tpp import bulan_dibayar, dampak_tpp
from pegawai import biaya_tpp

from .conftest import buat_usulan

ATURAN = "Peraturan Wali Kota (contoh) tentang Tambahan Penghasilan Pegawai"


def test_bulan_dibayar_mengikuti_tanggal_1():
    assert bulan_dibayar(dt.date(2027, 1, 1)) == dt.date(2027, 1, 1)
    assert bulan_dibayar(dt.date(2027, 1, 15)) == dt.date(2027, 2, 1)
    assert bulan_dibayar(dt.date(2026, 12, 2)) == dt.date(2027, 1, 1)


def test_halaman_usulan_menampilkan_biaya_tpp(client_as, users, org, usulan_draft):
    # staf_a: Pengelola Data Pendidikan (kelas 6, Bidang Pembinaan SD) → Analis Data Kesehatan (kelas 7,
    # Dinas Kesehatan), TMT 1 January 2027: paid from January.
    html = client_as("operator_opd").get(reverse("mutasi:usulan_detail", args=[usulan_draft.pk])).content
    html = html.decode()
    assert (
        "TPP per bulan: kelas 6 Rp3.000.000 → kelas 7 Rp3.500.000 (+Rp500.000 per bulan mulai Januari 2027; "
        f"pagu {ATURAN})"
    ) in html
    # Both sides' staffing: Bidang Pembinaan SD needs 1 + 3 and has kabid + staf_a (selisih 2 → 3); Dinas
    # Kesehatan's own positions need 1 + 1 (factory default) and hold staf_b (1 → 0).
    assert "Bidang Pembinaan SD −1" in html and "Dinas Kesehatan +1" in html


def test_turun_kelas_dan_tmt_tengah_bulan(org, users):
    from tests.factories import JabatanFactory

    rendah = JabatanFactory(unit_kerja=org.opd_b, nama="Pengadministrasi Perkantoran", kelas_jabatan=5)
    usulan = buat_usulan(users["operator_opd"], org.staf_a, rendah, tmt_rencana=dt.date(2027, 1, 15))
    d = dampak_tpp(6, 5, usulan.tmt_rencana)
    assert (d.tpp_asal, d.tpp_tujuan, d.selisih) == (
        Decimal(3_000_000),
        Decimal(2_750_000),
        Decimal(-250_000),
    )
    assert d.teks == (
        "TPP per bulan: kelas 6 Rp3.000.000 → kelas 5 Rp2.750.000 (−Rp250.000 per bulan mulai Februari 2027; "
        f"pagu {ATURAN})"
    )


def test_tanpa_pembaca_atau_kelas_tidak_dikenal(org, monkeypatch):
    # A class the rule has no ceiling for counts as 0 and is named.
    d = dampak_tpp(6, 25, dt.date(2027, 1, 1))
    assert d.selisih == Decimal(-3_000_000)
    assert d.teks.endswith("Pagu kelas 25 tidak ada pada aturan TPP itu (dihitung Rp0)")
    # An incoming move: no class before.
    assert dampak_tpp(None, 7, dt.date(2027, 1, 1)).teks.startswith("TPP per bulan: tidak ada → kelas 7")
    # No reader registered (penggajian not installed): unknown, not zero.
    monkeypatch.setattr(biaya_tpp, "_pembaca", None)
    assert dampak_tpp(6, 7, dt.date(2027, 1, 1)) is None
