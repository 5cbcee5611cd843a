"""import_jabatan (CONTRACT): upsert by (kode_unit, nama) with the ABK need and requirements,
all-or-nothing, every bad row named by row and column, --dry-run, and the browser upload."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

from pegawai.impor.jabatan import JABATAN_COLUMNS
from pegawai.models import Jabatan, UraianTugasJabatan


def _csv(path, rows, columns=JABATAN_COLUMNS):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in columns})
    return path


def _rows():
    return [
        # An existing position (case differs): its need and requirements are updated.
        {"kode_unit": "A.1", "nama": "pengelola data pendidikan", "jenis_jabatan": "pelaksana", "kelas_jabatan": "6",
         "kebutuhan": "5", "syarat_pendidikan": "D-III", "syarat_jurusan": "Manajemen; Administrasi",
         "syarat_golongan": "ii/c", "kompetensi": "Pengelolaan data; Dapodik"},
        # A new functional position.
        {"kode_unit": "B", "nama": "Perawat Ahli Pertama", "jenis_jabatan": "fungsional",
         "jenjang_fungsional": "Ahli Pertama", "kelas_jabatan": "8", "kebutuhan": "4", "syarat_pendidikan": "S1",
         "syarat_jurusan": "Keperawatan; Ners", "syarat_golongan": "III/a"},
    ]  # fmt: skip


def test_import_upserts_with_history_and_is_idempotent(org, users, tmp_path, capsys):
    path = _csv(tmp_path / "jabatan.csv", _rows())
    call_command("import_jabatan", str(path), "--user", "admin_bkd")
    assert "2 baris valid: 1 baru, 1 diperbarui, 0 tidak berubah" in capsys.readouterr().out
    staf = Jabatan.objects.get(pk=org.staf_a.jabatan_id)
    assert (staf.nama, staf.kebutuhan, staf.sumber_kebutuhan) == ("Pengelola Data Pendidikan", 5, "impor")
    assert (staf.syarat_pendidikan, staf.syarat_jurusan, staf.syarat_golongan.kode, staf.kompetensi) == (
        "D3", "Manajemen; Administrasi", "II/c", "Pengelolaan data; Dapodik",
    )  # fmt: skip
    perawat = Jabatan.objects.get(unit_kerja=org.opd_b, nama="Perawat Ahli Pertama")
    assert (perawat.jenis, perawat.jenjang_fungsional, perawat.kelas_jabatan, perawat.kebutuhan) == (
        "fungsional", "ahli pertama", 8, 4,
    )  # fmt: skip
    assert (perawat.syarat_pendidikan, perawat.syarat_golongan.kode, perawat.is_kepala) == (
        "S1",
        "III/a",
        False,
    )
    h = staf.history.first()
    assert (h.history_type, h.history_user, h.history_change_reason) == (
        "~", users["admin_bkd"], "Impor berkas jabatan.csv",
    )  # fmt: skip
    count = Jabatan.history.count()
    call_command("import_jabatan", str(path))
    assert "2 baris valid: 0 baru, 0 diperbarui, 2 tidak berubah" in capsys.readouterr().out
    assert Jabatan.history.count() == count


def test_bad_rows_are_all_reported_and_nothing_is_written(org, tmp_path, capsys):
    rows = [
        *_rows(),
        {"kode_unit": "ZZ", "nama": "Analis", "jenis_jabatan": "pelaksana"},
        {"kode_unit": "B", "nama": "Kepala Seksi X", "jenis_jabatan": "pengawas", "kebutuhan": "-1",
         "syarat_pendidikan": "S4", "syarat_golongan": "V/a", "kelas_jabatan": "18"},
        {"kode_unit": "B", "nama": "perawat ahli pertama", "jenis_jabatan": "Dokter", "kebutuhan": "dua"},
        {"kode_unit": "", "nama": "", "jenis_jabatan": "", "kelas_jabatan": "5"},
    ]  # fmt: skip
    path = _csv(tmp_path / "jabatan.csv", rows)
    before = list(Jabatan.objects.order_by("pk").values())
    with pytest.raises(CommandError, match="kesalahan; tidak ada data yang disimpan"):
        call_command("import_jabatan", str(path))
    err = capsys.readouterr().err
    for line in [
        "baris 4, kolom kode_unit: unit kerja dengan kode 'ZZ' tidak ada; impor unit kerja dulu.",
        "baris 5, kolom eselon: wajib diisi untuk jabatan struktural (jpt, administrator, pengawas).",
        "baris 5, kolom kebutuhan: harus antara 0 dan 100000.",
        "baris 5, kolom kelas_jabatan: harus antara 1 dan 17.",
        "baris 5, kolom syarat_golongan: golongan 'V/a' tidak dikenal (contoh: II/c untuk PNS, IX untuk PPPK).",
        "baris 6, kolom nama: jabatan perawat ahli pertama di unit B sudah ada di baris 3 berkas ini.",
        "baris 6, kolom kebutuhan: 'dua' bukan bilangan bulat.",
        "baris 7, kolom kode_unit: wajib diisi.",
        "baris 7, kolom nama: wajib diisi.",
        "baris 7, kolom jenis_jabatan: wajib diisi.",
    ]:
        assert line in err, line
    assert "baris 5, kolom syarat_pendidikan: nilai 'S4' tidak dikenal" in err
    assert "baris 6, kolom jenis_jabatan: nilai 'Dokter' tidak dikenal" in err
    assert list(Jabatan.objects.order_by("pk").values()) == before


def test_dry_run_writes_nothing(org, tmp_path, capsys):
    path = _csv(tmp_path / "jabatan.xlsx.csv", _rows())
    call_command("import_jabatan", str(path), "--dry-run")
    assert "Pemeriksaan (--dry-run, tidak ada yang disimpan): 2 baris valid: 1 baru, 1 sudah ada" in (
        capsys.readouterr().out
    )
    assert not Jabatan.objects.filter(nama="Perawat Ahli Pertama").exists()
    assert Jabatan.objects.get(pk=org.staf_a.jabatan_id).kebutuhan == 3


def test_missing_column_keeps_value_and_abk_need_refuses_another(org, tmp_path, capsys):
    staf = org.staf_a.jabatan
    staf.syarat_jurusan = "Manajemen"
    staf.save()
    path = _csv(
        tmp_path / "j.csv",
        [{"kode_unit": "A.1", "nama": staf.nama, "jenis_jabatan": "pelaksana", "kebutuhan": "4"}],
        columns=["kode_unit", "nama", "jenis_jabatan", "kebutuhan"],
    )
    call_command("import_jabatan", str(path))
    staf.refresh_from_db()
    assert (staf.kebutuhan, staf.syarat_jurusan, staf.kelas_jabatan) == (4, "Manajemen", 6)
    UraianTugasJabatan.objects.create(
        jabatan=staf, uraian="Rekap", volume_per_tahun=1500, waktu_penyelesaian_menit=75
    )
    staf.kebutuhan, staf.sumber_kebutuhan = 2, "abk"
    staf.save()
    path = _csv(tmp_path / "k.csv", [{"kode_unit": "A.1", "nama": staf.nama, "jenis_jabatan": "pelaksana",
                                      "kebutuhan": "6"}])  # fmt: skip
    with pytest.raises(CommandError):
        call_command("import_jabatan", str(path))
    assert "baris 2, kolom kebutuhan: kebutuhan jabatan ini dihitung dari uraian tugas (ABK) = 2" in (
        capsys.readouterr().err
    )


def test_browser_upload_preview_and_confirm(org, client_as, tmp_path):
    client = client_as("admin_bkd")
    assert "Jabatan (kebutuhan ABK dan syarat)" in client.get("/impor/").content.decode()
    template = client.get("/impor/jabatan/templat/")
    assert template.status_code == 200
    path = _csv(tmp_path / "jabatan.csv", _rows())
    with path.open("rb") as fh:
        response = client.post("/impor/jabatan/", {"berkas": fh})
    assert response.status_code == 200
    token = response.context["token"]
    assert not Jabatan.objects.filter(nama="Perawat Ahli Pertama").exists()
    response = client.post("/impor/jabatan/konfirmasi/", {"token": token})
    assert response.status_code == 302
    assert Jabatan.objects.filter(nama="Perawat Ahli Pertama", kebutuhan=4).exists()
