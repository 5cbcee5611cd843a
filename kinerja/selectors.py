"""Reads of the kinerja app: scoping, the rule tables in force, and what other modules consume.

Scoping follows pegawai.selectors.Cakupan: Admin BKD and Pimpinan see everything, an Operator OPD their
OPD, an atasan the SKPs they assess (or decide objections for), every employee their own. Anything else
answers 404.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from core.angka import format_persen
from pegawai.models import Pegawai
from pegawai.selectors import cakupan_for

from .models import (
    PERIODE_SEMUA,
    PERIODE_TAHUNAN,
    SKP,
    AmbangTalenta,
    AngkaKreditPredikat,
    Delegasi,
    KotakTalenta,
    KurvaDistribusi,
    MatriksPredikat,
    Penilaian,
    PenilaianPotensial,
    PenutupanPeriode,
    PeriodeKinerja,
    Predikat,
    PredikatOrganisasi,
    Rating,
    periode_label,
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


# --- scoping ----------------------------------------------------------------------------------------


def skp_list_visible_to(*, user) -> QuerySet[SKP]:
    cakupan = cakupan_for(user)
    qs = SKP.objects.all()
    if cakupan.semua:
        return qs
    q = Q(pk__in=[])
    if cakupan.pegawai_id is not None:
        me = cakupan.pegawai_id
        q |= Q(pegawai_id=me) | Q(pejabat_penilai_id=me) | Q(atasan_pejabat_penilai_id=me)
        q |= Q(
            pejabat_penilai__in=Delegasi.objects.filter(penerima_id=me, **_aktif_hari_ini()).values("pemberi")
        )
    if cakupan.opd_id is not None:
        q |= Q(opd_id=cakupan.opd_id)
    return qs.filter(q)


def _aktif_hari_ini() -> dict:
    today = timezone.localdate()
    return {"mulai__lte": today, "selesai__gte": today}


def skp_get_visible(*, user, pk: int) -> SKP:
    try:
        return (
            skp_list_visible_to(user=user)
            .select_related(
                "periode",
                "pegawai",
                "pegawai__golongan",
                "jabatan",
                "unit_kerja",
                "opd",
                "pejabat_penilai",
                "pejabat_penilai__jabatan",
                "pejabat_penilai__golongan",
                "atasan_pejabat_penilai",
            )
            .get(pk=pk)
        )
    except SKP.DoesNotExist:
        raise Http404("SKP tidak ditemukan.") from None


def penilaian_list_visible_to(*, user) -> QuerySet[Penilaian]:
    cakupan = cakupan_for(user)
    qs = Penilaian.objects.all()
    if cakupan.semua:
        return qs
    q = Q(pk__in=[])
    if cakupan.pegawai_id is not None:
        me = cakupan.pegawai_id
        q |= Q(pegawai_id=me) | Q(pejabat_penilai_id=me) | Q(skp__atasan_pejabat_penilai_id=me)
    if cakupan.opd_id is not None:
        q |= Q(opd_id=cakupan.opd_id)
    return qs.filter(q)


def penilaian_get_visible(*, user, pk: int) -> Penilaian:
    try:
        return (
            penilaian_list_visible_to(user=user)
            .select_related("periode_kinerja", "pegawai", "pejabat_penilai", "skp", "opd")
            .get(pk=pk)
        )
    except Penilaian.DoesNotExist:
        raise Http404("Penilaian tidak ditemukan.") from None


def is_pejabat_penilai(*, pegawai_id: int | None, skp: SKP, tanggal: dt.date | None = None) -> bool:
    """The pejabat penilai of the SKP, or an acting official (Plt/Plh) with a delegation valid that day."""
    if pegawai_id is None or skp.pejabat_penilai_id is None or pegawai_id == skp.pegawai_id:
        return False
    if skp.pejabat_penilai_id == pegawai_id:
        return True
    tanggal = tanggal or timezone.localdate()
    return Delegasi.objects.filter(
        pemberi_id=skp.pejabat_penilai_id, penerima_id=pegawai_id, mulai__lte=tanggal, selesai__gte=tanggal
    ).exists()


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
