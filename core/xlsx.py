"""Spreadsheet helpers: reading CSV/XLSX uploads as rows and writing XLSX downloads."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill


class SpreadsheetError(ValueError):
    """The file itself cannot be read; the message is Indonesian and shown as-is."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path_or_file, *, filename: str, max_bytes: int | None = None) -> Iterator[list[str]]:
    """Yield every row (header first) as a list of stripped strings; .csv or .xlsx by file name."""
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
        yield from _read_csv(path_or_file)
    elif name.endswith(".xlsx"):
        yield from _read_xlsx(path_or_file)
    else:
        raise SpreadsheetError("Berkas harus berformat .xlsx atau .csv.")


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
    for row in csv.reader(io.StringIO(text)):
        yield [cell.strip() for cell in row]


def _read_xlsx(path_or_file) -> Iterator[list[str]]:
    if not isinstance(path_or_file, str | Path):
        path_or_file.seek(0)
    try:
        workbook = load_workbook(path_or_file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SpreadsheetError("Berkas bukan spreadsheet Excel (.xlsx) yang dapat dibaca.") from None
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    finally:
        workbook.close()


def write_xlsx(headers: list[str], rows: Iterable[Iterable], *, title: str = "Data") -> bytes:
    """A one-sheet workbook with a bold, frozen header row (write-only: constant memory)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    from openpyxl.cell import WriteOnlyCell

    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(headers: list[str], rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
