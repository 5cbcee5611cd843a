"""Reads of pembinaan. Every list scopes through pegawai's Cakupan; compliance is one aggregate over
RekapJP (no per-employee query)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from akun import roles
from pegawai.models import Pegawai
from pegawai.selectors import cakupan_for

from .models import AturanJP, KegiatanPengembangan, TargetJP

NOL = Value(Decimal(0), output_field=DecimalField(max_digits=8, decimal_places=2))


# --- rules ------------------------------------------------------------------------------------------


def aturan_index() -> dict[str, list[AturanJP]]:
    """Every rule by form, newest first (one query; importers look rules up in memory)."""
    index: dict[str, list[AturanJP]] = defaultdict(list)
    for aturan in AturanJP.objects.order_by("bentuk", "-berlaku_mulai"):
        index[aturan.bentuk].append(aturan)
    return index


def aturan_berlaku(index: dict[str, list[AturanJP]], bentuk: str, tanggal: dt.date) -> AturanJP | None:
    """The version of `bentuk`'s rule in force on `tanggal` (the activity's end)."""
    for aturan in index.get(bentuk, ()):
        if aturan.berlaku_mulai <= tanggal:
            return aturan
    return None


def target_per_status(tahun: int) -> dict[str, int]:
    """The yearly target per employment status in force at the end of `tahun` (the earliest version
    for a year before any)."""
    akhir = dt.date(tahun, 12, 31)
    hasil: dict[str, int] = {}
    for t in TargetJP.objects.order_by("status_kepegawaian", "berlaku_mulai"):
        if t.berlaku_mulai <= akhir or t.status_kepegawaian not in hasil:
            hasil[t.status_kepegawaian] = t.target_jp
    return hasil


def _target_expr(targets: dict[str, int]):
    if not targets:
        return Value(0, output_field=IntegerField())
    return Case(
        *[When(status_kepegawaian=s, then=Value(t)) for s, t in targets.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


# --- compliance -------------------------------------------------------------------------------------


def pegawai_jp(user, tahun: int, *, opd_id: int | None = None, status: str = "") -> QuerySet[Pegawai]:
    """Active employees in the user's scope with their JP of `tahun` and target (annotations
    jp_klasikal, jp_nonklasikal, jp_total, target_jp) — one query, a LEFT JOIN on the year's recap."""
    qs = Pegawai.objects.filter(aktif=True)
    q = None if user is None else cakupan_for(user).pegawai_q()  # None: a command, the whole government
    if q is not None:
        qs = qs.filter(q)
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    if status:
        qs = qs.filter(status_kepegawaian=status)
    return _dengan_jp(qs, tahun)


def _dengan_jp(qs: QuerySet[Pegawai], tahun: int) -> QuerySet[Pegawai]:
    return qs.annotate(
        rekap=FilteredRelation("rekap_jp", condition=Q(rekap_jp__tahun=tahun)),
        jp_klasikal=Coalesce(F("rekap__jp_klasikal"), NOL),
        jp_nonklasikal=Coalesce(F("rekap__jp_nonklasikal"), NOL),
        jp_total=Coalesce(F("rekap__jp_total"), NOL),
        target_jp=_target_expr(target_per_status(tahun)),
    )


def pegawai_dengan_jp(pegawai_id: int, tahun: int) -> Pegawai | None:
    """One employee (active or not) with their JP of `tahun` and target annotated as in pegawai_jp, for
    ringkasan_pegawai without reading the recap again (the employee's dashboard card)."""
    qs = _dengan_jp(Pegawai.objects.filter(pk=pegawai_id), tahun).annotate(jp_tahun=Value(tahun))
    return qs.only("id", "status_kepegawaian").first()


def jp_tim(atasan_id: int, tahun: int, *, tertinggal: int = 8) -> tuple[int, int, list[Pegawai]]:
    """An atasan's active direct reports: how many, how many meet their JP target of `tahun`, and the
    `tertinggal` below it with the least JP first (then by name). One query: the counts are window
    aggregates over the whole team, the rows only those shown with the columns shown (an aggregate
    and a list of every column of the employee before)."""
    memenuhi = Q(jp_total__gte=F("target_jp"))
    rows = list(
        pegawai_jp(None, tahun)
        .filter(atasan_id=atasan_id)
        .only("id", "nama", "gelar_depan", "gelar_belakang", "status_kepegawaian")
        .annotate(
            memenuhi=Case(When(memenuhi, then=Value(True)), default=Value(False)),
            jumlah_tim=Window(Count("id")),
            jumlah_memenuhi=Window(Count("id", filter=memenuhi)),
        )
        .order_by(Case(When(memenuhi, then=Value(1)), default=Value(0)), "jp_total", "nama", "pk")[
            :tertinggal
        ]
    )
    if not rows:
        return 0, 0, []
    return rows[0].jumlah_tim, rows[0].jumlah_memenuhi, [p for p in rows if not p.memenuhi]


