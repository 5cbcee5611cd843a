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

from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject


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

# What does not depend on the user is computed once per process, not on every page: the entries in order
# with their resolved URLs (reverse() for ~40 names was most of the menu's cost), and per set of visible
# entries (one per combination of roles, a handful) the menu and its rendered HTML. Only the predicates
# run per request. Registering an entry or changing the URLconf (tests) starts over.
_TERSUSUN: dict[str, list[tuple[Entri, str]]] = {}
_MENU: dict[tuple[str, tuple[int, ...]], dict[str, list[dict]]] = {}
_HTML: dict[tuple[str, tuple[int, ...]], dict[str, str]] = {}
_MAKS_VARIAN = 256  # bound on the cached combinations (there are as many as distinct role sets)


def daftarkan(*entri: Entri) -> None:
    """Register entries (idempotent: registering the same title and URL again replaces it)."""
    for e in entri:
        _ENTRI[(e.judul, e.url)] = e
    lupakan()


def lupakan(**kwargs) -> None:
    """Drop what was computed from the registry and the URLconf."""
    _TERSUSUN.clear()
    _MENU.clear()
    _HTML.clear()


def _href(url: str) -> str:
    if url.startswith("/"):
        return url
    try:
        return reverse(url)
    except NoReverseMatch:
        return ""


def _tersusun() -> tuple[str, list[tuple[Entri, str]]]:
    """(cache key, [(entry, href)]) in menu order; entries whose URL does not resolve are left out."""
    kunci = f"{get_script_prefix()}|{get_urlconf() or ''}"
    daftar = _TERSUSUN.get(kunci)
    if daftar is None:
        daftar = [(e, _href(e.url)) for e in sorted(_ENTRI.values(), key=lambda e: (e.urutan, e.judul))]
        _TERSUSUN[kunci] = daftar = [(e, href) for e, href in daftar if href]
    return kunci, daftar


def _terlihat(user) -> tuple[str, tuple[int, ...], list[tuple[Entri, str]]]:
    kunci, daftar = _tersusun()
    return kunci, tuple(i for i, (e, _) in enumerate(daftar) if e.boleh(user)), daftar


def _susun(daftar: list[tuple[Entri, str]], terlihat: tuple[int, ...]) -> dict[str, list[dict]]:
    hasil: dict[str, list[dict]] = {"utama": [], "kanan": [], "akun": []}
    grup: dict[tuple[str, str], dict] = {}
    for i in terlihat:
        e, href = daftar[i]
        item = {"judul": e.judul, "url": href, "pemisah": e.pemisah}
        tempat = hasil.setdefault(e.tempat, [])
        if not e.grup:
            tempat.append(item)
            continue
        kunci = (e.tempat, e.grup)
        if kunci not in grup:
            grup[kunci] = {"judul": e.grup, "anak": []}
            tempat.append(grup[kunci])
        anak = grup[kunci]["anak"]
        if not anak:
            item["pemisah"] = False
        anak.append(item)
    return hasil


def _simpan(cache: dict, kunci, nilai):
    if len(cache) >= _MAKS_VARIAN:
        cache.clear()
    cache[kunci] = nilai
    return nilai


def menu_untuk(user) -> dict[str, list[dict]]:
    """{tempat: [item]}, an item being {"judul", "url"} or a drop-down {"judul", "anak": [item]}.
    Shared between users who see the same entries: read it, do not change it."""
    if user is None or not user.is_authenticated:
        return {"utama": [], "kanan": [], "akun": []}
    kunci, terlihat, daftar = _terlihat(user)
    menu = _MENU.get((kunci, terlihat))
    if menu is None:
        menu = _simpan(_MENU, (kunci, terlihat), _susun(daftar, terlihat))
    return menu


def menu_html_untuk(user) -> dict[str, str]:
    """{tempat: the <li> items of that place, rendered} (core/_menu.html), for base.html."""
    if user is None or not user.is_authenticated:
        return {"utama": "", "kanan": "", "akun": ""}
    kunci, terlihat, _ = _terlihat(user)
    html = _HTML.get((kunci, terlihat))
    if html is None:
        menu = menu_untuk(user)
        html = {
            tempat: render_to_string("core/_menu.html", {"items": items, "tempat": tempat})  # SafeString
            for tempat, items in menu.items()
        }
        _simpan(_HTML, (kunci, terlihat), html)
    return html


def menu(request) -> dict[str, Any]:
    """Context processor: the menu entries the signed-in user may see (`menu`) and the same rendered
    (`menu_html`), both computed only when a template reads them (htmx fragments do not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": SimpleLazyObject(lambda: menu_untuk(user)),
        "menu_html": SimpleLazyObject(lambda: menu_html_untuk(user)),
    }


setting_changed.connect(lambda setting, **kw: lupakan() if setting == "ROOT_URLCONF" else None, weak=False)
