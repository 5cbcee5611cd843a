"""The rule tables in force (predikat matrix, distribution curve) and the periods."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from core.angka import format_persen

from ..models import (
    KurvaDistribusi,
    MatriksPredikat,
    PenutupanPeriode,
    PeriodeKinerja,
    Predikat,
)

# --- rule tables in force --------------------------------------------------------------------------


def berlaku(model, tanggal: dt.date) -> QuerySet:
    """Rows of the latest effective date on or before `tanggal`."""
    mulai = (
        model.objects.filter(berlaku_mulai__lte=tanggal)
        .order_by("-berlaku_mulai")
        .values_list("berlaku_mulai", flat=True)
        .first()
    )
    return model.objects.filter(berlaku_mulai=mulai)


def tanggal_acuan(tahun: int) -> dt.date:
    """The date whose rules apply to an appraisal year: its last day."""
    return dt.date(tahun, 12, 31)


def matriks_predikat(tanggal: dt.date) -> dict[tuple[str, str], str]:
    """(rating hasil kerja, rating perilaku kerja) → predikat, from the matrix in force on `tanggal`."""
    return {
        (row.rating_hasil_kerja, row.rating_perilaku_kerja): row.predikat
        for row in berlaku(MatriksPredikat, tanggal)
    }


def predikat_for(*, rating_hasil_kerja: str, rating_perilaku_kerja: str, tanggal: dt.date) -> str:
    """The predikat of two ratings by the matrix in force; a missing cell is a data error, never a guess."""
    try:
        return matriks_predikat(tanggal)[(rating_hasil_kerja, rating_perilaku_kerja)]
    except KeyError:
        raise LookupError(
            f"Matriks predikat yang berlaku pada {tanggal:%d-%m-%Y} tidak memuat kombinasi "
            f"{rating_hasil_kerja} × {rating_perilaku_kerja}."
        ) from None


@dataclass(frozen=True)
class HasilKurva:
    """One bound of the curve checked against a distribution: the numbers and whether it holds."""

    predikat: tuple[str, ...]
    jumlah: int
    total: int
    min_persen: Decimal | None
    min_orang: int | None
    maks_persen: Decimal | None
    terpenuhi: bool

    @property
    def persen(self) -> Decimal:
        if not self.total:
            return Decimal(0)
        return (Decimal(self.jumlah) * 100 / self.total).quantize(Decimal("0.1"))

    @property
    def label_predikat(self) -> str:
        labels = dict(Predikat.choices)
        return " atau ".join(str(labels[p]) for p in self.predikat)

    @property
    def batas(self) -> str:
        if self.min_orang is not None:
            return f"minimal {self.min_orang} orang"
        if self.min_persen is not None:
            return f"minimal {format_persen(self.min_persen)}"
        return f"maksimal {format_persen(self.maks_persen)}"

    @property
    def pesan(self) -> str:
        return (
            f"{self.label_predikat}: {self.jumlah} dari {self.total} pegawai ({format_persen(self.persen)}), "
            f"ketentuan {self.batas}"
        )


def kurva_aturan(tanggal: dt.date) -> dict[str, list[KurvaDistribusi]]:
    """The curve's bounds in force, per unit predikat: load once when checking many units."""
    aturan: dict[str, list[KurvaDistribusi]] = {}
    for batas in berlaku(KurvaDistribusi, tanggal).order_by("id"):
        aturan.setdefault(batas.predikat_organisasi, []).append(batas)
    return aturan


def kurva_check(
    distribusi: Counter | dict[str, int],
    *,
    predikat_organisasi: str,
    tanggal: dt.date,
    aturan: dict[str, list[KurvaDistribusi]] | None = None,
) -> list[HasilKurva]:
    """Check a distribution of employee predikat against the curve for the unit's predikat.

    Returns every bound with its numbers; the caller shows the failed ones as warnings (the curve is
    marked partial in the reference, so it never blocks).
    """
    total = sum(distribusi.values())
    hasil = []
    if aturan is None:
        aturan = kurva_aturan(tanggal)
    for batas in aturan.get(predikat_organisasi, []):
        jumlah = sum(distribusi.get(p, 0) for p in batas.predikat_pegawai)
        persen = Decimal(jumlah) * 100 / total if total else Decimal(0)
        ok = True
        if batas.min_orang is not None and jumlah < batas.min_orang:
            ok = False
        if batas.min_persen is not None and persen < batas.min_persen:
            ok = False
        if batas.maks_persen is not None and persen > batas.maks_persen:
            ok = False
        hasil.append(
            HasilKurva(
                predikat=tuple(batas.predikat_pegawai),
                jumlah=jumlah,
                total=total,
                min_persen=batas.min_persen,
                min_orang=batas.min_orang,
                maks_persen=batas.maks_persen,
                terpenuhi=ok,
            )
        )
    return hasil


# --- periods ----------------------------------------------------------------------------------------


def periode_berjalan() -> PeriodeKinerja | None:
    """The open appraisal year containing today, else the latest open one."""
    today = timezone.localdate()
    open_periods = PeriodeKinerja.objects.filter(status=PeriodeKinerja.Status.DIBUKA)
    return open_periods.filter(tahun=today.year).first() or open_periods.order_by("-tahun").first()


def periode_beku(*, periode_kinerja: PeriodeKinerja, periode: str) -> bool:
    """Frozen by a closing run (queued, running or done): ratings of that period cannot change."""
    return PenutupanPeriode.objects.filter(
        periode_kinerja=periode_kinerja,
        periode=periode,
        status__in=[
            PenutupanPeriode.Status.ANTRI,
            PenutupanPeriode.Status.BERJALAN,
            PenutupanPeriode.Status.SELESAI,
        ],
    ).exists()
