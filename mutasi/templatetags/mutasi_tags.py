"""Small display helpers of the mutasi pages."""

from django import template

register = template.Library()

WARNA = {
    "draft": "secondary",
    "dikembalikan": "warning",
    "diajukan": "info",
    "diverifikasi": "primary",
    "direkomendasikan": "primary",
    "disetujui": "success",
    "sk_terbit": "success",
    "berlaku": "dark",
    "ditolak": "danger",
    "terbit": "success",
    "dibatalkan": "danger",
    "menunggu_tmt": "info",
    "batal": "danger",
}


@register.filter
def warna_status(status: str) -> str:
    return WARNA.get(status, "secondary")


@register.filter
def nama_pengguna(user) -> str:
    if user is None:
        return "-"
    return user.get_full_name() or user.username
