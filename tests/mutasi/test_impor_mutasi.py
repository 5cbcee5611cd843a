"""import_mutasi / export_mutasi (CONTRACT, the **mutasi** format): upsert by (nip, nomor_sk), a TMT on or
before today takes effect at once and a later one on its day through the beat task (the same path as an
SK issued in the application), all-or-nothing with every bad row named, export → import round-trips."""

from __future__ import annotations

import csv
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from mutasi.impor import COLUMNS, EXPORT_COLUMNS
from mutasi.models import PegawaiSKMutasi, SKMutasi
from mutasi.services import sk as services_sk
from pegawai.models import Pegawai, RiwayatJabatan

from .test_sk import terbitkan


def _csv(path, rows, columns=COLUMNS):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in columns})
    return path


@pytest.fixture
def tujuan(jabatan_tujuan):
    return jabatan_tujuan


def _rows(org):
    return [
        {"nip": org.staf_a.nip, "jenis": "dalam_pemda", "kode_unit_tujuan": "B", "jabatan_tujuan": "Analis Data Kesehatan",
         "tmt": "2026-10-01", "nomor_sk": "800/55/BKPSDM/2026", "tanggal_sk": "20-09-2026", "pejabat_penetap": "Wali Kota Palu"},
        {"nip": org.staf_b.nip, "jenis": "dalam_pemda", "kode_unit_tujuan": "A.1", "jabatan_tujuan": "Pengelola Data Pendidikan",
         "tmt": "2027-01-01", "nomor_sk": "800/55/BKPSDM/2026", "tanggal_sk": "2026-09-20", "pejabat_penetap": "Wali Kota Palu"},
    ]  # fmt: skip


def test_impor_berlaku_segera_atau_pada_tmt(org, users, tujuan, tmp_path, capsys, time_machine):
    path = _csv(tmp_path / "mutasi.csv", _rows(org))
    call_command("import_mutasi", str(path), "--user", "admin_bkd")
    assert "2 baris valid: 2 baru" in capsys.readouterr().out
    sk = SKMutasi.objects.get(nomor="800/55/BKPSDM/2026")
    assert sk.sumber == "impor" and sk.tanggal == dt.date(2026, 9, 20)
    staf = Pegawai.objects.get(pk=org.staf_a.pk)
    assert staf.jabatan == tujuan and staf.tmt_jabatan == dt.date(2026, 10, 1)
    assert staf.history.first().history_user == users["admin_bkd"]
    assert RiwayatJabatan.objects.get(pegawai=staf, tmt=dt.date(2026, 10, 1)).nomor_sk == "800/55/BKPSDM/2026"
    b = PegawaiSKMutasi.objects.get(pegawai=org.staf_b)
    assert b.status == "menunggu_tmt"
    assert Pegawai.objects.get(pk=org.staf_b.pk).jabatan.nama == "Pengadministrasi Umum"
    # Again: nothing changes.
    call_command("import_mutasi", str(path), "--user", "admin_bkd")
    assert "0 baru, 0 diperbarui, 2 tidak berubah" in capsys.readouterr().out
    # On its TMT the beat task applies the second one.
    time_machine.move_to(dt.datetime(2027, 1, 1, 0, 15, tzinfo=ZoneInfo("Asia/Makassar")))
    assert services_sk.mutasi_apply_due() == {"diterapkan": 1, "gagal": 0}
    assert Pegawai.objects.get(pk=org.staf_b.pk).jabatan.nama == "Pengelola Data Pendidikan"


