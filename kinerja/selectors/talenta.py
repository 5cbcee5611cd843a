"""Distributions of predikat and the talent 9-box."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from pegawai.models import Pegawai

from ..models import (
    PERIODE_TAHUNAN,
    AmbangTalenta,
    KotakTalenta,
    Penilaian,
    PenilaianPotensial,
    PeriodeKinerja,
    Predikat,
    PredikatOrganisasi,
    Rating,
)
from .aturan import (
    berlaku,
    tanggal_acuan,
)

# --- distributions and talent -----------------------------------------------------------------------


def distribusi_predikat(qs: QuerySet[Penilaian], *, per: str) -> dict[int, Counter]:
    """Group rated evaluations by `per` (e.g. "opd_id", "pejabat_penilai_id") → Counter of predikat."""
    result: dict[int, Counter] = {}
    for key, predikat, jumlah in qs.values_list(per, "predikat").annotate(n=Count("id")).order_by():
        result.setdefault(key, Counter())[predikat] = jumlah
    return result


PREDIKAT_KE_KINERJA_TALENTA: dict[str, str] = {
    # The 9-box kinerja axis from the annual predikat (PermenPANRB 3/2020 reads the appraisal result).
    Predikat.SANGAT_BAIK: Rating.DI_ATAS,
    Predikat.BAIK: Rating.SESUAI,
    Predikat.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    Predikat.KURANG: Rating.DI_BAWAH,
    Predikat.SANGAT_KURANG: Rating.DI_BAWAH,
}


@dataclass(frozen=True)
class AturanTalenta:
    """The boxes and potential thresholds in force for a year, loaded once."""

    kotak: dict[int, KotakTalenta]
    ambang: AmbangTalenta

    @classmethod
    def untuk(cls, tahun: int) -> AturanTalenta | None:
        tanggal = tanggal_acuan(tahun)
        ambang = berlaku(AmbangTalenta, tanggal).first()
        kotak = {k.kotak: k for k in berlaku(KotakTalenta, tanggal)}
        if ambang is None or not kotak:
            return None
        return cls(kotak=kotak, ambang=ambang)

    def potensial(self, skor: Decimal) -> str:
        """Rendah / Menengah / Tinggi by the thresholds in force (editable data, PermenPANRB 3/2020)."""
        if skor >= self.ambang.batas_tinggi:
            return KotakTalenta.Potensial.TINGGI
        if skor >= self.ambang.batas_menengah:
            return KotakTalenta.Potensial.MENENGAH
        return KotakTalenta.Potensial.RENDAH

    def nomor(self, predikat: str, skor: Decimal) -> int | None:
        kinerja = PREDIKAT_KE_KINERJA_TALENTA[predikat]
        potensial = self.potensial(skor)
        for k in self.kotak.values():
            if (k.kinerja, k.potensial) == (kinerja, potensial):
                return k.kotak
        return None

    def q_kotak(self, kotak: KotakTalenta) -> Q:
        """The SQL filter for one box on the queryset of penilaian_tahunan_dengan_potensial()."""
        predikat = [p for p, r in PREDIKAT_KE_KINERJA_TALENTA.items() if r == kotak.kinerja]
        q = Q(predikat__in=predikat)
        if kotak.potensial == KotakTalenta.Potensial.TINGGI:
            return q & Q(skor_potensial__gte=self.ambang.batas_tinggi)
        if kotak.potensial == KotakTalenta.Potensial.MENENGAH:
            return q & Q(
                skor_potensial__gte=self.ambang.batas_menengah, skor_potensial__lt=self.ambang.batas_tinggi
            )
        return q & Q(skor_potensial__lt=self.ambang.batas_menengah)


def _potensial_terakhir(tanggal: dt.date) -> QuerySet[PenilaianPotensial]:
    """Potential scores valid on `tanggal`, newest first per employee (ties: the later recorded)."""
    return PenilaianPotensial.objects.filter(tanggal__lte=tanggal, berlaku_sampai__gte=tanggal).order_by(
        "pegawai_id", "-tanggal", "-id"
    )


def penilaian_tahunan_dengan_potensial(
    pegawai_qs: QuerySet[Pegawai], periode: PeriodeKinerja
) -> QuerySet[Penilaian]:
    """Annual evaluations of the employees in scope, each with the latest potential score valid on the
    last day of the year (None without one). For the names in one box; the grid counts with
    hitung_kotak, which reads the same scores in one pass."""
    tanggal = tanggal_acuan(periode.tahun)
    skor = _potensial_terakhir(tanggal).filter(pegawai=OuterRef("pegawai_id")).order_by("-tanggal", "-id")
    return Penilaian.objects.filter(
        periode_kinerja=periode, periode=PERIODE_TAHUNAN, pegawai__in=pegawai_qs.values("pk")
    ).annotate(skor_potensial=Subquery(skor.values("skor")[:1]))


def hitung_kotak(
    aturan: AturanTalenta, pegawai_qs: QuerySet[Pegawai], periode: PeriodeKinerja
) -> tuple[Counter, int]:
    """Box number → headcount, and how many were rated, in one query.

    The annual evaluations of the employees in scope are joined to each one's latest valid potential
    score (DISTINCT ON, one pass over the scores; a correlated subquery per evaluation took 230 ms at
    50,000 employees), and counted per (predikat, potential level by the thresholds in force)."""
    tanggal = tanggal_acuan(periode.tahun)
    nilai = (
        Penilaian.objects.filter(
            periode_kinerja=periode, periode=PERIODE_TAHUNAN, pegawai__in=pegawai_qs.values("pk")
        )
        .order_by()
        .values("pegawai_id", "predikat")
    )
    skor = _potensial_terakhir(tanggal).distinct("pegawai_id").values("pegawai_id", "skor")
    sql_nilai, param_nilai = nilai.query.sql_with_params()
    sql_skor, param_skor = skor.query.sql_with_params()
    sql = f"""
        SELECT n.predikat,
               CASE WHEN p.skor IS NULL THEN NULL WHEN p.skor >= %s THEN %s WHEN p.skor >= %s THEN %s
                    ELSE %s END,
               count(*)
        FROM ({sql_nilai}) n LEFT JOIN ({sql_skor}) p ON p.pegawai_id = n.pegawai_id
        GROUP BY 1, 2
    """  # noqa: S608 - both subqueries are the ORM's, with parameters
    level = KotakTalenta.Potensial
    batas = aturan.ambang
    ambang: list[Decimal | str] = [
        batas.batas_tinggi, str(level.TINGGI), batas.batas_menengah, str(level.MENENGAH), str(level.RENDAH)
    ]  # fmt: skip
    per_sel = {(k.kinerja, k.potensial): k.kotak for k in aturan.kotak.values()}
    jumlah: Counter = Counter()
    dinilai = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ambang, *param_nilai, *param_skor])
        for predikat, potensial, n in cursor.fetchall():
            dinilai += n
            if potensial is None:
                continue
            nomor = per_sel.get((PREDIKAT_KE_KINERJA_TALENTA[predikat], potensial))
            if nomor is not None:
                jumlah[nomor] += n
    return jumlah, dinilai


def predikat_organisasi_ke_rating(predikat_organisasi: str) -> str:
    """A unit head's rating hasil kerja is the unit's result (PermenPANRB 6/2022)."""
    ke_rating: dict[str, str] = {
        PredikatOrganisasi.ISTIMEWA: Rating.DI_ATAS,
        PredikatOrganisasi.BAIK: Rating.SESUAI,
    }
    return ke_rating.get(predikat_organisasi, Rating.DI_BAWAH)
