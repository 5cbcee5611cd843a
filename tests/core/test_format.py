import datetime as dt
from decimal import Decimal

from core.dates import add_months, format_tanggal, months_between, parse_tanggal
from core.money import format_rupiah, round_rupiah


def test_rupiah_format():
    assert format_rupiah(Decimal("1234567")) == "Rp1.234.567"
    assert format_rupiah(Decimal("-72420")) == "-Rp72.420"
    assert round_rupiah(Decimal("100.5")) == Decimal("101")


def test_indonesian_dates():
    assert format_tanggal(dt.date(2026, 11, 22)) == "22 November 2026"
    assert parse_tanggal("22-11-2026") == parse_tanggal("22/11/2026") == parse_tanggal("2026-11-22")
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert months_between(dt.date(2020, 5, 10), dt.date(2022, 5, 9)) == 23
