from django import template

from core.angka import format_desimal, format_persen
from core.dates import format_tanggal
from core.money import format_rupiah
from core.nip import format_nip

register = template.Library()


@register.filter
def rupiah(value):
    return format_rupiah(value)


@register.filter
def tanggal(value):
    return format_tanggal(value)


@register.filter
def nip(value):
    return format_nip(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs):
    """The current query string with some parameters replaced (for sort and page links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()


@register.filter
def angka(value):
    """Whole numbers with Indonesian thousands separators: 12.345."""
    if value in (None, ""):
        return "-"
    return f"{int(value):,}".replace(",", ".")


@register.filter
def persen(value, desimal=2):
    """A percentage, Indonesian style: 60 %, 74,5 % (at most `desimal` decimals)."""
    return format_persen(value, int(desimal))


@register.filter
def desimal(value, places=2):
    """A decimal number, Indonesian style: 1.234,5 (at most `places` decimals)."""
    return format_desimal(value, int(places))
