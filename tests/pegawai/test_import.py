"""Imports are all-or-nothing: every bad row is reported as `baris N, kolom X: pesan` and nothing is written."""

import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.nip import make_nip
from pegawai.impor import PEGAWAI_COLUMNS, PegawaiImporter
from pegawai.models import Jabatan, Keluarga, Pegawai, UnitKerja


def _row(**overrides):
    lahir = overrides.pop("lahir", dt.date(1988, 4, 9))
    sex = overrides.pop("sex", "P")
    tmt = dt.date(2012, 3, 1)
    row = dict.fromkeys(PEGAWAI_COLUMNS, "")
    row.update(
        nip=make_nip(tanggal_lahir=lahir, jenis_kelamin=sex, nomor_urut=overrides.pop("urut", 0), tmt=tmt),
        nama="Rahmawati",
        tanggal_lahir=lahir.isoformat(),
        jenis_kelamin=sex,
        status_kepegawaian="PNS",
        golongan="III/b",
        tmt_golongan="2016-04-01",
        mkg_tahun="4",
        mkg_bulan="0",
        tmt_cpns="2012-03-01",
        kode_unit="A.1",
        jabatan="Analis Data Pendidikan",
        jenis_jabatan="pelaksana",
        kelas_jabatan="7",
        tmt_jabatan="2020-01-02",
        pendidikan_jenjang="S1",
        agama="Islam",
    )
    row.update(overrides)
    return row


def _write_csv(path, rows, columns=PEGAWAI_COLUMNS):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_valid_file_creates_employees_positions_and_audit(org, tmp_path):
    path = _write_csv(
        tmp_path / "pegawai.csv", [_row(), _row(urut=1, nama="Yusuf", sex="L", lahir=dt.date(1990, 1, 2))]
    )
    call_command("import_pegawai", str(path))
    rahma = Pegawai.objects.get(nama="Rahmawati")
    assert rahma.opd == org.opd_a
    assert rahma.jabatan.nama == "Analis Data Pendidikan"
    assert rahma.atasan == org.kabid_a  # derived from the org chart
    assert Jabatan.objects.filter(unit_kerja=org.bidang_a, nama="Analis Data Pendidikan").count() == 1
    assert rahma.history.get().history_change_reason == "Impor berkas pegawai.csv"
    assert rahma.tanggal_pensiun == dt.date(2046, 5, 1)


def test_every_bad_row_is_reported_and_nothing_is_written(org, tmp_path, capsys):
    rows = [
        _row(),  # row 2 ok
        _row(urut=1, golongan="III/z"),  # row 3 unknown golongan
        _row(urut=2, kode_unit="ZZZ"),  # row 4 unknown unit
        _row(urut=3, tanggal_lahir="31-02-1988"),  # row 5 impossible date
        _row(urut=4, jenis_kelamin="L"),  # row 6 sex disagrees with NIP
        _row(),  # row 7 duplicate NIP of row 2
        _row(urut=5, status_kepegawaian="Honorer", kelas_jabatan="18"),  # row 8 two problems
    ]
    path = _write_csv(tmp_path / "pegawai.csv", rows)
    with pytest.raises(CommandError):
        call_command("import_pegawai", str(path))
    err = capsys.readouterr().err
    assert "baris 3, kolom golongan: golongan 'III/z' tidak dikenal" in err
    assert "baris 4, kolom kode_unit: unit kerja dengan kode 'ZZZ' tidak ada" in err
    assert "baris 5, kolom tanggal_lahir: tanggal '31-02-1988' tidak valid" in err
    assert "baris 6, kolom nip: NIP tidak cocok dengan jenis kelamin." in err
    assert "baris 7, kolom nip: NIP" in err and "sudah ada di baris 2" in err
    assert "baris 8, kolom status_kepegawaian: nilai 'Honorer' tidak dikenal" in err
    assert "baris 8, kolom kelas_jabatan: harus antara 1 dan 17." in err
    assert not Pegawai.objects.filter(nama="Rahmawati").exists()
    assert not Jabatan.objects.filter(nama="Analis Data Pendidikan").exists()


def test_dry_run_writes_nothing(org, tmp_path, capsys):
    path = _write_csv(tmp_path / "pegawai.csv", [_row()])
    call_command("import_pegawai", str(path), dry_run=True)
    assert "1 baru" in capsys.readouterr().out
    assert not Pegawai.objects.filter(nama="Rahmawati").exists()


