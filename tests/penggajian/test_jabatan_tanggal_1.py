"""Pay follows the position held on the 1st of the month (issue 13 point 10): a move with TMT on the
15th leaves that month on the old kelas jabatan and pays the new one from the next month; a move with
TMT on the 1st pays the new class that month. The slip says so. Amounts from the demo TPP rule
(penggajian/data/tpp_aturan_contoh.csv): pagu kelas 5 Rp2.750.000, kelas 7 Rp3.500.000; the discipline
part is 40 % of the pagu at 100 % discipline."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.services_perpindahan import perpindahan_apply
from penggajian import services
from penggajian.models import RekapKehadiran, Slip
from tests.factories import JabatanFactory, PegawaiFactory
from tests.penggajian.bantu import hitung


def _rekap(bulan: int) -> None:
    from pegawai.models import Pegawai

    for p in Pegawai.objects.filter(aktif=True):
        RekapKehadiran.objects.get_or_create(pegawai=p, tahun=2026, bulan=bulan, defaults={"hari_kerja": 21})


def _pindah(users, pegawai, tmt: dt.date, nomor: str):
    jab = JabatanFactory(
        unit_kerja=pegawai.unit_kerja, nama=f"Analis Kepegawaian {nomor}", jenis="pelaksana", kelas_jabatan=7
    )
    perpindahan_apply(
        actor=users["admin_bkd"], pegawai=pegawai, jabatan_baru=jab, tmt=tmt, nomor_sk=nomor, tanggal_sk=tmt
    )
    return jab


def _pagu(run, pegawai) -> tuple[int, int, str]:
    slip = Slip.objects.get(run=run, pegawai=pegawai)
    baris = next(b for b in slip.rincian if b["kode"] == "pagu_tpp")
    return slip.kolom["pagu_tpp"], slip.kolom["tpp_disiplin"], baris["penjelasan"]


def test_tmt_tanggal_15_bulan_itu_kelas_lama_bulan_berikut_kelas_baru(bergaji, users, petugas):
    staf_b = bergaji.staf_b  # Pengadministrasi Umum, kelas 5
    _pindah(users, staf_b, dt.date(2026, 11, 15), "800/15/BKPSDM/2026")
    _rekap(11)
    _rekap(12)
    nov = hitung(petugas["pembuat"], 11, "tpp")
    pagu, disiplin, teks = _pagu(nov, staf_b)
    # November: on 1 November staf_b held Pengadministrasi Umum (kelas 5): 2.750.000; 40 % = 1.100.000.
    assert (pagu, disiplin) == (2_750_000, 1_100_000)
    assert Slip.objects.get(run=nov, pegawai=staf_b).masukan["kelas_jabatan"] == 5
    assert teks == (
        "Kelas jabatan 5 (Peraturan Wali Kota (contoh) tentang Tambahan Penghasilan Pegawai). Kelas jabatan "
        "bulan ini mengikuti jabatan Pengadministrasi "
        "Umum yang dipegang pada tanggal 1; jabatan Analis Kepegawaian 800/15/BKPSDM/2026 (TMT 15 November "
        "2026) dibayar mulai Desember 2026"
    )
    assert "Pengadministrasi Umum yang dipegang pada tanggal 1" in teks
    assert "(TMT 15 November 2026) dibayar mulai Desember 2026" in teks

    des = hitung(petugas["pembuat"], 12, "tpp")
    pagu, disiplin, teks = _pagu(des, staf_b)
    # December: the new post (kelas 7) was held on 1 December: 3.500.000; 40 % = 1.400.000.
    assert (pagu, disiplin) == (3_500_000, 1_400_000)
    assert teks.endswith(
        "Kelas jabatan mengikuti jabatan Analis Kepegawaian 800/15/BKPSDM/2026 (TMT 15 November 2026)"
    )
    # Somebody who did not move has no note.
    assert "mengikuti jabatan" not in _pagu(des, bergaji.staf_a)[2]


def test_tmt_tanggal_1_bulan_itu_kelas_baru(bergaji, users, petugas):
    staf_b = bergaji.staf_b
    _pindah(users, staf_b, dt.date(2026, 11, 1), "800/16/BKPSDM/2026")
    _rekap(11)
    _rekap(10)
    nov = hitung(petugas["pembuat"], 11, "tpp")
    pagu, disiplin, teks = _pagu(nov, staf_b)
    assert (pagu, disiplin) == (3_500_000, 1_400_000)
    assert teks.endswith(
        "Kelas jabatan mengikuti jabatan Analis Kepegawaian 800/16/BKPSDM/2026 (TMT 1 November 2026)"
    )
    # October (computed late, after the move was recorded): still the old class, no note.
    okt = hitung(petugas["pembuat"], 10, "tpp")
    pagu, _disiplin, teks = _pagu(okt, staf_b)
    assert pagu == 2_750_000
    assert "mengikuti jabatan" not in teks


def test_query_gaji_rata_dengan_perpindahan_3_dan_10_pegawai(bergaji, users, petugas):
    def queries(bulan):
        run = services.run_hitung(
            actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=bulan, antrikan=False
        )
        with CaptureQueriesContext(connection) as ctx:
            run = services.run_execute(run.pk)
        return run, len(ctx.captured_queries)

    def tambah(dari, sampai):
        for i in range(dari, sampai):
            p = PegawaiFactory(
                jabatan=bergaji.staf_a.jabatan, nama=f"Baru {i}", nama_bank="BRI", nomor_rekening=f"5{i}",
                tmt_jabatan=dt.date(2020, 1, 1),
            )  # fmt: skip
            _pindah(users, p, dt.date(2026, 10, 15), f"800/{100 + i}/BKPSDM/2026")

    tambah(0, 3)
    kecil, n_kecil = queries(9)
    tambah(3, 10)
    besar, n_besar = queries(10)
    assert (kecil.jumlah_slip, besar.jumlah_slip) == (7, 14)
    assert n_kecil == n_besar
