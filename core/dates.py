"""Indonesian dates and month arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt

NAMA_BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def format_tanggal(value: dt.date | None) -> str:
    """22 November 2026."""
    if value is None:
        return "-"
    return f"{value.day} {NAMA_BULAN[value.month - 1]} {value.year}"


def add_months(value: dt.date, months: int) -> dt.date:
    """Add calendar months, clamping the day to the month's length (31 Jan + 1 = 28/29 Feb)."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (negative if end is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def parse_tanggal(text: str) -> dt.date:
    """Parse YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY; raises ValueError otherwise."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueError(text)
