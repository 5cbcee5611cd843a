"""Reads of mentoring and coaching: the latest finalised talent grid per employee, candidate pairs, the
pairs a user sees (scoped; another OPD's pair answers 404), a mentor's load against capacity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from akun import roles
from kinerja import selectors as kinerja_selectors
from kinerja.models import PERIODE_TAHUNAN, Penilaian, PeriodeKinerja
from pegawai.models import Pegawai, RiwayatJabatan
from pegawai.selectors import cakupan_for

from .models import KapasitasMentor, PasanganMentoring

KOTAK_MENTOR = (7, 8, 9)
KOTAK_MENTEE = (1, 2, 3)
BULAN_SETELAH_PINDAH = 12


def kapasitas_bawaan() -> int:
    return int(getattr(settings, "ASN_MENTOR_KAPASITAS", 3))


# --- the talent grid ----------------------------------------------------------------------------------


def periode_talenta_final() -> PeriodeKinerja | None:
    """The latest closed appraisal year with a final annual evaluation (a running year has none)."""
    final = Penilaian.objects.filter(
        periode_kinerja=OuterRef("pk"), periode=PERIODE_TAHUNAN, status=Penilaian.Status.FINAL
    )
    return (
        PeriodeKinerja.objects.filter(status=PeriodeKinerja.Status.DITUTUP)
        .filter(Exists(final))
        .order_by("-tahun")
        .first()
    )


def kotak_per_pegawai(pegawai_qs: QuerySet[Pegawai]) -> tuple[int | None, dict[int, int]]:
    """(year, employee id → box 1–9) from the latest finalised 9-box: FINAL annual predikat and the
    potential score valid at that year's end. Employees without a potential score have no box."""
    periode = periode_talenta_final()
    if periode is None:
        return None, {}
    aturan = kinerja_selectors.AturanTalenta.untuk(periode.tahun)
    if aturan is None:
        return periode.tahun, {}
    rows = (
        kinerja_selectors.penilaian_tahunan_dengan_potensial(pegawai_qs, periode)
        .filter(status=Penilaian.Status.FINAL)
        .values_list("pegawai_id", "predikat", "skor_potensial")
    )
    hasil: dict[int, int] = {}
    for pid, predikat, skor in rows:
        if skor is None:
            continue
        nomor = aturan.nomor(predikat, skor)
        if nomor is not None:
            hasil[pid] = nomor
    return periode.tahun, hasil


# --- candidates -----------------------------------------------------------------------------------------


@dataclass
class Kandidat:
    mentor: Pegawai
    mentee: Pegawai
    alasan: str
    kotak_mentor: int | None
    kotak_mentee: int | None
    tahun_talenta: int | None


@dataclass
class _Mentor:
    pegawai: Pegawai
    kotak: int
    sisa: int
    mentee: list[int] = field(default_factory=list)


def beban_mentor(mentor_ids) -> dict[int, int]:
    """Open pairs (proposed or active) per mentor."""
    return dict(
        PasanganMentoring.objects.filter(mentor_id__in=mentor_ids, status__in=PasanganMentoring.TERBUKA)
        .values("mentor_id")
        .annotate(n=Count("id"))
        .values_list("mentor_id", "n")
    )


def kapasitas(mentor_ids) -> dict[int, int]:
    bawaan = kapasitas_bawaan()
    tetap = dict(
        KapasitasMentor.objects.filter(pegawai_id__in=mentor_ids).values_list("pegawai_id", "maks_mentee")
    )
    return {pid: tetap.get(pid, bawaan) for pid in mentor_ids}


