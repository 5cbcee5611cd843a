"""The demo ledger: nothing ends after today; the `pegawai` login is behind with a claim that brings
them to the target once the operator verifies it."""

from __future__ import annotations

import pytest
from django.db.models import Max

from pembinaan import selectors, services
from pembinaan.demo import PembinaanDemoBuilder
from pembinaan.models import KegiatanPengembangan, Program, RekapJP

from .conftest import HARI_INI

pytestmark = pytest.mark.django_db


def test_demo_ledger(org, users):
    hasil = PembinaanDemoBuilder(1).run()
    assert KegiatanPengembangan.objects.aggregate(m=Max("tanggal_selesai"))["m"] <= HARI_INI
    assert Program.objects.count() == 10
    assert RekapJP.objects.filter(tahun=HARI_INI.year - 1).exists()
    saya = selectors.ringkasan_pegawai(org.staf_a, HARI_INI.year)
    assert 10 <= saya["jp_total"] < 20
    klaim = KegiatanPengembangan.objects.get(pegawai=org.staf_a, status="diajukan")
    assert hasil.klaim >= 1 and klaim.bukti
    services.klaim_verifikasi(actor=users["operator_opd"], kegiatan=klaim)
    assert selectors.ringkasan_pegawai(org.staf_a, HARI_INI.year)["memenuhi"]
