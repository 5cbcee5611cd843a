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


def test_demo_plan_dates(org, users):
    """Issue 14: this year's plans were submitted and agreed in January–March (not on the seed day, so the
    PDF is not dated 'Palu, 2 Desember'), next year's drafted and decided in the fourth quarter; the
    history of a plan made through the services carries the same dates; nothing after now."""
    import datetime as dt

    from django.db.models import F
    from django.utils import timezone

    PembinaanDemoBuilder(1).run()
    ini, depan = HARI_INI.year, HARI_INI.year + 1
    tz = timezone.get_current_timezone()
    awal, maret = dt.datetime(ini, 1, 1, tzinfo=tz), dt.datetime(ini, 4, 1, tzinfo=tz)
    q4, sekarang = dt.datetime(ini, 10, 1, tzinfo=tz), timezone.now()
    r_ini = RencanaPengembangan.objects.filter(tahun=ini)
    assert r_ini.count() > 1 and not r_ini.exclude(status="disetujui").exists()
    assert not r_ini.exclude(dibuat__gte=awal, disetujui_pada__lt=maret).exists()
    assert not r_ini.exclude(dibuat__lte=F("diajukan_pada"), diajukan_pada__lte=F("disetujui_pada")).exists()
    assert r_ini.values("disetujui_pada__date").distinct().count() > 1  # spread, not one day
    r_depan = RencanaPengembangan.objects.filter(tahun=depan)
    assert not r_depan.exclude(dibuat__gte=q4, diubah__lte=sekarang).exists()
    assert not r_depan.filter(diajukan_pada__lt=F("dibuat")).exists()
    saya = RencanaPengembangan.objects.get(pegawai=org.staf_a, tahun=ini)
    riwayat = list(saya.history.order_by("history_date"))
    assert [h.status for h in riwayat] == ["draf", "diajukan", "disetujui"]
    assert riwayat[-1].history_date == saya.disetujui_pada and riwayat[0].history_date == saya.dibuat
    assert not KegiatanRencana.history.filter(rencana_id=saya.pk).exclude(history_date__lt=maret).exists()
    rpk = RencanaKompetensi.objects.get(tahun=ini, opd__isnull=True)
    assert timezone.localdate(rpk.disetujui_pada) == dt.date(ini, 3, 24)
    assert rpk.history.get().history_date == rpk.disetujui_pada
    assert not r_ini.filter(disetujui_pada__gt=rpk.disetujui_pada).exists()  # the roll-up comes after
