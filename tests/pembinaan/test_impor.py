"""import_pelatihan / export_jp per CONTRACT (`pelatihan`, `jp`)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from pembinaan.impor import COLUMNS, EXPORT_COLUMNS
from pembinaan.models import KegiatanPengembangan, RekapJP
from tests.csvfile import tulis_csv

pytestmark = pytest.mark.django_db


def baris(org, **kwargs) -> dict:
    row = {
        "nip": org.staf_a.nip,
        "nama_pelatihan": "Pelatihan Kepemimpinan Pengawas",
        "bentuk": "pelatihan_kepemimpinan",
        "penyelenggara": "BPSDM Provinsi",
        "tanggal_mulai": "2026-02-02",
        "tanggal_selesai": "2026-05-29",
        "jp": "",
        "durasi_menit": "",
        "nomor_sertifikat": "",
    }
    row.update(kwargs)
    return row


def impor(tmp_path, rows, *args, nama="pelatihan.csv"):
    path = tulis_csv(tmp_path / nama, COLUMNS, rows)
    out = io.StringIO()
    call_command("import_pelatihan", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_impor_baik_jp_dan_durasi(org, users, tmp_path):
    out = impor(
        tmp_path,
        [
            baris(org, jp="32", nomor_sertifikat="PKP/2026/1"),
            baris(org, nama_pelatihan="Belajar mandiri SPBE", bentuk="belajar_mandiri", durasi_menit="200"),
            baris(
                org, nip=org.staf_b.nip, bentuk="E_Learning", durasi_menit="44", tanggal_selesai="2026-02-02"
            ),
        ],
        "--user",
        "admin_bkd",
    )
    assert "3 baru" in out
    a = KegiatanPengembangan.objects.get(nomor_sertifikat="PKP/2026/1")
    assert (a.jp_diakui, a.sumber, a.status, a.tahun) == (Decimal(32), "impor", "diverifikasi", 2026)
    b = KegiatanPengembangan.objects.get(bentuk="belajar_mandiri")
    assert b.jp_diakui == Decimal(4) and b.aturan.basis == "menit"  # 200 min → 4 JP
    assert KegiatanPengembangan.objects.get(pegawai=org.staf_b).jp_diakui == Decimal(0)  # 44 min → 0
    r = RekapJP.objects.get(pegawai=org.staf_a, tahun=2026)
    assert (r.jp_klasikal, r.jp_nonklasikal, r.jp_total) == (Decimal(32), Decimal(4), Decimal(36))
    assert a.history.first().history_user == users["admin_bkd"]


def test_dry_run_tidak_menulis(org, tmp_path):
    out = impor(tmp_path, [baris(org, jp="10")], "--dry-run")
    assert "--dry-run" in out
    assert not KegiatanPengembangan.objects.exists() and not RekapJP.objects.exists()


def test_upsert_per_nip_nama_mulai(org, tmp_path):
    impor(tmp_path, [baris(org, jp="10")])
    out = impor(tmp_path, [baris(org, jp="12", tanggal_selesai="2026-06-01")])
    assert "0 baru, 1 diperbarui" in out
    k = KegiatanPengembangan.objects.get()
    assert (k.jp_diakui, k.tanggal_selesai.month) == (Decimal(12), 6)
    assert RekapJP.objects.get(pegawai=org.staf_a).jp_total == Decimal(12)
    out = impor(tmp_path, [baris(org, jp="12", tanggal_selesai="2026-06-01")])
    assert "1 tidak berubah" in out


def test_semua_atau_tidak_sama_sekali(org, tmp_path):
    rows = [
        baris(org, jp="10"),
        baris(org, nama_pelatihan="B", tanggal_selesai="2026-01-01"),  # before start, no JP
        baris(org, nama_pelatihan="C", bentuk="arisan", jp="2"),
        baris(org, nip="199901012020011001", nama_pelatihan="D", jp="2"),
        baris(org, nama_pelatihan="E", jp="2", nomor_sertifikat="X/1"),
        baris(org, nama_pelatihan="F", jp="2", nomor_sertifikat="X/1"),
        baris(org, nama_pelatihan="G", jp="2", tanggal_selesai="2027-01-05"),
        baris(org, jp="3"),  # same key as row 2
        baris(org, nama_pelatihan="H", jp="banyak"),
    ]
    path = tulis_csv(tmp_path / "salah.csv", COLUMNS, rows)
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_pelatihan", str(path), stderr=err)
    pesan = err.getvalue()
    assert "tidak ada data yang disimpan" in str(exc.value)
    assert "baris 3, kolom tanggal_selesai: tanggal selesai tidak boleh sebelum tanggal mulai." in pesan
    assert "baris 3, kolom jp: isi JP (tertera pada sertifikat) atau durasi (menit)." in pesan
    assert "baris 4, kolom bentuk: bentuk 'arisan' tidak dikenal" in pesan
    assert "baris 5, kolom nip: tidak ada pegawai dengan NIP 199901012020011001." in pesan
    assert "baris 7, kolom nomor_sertifikat: nomor sertifikat X/1 sudah dipakai di baris 6." in pesan
    assert "baris 8, kolom tanggal_selesai" in pesan and "masa depan" in pesan
    assert "baris 9, kolom nama_pelatihan" in pesan and "baris 2" in pesan
    assert "baris 10, kolom jp: 'banyak' bukan angka." in pesan
    assert not KegiatanPengembangan.objects.exists()


def test_sertifikat_sudah_ada_di_database(org, tmp_path):
    impor(tmp_path, [baris(org, jp="10", nomor_sertifikat="S/9")])
    rows = [
        baris(org, nip=org.staf_b.nip, jp="10", nomor_sertifikat="S/9"),
        baris(org, nip=org.staf_b.nip, nama_pelatihan="Z", bentuk="arisan", jp="2"),
    ]
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_pelatihan", str(tulis_csv(tmp_path / "s.csv", COLUMNS, rows)), stderr=err)
    pesan = err.getvalue()
    # The ledger is checked after the file is read; the errors are still listed in row order.
    sertifikat = pesan.index(
        "baris 2, kolom nomor_sertifikat: nomor sertifikat S/9 sudah dipakai kegiatan lain."
    )
    assert sertifikat < pesan.index("baris 3, kolom bentuk: bentuk 'arisan' tidak dikenal")
    assert KegiatanPengembangan.objects.count() == 1
    # The same row again (same key) keeps its own number.
    impor(tmp_path, [baris(org, jp="11", nomor_sertifikat="S/9")])
    assert KegiatanPengembangan.objects.get().jp_diakui == Decimal(11)


def test_kolom_wajib_tidak_ada(tmp_path):
    path = tmp_path / "kurang.csv"
    path.write_text("nip,nama_pelatihan\n1,a\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_pelatihan", str(path), stderr=err)
    assert "baris 1, kolom bentuk: kolom wajib tidak ada di baris judul." in err.getvalue()


def test_export_jp_kolom_dan_nilai(org, users, tmp_path):
    impor(tmp_path, [baris(org, jp="18"), baris(org, nama_pelatihan="Coaching", bentuk="coaching", jp="2.5")])
    org.kepala_a.aktif = False
    org.kepala_a.save()
    keluar = tmp_path / "jp.csv"
    call_command("export_jp", "2026", str(keluar), stdout=io.StringIO())
    with keluar.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == EXPORT_COLUMNS
    assert rows[0] == [
        "nip",
        "nama",
        "kode_unit",
        "status_kepegawaian",
        "jp_klasikal",
        "jp_nonklasikal",
        "jp_total",
        "target_jp",
        "memenuhi",
    ]
    per_nip = {r[0]: r for r in rows[1:]}
    assert org.kepala_a.nip not in per_nip  # only active employees
    assert set(per_nip) == {org.kabid_a.nip, org.staf_a.nip, org.staf_b.nip}
    assert per_nip[org.staf_a.nip][2:] == ["A.1", "PNS", "18", "2.5", "20.5", "20", "Y"]
    assert per_nip[org.staf_b.nip][4:] == ["0", "0", "0", "20", "N"]
    assert per_nip[org.staf_a.nip][1] == org.staf_a.nama_lengkap
    # XLSX the same, the other year empty of JP.
    keluar_x = tmp_path / "jp.xlsx"
    call_command("export_jp", "2025", str(keluar_x), stdout=io.StringIO())
    sheet = openpyxl.load_workbook(keluar_x).active
    data = list(sheet.iter_rows(values_only=True))
    assert list(data[0]) == EXPORT_COLUMNS and len(data) == 4
    assert {r[8] for r in data[1:]} == {"N"}


def test_export_jp_penjaga_formula(org, tmp_path):
    org.staf_a.nama = "=HYPERLINK(1)"
    org.staf_a.save()
    keluar = tmp_path / "jp.csv"
    call_command("export_jp", "2026", str(keluar), stdout=io.StringIO())
    assert "'=HYPERLINK(1)" in keluar.read_text(encoding="utf-8")
