from django import template

from core.angka import format_persen
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
    """A percentage, Indonesian style: 75 %, 74,5 % (the same as core's `persen`; kept here for the
    templates that load only kinerja_tags); a dash when there is none."""
    if value in (None, ""):
        return "—"
    return format_persen(value)
