"""Spreadsheet helpers: reading CSV/XLSX uploads as rows and writing XLSX/CSV downloads.

Every spreadsheet the product writes goes through `write_xlsx`/`write_csv` (or, for a writer with its own
layout, `xlsx_cell`/`xlsx_protect`/`csv_value`), so that no text a user typed can become a formula in Excel or
LibreOffice (CSV/formula injection, OWASP): a string starting with `=`, `+`, `-`, `@`, a tab or a
carriage return is stored as text — in XLSX as a string cell with the quote-prefix style, in CSV behind
a leading apostrophe, which `read_rows` removes again, so export → import stays a no-op. Numbers stay
numbers (a negative amount is not text a user typed).

Reading is bounded for hostile files: a CSV field or an XLSX that cannot be parsed gives a
`SpreadsheetError` (an Indonesian message), never a server error, and `read_rows` stops with one once a
file has more than `settings.ASN_IMPORT_MAX_ROWS` data rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ValueError):
    """The file itself cannot be read; the message is Indonesian and shown as-is."""


def _needs_quote(text: str) -> bool:
    """True when a spreadsheet would read the text as a formula, also behind apostrophes we added.

    `'=x` is written as `''=x`, so that reading removes exactly one apostrophe and gives back `'=x`.
    """
    return text.lstrip("'").startswith(FORMULA_TRIGGERS)


def csv_value(value):
    """A value for a CSV cell: formula-like text behind an apostrophe; anything else unchanged."""
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def csv_value_read(text: str) -> str:
    """The inverse of csv_value for a cell read back from a CSV file."""
    if text.startswith("'") and _needs_quote(text):
        return text[1:]
    return text


def xlsx_protect(cell):
    """Make a cell holding formula-like text a plain string cell with the quote prefix (shown as text);
    for a writer with its own layout (a normal or write-only workbook). Returns the cell."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_cell(sheet, value) -> WriteOnlyCell:
    """A write-only cell; formula-like text is stored as a string with the quote prefix (shown as text)."""
    return xlsx_protect(WriteOnlyCell(sheet, value=value))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(
    path_or_file, *, filename: str, max_bytes: int | None = None, max_rows: int | None = None
) -> Iterator[list[str]]:
    """Yield every row (header first) as a list of stripped strings; .csv or .xlsx by file name.

    Rows are streamed (an XLSX is opened read-only), so a caller can reject a file on its header before
    the rest is read. More than max_rows data rows (default `settings.ASN_IMPORT_MAX_ROWS`) raise
    SpreadsheetError when the row past the limit is reached.
    """
    name = filename.lower()
    if max_bytes is not None:
        size = (
            Path(path_or_file).stat().st_size if isinstance(path_or_file, str | Path) else path_or_file.size
        )
        if size > max_bytes:
            raise SpreadsheetError(
                f"Berkas terlalu besar ({size // 1024 // 1024} MB); batasnya {max_bytes // 1024 // 1024} MB."
            )
    if name.endswith(".csv"):
        rows = _read_csv(path_or_file)
    elif name.endswith(".xlsx"):
        rows = _read_xlsx(path_or_file)
    else:
        raise SpreadsheetError("Berkas harus berformat .xlsx atau .csv.")
    limit = settings.ASN_IMPORT_MAX_ROWS if max_rows is None else max_rows
    for number, row in enumerate(rows):
        if number > limit:
            raise SpreadsheetError(
                f"Berkas berisi lebih dari {limit:,} baris data".replace(",", ".")
                + " (baris kosong yang berformat ikut terhitung); hapus baris kosong di bawah data"
                " atau pecah menjadi beberapa berkas."
            )
        yield row


def _read_csv(path_or_file) -> Iterator[list[str]]:
    if isinstance(path_or_file, str | Path):
        raw = Path(path_or_file).read_bytes()
    else:
        path_or_file.seek(0)
        raw = path_or_file.read()
    if b"\x00" in raw[:4096]:
        raise SpreadsheetError("Berkas bukan CSV teks; simpan ulang sebagai CSV UTF-8 atau .xlsx.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError("Berkas CSV harus berenkode UTF-8.") from None
    reader = csv.reader(io.StringIO(text))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SpreadsheetError(
                f"Berkas CSV rusak di baris {reader.line_num}: {_csv_problem(exc)}"
            ) from None
        yield [csv_value_read(cell.strip()) for cell in row]


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"ada isian lebih panjang dari {csv.field_size_limit():,} karakter.".replace(",", ".")
    return "format CSV tidak sah (periksa tanda kutip)."


def _read_xlsx(path_or_file) -> Iterator[list[str]]:
    if not isinstance(path_or_file, str | Path):
        path_or_file.seek(0)
    unreadable = "Berkas bukan spreadsheet Excel (.xlsx) yang dapat dibaca."
    try:
        workbook = load_workbook(path_or_file, read_only=True, data_only=True)
    except Exception:  # a hostile or broken file raises anything (zipfile, lxml, openpyxl)
        raise SpreadsheetError(unreadable) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(unreadable)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception:  # the sheet XML is parsed while iterating
                raise SpreadsheetError(unreadable) from None
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def write_xlsx(headers: list[str], rows: Iterable[Iterable], *, title: str = "Data") -> bytes:
    """A one-sheet workbook with a bold, frozen header row (write-only: constant memory)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = xlsx_cell(sheet, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(
            [xlsx_cell(sheet, v) if isinstance(v, str) and v.startswith(FORMULA_TRIGGERS) else v for v in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(headers: list[str], rows: Iterable[Iterable]) -> bytes:
    """UTF-8 CSV with a header row; formula-like text behind an apostrophe (see csv_value)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_value(h) for h in headers])
    writer.writerows([csv_value(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")
