"""Reads of needs and plans, scoped by role and OPD (pegawai's Cakupan); the roll-ups are aggregates
(a constant number of queries whatever the headcount)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from pegawai.models import Pegawai
from pegawai.selectors import cakupan_for

from .models import (
    Bentuk,
    GenerasiKebutuhan,
    Jalur,
    KebutuhanPengembangan,
    KegiatanRencana,
    RencanaKompetensi,
    RencanaPengembangan,
    SumberKebutuhan,
)

NOL = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))
KOLOM_EKSPOR = ["nip", "nama", "kode_unit", "sumber", "uraian", "status"]
# The CONTRACT's `sumber` codes are fixed: a follow-up of a failed or unused training (its own code inside the
# app, so the key never meets a competency-gap need) is exported as the competency gap it still is; its
# `uraian` says which training it follows up.
SUMBER_EKSPOR = {"tindak_lanjut": "kompetensi"}


def _pegawai_q(user, prefix: str = "pegawai__") -> Q | None:
    """The user's scope on a model with a `pegawai` FK; None = no restriction (a command, BKD)."""
    if user is None:
        return None
    q = cakupan_for(user).pegawai_q()
    if q is None:
        return None
    c = cakupan_for(user)
    scoped = Q(pk__in=[])
    if c.pegawai_id is not None:
        scoped |= Q(**{f"{prefix}id": c.pegawai_id}) | Q(**{f"{prefix}atasan_id": c.pegawai_id})
    if c.opd_id is not None:
        scoped |= Q(**{f"{prefix}opd_id": c.opd_id})
    return scoped


def kebutuhan_list(
    user, tahun: int, *, opd_id: int | None = None, sumber: str = "", status: str = "", topik: str = ""
) -> QuerySet[KebutuhanPengembangan]:
    qs = KebutuhanPengembangan.objects.filter(tahun=tahun)
    if topik:  # exact: the dashboard's top needs link here by topic
        qs = qs.filter(topik=topik)
    if (q := _pegawai_q(user)) is not None:
        qs = qs.filter(q)
    if opd_id:
        qs = qs.filter(pegawai__opd_id=opd_id)
    if sumber:
        qs = qs.filter(sumber=sumber)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("pegawai", "pegawai__opd")


def kebutuhan_pegawai(pegawai: Pegawai, tahun: int) -> list[KebutuhanPengembangan]:
    """The needs a plan is drafted from (a cancelled need is left out)."""
    return list(
        pegawai.kebutuhan_pengembangan.filter(tahun=tahun)
        .exclude(status=KebutuhanPengembangan.Status.DIBATALKAN)
        .select_related("pegawai")
        .order_by("sumber", "id")
    )


def get_kebutuhan_for(user, pk: int) -> KebutuhanPengembangan:
    """A need the user may see; another OPD's (or another team's) need answers 404."""
    qs = KebutuhanPengembangan.objects.select_related("pegawai", "pegawai__opd").filter(pk=pk)
    if (scope := _pegawai_q(user)) is not None:
        qs = qs.filter(scope)
    obj = qs.first()
    if obj is None:
        raise Http404("Kebutuhan tidak ditemukan.")
    return obj


def ekspor_rows(tahun: int):
    """The CONTRACT `kebutuhan` export: one row per need of that plan year (active employees), by NIP."""
    qs = (
        KebutuhanPengembangan.objects.filter(tahun=tahun, pegawai__aktif=True)
        .select_related("pegawai", "pegawai__unit_kerja")
        .order_by("pegawai__nip", "sumber", "id")
    )
    for k in qs.iterator(chunk_size=5000):
        yield [
            k.pegawai.nip,
            k.pegawai.nama_lengkap,
            k.pegawai.unit_kerja.kode,
            SUMBER_EKSPOR.get(k.sumber, k.sumber),
            k.uraian,
            k.status,
        ]


