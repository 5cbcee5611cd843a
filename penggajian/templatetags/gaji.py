from decimal import Decimal, InvalidOperation

from django import template

from core.angka import format_desimal, format_persen
from core.money import format_rupiah

register = template.Library()


@register.filter
def pengguna(user) -> str:
    """A user's full name, or login name, or '-' when nobody."""
    if user is None:
        return "-"
    return user.get_full_name() or user.username


@register.filter
def tampil(bound_field) -> str:
    """A rule form's field shown read-only, Indonesian style: percentages (labels ending in "(%)") as
    `60 %`, amounts (`jumlah`) as `Rp27.000.000`, choices by their label, yes/no in words."""
    value = bound_field.value()
    field = bound_field.field
    if value in (None, ""):
        return "-"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    choices = getattr(field, "choices", None)
    if choices:
        labels = {str(k): str(v) for k, v in choices}
        if isinstance(value, list | tuple):
            return ", ".join(labels.get(str(v), str(v)) for v in value) or "-"
        return labels.get(str(value), str(value))
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if "(%)" in str(field.label):
        return format_persen(number)
    if bound_field.name == "jumlah":
        return format_rupiah(number)
    return format_desimal(number)