def test_baris_salah_disebut_semua_dan_tidak_ada_yang_ditulis(org, users, tujuan, tmp_path, capsys):
    org.staf_b.aktif = False
    org.staf_b.save(update_fields=["aktif"])
    rows = _rows(org)
    rows[1]["tmt"] = "2026-10-01"
    rows.append({**rows[0], "nip": "199001012020121001"})
    rows.append({**rows[0], "nip": org.kabid_a.nip, "jabatan_tujuan": "Tidak Ada"})
    path = _csv(tmp_path / "salah.csv", rows)
    with pytest.raises(CommandError, match="kesalahan; tidak ada data yang disimpan"):
        call_command("import_mutasi", str(path), "--user", "admin_bkd")
    err = capsys.readouterr().err
    assert "baris 3, kolom nip:" in err and "tidak aktif" in err
    assert "baris 4, kolom nip: tidak ada pegawai dengan NIP 199001012020121001" in err
    assert "baris 5, kolom jabatan_tujuan: tidak ada jabatan 'Tidak Ada' di unit B" in err
    assert not SKMutasi.objects.exists()
    assert Pegawai.objects.get(pk=org.staf_a.pk).jabatan.nama == "Pengelola Data Pendidikan"


def test_dry_run_tidak_menulis(org, users, tujuan, tmp_path, capsys):
    path = _csv(tmp_path / "mutasi.csv", _rows(org))
    call_command("import_mutasi", str(path), "--dry-run")
    assert "Pemeriksaan (--dry-run" in capsys.readouterr().out
    assert not SKMutasi.objects.exists()


def test_ekspor_impor_pulang_pergi_dan_penjaga_rumus(org, users, tujuan, tmp_path, capsys, usulan_disetujui):
    sk_app = terbitkan(users, [usulan_disetujui])  # staf_a → TMT 2027-01-01, from the application
    rows = [_rows(org)[1]]
    rows[0]["tmt"] = "2027-02-01"
    rows.append(
        {"nip": org.kabid_a.nip, "jenis": "keluar", "tmt": "2027-03-01", "nomor_sk": "=HYPERLINK(1)",
         "tanggal_sk": "2026-10-01", "instansi": "Pemerintah Provinsi Sulawesi Tengah"}
    )  # fmt: skip
    call_command("import_mutasi", str(_csv(tmp_path / "in.csv", rows)), "--user", "admin_bkd")
    capsys.readouterr()
    keluar = tmp_path / "2027.csv"
    call_command("export_mutasi", "2027", str(keluar))
    assert "3 mutasi dengan TMT tahun 2027" in capsys.readouterr().out
    with keluar.open(encoding="utf-8") as fh:
        data = list(csv.DictReader(fh))
    assert list(data[0]) == EXPORT_COLUMNS
    by_nip = {r["nip"]: r for r in data}
    assert by_nip[org.staf_a.nip]["nomor_sk"] == sk_app.nomor
    assert by_nip[org.staf_a.nip]["jabatan_asal"] == "Pengelola Data Pendidikan"
    assert by_nip[org.staf_a.nip]["kode_unit_asal"] == "A.1"
    assert by_nip[org.staf_a.nip]["status"] == "menunggu_tmt"
    assert by_nip[org.kabid_a.nip]["nomor_sk"] == "'=HYPERLINK(1)"  # formula guard
    jumlah = (SKMutasi.objects.count(), PegawaiSKMutasi.objects.count())
    call_command("import_mutasi", str(keluar), "--user", "admin_bkd")
    assert "0 baru, 0 diperbarui, 3 tidak berubah" in capsys.readouterr().out
    assert (SKMutasi.objects.count(), PegawaiSKMutasi.objects.count()) == jumlah
    # xlsx too
    call_command("export_mutasi", "2027", str(tmp_path / "2027.xlsx"))
    call_command("import_mutasi", str(tmp_path / "2027.xlsx"), "--user", "admin_bkd")
    assert "3 tidak berubah" in capsys.readouterr().out


def test_sk_aplikasi_tidak_diubah_lewat_impor(org, users, tujuan, tmp_path, capsys, usulan_disetujui):
    sk_app = terbitkan(users, [usulan_disetujui])
    rows = [{**_rows(org)[0], "nomor_sk": sk_app.nomor, "tanggal_sk": "2026-11-02", "tmt": "2027-02-01"}]
    with pytest.raises(CommandError):
        call_command("import_mutasi", str(_csv(tmp_path / "x.csv", rows)), "--user", "admin_bkd")
    assert "diterbitkan di aplikasi" in capsys.readouterr().err
