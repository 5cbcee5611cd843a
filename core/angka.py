"""Numbers as Indonesians write them: 12.345 (thousands dot), 74,5 (decimal comma), 74,5 % (a space
before the percent sign, as in the KBBI/PUEBI examples)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def format_desimal(value, desimal: int = 2) -> str:
    """12345.5 → '12.345,5'; at most `desimal` decimals, trailing zeros dropped; None/'' → '-'."""
    if value in (None, ""):
        return "-"
    try:
        angka = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    angka = angka.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    sign = "-" if angka < 0 else ""
    bulat, _sep, pecahan = f"{abs(angka):f}".partition(".")
    pecahan = pecahan.rstrip("0")
    teks = f"{int(bulat):,}".replace(",", ".")
    return f"{sign}{teks},{pecahan}" if pecahan else f"{sign}{teks}"


def format_persen(value, desimal: int = 2) -> str:
    """60.000 → '60 %', 74.5 → '74,5 %', 33.333 → '33,33 %'; None/'' → '-'."""
    if value in (None, ""):
        return "-"
    return f"{format_desimal(value, desimal)} %"
