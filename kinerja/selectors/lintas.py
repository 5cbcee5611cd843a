"""What other modules read from kinerja: predikat per employee and month, the performance
requirement of a promotion or KGB, development needs, credit points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from ..models import (
    PERIODE_SEMUA,
    PERIODE_TAHUNAN,
    SKP,
    AngkaKreditPredikat,
    Penilaian,
    PeriodeKinerja,
    Predikat,
    periode_label,
)
from .aturan import (
    berlaku,
    tanggal_acuan,
)

# --- for the other modules ---------------------------------------------------------------------------


def predikat_per_pegawai(*, tahun: int, periode: str = PERIODE_TAHUNAN, pegawai_ids=None) -> dict[int, str]:
    """pegawai id → predikat for one evaluation period (TPP reads the monthly or quarterly one)."""
    qs = Penilaian.objects.filter(periode_kinerja__tahun=tahun, periode=periode)
    if pegawai_ids is not None:
        qs = qs.filter(pegawai_id__in=pegawai_ids)
    return dict(qs.values_list("pegawai_id", "predikat"))


def periode_untuk_bulan(periode_kinerja: PeriodeKinerja, bulan: int) -> str:
    """The evaluation period that covers a pay month: `bulan-MM` or `triwulan-N`."""
    if periode_kinerja.jenis_evaluasi == PeriodeKinerja.JenisEvaluasi.BULANAN:
        return f"bulan-{bulan:02d}"
    return f"triwulan-{(bulan - 1) // 3 + 1}"


def _akhir_periode(periode: str) -> int:
    """Last month of an evaluation period: `bulan-05` → 5, `triwulan-3` → 9, `tahunan` → 12."""
    jenis, _sep, nomor = periode.partition("-")
    if jenis == "bulan":
        return int(nomor)
    if jenis == "triwulan":
        return int(nomor) * 3
    return 12


def tanggal_akhir_periode(tahun: int, periode: str) -> dt.date:
    """The last day of an evaluation period: `triwulan-2` 2026 → 30 June 2026, `tahunan` → 31 December."""
    bulan = _akhir_periode(periode)
    if bulan == 12:
        return dt.date(tahun, 12, 31)
    return dt.date(tahun, bulan + 1, 1) - dt.timedelta(days=1)


def skp_mencakup_periode(skp: SKP, periode: str) -> bool:
    """Whether `skp` is the one rated for evaluation period `periode` of its year: the SKP in force on the
    period's last day. After a move (the old SKP ends the day before the TMT) the old pejabat penilai
    rates the periods that ended before the TMT, the new one the rest and the annual evaluation. With a
    quarterly cadence the months of the quarter of the move go with the new SKP: the evaluation is kept
    per (employee, year, period) and PermenPANRB 6/2022 gives no rule to split a period (derived)."""
    akhir = tanggal_akhir_periode(skp.periode.tahun, periode)
    return skp.mulai <= akhir <= skp.selesai


def q_skp_mencakup_periode(tahun: int, periode: str, prefix: str = "") -> Q:
    """skp_mencakup_periode as a filter on SKP rows (or, with `prefix` "skp__", on related rows)."""
    akhir = tanggal_akhir_periode(tahun, periode)
    return (Q(**{f"{prefix}tanggal_mulai__isnull": True}) | Q(**{f"{prefix}tanggal_mulai__lte": akhir})) & (
        Q(**{f"{prefix}tanggal_selesai__isnull": True}) | Q(**{f"{prefix}tanggal_selesai__gte": akhir})
    )


def _akhir_periode_sql() -> Case:
    """`_akhir_periode` in SQL: the last month of the evaluation period of a Penilaian row."""
    return Case(
        *[When(periode=kode, then=Value(_akhir_periode(kode))) for kode in PERIODE_SEMUA],
        default=Value(12),
        output_field=IntegerField(),
    )


def predikat_untuk_bulan(*, tahun: int, bulan: int, pegawai_ids) -> dict[int, tuple[str, str]]:
    """TPP reads this: pegawai id → (predikat, period label) of the latest rated periodic evaluation that
    ends in or before the pay month, looking back at most to the previous year. An evaluation under
    objection does not count until it is decided. The latest row per employee is chosen in SQL
    (DISTINCT ON), so 50,000 employees fetch 50,000 rows, not every period of two years."""
    rows = (
        Penilaian.objects.filter(
            pegawai_id__any=pegawai_ids,
            periode_kinerja__tahun__in=[tahun - 1, tahun],
            status__in=[Penilaian.Status.DINILAI, Penilaian.Status.DITERIMA, Penilaian.Status.FINAL],
        )
        .exclude(periode=PERIODE_TAHUNAN)
        .exclude(predikat="")
        .exclude(predikat__isnull=True)
        .annotate(akhir=_akhir_periode_sql())
        .filter(Q(periode_kinerja__tahun__lt=tahun) | Q(akhir__lte=bulan))
        .order_by("pegawai_id", "-periode_kinerja__tahun", "-akhir")
        .distinct("pegawai_id")
        .values_list("pegawai_id", "periode_kinerja__tahun", "periode", "predikat")
    )
    return {
        pid: (predikat, f"{periode_label(periode)} {tahun_p}") for pid, tahun_p, periode, predikat in rows
    }


PREDIKAT_MINIMAL_KENAIKAN = {Predikat.SANGAT_BAIK, Predikat.BAIK}


@dataclass(frozen=True)
class SyaratKinerja:
    """The performance condition of a raise (KGB, kenaikan pangkat): the annual predikat of two years,
    each at least Baik. `status` is one of MEMENUHI, BELUM_MEMENUHI, BELUM_DAPAT_DITENTUKAN."""

    MEMENUHI = "memenuhi"
    BELUM_MEMENUHI = "belum memenuhi"
    BELUM_DAPAT_DITENTUKAN = "belum dapat ditentukan"

    status: str
    tahun: tuple[int, int]
    predikat: dict[int, str]  # year -> predikat label, for the final ones
    alasan: str

    @property
    def memenuhi(self) -> bool:
        return self.status == self.MEMENUHI

    @property
    def uraian_predikat(self) -> str:
        """'2024: Baik; 2025: Sangat Baik' (what the decree cites)."""
        return "; ".join(f"{t}: {self.predikat[t]}" for t in self.tahun if t in self.predikat)


def tahun_syarat_kinerja(tmt: dt.date, tahun_ditutup: set[int]) -> tuple[int, int]:
    """The two appraisal years whose annual predikat a raise with this TMT is judged on: the last two
    finalised years before the TMT's year. The year before the TMT counts once its annual evaluation is
    closed; until then (a TMT in January is decided in the autumn before, when that year is still running)
    the two years before it. Never older: a year that should be closed and is not stays missing."""
    terakhir = tmt.year - 1 if tmt.year - 1 in tahun_ditutup else tmt.year - 2
    return (terakhir - 1, terakhir)


def syarat_kinerja_kenaikan(*, tmt_per_pegawai: dict[int, dt.date]) -> dict[int, SyaratKinerja]:
    """KGB and kenaikan pangkat (PP 7/1977 jo. PP 15/2019 and PP 30/2019 jo. PermenPANRB 6/2022): the
    annual predikat at least Baik in the last two finalised years before the TMT (see
    tahun_syarat_kinerja). A final predikat below Baik: not met. A year without a final annual predikat
    (not rated, under objection, or the year not closed): cannot be determined yet, naming what is
    missing. Two queries whatever the number of employees."""
    if not tmt_per_pegawai:
        return {}
    status_tahun = dict(PeriodeKinerja.objects.values_list("tahun", "status"))
    ditutup = {t for t, s in status_tahun.items() if s == PeriodeKinerja.Status.DITUTUP}
    tahun_per_pegawai = {pid: tahun_syarat_kinerja(tmt, ditutup) for pid, tmt in tmt_per_pegawai.items()}
    semua_tahun = {t for pasangan in tahun_per_pegawai.values() for t in pasangan}
    penilaian: dict[tuple[int, int], tuple[str, str]] = {}
    for pid, tahun, status, predikat in Penilaian.objects.filter(
        pegawai_id__in=list(tmt_per_pegawai),
        periode=PERIODE_TAHUNAN,
        periode_kinerja__tahun__in=semua_tahun,
    ).values_list("pegawai_id", "periode_kinerja__tahun", "status", "predikat"):
        penilaian[(pid, tahun)] = (status, predikat)
    label = dict(Predikat.choices)
    hasil = {}
    for pid, pasangan in tahun_per_pegawai.items():
        final: dict[int, str] = {}
        kurang, kosong = [], []
        for tahun in pasangan:
            status, predikat = penilaian.get((pid, tahun), ("", ""))
            if status == Penilaian.Status.FINAL:
                final[tahun] = str(label.get(predikat, predikat))
                if predikat not in PREDIKAT_MINIMAL_KENAIKAN:
                    kurang.append(f"predikat tahunan {tahun} {final[tahun]}")
            elif status == Penilaian.Status.KEBERATAN:
                kosong.append(f"predikat tahunan {tahun} belum final (keberatan belum diputus)")
            elif status or (tahun in status_tahun and tahun not in ditutup):
                kosong.append(f"predikat tahunan {tahun} belum final")
            else:
                kosong.append(f"predikat tahunan {tahun} tidak ada")
        if kurang:
            status_syarat = SyaratKinerja.BELUM_MEMENUHI
            alasan = "; ".join(kurang) + " (minimal Baik)"
        elif kosong:
            status_syarat, alasan = SyaratKinerja.BELUM_DAPAT_DITENTUKAN, "; ".join(kosong)
        else:
            status_syarat, alasan = SyaratKinerja.MEMENUHI, ""
        hasil[pid] = SyaratKinerja(status=status_syarat, tahun=pasangan, predikat=final, alasan=alasan)
    return hasil


PREDIKAT_BUTUH_PENGEMBANGAN = [Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG]


def kebutuhan_pengembangan(*, tahun: int, periode: str = PERIODE_TAHUNAN) -> QuerySet[Penilaian]:
    """Employees whose predikat is Butuh Perbaikan or below: bimbingan/konseling and training."""
    return Penilaian.objects.filter(
        periode_kinerja__tahun=tahun, periode=periode, predikat__in=PREDIKAT_BUTUH_PENGEMBANGAN
    ).select_related("pegawai", "opd")


def angka_kredit_for(*, jenjang: str, predikat: str, tahun: int) -> Decimal | None:
    """Annual functional credit points for a jenjang and predikat (PermenPANRB 1/2023)."""
    row = (
        berlaku(AngkaKreditPredikat, tanggal_acuan(tahun)).filter(jenjang=jenjang, predikat=predikat).first()
    )
    return row.angka_kredit if row else None
