"""Reads behind the pembinaan cards of the dashboards at `/` (issue 14 point 8) that the older
dashboards module did not have: the employee's plan and courses, what waits for the atasan's decision.
Each is a fixed number of queries on indexed columns whatever the headcount; the government's spend and
top needs are in selectors_dasbor_instansi.

A planned activity counts as done (``terlaksana``) when the employee has a verified ledger line in the
plan year for the same catalogue programme, or — when the plan names no programme — of the same form
(Peraturan LAN 10/2018). The ledger keeps no link back to the plan, so this is the closest faithful
reading: an imported or claimed course of the planned form realises the planned activity.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from pegawai.models import Pegawai

from .models import (
    IkutModul,
    KebutuhanPengembangan,
    KegiatanPengembangan,
    KegiatanRencana,
    PasanganMentoring,
    Pelajaran,
    Pelaksanaan,
    Peserta,
    RencanaPengembangan,
    Sesi,
)
from .selectors import NOL

BATAS = 5
R = RencanaPengembangan.Status
P = Peserta.Status
BERJALAN = (Pelaksanaan.Status.DIBUKA, Pelaksanaan.Status.DITUTUP)


def _kegiatan_terlaksana() -> Q:
    """On KegiatanRencana: the plan's employee has a verified ledger line of the plan year that realises
    it (same programme; same form when the plan names no programme)."""
    ledger = KegiatanPengembangan.objects.filter(
        pegawai_id=OuterRef("rencana__pegawai_id"),
        tahun=OuterRef("rencana__tahun"),
        status=KegiatanPengembangan.Status.DIVERIFIKASI,
    )
    sama_program = Exists(ledger.filter(program_id=OuterRef("program_id")))
    sama_bentuk = Exists(ledger.filter(bentuk=OuterRef("bentuk")))
    return (Q(program__isnull=False) & sama_program) | (Q(program__isnull=True) & sama_bentuk)


def _akan_datang(hari_ini: dt.date) -> Q:
    """On Peserta: enrolled or waiting in a run not cancelled, not closed as done and not yet over."""
    return Q(
        status__in=(P.TERDAFTAR, P.TUNGGU),
        pelaksanaan__status__in=BERJALAN,
        pelaksanaan__tanggal_selesai__gte=hari_ini,
    )


def rencana_pegawai(pegawai_id: int, tahun: int) -> dict:
    """The employee's plan of `tahun` (None when there is none) with its activities planned and done,
    planned JP and cost; and the open needs of that year (what a plan is drafted from). Three queries."""
    kegiatan = KegiatanRencana.objects.filter(rencana__pegawai_id=pegawai_id, rencana__tahun=tahun)
    angka = kegiatan.aggregate(
        jumlah=Count("id"),
        terlaksana=Count("id", filter=_kegiatan_terlaksana()),
        jp=Coalesce(Sum("target_jp"), NOL),
        jp_terlaksana=Coalesce(Sum("target_jp", filter=_kegiatan_terlaksana()), NOL),
        biaya=Coalesce(Sum("biaya"), 0),
    )
    rencana = RencanaPengembangan.objects.filter(pegawai_id=pegawai_id, tahun=tahun).first()
    return {
        "tahun": tahun,
        "rencana": rencana,
        "kebutuhan_terbuka": KebutuhanPengembangan.objects.filter(
            pegawai_id=pegawai_id, tahun=tahun, status=KebutuhanPengembangan.Status.TERBUKA
        ).count(),
        **angka,
        "persen_kegiatan": round(100 * angka["terlaksana"] / angka["jumlah"]) if angka["jumlah"] else 0,
    }


def kursus_pegawai(pegawai_id: int, hari_ini: dt.date) -> dict:
    """Events the employee is enrolled in or waits for (not yet over, not cancelled) with the next
    session's date, and e-learning modules open and not yet passed with lessons done. Four queries."""
    sesi_berikut = (
        Sesi.objects.filter(pelaksanaan_id=OuterRef("pelaksanaan_id"), tanggal__gte=hari_ini)
        .order_by("tanggal", "urutan")
        .values("tanggal")[:1]
    )
    peserta = Peserta.objects.filter(_akan_datang(hari_ini), pegawai_id=pegawai_id)
    pelatihan = list(
        peserta.select_related("pelaksanaan__program")
        .annotate(sesi_berikut=Subquery(sesi_berikut))
        .order_by("pelaksanaan__tanggal_mulai", "pk")[:BATAS]
    )
    jumlah_pelajaran = (
        Pelajaran.objects.filter(modul_id=OuterRef("modul_id"))
        .order_by()
        .values("modul_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    ikut = IkutModul.objects.filter(
        pegawai_id=pegawai_id,
        lulus_pada__isnull=True,
        modul__terbit=True,
        modul__dibuka__lte=hari_ini,
        modul__ditutup__gte=hari_ini,
    )
    modul = list(
        ikut.select_related("modul")
        .annotate(
            selesai=Count("pelajaran_selesai"),
            jumlah_pelajaran=Coalesce(Subquery(jumlah_pelajaran, output_field=IntegerField()), 0),
        )
        .order_by("modul__ditutup", "modul__judul", "pk")[:BATAS]
    )
    for m in modul:  # at most BATAS rows: the percentage of lessons done
        persen = min(100, round(100 * m.selesai / m.jumlah_pelajaran)) if m.jumlah_pelajaran else 0
        setattr(m, "persen", persen)  # noqa: B010 (an attribute the annotated type does not declare)
    return {
        "pelatihan": pelatihan,
        "jumlah_pelatihan": peserta.count(),
        "modul": modul,
        "jumlah_modul": ikut.count(),
    }


def keputusan_atasan(atasan_id: int, hari_ini: dt.date) -> dict:
    """What waits for the atasan in pembinaan: the team's plans submitted for agreement (any year,
    oldest first) and mentoring pairs proposed for a team member; and, to know who will be away, the
    team's enrolments in events still to come (enrolment needs no atasan's decision in this product;
    claims are verified by the Operator OPD or the BKD). Six queries, the team's ids read first."""
    tim = list(Pegawai.objects.filter(atasan_id=atasan_id, aktif=True).values_list("id", flat=True))
    rencana = RencanaPengembangan.objects.filter(pegawai_id__in=tim, status=R.DIAJUKAN)
    mentoring = PasanganMentoring.objects.filter(
        mentee_id__in=tim, status=PasanganMentoring.Status.DIUSULKAN
    ).exclude(mentor_id=atasan_id)
    pelatihan = Peserta.objects.filter(_akan_datang(hari_ini), pegawai_id__in=tim)
    jumlah_rencana = rencana.count()
    jumlah_mentoring = mentoring.count()
    return {
        "jumlah_keputusan": jumlah_rencana + jumlah_mentoring,
        "jumlah_rencana": jumlah_rencana,
        "rencana": list(rencana.select_related("pegawai").order_by("diajukan_pada", "pk")[:BATAS]),
        "jumlah_mentoring": jumlah_mentoring,
        "jumlah_pelatihan_tim": pelatihan.count(),
        "pelatihan_tim": list(
            pelatihan.select_related("pegawai", "pelaksanaan__program").order_by(
                "pelaksanaan__tanggal_mulai", "pegawai__nama", "pk"
            )[:BATAS]
        ),
    }
