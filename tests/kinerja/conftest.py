"""Kinerja fixtures: the 2026 appraisal year (quarterly) and staf_a's SKP agreed with kabid_a."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kinerja import services
from kinerja.models import PeriodeKinerja


@pytest.fixture
def periode(db) -> PeriodeKinerja:
    return PeriodeKinerja.objects.create(tahun=2026, jenis_evaluasi=PeriodeKinerja.JenisEvaluasi.TRIWULANAN)


def tambah_hasil_kerja(user, skp, uraian="Data peserta didik SD mutakhir", mendukung=None):
    return services.hasil_kerja_save(
        actor=user,
        skp=skp,
        uraian=uraian,
        jenis="utama",
        mendukung=mendukung,
        indikator=[
            {
                "uraian": "Jumlah sekolah yang datanya diverifikasi",
                "jenis": "kuantitatif",
                "target_angka": Decimal(120),
                "satuan": "sekolah",
            },
        ],
    )


@pytest.fixture
def skp_disetujui(org, users, periode):
    """staf_a's SKP with one hasil kerja, submitted and approved by kabid_a (the derived atasan)."""
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    tambah_hasil_kerja(users["pegawai"], skp)
    services.skp_submit(actor=users["pegawai"], skp=skp)
    services.skp_approve(actor=users["atasan"], skp=skp)
    skp.refresh_from_db()
    return skp


TANGGAL_UJI = dt.date(2026, 11, 20)


@pytest.fixture
def pada_tanggal_uji(time_machine):
    """Pages that default to "today's evaluation period" are tested on TANGGAL_UJI (Triwulan IV 2026)."""
    time_machine.move_to(dt.datetime.combine(TANGGAL_UJI, dt.time(9), tzinfo=ZoneInfo("Asia/Makassar")))
