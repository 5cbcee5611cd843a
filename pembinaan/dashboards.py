"""Pembinaan figures for the dashboards at `/` (reads only, a fixed number of queries whatever the
headcount): the employee's JP against the target, activities, mentoring, this year's plan and courses;
the atasan's team JP, what waits for their decision (plans, mentoring proposals), checks of use at work
due and the team's coming events; the government's or an OPD's compliance per OPD (a Chart.js chart),
mentoring, the effect of training on the next predikat, spend against plan per OPD and the top needs."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

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
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    pegawai = selectors.pegawai_dengan_jp(pegawai_id, tahun)  # with the year's JP: one query less
    if pegawai is None:
        return None
    kegiatan, jumlah_kegiatan = selectors.kegiatan_terakhir(pegawai, tahun, 5)
    return {
        "ringkasan": selectors.ringkasan_pegawai(pegawai, tahun),
        "kegiatan": kegiatan,
        "jumlah_kegiatan": jumlah_kegiatan,
        "mentoring": selectors_mentoring.ringkasan_mentoring(pegawai_id),
        "rencana": selectors_dasbor.rencana_pegawai(pegawai_id, tahun),
        "kursus": selectors_dasbor.kursus_pegawai(pegawai_id, hari_ini),
    }


def dasbor_atasan(*, me: int) -> dict:
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    jumlah, memenuhi, tertinggal = selectors.jp_tim(me, tahun, tertinggal=8)  # one query
    return {
        "tahun": tahun,
        "jumlah": jumlah,
        "memenuhi": memenuhi,
        "tertinggal": tertinggal,
        "usulan_diputus": list(
            PasanganMentoring.objects.filter(mentee__atasan_id=me, status=PasanganMentoring.Status.DIUSULKAN)
            .exclude(mentor_id=me)
            .select_related("mentor", "mentee")
            .only(
                *[
                    f"{p}__{f}"
                    for p in ("mentor", "mentee")
                    for f in ("nama", "gelar_depan", "gelar_belakang")
                ]
            )
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
        **selectors_evaluasi.efek_dan_program(opd_id=opd, tahun_dari=tahun_dari, batas=5),  # efek, program
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