def test_missing_required_column_is_reported(org, tmp_path, capsys):
    columns = [c for c in PEGAWAI_COLUMNS if c != "golongan"]
    row = {k: v for k, v in _row().items() if k != "golongan"}
    with pytest.raises(CommandError):
        call_command("import_pegawai", str(_write_csv(tmp_path / "p.csv", [row], columns)))
    assert "baris 1, kolom golongan: kolom wajib tidak ada di baris judul." in capsys.readouterr().err


def test_xlsx_is_read_like_csv(org, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(PEGAWAI_COLUMNS)
    row = _row()
    row["tanggal_lahir"] = dt.datetime(1988, 4, 9)  # a real Excel date cell
    ws.append([row[c] for c in PEGAWAI_COLUMNS])
    wb.save(tmp_path / "p.xlsx")
    call_command("import_pegawai", str(tmp_path / "p.xlsx"))
    assert Pegawai.objects.get(nama="Rahmawati").tanggal_lahir == dt.date(1988, 4, 9)


def test_not_a_spreadsheet_gets_a_clear_message(org, tmp_path):
    (tmp_path / "foto.xlsx").write_bytes(b"\x89PNG not a workbook")
    with pytest.raises(CommandError, match="bukan spreadsheet Excel"):
        call_command("import_pegawai", str(tmp_path / "foto.xlsx"))
    (tmp_path / "data.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match=r"\.xlsx atau \.csv"):
        call_command("import_pegawai", str(tmp_path / "data.pdf"))


def test_export_then_import_is_a_no_op(org, tmp_path, capsys):
    Pegawai.objects.filter(pk=org.staf_a.pk).update(atasan=org.kepala_a, atasan_manual=True, telepon="0811")
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"semua.{fmt}"
        call_command("export_pegawai", str(path))
        before = {p["nip"]: p for p in Pegawai.objects.values()}
        history_before = Pegawai.history.count()
        capsys.readouterr()
        call_command("import_pegawai", str(path))
        assert "0 baru, 0 diperbarui, 4 tidak berubah" in capsys.readouterr().out
        after = {p["nip"]: p for p in Pegawai.objects.values()}
        assert after == before
        assert Pegawai.history.count() == history_before


def test_update_changes_only_what_differs(org, tmp_path):
    path = tmp_path / "semua.csv"
    call_command("export_pegawai", str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row["nip"] == org.staf_b.nip:
            row["telepon"] = "082199"
    _write_csv(path, rows)
    call_command("import_pegawai", str(path))
    staf_b = Pegawai.objects.get(pk=org.staf_b.pk)
    assert staf_b.telepon == "082199"
    assert staf_b.history.first().history_type == "~"


def test_browser_importer_is_scoped_to_visible_units(org, users, tmp_path):
    from pegawai.selectors import unit_kerja_visible_to

    path = _write_csv(tmp_path / "p.csv", [_row(kode_unit="B")])
    importer = PegawaiImporter(
        user=users["operator_opd"], units=unit_kerja_visible_to(user=users["operator_opd"])
    )
    report = importer.run(path, filename="p.csv")
    assert [str(e) for e in report.errors] == [
        "baris 2, kolom kode_unit: unit kerja 'B' di luar cakupan Anda."
    ]


def test_unit_kerja_import_resolves_parents_later_in_file_and_reports_errors(db, tmp_path, capsys):
    columns = ["kode", "nama", "kode_induk", "jenis"]
    good = [
        {"kode": "10.01", "nama": "Bidang Anggaran", "kode_induk": "10", "jenis": "bidang"},
        {"kode": "10", "nama": "Badan Keuangan", "kode_induk": "", "jenis": "opd"},
    ]
    call_command("import_unit_kerja", str(_write_csv(tmp_path / "u.csv", good, columns)))
    child = UnitKerja.objects.get(kode="10.01")
    assert child.path == "10/10.01"
    assert child.opd.kode == "10"
    bad = [
        {"kode": "11", "nama": "Dinas X", "kode_induk": "10", "jenis": "opd"},
        {"kode": "11.1", "nama": "Bidang Y", "kode_induk": "99", "jenis": "bidang"},
        {"kode": "11.2", "nama": "", "kode_induk": "10", "jenis": "direktorat"},
    ]
    with pytest.raises(CommandError):
        call_command("import_unit_kerja", str(_write_csv(tmp_path / "u2.csv", bad, columns)))
    err = capsys.readouterr().err
    assert "baris 2, kolom kode_induk: OPD tidak boleh memiliki unit induk" in err
    assert "baris 3, kolom kode_induk: unit induk '99' tidak ada" in err
    assert "baris 4, kolom nama: wajib diisi." in err
    assert "baris 4, kolom jenis: nilai 'direktorat' tidak dikenal" in err
    assert not UnitKerja.objects.filter(kode__startswith="11").exists()


def test_keluarga_import_replaces_family_and_reports_errors(org, tmp_path, capsys):
    columns = ["nip", "hubungan", "nama", "tanggal_lahir", "dapat_tunjangan"]
    Keluarga.objects.create(pegawai=org.staf_a, hubungan="anak", nama="Lama", dapat_tunjangan=True)
    good = [
        {
            "nip": org.staf_a.nip,
            "hubungan": "suami",
            "nama": "Arif",
            "tanggal_lahir": "1985-01-01",
            "dapat_tunjangan": "Y",
        },
        {
            "nip": org.staf_a.nip,
            "hubungan": "anak",
            "nama": "Nisa",
            "tanggal_lahir": "15/06/2015",
            "dapat_tunjangan": "Y",
        },
    ]
    call_command("import_keluarga", str(_write_csv(tmp_path / "k.csv", good, columns)))
    assert sorted(org.staf_a.keluarga.values_list("nama", flat=True)) == ["Arif", "Nisa"]
    assert Keluarga.history.filter(nama="Lama", history_type="-").exists()
    bad = [
        {"nip": "123", "hubungan": "anak", "nama": "X", "tanggal_lahir": "", "dapat_tunjangan": "Y"},
        {
            "nip": org.staf_a.nip,
            "hubungan": "sepupu",
            "nama": "Y",
            "tanggal_lahir": "",
            "dapat_tunjangan": "mungkin",
        },
    ]
    with pytest.raises(CommandError):
        call_command("import_keluarga", str(_write_csv(tmp_path / "k2.csv", bad, columns)))
    err = capsys.readouterr().err
    assert "baris 2, kolom nip: tidak ada pegawai dengan NIP 123" in err
    assert "baris 3, kolom hubungan: nilai 'sepupu' tidak dikenal" in err
    assert "baris 3, kolom dapat_tunjangan: isi Y atau N." in err
    assert sorted(org.staf_a.keluarga.values_list("nama", flat=True)) == ["Arif", "Nisa"]


def test_browser_upload_preview_and_confirm(org, client_as, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_as("admin_bkd")
    assert client.get("/impor/").status_code == 200
    template = client.get("/impor/pegawai/templat/")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = _write_csv(tmp_path / "salah.csv", [_row(golongan="X/x"), _row(urut=1, kode_unit="NOPE")])
    with bad.open("rb") as fh:
        page = client.post("/impor/pegawai/", {"berkas": fh}).content.decode()
    assert "baris 2, kolom golongan: golongan &#x27;X/x&#x27; tidak dikenal" in page
    assert "baris 3, kolom kode_unit: unit kerja dengan kode &#x27;NOPE&#x27; tidak ada" in page
    assert "Konfirmasi impor" not in page
    good = _write_csv(tmp_path / "benar.csv", [_row()])
    with good.open("rb") as fh:
        response = client.post("/impor/pegawai/", {"berkas": fh})
    assert "Konfirmasi impor" in response.content.decode()
    assert not Pegawai.objects.filter(nama="Rahmawati").exists()
    response = client.post("/impor/pegawai/konfirmasi/", {"token": response.context["token"]})
    assert response.status_code == 302
    assert Pegawai.objects.filter(nama="Rahmawati").exists()


def test_browser_rejects_wrong_files_and_other_roles(org, client_as, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ASN_IMPORT_MAX_BYTES = 50
    client = client_as("admin_bkd")
    (tmp_path / "x.docx").write_bytes(b"PK")
    with (tmp_path / "x.docx").open("rb") as fh:
        assert (
            "harus berformat .xlsx atau .csv"
            in client.post("/impor/pegawai/", {"berkas": fh}).content.decode()
        )
    big = _write_csv(tmp_path / "besar.csv", [_row()])
    with big.open("rb") as fh:
        assert "Berkas terlalu besar" in client.post("/impor/pegawai/", {"berkas": fh}).content.decode()
    for role in ("operator_opd", "pimpinan", "pegawai"):
        assert client_as(role).get("/impor/pegawai/").status_code == 403
