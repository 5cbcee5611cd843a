"""The monthly TPP ceiling per kelas jabatan, for apps that may not import penggajian (mutasi shows what
a move costs per month). penggajian registers its reader at app ready; until it does (or when no TPP rule
is in force) the answer is None and callers show that the cost is unknown.

    from pegawai.biaya_tpp import pagu_tpp_pada
    pagu = pagu_tpp_pada(dt.date(2027, 1, 1))   # {kelas: Decimal rupiah} or None
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PaguTpp:
    """The ceilings of the TPP rule in force on a date: {kelas jabatan: rupiah per month}, and the rule."""

    pagu: Mapping[int, Decimal]
    nama_aturan: str


_pembaca: Callable[[dt.date], PaguTpp | None] | None = None


def daftarkan(pembaca: Callable[[dt.date], PaguTpp | None]) -> None:
    """Register the reader (penggajian, in AppConfig.ready). A second registration replaces the first."""
    global _pembaca
    _pembaca = pembaca


def pagu_tpp_pada(tanggal: dt.date) -> PaguTpp | None:
    """The TPP ceilings of the rule in force for the pay month of `tanggal`, or None (no rule, no reader)."""
    return _pembaca(tanggal) if _pembaca is not None else None
