"""The navigation bar, drawn from one map: each app registers its entries in `AppConfig.ready()`, each
entry with the predicate of that app's `permissions.py` that says who sees it. core knows no app (the
registry is filled from above, never imported upwards), and the template only loops.

    menu.daftarkan(menu.Entri("Run gaji", "penggajian:run_list", permissions.can_view_run_gaji,
                              grup="Gaji", urutan=610))

Entries sort by `urutan`; a drop-down sits where its first entry would and is left out when the user
sees none of its entries. `tempat` is "utama" (the bar), "kanan" (right of the bar) or "akun" (the
user's drop-down).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Entri:
    judul: str
    url: str  # a URL name ("pegawai:list") or a path ("/admin/")
    boleh: Callable[[Any], bool]
    grup: str = ""  # drop-down title; empty = an item of its own
    urutan: int = 500
    tempat: str = "utama"
    pemisah: bool = False  # a divider above the entry inside a drop-down


_ENTRI: dict[tuple[str, str], Entri] = {}


def daftarkan(*entri: Entri) -> None:
    """Register entries (idempotent: registering the same title and URL again replaces it)."""
    for e in entri:
        _ENTRI[(e.judul, e.url)] = e


def _href(url: str) -> str:
    if url.startswith("/"):
        return url
    try:
        return reverse(url)
    except NoReverseMatch:
        return ""


def menu_untuk(user) -> dict[str, list[dict]]:
    """{tempat: [item]}, an item being {"judul", "url"} or a drop-down {"judul", "anak": [item]}."""
    hasil: dict[str, list[dict]] = {"utama": [], "kanan": [], "akun": []}
    if user is None or not user.is_authenticated:
        return hasil
    grup: dict[tuple[str, str], dict] = {}
    for e in sorted(_ENTRI.values(), key=lambda e: (e.urutan, e.judul)):
        if not e.boleh(user):
            continue
        href = _href(e.url)
        if not href:
            continue
        item = {"judul": e.judul, "url": href, "pemisah": e.pemisah}
        daftar = hasil.setdefault(e.tempat, [])
        if not e.grup:
            daftar.append(item)
            continue
        kunci = (e.tempat, e.grup)
        if kunci not in grup:
            grup[kunci] = {"judul": e.grup, "anak": []}
            daftar.append(grup[kunci])
        anak = grup[kunci]["anak"]
        if not anak:
            item["pemisah"] = False
        anak.append(item)
    return hasil


def menu(request) -> dict[str, Any]:
    """Context processor: the menu entries the signed-in user may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu": menu_untuk(user)}
