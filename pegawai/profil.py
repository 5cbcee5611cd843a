"""Extra tabs of the employee profile (/pegawai/<nip>/) that upper apps contribute, without pegawai
importing them: an app registers a tab in its AppConfig.ready() (like the importer registry), the profile
view asks every registered tab for its context and shows those that answer.

    register_tab("kgb", "Gaji berkala", template="penggajian/_profil_kgb.html", konteks=kgb_profil)

`konteks(user, pegawai)` returns the tab's template context, or None when this user may not see it.
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


_TABS: dict[str, TabProfil] = {}


def register_tab(key: str, label: str, *, template: str, konteks: Callable[[Any, Any], dict | None]) -> None:
    _TABS[key] = TabProfil(key=key, label=label, template=template, konteks=konteks)


def tabs_for(user, pegawai) -> list[dict]:
    """[{"tab": TabProfil, "data": context}] of the registered tabs this user may see, in order."""
    hasil = []
    for tab in _TABS.values():
        data = tab.konteks(user, pegawai)
        if data is not None:
            hasil.append({"tab": tab, "data": data})
    return hasil