def kandidat_pasangan(opd_id: int, hari_ini: dt.date) -> list[Kandidat]:
    """Pairs to propose in one OPD, in a fixed number of queries.

    Mentees: active CPNS, employees whose position changed (position history TMT, or TMT jabatan, in the
    last 12 months) and boxes 1–3 of the latest finalised 9-box; mentors: boxes 7–9 of the same grid,
    with room under their capacity. Nobody already in an open pair as mentee is proposed again. Each
    mentee gets the mentor of the same unit if one has room, else the OPD's mentor with most room."""
    pegawai = Pegawai.objects.filter(opd_id=opd_id, aktif=True)
    tahun, kotak = kotak_per_pegawai(pegawai)
    batas = hari_ini - dt.timedelta(days=365 * BULAN_SETELAH_PINDAH // 12)
    pindah = RiwayatJabatan.objects.filter(pegawai=OuterRef("pk"), tmt__gt=batas, tmt__lte=hari_ini)
    sudah = PasanganMentoring.objects.filter(mentee=OuterRef("pk"), status__in=PasanganMentoring.TERBUKA)
    kotak_mentee = [pid for pid, k in kotak.items() if k in KOTAK_MENTEE]
    kotak_mentor = [pid for pid, k in kotak.items() if k in KOTAK_MENTOR]
    mentees = list(
        pegawai.annotate(pindah=Exists(pindah), sudah=Exists(sudah))
        .filter(
            Q(status_kepegawaian=Pegawai.Status.CPNS)
            | Q(pindah=True)
            | Q(tmt_jabatan__gt=batas, tmt_jabatan__lte=hari_ini)
            | Q(pk__in=kotak_mentee),
            sudah=False,
        )
        .select_related("unit_kerja")
        .order_by("nama", "pk")
    )
    mentor_rows = list(
        pegawai.filter(pk__in=kotak_mentor).select_related("unit_kerja").order_by("nama", "pk")
    )
    ids = [m.pk for m in mentor_rows]
    beban = beban_mentor(ids)
    maks = kapasitas(ids)
    mentors = [
        _Mentor(pegawai=m, kotak=kotak[m.pk], sisa=maks[m.pk] - beban.get(m.pk, 0))
        for m in mentor_rows
        if maks[m.pk] - beban.get(m.pk, 0) > 0
    ]
    hasil: list[Kandidat] = []
    for mentee in mentees:
        alasan = []
        if mentee.status_kepegawaian == Pegawai.Status.CPNS:
            alasan.append("CPNS")
        if getattr(mentee, "pindah", False) or (
            mentee.tmt_jabatan and batas < mentee.tmt_jabatan <= hari_ini
        ):
            alasan.append("pindah jabatan ≤ 12 bulan")
        if kotak.get(mentee.pk) in KOTAK_MENTEE:
            alasan.append(f"kotak talenta {kotak[mentee.pk]} ({tahun})")
        pilihan = [m for m in mentors if m.sisa > 0 and m.pegawai.pk != mentee.pk]
        if not pilihan:
            continue
        pilihan.sort(key=lambda m: (m.pegawai.unit_kerja_id != mentee.unit_kerja_id, -m.sisa, m.pegawai.nama))
        mentor = pilihan[0]
        mentor.sisa -= 1
        hasil.append(
            Kandidat(
                mentor=mentor.pegawai,
                mentee=mentee,
                alasan=", ".join(alasan),
                kotak_mentor=mentor.kotak,
                kotak_mentee=kotak.get(mentee.pk),
                tahun_talenta=tahun,
            )
        )
    return hasil


# --- pairs ------------------------------------------------------------------------------------------------


def _q_pasangan(user) -> Q | None:
    """None: everything (Admin BKD, Pimpinan)."""
    cakupan = cakupan_for(user)
    if cakupan.semua:
        return None
    q = Q(pk__in=[])
    if cakupan.opd_id is not None:
        q |= Q(mentee__opd_id=cakupan.opd_id) | Q(mentor__opd_id=cakupan.opd_id)
    if cakupan.pegawai_id is not None:
        me = cakupan.pegawai_id
        q |= Q(mentor_id=me) | Q(mentee_id=me) | Q(mentee__atasan_id=me)
    return q


def pasangan_visible_to(user) -> QuerySet[PasanganMentoring]:
    qs = PasanganMentoring.objects.select_related(
        "mentor", "mentee", "mentor__opd", "mentee__opd", "mentee__unit_kerja"
    )
    q = _q_pasangan(user)
    return qs if q is None else qs.filter(q)


def get_pasangan_for(user, pk: int) -> PasanganMentoring:
    obj = pasangan_visible_to(user).filter(pk=pk).first()
    if obj is None:
        raise Http404("Pasangan mentoring tidak ditemukan.")
    return obj


def daftar_pasangan(user, *, status: str = "", opd_id: int | None = None) -> QuerySet[PasanganMentoring]:
    """The list page: pairs with their session count and JP credited to the mentee, one query."""
    qs = pasangan_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if opd_id:
        qs = qs.filter(mentee__opd_id=opd_id)
    return qs.annotate(jumlah_sesi=Count("sesi")).order_by("status", "mentee__nama", "pk")


def ringkasan_mentoring(pegawai_id: int) -> dict:
    """For the employee's dashboard: open pairs as mentor and as mentee, sessions this year."""
    qs = PasanganMentoring.objects.filter(
        Q(mentor_id=pegawai_id) | Q(mentee_id=pegawai_id), status__in=PasanganMentoring.TERBUKA
    ).select_related("mentor", "mentee")
    # Only what the card shows: every column of three tables in the SELECT and GROUP BY was most of the
    # employee dashboard's pembinaan card in Python.
    nama = [f"{p}__{f}" for p in ("mentor", "mentee") for f in ("nama", "gelar_depan", "gelar_belakang")]
    qs = qs.only("jenis", "status", *nama)
    pasangan = list(qs.annotate(jumlah_sesi=Count("sesi")).order_by("status", "pk")[:10])
    return {
        "sebagai_mentor": [p for p in pasangan if p.mentor_id == pegawai_id],
        "sebagai_mentee": [p for p in pasangan if p.mentee_id == pegawai_id],
    }


def is_admin_or_operator_of(user, opd_id: int) -> bool:
    return roles.is_admin_bkd(user) or cakupan_for(user).opd_id == opd_id