def rencana_list(
    user, tahun: int, *, opd_id: int | None = None, status: str = "", q: str = ""
) -> QuerySet[RencanaPengembangan]:
    qs = RencanaPengembangan.objects.filter(tahun=tahun)
    if (scope := _pegawai_q(user)) is not None:
        qs = qs.filter(scope)
    if opd_id:
        qs = qs.filter(pegawai__opd_id=opd_id)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(pegawai__nama__icontains=q) | Q(pegawai__nip__startswith=q))
    # Per-plan totals as correlated subqueries, not a GROUP BY over the join: PostgreSQL evaluates them only
    # for the page's rows after the sort and LIMIT, and the paginator's count needs no join (the whole
    # government's plans at 50,000 employees: 184 → a few ms for the page query).
    kegiatan = KegiatanRencana.objects.filter(rencana=OuterRef("pk")).order_by().values("rencana")
    return qs.select_related("pegawai", "pegawai__opd").annotate(
        jumlah_kegiatan=Coalesce(Subquery(kegiatan.annotate(n=Count("id")).values("n")), 0),
        total_jp=Coalesce(Subquery(kegiatan.annotate(n=Sum("target_jp")).values("n")), NOL),
        total_biaya=Coalesce(Subquery(kegiatan.annotate(n=Sum("biaya")).values("n")), 0),
    )


def get_rencana_for(user, pk: int) -> RencanaPengembangan:
    """A plan the user may see; another OPD's plan answers 404."""
    qs = RencanaPengembangan.objects.select_related(
        "pegawai", "pegawai__opd", "pegawai__atasan", "pegawai__jabatan", "diputus_oleh"
    ).filter(pk=pk)
    if (scope := _pegawai_q(user)) is not None:
        qs = qs.filter(scope)
    obj = qs.first()
    if obj is None:
        raise Http404("Rencana tidak ditemukan.")
    return obj


def get_kegiatan_for(user, pk: int) -> KegiatanRencana:
    qs = KegiatanRencana.objects.select_related("rencana", "rencana__pegawai", "kebutuhan").filter(pk=pk)
    if (scope := _pegawai_q(user, "rencana__pegawai__")) is not None:
        qs = qs.filter(scope)
    obj = qs.first()
    if obj is None:
        raise Http404("Kegiatan tidak ditemukan.")
    return obj


def kegiatan_rencana(rencana: RencanaPengembangan) -> list[KegiatanRencana]:
    return list(rencana.kegiatan.select_related("kebutuhan", "program").order_by("waktu_mulai", "id"))


def riwayat_rencana(rencana: RencanaPengembangan) -> list:
    return list(rencana.history.select_related("history_user").order_by("-history_date", "-history_id")[:30])


# --- roll-up: the rencana pengembangan kompetensi --------------------------------------------------------


def _opd_filter(user, opd_id: int | None, prefix: str) -> Q:
    q = Q()
    c = cakupan_for(user) if user is not None else None
    if c is not None and not c.semua:
        q &= Q(**{f"{prefix}opd_id": c.opd_id}) if c.opd_id is not None else Q(pk__in=[])
    if opd_id:
        q &= Q(**{f"{prefix}opd_id": opd_id})
    return q


