"""Money helpers. Amounts are Decimal rupiah; rounding happens only through round_rupiah()."""

from decimal import ROUND_HALF_UP, Decimal

RUPIAH = Decimal("1")


def round_rupiah(amount: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to whole rupiah. The default mode is half up, as payroll registers do."""
    return Decimal(amount).quantize(RUPIAH, rounding=rounding)


def format_rupiah(amount: Decimal | int | None) -> str:
    """Format as Indonesians write money: Rp1.234.567 (negative: -Rp1.234.567)."""
    if amount is None:
        return "-"
    value = amount if isinstance(amount, int) else int(round_rupiah(Decimal(amount)))
    if value < 0:
        return f"-Rp{-value:,}".replace(",", ".")
    return f"Rp{value:,}".replace(",", ".")
