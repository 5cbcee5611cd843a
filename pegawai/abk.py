"""Workload analysis (analisis beban kerja, ABK): how many people a position needs. Pure, no queries.

    kebutuhan = Σ (volume kerja per tahun × waktu penyelesaian) ÷ waktu kerja efektif per tahun

(PermenPAN-RB 26/2011 on computing the PNS need; Peraturan BKN 9/2022: anjab → ABK → peta jabatan). The
effective working time is `settings.ASN_WAKTU_KERJA_EFEKTIF_MENIT` (75,000 minutes = 1,250 hours by
default; some guides use 72,000).

Rounding: the exact figure (e.g. 1,48 orang) is kept for display, and the headcount is rounded half up
(< 0,5 down, ≥ 0,5 up), the rounding ABK worksheets in regional practice apply to the "jumlah pegawai yang
dibutuhkan" column. A ceiling would turn every 0,1 person of residual workload into a full post. See
docs/adr/0004-kebutuhan-abk.md. A result of 0 (workload under half a person) is allowed and shown with a
warning: such a position is usually merged with another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings


@dataclass(frozen=True)
class HasilAbk:
    beban_menit: int  # Σ volume × waktu penyelesaian
    waktu_kerja_efektif: int  # minutes per year
    kebutuhan_pecahan: Decimal  # beban ÷ waktu kerja efektif, 2 decimals (half up), for display
    kebutuhan: int  # rounded half up

    @property
    def di_bawah_setengah(self) -> bool:
        return self.beban_menit > 0 and self.kebutuhan == 0


def waktu_kerja_efektif() -> int:
    return int(settings.ASN_WAKTU_KERJA_EFEKTIF_MENIT)


def hitung_kebutuhan(tugas: Iterable[tuple[int, int]], wke: int | None = None) -> HasilAbk:
    """`tugas`: (volume per year, minutes per completion) pairs. Integer arithmetic, exact."""
    wke = waktu_kerja_efektif() if wke is None else wke
    if wke <= 0:
        raise ValueError("Waktu kerja efektif harus lebih dari 0 menit.")
    beban = sum(int(volume) * int(menit) for volume, menit in tugas)
    pecahan = (Decimal(beban) / Decimal(wke)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    bulat = (2 * beban + wke) // (2 * wke)  # round half up without floats
    return HasilAbk(beban_menit=beban, waktu_kerja_efektif=wke, kebutuhan_pecahan=pecahan, kebutuhan=bulat)
