from django import template

from kinerja.forms import PREDIKAT_WARNA
from kinerja.models import periode_label

register = template.Library()


@register.filter
def periode(kode: str) -> str:
    """`triwulan-2` → `Triwulan II`."""
    return periode_label(kode) if kode else ""


@register.filter
def warna_predikat(predikat: str) -> str:
    """Bootstrap colour of a predikat badge."""
    return PREDIKAT_WARNA.get(predikat, "secondary")


@register.filter
def persen(value) -> str:
    """A percentage with two decimals, Indonesian style: 75,00%."""
    if value in (None, ""):
        return "—"
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".") + "%"
