"""The JP rules page: per form the version in force today, the later (planned) and earlier versions,
and the yearly JP target per employment status. Two queries whatever the number of versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pegawai.models import Pegawai

from .aturan import uraian_basis
from .models import AturanJP, Bentuk, Jalur, TargetJP, jalur_bentuk


@dataclass
class Versi:
    aturan: AturanJP
    uraian: str
    mendatang: bool = False


@dataclass
class BarisAturan:
    bentuk: str
    label: str
    jalur: str
    berlaku: Versi | None = None
    mendatang: list[Versi] = field(default_factory=list)
    lama: list[Versi] = field(default_factory=list)

    @property
    def lain(self) -> list[Versi]:
        """The versions not in force today, newest first: planned ones, then earlier ones."""
        return [*self.mendatang, *self.lama]


def aturan_halaman(hari_ini: dt.date) -> list[BarisAturan]:
    """One row per form, in the order of Peraturan LAN 10/2018's list (klasikal forms first)."""
    baris = {
        b.value: BarisAturan(b.value, str(b.label), str(Jalur(jalur_bentuk(b.value)).label)) for b in Bentuk
    }
    for aturan in AturanJP.objects.order_by("bentuk", "-berlaku_mulai"):
        row = baris.get(aturan.bentuk)
        if row is None:
            continue
        versi = Versi(aturan, uraian_basis(aturan.basis, aturan.nilai), aturan.berlaku_mulai > hari_ini)
        if versi.mendatang:
            row.mendatang.append(versi)
        elif row.berlaku is None:
            row.berlaku = versi
        else:
            row.lama.append(versi)
    return list(baris.values())


def target_halaman(hari_ini: dt.date) -> list[dict]:
    """Per employment status the target in force today (the earliest version before any)."""
    hasil: dict[str, TargetJP] = {}
    for t in TargetJP.objects.order_by("status_kepegawaian", "berlaku_mulai"):
        if t.berlaku_mulai <= hari_ini or t.status_kepegawaian not in hasil:
            hasil[t.status_kepegawaian] = t
    label = dict(Pegawai.Status.choices)
    return [
        {"status": label.get(kode, kode), "target": hasil[kode]}
        for kode in Pegawai.Status.values
        if kode in hasil
    ]
