"""Pembinaan figures for the dashboards at `/` (reads only, a fixed number of queries whatever the
headcount): the employee's JP against the target, activities, mentoring, this year's plan and courses;
the atasan's team JP, what waits for their decision (plans, mentoring proposals), checks of use at work
due and the team's coming events; the government's or an OPD's compliance per OPD (a Chart.js chart),
mentoring, the effect of training on the next predikat, spend against plan per OPD and the top needs."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from pegawai.models import Pegawai

from . import (
    selectors,
    selectors_dasbor,
    selectors_dasbor_instansi,
    selectors_evaluasi,
    selectors_mentoring,
)
from .models import KegiatanPengembangan, PasanganMentoring

TAHUN_EFEK = 3


def dasbor_pegawai(*, pegawai_id: int) -> dict | None:
    pegawai = Pegawai.objects.filter(pk=pegawai_id).only("id", "status_kepegawaian").first()
    if pegawai is None:
        return None
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    kegiatan = selectors.kegiatan_pegawai(pegawai, tahun)
    return {
        "ringkasan": selectors.ringkasan_pegawai(pegawai, tahun),
        "kegiatan": list(kegiatan[:5]),
        "jumlah_kegiatan": kegiatan.count(),
        "mentoring": selectors_mentoring.ringkasan_mentoring(pegawai_id),
        "rencana": selectors_dasbor.rencana_pegawai(pegawai_id, tahun),
        "kursus": selectors_dasbor.kursus_pegawai(pegawai_id, hari_ini),
    }


def dasbor_atasan(*, me: int) -> dict:
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    tim = selectors.pegawai_jp(None, tahun).filter(atasan_id=me)
    angka = tim.aggregate(jumlah=Count("id"), memenuhi=Count("id", filter=Q(jp_total__gte=F("target_jp"))))
    return {
        "tahun": tahun,
        "jumlah": angka["jumlah"],
        "memenuhi": angka["memenuhi"],
        "tertinggal": list(tim.filter(jp_total__lt=F("target_jp")).order_by("jp_total", "nama", "pk")[:8]),
        "usulan_diputus": list(
            PasanganMentoring.objects.filter(mentee__atasan_id=me, status=PasanganMentoring.Status.DIUSULKAN)
            .exclude(mentor_id=me)
            .select_related("mentor", "mentee")
            .order_by("dibuat", "pk")[:5]
        ),
        "mentee_aktif": PasanganMentoring.objects.filter(
            mentor_id=me, status=PasanganMentoring.Status.AKTIF
        ).count(),
        "cek_jatuh_tempo": selectors_evaluasi.penerapan_jatuh_tempo(me, hari_ini).count(),
        "keputusan": selectors_dasbor.keputusan_atasan(me, hari_ini),
    }


def dasbor_instansi(*, opd: int | None) -> dict:
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    rows = selectors.kepatuhan_per_opd(None, tahun, opd_id=opd)
    jumlah = sum(r["jumlah"] for r in rows)
    memenuhi = sum(r["memenuhi"] for r in rows)
    pasangan = PasanganMentoring.objects.all()
    if opd is not None:
        pasangan = pasangan.filter(mentee__opd_id=opd)
    per_status = dict(pasangan.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    tahun_dari = tahun - TAHUN_EFEK
    sesi = KegiatanPengembangan.objects.filter(
        sumber=KegiatanPengembangan.Sumber.MENTORING,
        tahun=tahun,
        status=KegiatanPengembangan.Status.DIVERIFIKASI,
    )
    if opd is not None:
        sesi = sesi.filter(pegawai__opd_id=opd)
    return {
        "tahun": tahun,
        "jumlah": jumlah,
        "memenuhi": memenuhi,
        "persen": round(100 * memenuhi / jumlah, 1) if jumlah else 0.0,
        "mentoring_aktif": per_status.get(PasanganMentoring.Status.AKTIF, 0),
        "mentoring_diusulkan": per_status.get(PasanganMentoring.Status.DIUSULKAN, 0),
        "jp_mentoring": sesi.aggregate(jp=Coalesce(Sum("jp_diakui"), selectors.NOL))["jp"] or Decimal(0),
        "efek": selectors_evaluasi.efek_pelatihan(opd_id=opd, tahun_dari=tahun_dari),
        "program": selectors_evaluasi.predikat_per_program(opd_id=opd, tahun_dari=tahun_dari, batas=5),
        "tahun_dari": tahun_dari,
        "biaya": selectors_dasbor_instansi.biaya_per_opd(tahun=tahun, hari_ini=hari_ini, opd_id=opd),
        "kebutuhan_teratas": selectors_dasbor_instansi.kebutuhan_teratas(tahun=tahun, opd_id=opd),
        "grafik": {
            "labels": [r["nama"] for r in rows],
            "datasets": [
                {
                    "label": "% memenuhi target JP",
                    "data": [r["persen"] for r in rows],
                    "backgroundColor": "#198754",
                }
            ],
            "horizontal": True,
        },
    }
