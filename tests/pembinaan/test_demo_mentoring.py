"""The mentoring/evaluation demo: pairs through the services (ledger and recap consistent), the `pegawai`
login's JP untouched with a proposal waiting for the `atasan` login, evaluations only where they can
exist (the check of use at work three months after the activity)."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from pembinaan import selectors
from pembinaan.demo import PembinaanDemoBuilder
from pembinaan.models import EvaluasiKegiatan, KegiatanPengembangan, PasanganMentoring, RekapJP, SesiMentoring
from pembinaan.services_evaluasi import tambah_bulan
from tests.factories import PegawaiFactory, UserFactory

from .conftest import HARI_INI

pytestmark = pytest.mark.django_db


def test_demo_mentoring(org, users):
    # OPD B gets a head with two staff (one with a login): an atasan–staff pair to mentor.
    kepala_b = PegawaiFactory(jabatan=org.staf_b.jabatan, nama="Kepala B")
    for i in range(2):
        PegawaiFactory(jabatan=org.staf_b.jabatan, nama=f"Staf B{i}", atasan=kepala_b, atasan_manual=True)
    kepala_b.user = UserFactory(username="kepala_b")
    kepala_b.save(update_fields=["user"])
    hasil = PembinaanDemoBuilder(1).run()
    pairs, sesi, evaluasi = hasil.mentoring
    login = PasanganMentoring.objects.get(mentee=org.staf_a)
    assert (login.status, login.mentor) == ("diusulkan", org.kepala_a)  # the atasan login (kabid_a) decides
    assert 10 <= selectors.ringkasan_pegawai(org.staf_a, HARI_INI.year)["jp_total"] < 20
    aktif = PasanganMentoring.objects.filter(status="aktif")
    assert pairs == aktif.count() + 1 and aktif.count() >= 1
    assert aktif.filter(mentor=kepala_b).exists()
    assert sesi == SesiMentoring.objects.count() == 2 * aktif.count()
    for s in SesiMentoring.objects.select_related("kegiatan_mentor", "kegiatan_mentee"):
        assert s.tanggal <= HARI_INI
        assert s.kegiatan_mentor.sumber == s.kegiatan_mentee.sumber == "mentoring"
        assert s.kegiatan_mentee.jp_diakui == s.durasi_menit // 45
    # The recap agrees with the ledger for the mentors (sessions included).
    mentor = aktif.first().mentor
    ledger = KegiatanPengembangan.objects.filter(pegawai=mentor, tahun=HARI_INI.year, status="diverifikasi")
    assert (
        RekapJP.objects.get(pegawai=mentor, tahun=HARI_INI.year).jp_total
        == ledger.aggregate(s=Sum("jp_diakui"))["s"]
    )
    assert evaluasi == EvaluasiKegiatan.objects.count() > 0
    for e in EvaluasiKegiatan.objects.select_related("kegiatan"):
        assert 1 <= e.nilai_materi <= 5 and e.umpan_balik_pada
        if e.penerapan:
            assert tambah_bulan(e.kegiatan.tanggal_selesai, 3) <= HARI_INI