def kepatuhan_per_opd(user, tahun: int, *, opd_id: int | None = None, status: str = "") -> list[dict]:
    """Per OPD: employees, how many meet their target, % meeting, average JP — one aggregate query."""
    rows = (
        pegawai_jp(user, tahun, opd_id=opd_id, status=status)
        .values("opd_id", "opd__nama", "opd__kode")
        .annotate(
            jumlah=Count("id"),
            memenuhi=Count("id", filter=Q(jp_total__gte=F("target_jp"))),
            total_jp=Sum("jp_total"),
        )
        .order_by("opd__nama")
    )
    hasil = []
    for r in rows:
        jumlah = r["jumlah"]
        hasil.append(
            {
                "opd_id": r["opd_id"],
                "nama": r["opd__nama"],
                "kode": r["opd__kode"],
                "jumlah": jumlah,
                "memenuhi": r["memenuhi"],
                "belum": jumlah - r["memenuhi"],
                "persen": round(100 * r["memenuhi"] / jumlah, 1) if jumlah else 0.0,
                "rata_jp": (r["total_jp"] or Decimal(0)) / jumlah if jumlah else Decimal(0),
            }
        )
    return hasil


def ringkasan_pegawai(pegawai: Pegawai, tahun: int) -> dict:
    """One employee's JP of the year against the target (for their page and the profile tab). An
    employee read with pegawai_dengan_jp(…, tahun) carries them already: no query."""
    if getattr(pegawai, "jp_tahun", None) == tahun:
        klasikal, nonklasikal, total, target = (
            pegawai.jp_klasikal,
            pegawai.jp_nonklasikal,
            pegawai.jp_total,
            pegawai.target_jp,
        )
    else:
        rekap = pegawai.rekap_jp.filter(tahun=tahun).first()
        target = target_per_status(tahun).get(pegawai.status_kepegawaian, 0)
        klasikal, nonklasikal, total = (
            (rekap.jp_klasikal, rekap.jp_nonklasikal, rekap.jp_total) if rekap else (Decimal(0),) * 3
        )
    return {
        "tahun": tahun,
        "jp_klasikal": klasikal,
        "jp_nonklasikal": nonklasikal,
        "jp_total": total,
        "target_jp": target,
        "memenuhi": total >= target,
        "persen": min(100, int(100 * total / target)) if target else 100,
    }


# --- the ledger -------------------------------------------------------------------------------------


def kegiatan_pegawai(pegawai: Pegawai, tahun: int | None = None) -> QuerySet[KegiatanPengembangan]:
    qs = pegawai.kegiatan_pengembangan.select_related("aturan")
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tanggal_selesai", "-id")


def kegiatan_terakhir(pegawai: Pegawai, tahun: int, n: int) -> tuple[list[KegiatanPengembangan], int]:
    """The employee's latest `n` activities of `tahun` and how many there are, in one query (the
    count is a window aggregate over the year's rows)."""
    rows = list(kegiatan_pegawai(pegawai, tahun).annotate(jumlah_tahun=Window(Count("id")))[:n])
    return rows, rows[0].jumlah_tahun if rows else 0


def _kegiatan_scoped(user) -> QuerySet[KegiatanPengembangan]:
    qs = KegiatanPengembangan.objects.select_related("pegawai", "pegawai__opd", "diajukan_oleh")
    if roles.is_admin_bkd(user):
        return qs
    opd_id = cakupan_for(user).opd_id
    if opd_id is not None:
        return qs.filter(pegawai__opd_id=opd_id)
    return qs.none()


def klaim_untuk_verifikasi(user) -> QuerySet[KegiatanPengembangan]:
    """Claims waiting for the Admin BKD (all) or an Operator OPD (their OPD)."""
    return _kegiatan_scoped(user).filter(
        sumber=KegiatanPengembangan.Sumber.KLAIM, status=KegiatanPengembangan.Status.DIAJUKAN
    )


def get_klaim_for(user, pk: int) -> KegiatanPengembangan:
    """A claim the user handles; another OPD's claim answers 404."""
    obj = _kegiatan_scoped(user).filter(pk=pk, sumber=KegiatanPengembangan.Sumber.KLAIM).first()
    if obj is None:
        raise Http404("Klaim tidak ditemukan.")
    return obj


def get_kegiatan_bukti_for(user, pk: int) -> KegiatanPengembangan:
    """An activity whose evidence the user may open: their own, or one in their handling scope."""
    obj = KegiatanPengembangan.objects.select_related("pegawai").filter(pk=pk).first()
    if obj is None or not obj.bukti:
        raise Http404("Bukti tidak ditemukan.")
    if obj.pegawai.user_id == user.pk or _kegiatan_scoped(user).filter(pk=pk).exists():
        return obj
    raise Http404("Bukti tidak ditemukan.")
