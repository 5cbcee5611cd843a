"""Reads of evaluation: what is due for an atasan's check of use at work, one activity with its
evaluation (scoped: another OPD's answers 404), and the predikat before and after per programme.

Before and after read kinerja's FINAL annual predikat only (a running year has none and shows
"belum ada"): before = the year before the activity ended, after = the year it ended (appraised at that
year's end, the first appraisal the training can change)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Case, Q, QuerySet, Value, When
from django.http import Http404

from kinerja.models import Predikat
from pegawai.models import Pegawai
from pegawai.selectors import cakupan_for

from .models import KegiatanPengembangan
from .services_evaluasi import BULAN_CEK_MULAI, BULAN_CEK_SELESAI, tambah_bulan

BENTUK_TANPA_EVALUASI = ("mentoring", "coaching")  # sessions, evaluated in the pair itself
PERINGKAT = {
    Predikat.SANGAT_BAIK: 5,
    Predikat.BAIK: 4,
    Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.KURANG: 2,
    Predikat.SANGAT_KURANG: 1,
}


def kegiatan_visible_to(user) -> QuerySet[KegiatanPengembangan]:
    """Ledger lines whose evaluation the user sees: their own, their team's (atasan), their OPD's
    (operator), all (Admin BKD, Pimpinan)."""
    qs = KegiatanPengembangan.objects.select_related("pegawai", "pegawai__opd", "program")
    cakupan = cakupan_for(user)
    if cakupan.semua:
        return qs
    q = Q(pk__in=[])
    if cakupan.opd_id is not None:
        q |= Q(pegawai__opd_id=cakupan.opd_id)
    if cakupan.pegawai_id is not None:
        q |= Q(pegawai_id=cakupan.pegawai_id) | Q(pegawai__atasan_id=cakupan.pegawai_id)
    return qs.filter(q)


def get_kegiatan_for(user, pk: int) -> KegiatanPengembangan:
    obj = kegiatan_visible_to(user).filter(pk=pk).first()
    if obj is None:
        raise Http404("Kegiatan tidak ditemukan.")
    return obj


def penerapan_jatuh_tempo(atasan_id: int, hari_ini: dt.date) -> QuerySet[KegiatanPengembangan]:
    """The team's verified activities whose check of use at work is due (ended 3 months ago or more)
    and not done, up to a year back; `terlambat` when past 6 months."""
    mulai = tambah_bulan(hari_ini, -BULAN_CEK_MULAI)
    terlambat = tambah_bulan(hari_ini, -BULAN_CEK_SELESAI)
    # The team's ids first (an index scan): joined in one statement, PostgreSQL chose a parallel scan of
    # every employee for a team of hundreds (20 ms at 50,000 employees against 2 ms this way).
    # One array parameter (core.lookups), not 300 literals to quote and parse; the ids unordered.
    tim = list(
        Pegawai.objects.filter(atasan_id=atasan_id, aktif=True).order_by().values_list("id", flat=True)
    )
    return (
        KegiatanPengembangan.objects.filter(
            pegawai_id__any=tim,
            status=KegiatanPengembangan.Status.DIVERIFIKASI,
            tanggal_selesai__lte=mulai,
            tanggal_selesai__gt=tambah_bulan(hari_ini, -12),
        )
        .exclude(bentuk__in=BENTUK_TANPA_EVALUASI)
        .exclude(evaluasi__penerapan__gt="")
        .select_related("pegawai")
        .annotate(
            terlambat=Case(
                When(tanggal_selesai__lt=terlambat, then=Value(True)),
                default=Value(False),
            )
        )
        .order_by("tanggal_selesai", "pk")
    )


PREDIKAT_SQL = """
WITH k AS (
    SELECT k.id, k.pegawai_id, k.tahun, COALESCE(p.nama, k.nama_pelatihan) AS nama
    FROM pembinaan_kegiatanpengembangan k
    JOIN pegawai_pegawai pg ON pg.id = k.pegawai_id
    LEFT JOIN pembinaan_program p ON p.id = k.program_id
    WHERE k.status = 'diverifikasi' AND k.tahun >= %(tahun_dari)s
      AND NOT (k.bentuk = ANY(%(tanpa)s)) AND (%(opd)s::int IS NULL OR pg.opd_id = %(opd)s::int)
),
f AS (
    SELECT n.pegawai_id, pk.tahun,
           CASE n.predikat {peringkat} END AS r
    FROM kinerja_penilaian n JOIN kinerja_periodekinerja pk ON pk.id = n.periode_kinerja_id
    WHERE n.periode = 'tahunan' AND n.status = 'final' AND pk.status = 'ditutup'
)
SELECT {kunci} count(*) AS peserta,
       count(*) FILTER (WHERE a.r > b.r) AS naik,
       count(*) FILTER (WHERE a.r = b.r) AS tetap,
       count(*) FILTER (WHERE a.r < b.r) AS turun,
       count(*) FILTER (WHERE a.r IS NULL OR b.r IS NULL) AS belum_ada
