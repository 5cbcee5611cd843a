"""What a move costs per month in TPP (issue 13 point 1): the ceiling (pagu) of the old kelas jabatan
against the new one, under the TPP rule in force in the first month the new class is paid — pay follows
the position held on the 1st, so a TMT on the 1st is paid that month and a later TMT from the next one.
The ceilings come from penggajian through pegawai.biaya_tpp (mutasi does not import penggajian)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from core.dates import NAMA_BULAN, add_months
from core.money import format_rupiah
from pegawai.biaya_tpp import pagu_tpp_pada


def bulan_dibayar(tmt: dt.date) -> dt.date:
    """The 1st of the first month paid on the new position: the TMT's month when it is the 1st, else the next."""
    awal = tmt.replace(day=1)
    return awal if tmt.day == 1 else add_months(awal, 1)


@dataclass(frozen=True)
class DampakTpp:
    kelas_asal: int | None  # None: no position here before (an incoming move)
    kelas_tujuan: int | None  # None: no position here after (an outgoing move)
    tpp_asal: Decimal  # per month, the ceiling of the old class (0 without one)
    tpp_tujuan: Decimal
    bulan: dt.date  # the first pay month of the new class
    nama_aturan: str
    tanpa_pagu: tuple[int, ...]  # classes the rule has no ceiling for (counted as 0)

    @property
    def selisih(self) -> Decimal:
        return self.tpp_tujuan - self.tpp_asal

    @property
    def teks(self) -> str:
        def sisi(kelas: int | None, tpp: Decimal) -> str:
            return f"kelas {kelas} {format_rupiah(tpp)}" if kelas is not None else "tidak ada"

        tanda = "+" if self.selisih > 0 else ("−" if self.selisih < 0 else "±")
        teks = (
            f"TPP per bulan: {sisi(self.kelas_asal, self.tpp_asal)} → {sisi(self.kelas_tujuan, self.tpp_tujuan)} "
            f"({tanda}{format_rupiah(abs(self.selisih))} per bulan mulai "
            f"{NAMA_BULAN[self.bulan.month - 1]} {self.bulan.year}; pagu {self.nama_aturan})"
        )
        if self.tanpa_pagu:
            kelas = ", ".join(str(k) for k in self.tanpa_pagu)
            teks += f". Pagu kelas {kelas} tidak ada pada aturan TPP itu (dihitung Rp0)"
        return teks


def dampak_tpp(kelas_asal: int | None, kelas_tujuan: int | None, tmt: dt.date) -> DampakTpp | None:
    """The monthly TPP effect of a move from `kelas_asal` to `kelas_tujuan` with TMT `tmt`; None when no
    TPP rule is in force for that month (the page says the cost is unknown). Two queries."""
    bulan = bulan_dibayar(tmt)
    pagu = pagu_tpp_pada(bulan)
    if pagu is None:
        return None
    tanpa = tuple(sorted({k for k in (kelas_asal, kelas_tujuan) if k is not None and k not in pagu.pagu}))

    def nilai(kelas: int | None) -> Decimal:
        return Decimal(pagu.pagu.get(kelas, 0)) if kelas is not None else Decimal(0)

    return DampakTpp(
        kelas_asal=kelas_asal,
        kelas_tujuan=kelas_tujuan,
        tpp_asal=nilai(kelas_asal),
        tpp_tujuan=nilai(kelas_tujuan),
        bulan=bulan,
        nama_aturan=pagu.nama_aturan,
        tanpa_pagu=tanpa,
    )


def dampak_usulan(usulan) -> dict:
    """What the proposal page shows of a move's effect: both sides' staffing ("Dinas X −1 (selisih 1 → 2),
    …", while the move has not taken effect) and the monthly TPP (old class against new)."""
    from .kebutuhan import dampak_perpindahan

    asal, tujuan = usulan.jabatan_asal, usulan.jabatan_tujuan
    sisi = None
    if asal is not None and tujuan is not None and usulan.status != "berlaku":
        sisi = dampak_perpindahan(asal, tujuan)
    tpp = dampak_tpp(
        asal.kelas_jabatan if asal is not None else None,
        tujuan.kelas_jabatan if tujuan is not None else None,
        usulan.tmt_rencana,
    )
    return {"sisi": sisi, "tpp": tpp}
