"""Shared pieces of the importers: reading, row errors, value parsers, bulk audit rows."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.dates import parse_tanggal
from core.db import analyze_after_bulk_write
from core.xlsx import SpreadsheetError, read_rows

from ..models import Pegawai


@dataclass(frozen=True)
class RowError:
    baris: int
    kolom: str
    pesan: str

    def __str__(self) -> str:
        return f"baris {self.baris}, kolom {self.kolom}: {self.pesan}"


@dataclass
class ImportReport:
    """What an import found (and, unless dry_run or errors, wrote)."""

    jumlah_baris: int = 0
    baru: int = 0
    diperbarui: int = 0
    tidak_berubah: int = 0
    errors: list[RowError] = field(default_factory=list)
    contoh: list[dict] = field(default_factory=list)  # first rows, for the preview page
    ditulis: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def ringkasan(self) -> str:
        if not self.ditulis:
            return (
                f"{self.jumlah_baris} baris valid: {self.baru} baru, {self.diperbarui} sudah ada "
                "(diperbarui bila ada yang berbeda)."
            )
        return (
            f"{self.jumlah_baris} baris valid: {self.baru} baru, {self.diperbarui} diperbarui, "
            f"{self.tidak_berubah} tidak berubah."
        )


class Table:
    """Header-indexed rows; row numbers as a spreadsheet shows them (header = 1)."""

    def __init__(self, header: list[str], rows) -> None:
        self.header = [h.strip().lower().lstrip("\ufeff").rstrip("*").strip() for h in header]
        self.index = {name: i for i, name in enumerate(self.header) if name}
        self._rows = rows
        self.count = 0

    @property
    def rows(self):
        """The data rows, streamed once (constant memory for large files); counts them as it goes."""
        for number, row in self._rows:
            self.count += 1
            yield number, row

    def get(self, row: list[str], column: str) -> str:
        i = self.index.get(column)
        if i is None or i >= len(row):
            return ""
        return row[i].strip()


def read_table(source, *, filename: str, max_bytes: int | None = None, max_rows: int | None = None) -> Table:
    """Open a .csv/.xlsx upload or path and read its header; the data rows (fully blank ones skipped)
    stream while the importer validates, so a file with a wrong header is rejected before they are read.
    Raises SpreadsheetError (also later, while rows stream: a broken sheet or too many rows)."""
    iterator = read_rows(source, filename=filename, max_bytes=max_bytes, max_rows=max_rows)
    try:
        header = next(iterator)
    except StopIteration:
        raise SpreadsheetError("Berkas kosong: baris judul kolom tidak ditemukan.") from None
    rows = (
        (number, row) for number, row in enumerate(iterator, start=2) if any(cell.strip() for cell in row)
    )
    return Table(header, rows)


class TooManyErrors(Exception):
    """Raised by ErrorList once the cap is reached: validation stops, the listed errors are reported."""


class ErrorList(list):
    """The report's row errors, capped at `settings.ASN_IMPORT_MAX_ERRORS` so a hostile file cannot make
    validation list millions of them."""

    def __init__(self, *args, cap: int | None = None) -> None:
        super().__init__(*args)
        self.cap = settings.ASN_IMPORT_MAX_ERRORS if cap is None else cap

    def append(self, error) -> None:
        if len(self) >= self.cap:
            raise TooManyErrors
        super().append(error)


class RowContext:
    """Collects a row's errors while its values are parsed."""

    def __init__(self, table: Table, number: int, row: list[str], errors: list[RowError]) -> None:
        self.table, self.number, self.row, self.errors = table, number, row, errors
        self.failed = False

    def error(self, kolom: str, pesan: str) -> None:
        self.errors.append(RowError(self.number, kolom, pesan))
        self.failed = True

    def text(self, kolom: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.table.get(self.row, kolom)
        if required and not value:
            self.error(kolom, "wajib diisi.")
        if max_length and len(value) > max_length:
            self.error(kolom, f"paling panjang {max_length} karakter.")
        return value

    def choice(self, kolom: str, choices: dict[str, str], *, required: bool = False) -> str:
        """choices maps the lower-cased accepted spelling to the stored value."""
        value = self.text(kolom, required=required)
        if not value:
            return ""
        stored = choices.get(value.lower())
        if stored is None:
            allowed = ", ".join(sorted({k for k in choices if k == k.strip()}))
            self.error(kolom, f"nilai '{value}' tidak dikenal; gunakan salah satu: {allowed}.")
            return ""
        return stored

    def date(self, kolom: str, *, required: bool = False) -> dt.date | None:
        value = self.text(kolom, required=required)
        if not value:
            return None
        try:
            parsed = parse_tanggal(value)
        except ValueError:
            self.error(
                kolom, f"tanggal '{value}' tidak valid; gunakan YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY."
            )
            return None
        if not dt.date(1900, 1, 1) <= parsed <= dt.date(2100, 12, 31):
            self.error(kolom, f"tanggal '{value}' di luar rentang yang mungkin.")
            return None
        return parsed

    def integer(
        self, kolom: str, *, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ):
        value = self.text(kolom, required=required)
        if not value:
            return None
        if not value.lstrip("-").isdigit():
            self.error(kolom, f"'{value}' bukan bilangan bulat.")
            return None
        number = int(value)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            self.error(kolom, f"harus antara {minimum} dan {maximum}.")
            return None
        return number

    def yes_no(self, kolom: str, *, required: bool = False) -> bool | None:
        value = self.text(kolom, required=required).upper()
        if not value:
            return None
        if value in ("Y", "YA", "1", "TRUE"):
            return True
        if value in ("N", "TIDAK", "0", "FALSE"):
            return False
        self.error(kolom, "isi Y atau N.")
        return None


def nip_unknown_message(nip: str, *, scoped: bool) -> str:
    """The one answer for a NIP the importing user may not use: an unknown NIP and one outside their scope
    read the same, so an import cannot probe who exists in other OPDs."""
    if scoped:
        return f"tidak ada pegawai dengan NIP {nip} dalam cakupan Anda."
    return f"tidak ada pegawai dengan NIP {nip}."


def missing_columns(table: Table, required: list[str]) -> list[RowError]:
    return [
        RowError(1, name, "kolom wajib tidak ada di baris judul.")
        for name in required
        if name not in table.index
    ]


def choices_of(text_choices, *extra: tuple[str, str]) -> dict[str, str]:
    mapping = {value.lower(): value for value in text_choices.values}
    mapping.update({k.lower(): v for k, v in extra})
    return mapping


def history_bulk(model, objects, *, history_type: str, user=None, reason: str = "") -> None:
    """Write django-simple-history rows for objects changed in bulk (+ created, ~ changed, - deleted)."""
    if not objects:
        return
    history_model = model.history.model
    now = timezone.now()
    tracked = [f.attname for f in history_model.tracked_fields]
    for start in range(0, len(objects), 2000):
        rows = []
        for obj in objects[start : start + 2000]:
            row = history_model(
                history_date=now,
                history_type=history_type,
                history_user_id=getattr(user, "pk", None),
                history_change_reason=reason or None,
            )
            for attname in tracked:
                setattr(row, attname, getattr(obj, attname))
            rows.append(row)
        history_model.objects.bulk_create(rows)


BULK_ANALYZE_ROWS = 1000


class Importer(ABC):
    """Template for an all-or-nothing import: validate every row, then write everything or nothing.

    Subclasses set `columns` and `required` and implement validate() (returns what write() needs and
    fills the report's counts, sample rows and errors) and write() (runs inside one transaction).
    """

    label = ""
    columns: list[str] = []
    required: list[str] = []
    bulk_models: tuple = ()  # tables whose statistics a large import refreshes afterwards
    max_rows: int | None = None  # data rows accepted; None = settings.ASN_IMPORT_MAX_ROWS

    def __init__(self, *, user=None, units=None) -> None:
        self.user = user
        self.allowed_unit_ids = None if units is None else set(units.values_list("id", flat=True))

    def run(
        self, source, *, filename: str, dry_run: bool = False, max_bytes: int | None = None
    ) -> ImportReport:
        table = read_table(source, filename=filename, max_bytes=max_bytes, max_rows=self.max_rows)
        report = ImportReport(errors=missing_columns(table, self.required))
        if report.errors:
            return report
        report.errors = ErrorList()
        try:
            state = self.validate(table, report)
        except TooManyErrors:
            report.errors.sort(key=lambda e: (e.baris, e.kolom))
            report.errors = [
                *report.errors,
                RowError(
                    table.count + 1,
                    "-",
                    f"pemeriksaan dihentikan setelah {report.errors.cap} kesalahan; perbaiki berkas lalu unggah ulang.",
                ),
            ]
            report.jumlah_baris = table.count
            return report
        report.jumlah_baris = table.count
        if report.errors:
            report.errors.sort(key=lambda e: (e.baris, e.kolom))
            return report
        if not dry_run:
            with transaction.atomic():
                self.write(state, report, reason=f"Impor berkas {filename}")
            report.ditulis = True
            if report.jumlah_baris >= BULK_ANALYZE_ROWS:
                analyze_after_bulk_write(*self.bulk_models)
        return report

    @abstractmethod
    def validate(self, table: Table, report: ImportReport):
        """Check every row; return the state write() needs."""

    @abstractmethod
    def write(self, state, report: ImportReport, *, reason: str) -> None:
        """Write everything (inside the transaction run() opened)."""

    def nip_index(self) -> tuple[dict[str, int], dict[str, int]]:
        """Every employee's id by NIP, and (for a scoped importer only) their unit by NIP."""
        pegawai = dict(Pegawai.objects.values_list("nip", "id"))
        unit_of = (
            dict(Pegawai.objects.values_list("nip", "unit_kerja_id"))
            if self.allowed_unit_ids is not None
            else {}
        )
        return pegawai, unit_of


class UpsertImporter(Importer):
    """An import that creates a row per unknown key and updates the `upsert_fields` of a known one (the
    key itself never changes), with a `diubah` timestamp and a history row per object written.

    validate() collects the valid rows (key -> values) and the existing objects (key -> object), then
    returns `self.plan(...)`; subclasses say how a new object is built and what the preview shows."""

    model: Any = None
    upsert_fields: list[str] = []

    @abstractmethod
    def new_object(self, key, values: dict):
        """The unsaved object for a key not in the database yet."""

    @abstractmethod
    def preview(self, key, values: dict, baru: bool) -> dict:
        """One row of the preview page."""

    def plan(self, rows: dict, existing: dict, report: ImportReport) -> tuple[list, list]:
        """Split the rows into objects to create and objects changed; an unchanged one is only counted."""
        create, update = [], []
        now = timezone.now()
        for key, values in rows.items():
            obj = existing.get(key)
            if obj is None:
                create.append(self.new_object(key, values))
            elif any(getattr(obj, f) != values[f] for f in self.upsert_fields):
                for f in self.upsert_fields:
                    setattr(obj, f, values[f])
                obj.diubah = now
                update.append(obj)
            else:
                report.tidak_berubah += 1
            if len(report.contoh) < 10:
                report.contoh.append(self.preview(key, values, obj is None))
        report.baru, report.diperbarui = len(create), len(update) + report.tidak_berubah
        return create, update

    def write(self, state, report: ImportReport, *, reason: str) -> None:
        create, update = state
        self.model.objects.bulk_create(create, batch_size=5000)
        self.model.objects.bulk_update(update, [*self.upsert_fields, "diubah"], batch_size=5000)
        history_bulk(self.model, create, history_type="+", user=self.user, reason=reason)
        history_bulk(self.model, update, history_type="~", user=self.user, reason=reason)
        report.baru, report.diperbarui = len(create), len(update)