def rekap_per_opd(user, tahun: int, *, opd_id: int | None = None) -> list[dict]:
    """Per OPD: needs, employees with a plan, plans agreed by the atasan, planned JP and cost (all plans and
    the agreed ones). Three aggregate queries."""
    kebutuhan = {
        r["pegawai__opd_id"]: r["n"]
        for r in KebutuhanPengembangan.objects.filter(_opd_filter(user, opd_id, "pegawai__"), tahun=tahun)
        .exclude(status=KebutuhanPengembangan.Status.DIBATALKAN)
        .values("pegawai__opd_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    rencana = {
        r["pegawai__opd_id"]: r
        for r in RencanaPengembangan.objects.filter(_opd_filter(user, opd_id, "pegawai__"), tahun=tahun)
        .values("pegawai__opd_id")
        .annotate(
            jumlah=Count("id"), disetujui=Count("id", filter=Q(status=RencanaPengembangan.Status.DISETUJUI))
        )
        .order_by()
    }
    setuju = Q(rencana__status=RencanaPengembangan.Status.DISETUJUI)
    kegiatan = {
        r["rencana__pegawai__opd_id"]: r
        for r in KegiatanRencana.objects.filter(
            _opd_filter(user, opd_id, "rencana__pegawai__"), rencana__tahun=tahun
        )
        .values("rencana__pegawai__opd_id")
        .annotate(
            s_jp=Sum("target_jp"),
            s_biaya=Sum("biaya"),
            s_jp_disetujui=Coalesce(Sum("target_jp", filter=setuju), NOL),
            s_biaya_disetujui=Coalesce(Sum("biaya", filter=setuju), 0),
        )
        .order_by()
    }
    from pegawai.models import UnitKerja

    opd_ids = set(kebutuhan) | set(rencana) | set(kegiatan)
    opds = UnitKerja.objects.filter(pk__in=opd_ids).order_by("nama")
    persetujuan = {r.opd_id: r for r in RencanaKompetensi.objects.filter(tahun=tahun, opd_id__in=opd_ids)}
    hasil = []
    for opd in opds:
        r, k = rencana.get(opd.pk, {}), kegiatan.get(opd.pk, {})
        hasil.append(
            {
                "opd": opd,
                "jumlah_kebutuhan": kebutuhan.get(opd.pk, 0),
                "jumlah_rencana_semua": r.get("jumlah", 0),
                "jumlah_rencana": r.get("disetujui", 0),
                "jp": k.get("s_jp") or Decimal(0),
                "biaya": k.get("s_biaya") or 0,
                "jp_disetujui": k.get("s_jp_disetujui") or Decimal(0),
                "biaya_disetujui": k.get("s_biaya_disetujui") or 0,
                "persetujuan": persetujuan.get(opd.pk),
            }
        )
    return hasil


def rekap_angka(user, tahun: int, *, opd_id: int | None = None) -> dict:
    """Totals of the roll-up (one OPD, or the government)."""
    rows = rekap_per_opd(user, tahun, opd_id=opd_id)
    kunci = [
        "jumlah_kebutuhan",
        "jumlah_rencana_semua",
        "jumlah_rencana",
        "jp",
        "biaya",
        "jp_disetujui",
        "biaya_disetujui",
    ]
    return {k: sum((r[k] for r in rows), Decimal(0) if k.startswith("jp") else 0) for k in kunci}


def rekap_per_bentuk(user, tahun: int, *, opd_id: int | None = None) -> list[dict]:
    """Agreed plans' activities per route and form: count, JP, cost."""
    rows = list(
        KegiatanRencana.objects.filter(
            _opd_filter(user, opd_id, "rencana__pegawai__"),
            rencana__tahun=tahun,
            rencana__status=RencanaPengembangan.Status.DISETUJUI,
        )
        .values("jalur", "bentuk")
        .annotate(jumlah=Count("id"), s_jp=Sum("target_jp"), s_biaya=Sum("biaya"))
        .order_by("jalur", "-s_jp", "bentuk")
    )
    for r in rows:
        r["bentuk_label"], r["jalur_label"] = Bentuk(r["bentuk"]).label, Jalur(r["jalur"]).label
        r["jp"], r["biaya"] = r.pop("s_jp"), r.pop("s_biaya")
    return rows


def rekap_per_sumber(user, tahun: int, *, opd_id: int | None = None) -> list[dict]:
    """Needs per source (the top needs of the roll-up)."""
    rows = list(
        KebutuhanPengembangan.objects.filter(_opd_filter(user, opd_id, "pegawai__"), tahun=tahun)
        .exclude(status=KebutuhanPengembangan.Status.DIBATALKAN)
        .values("sumber")
        .annotate(jumlah=Count("id"))
        .order_by("-jumlah", "sumber")
    )
    for r in rows:
        r["label"] = SumberKebutuhan(r["sumber"]).label
    return rows


def persetujuan_pemerintah(tahun: int) -> RencanaKompetensi | None:
    return (
        RencanaKompetensi.objects.filter(tahun=tahun, opd__isnull=True)
        .select_related("disetujui_oleh")
        .first()
    )


def generasi_terakhir(tahun: int) -> GenerasiKebutuhan | None:
    return GenerasiKebutuhan.objects.filter(tahun=tahun).order_by("-dibuat").first()
