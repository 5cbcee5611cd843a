"""The needs-and-plans demo: the `pegawai` login's plan of this year agreed by the `atasan` login and next
year's waiting for them; needs from every source the data allows; the government's roll-up of this year
approved by the Pimpinan; and the figures agree with each other (self-consistent)."""

from __future__ import annotations

import pytest

from pembinaan import permissions
from pembinaan import selectors_kebutuhan as sk
from pembinaan.demo import PembinaanDemoBuilder
from pembinaan.models import (
    GenerasiKebutuhan,
    KebutuhanPengembangan,
    KegiatanRencana,
    RencanaKompetensi,
    RencanaPengembangan,
)

from .conftest import HARI_INI

pytestmark = pytest.mark.django_db


def test_demo_needs_and_plans(org, users):
    PembinaanDemoBuilder(1).run()
    ini, depan = HARI_INI.year, HARI_INI.year + 1
    r_ini = RencanaPengembangan.objects.get(pegawai=org.staf_a, tahun=ini)
    r_depan = RencanaPengembangan.objects.get(pegawai=org.staf_a, tahun=depan)
    assert r_ini.status == "disetujui" and r_ini.diputus_oleh == users["atasan"]
    assert r_depan.status == "diajukan" and r_depan.kegiatan.exists()
    assert permissions.can_decide_rencana(users["atasan"], r_depan)
    assert {h.history_user for h in r_ini.history.all()} == {users["pegawai"], users["atasan"]}
    # needs: competency gaps in both years; usulan from the employee and the atasan next year
    assert KebutuhanPengembangan.objects.filter(tahun=depan, sumber="usulan", pegawai=org.staf_a).count() == 2
    assert KebutuhanPengembangan.objects.filter(sumber="kompetensi").exists()
    assert not KebutuhanPengembangan.objects.filter(
        tahun=depan, sumber__in=["kinerja", "talenta", "jp"]
    ).exists()
    # every planned activity lies in its plan's year and every need in a plan is marked planned
    assert not KegiatanRencana.objects.exclude(waktu_mulai__year=ini).filter(rencana__tahun=ini).exists()
    assert not KebutuhanPengembangan.objects.filter(kegiatan_rencana__isnull=False, status="terbuka").exists()
    runs = GenerasiKebutuhan.objects.order_by("tahun")
    assert [(g.tahun, g.status) for g in runs] == [(ini, "selesai"), (depan, "selesai")]
    rpk = RencanaKompetensi.objects.get(tahun=ini, opd__isnull=True)
    angka = sk.rekap_angka(None, ini)
    assert (
        rpk.status == "disetujui"
        and rpk.jp_rencana == angka["jp_disetujui"]
        and rpk.biaya == angka["biaya_disetujui"]
    )


def test_demo_plan_costs_by_form(org, users):
    """Issue 14: a planned activity costs money exactly when its form does (e-learning, coaching,
    mentoring... cost nothing and say so as their source of funds); the `pegawai` login's plan of this
    year has a paid activity."""
    PembinaanDemoBuilder(1).run()
    gratis = ["e_learning", "coaching", "mentoring", "belajar_mandiri", "komunitas_belajar"]
    gratis.append("bimbingan_di_tempat_kerja")
    assert KegiatanRencana.objects.exists()
    assert not KegiatanRencana.objects.exclude(bentuk__in=gratis).filter(biaya=0).exists()
    assert not KegiatanRencana.objects.filter(bentuk__in=gratis).exclude(biaya=0).exists()
    assert not KegiatanRencana.objects.filter(biaya=0).exclude(sumber_dana="tanpa_biaya").exists()
    assert not KegiatanRencana.objects.filter(biaya__gt=0, sumber_dana="tanpa_biaya").exists()
    ini = RencanaPengembangan.objects.get(pegawai=org.staf_a, tahun=HARI_INI.year)
    assert ini.kegiatan.filter(biaya__gte=250_000).exists()
