"""Extra tabs of the employee profile (/pegawai/<nip>/) that upper apps contribute, without pegawai
importing them: an app registers a tab in its AppConfig.ready() (like the importer registry), the profile
view asks every registered tab whether this user may see it and shows those that may.

    register_tab("kgb", "Gaji berkala", template="penggajian/_profil_kgb.html", konteks=kgb_profil,
                 boleh=permissions.can_view_kgb_pegawai)

`konteks(user, pegawai)` returns the tab's template context, or None when this user may not see it.
`boleh(user, pegawai)` (optional, no queries) says whether the user may see the tab: a tab with it is
loaded on demand from its own URL (`pegawai:detail_tab`, htmx) when it is shown, so the profile's first
render does not pay for every tab's queries; a tab without it is computed with the profile, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TabProfil:
    key: str
    label: str
    template: str
    konteks: Callable[[Any, Any], dict | None]
    boleh: Callable[[Any, Any], bool] | None = None


_TABS: dict[str, TabProfil] = {}


def register_tab(
    key: str,
    label: str,
    *,
    template: str,
    konteks: Callable[[Any, Any], dict | None],
    boleh: Callable[[Any, Any], bool] | None = None,
) -> None:
    _TABS[key] = TabProfil(key=key, label=label, template=template, konteks=konteks, boleh=boleh)


def tabs_for(user, pegawai) -> list[dict]:
    """[{"tab": TabProfil, "data": context or None}] of the registered tabs this user may see, in order.
    "data" is None for a tab loaded on demand (one with `boleh`): only its predicate runs here."""
    hasil: list[dict] = []
    for tab in _TABS.values():
        if tab.boleh is not None:
            if tab.boleh(user, pegawai):
                hasil.append({"tab": tab, "data": None})
            continue
        data = tab.konteks(user, pegawai)
        if data is not None:
            hasil.append({"tab": tab, "data": data})
    return hasil


def tab_get(key: str) -> TabProfil | None:
    return _TABS.get(key)