FROM k
LEFT JOIN f b ON b.pegawai_id = k.pegawai_id AND b.tahun = k.tahun - 1
LEFT JOIN f a ON a.pegawai_id = k.pegawai_id AND a.tahun = k.tahun
{grup}
"""
KOLOM = ["peserta", "naik", "tetap", "turun", "belum_ada"]


def _jalankan(*, opd_id: int | None, tahun_dari: int, kunci: str, grup: str) -> list[tuple]:
    peringkat = " ".join(f"WHEN '{p}' THEN {n}" for p, n in PERINGKAT.items())  # fixed choices, no input
    sql = PREDIKAT_SQL.format(peringkat=peringkat, kunci=kunci, grup=grup)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"tahun_dari": tahun_dari, "tanpa": list(BENTUK_TANPA_EVALUASI), "opd": opd_id})
        return cursor.fetchall()


def predikat_per_program(
    *, opd_id: int | None = None, tahun_dari: int, batas: int | None = None
) -> list[dict]:
    """Per programme (catalogue entry, else the activity's name): participants and how many went up,
    stayed, went down from the predikat before to after; `belum_ada` where either is not final (a
    running year, not rated, under objection). One query."""
    grup = "GROUP BY k.nama ORDER BY peserta DESC, k.nama" + (f" LIMIT {int(batas)}" if batas else "")
    rows = _jalankan(opd_id=opd_id, tahun_dari=tahun_dari, kunci="k.nama,", grup=grup)
    return [{"nama_program": r[0], **dict(zip(KOLOM, r[1:], strict=True))} for r in rows]


def efek_pelatihan(*, opd_id: int | None = None, tahun_dari: int) -> dict:
    """The same counts over every programme (the Pimpinan's figure). One query."""
    row = _jalankan(opd_id=opd_id, tahun_dari=tahun_dari, kunci="", grup="")[0]
    return dict(zip(KOLOM, row, strict=True))


def efek_dan_program(*, opd_id: int | None = None, tahun_dari: int, batas: int) -> dict:
    """{"efek": efek_pelatihan(…), "program": predikat_per_program(…, batas)} from one statement: every
    programme's counts in the order of predikat_per_program, the totals summed from them (the programmes
    split the activities, so their counts add up). Each of the two statements read every activity since
    `tahun_dari` with the final predikat around it: about 0.8 s each at 50,000 employees (345,000
    activities), on every refresh of the Admin BKD dashboard's figures."""
    grup = "GROUP BY k.nama ORDER BY peserta DESC, k.nama"
    rows = _jalankan(opd_id=opd_id, tahun_dari=tahun_dari, kunci="k.nama,", grup=grup)
    efek = {kolom: sum(r[i] for r in rows) for i, kolom in enumerate(KOLOM, start=1)}
    program = [{"nama_program": r[0], **dict(zip(KOLOM, r[1:], strict=True))} for r in rows[:batas]]
    return {"efek": efek, "program": program}
