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


def test_demo_pelatihan_dan_belajar(org, users):
    """Events at four stages and two modules; the `pegawai` login has one enrolment and one module in
    progress; the finished run's graduates got their JP through the ledger."""
    from pembinaan.models import IkutModul, Modul, Pelaksanaan, Peserta
    from tests.factories import PegawaiFactory

    PegawaiFactory.create_batch(5, jabatan=org.staf_b.jabatan)  # no login: the module's graduates
    PembinaanDemoBuilder(1).run()
    assert sorted(Pelaksanaan.objects.values_list("status", flat=True)) == [
        "dibuka",
        "ditutup",
        "ditutup",
        "selesai",
    ]
    assert Modul.objects.filter(terbit=True).count() == 2
    saya = Peserta.objects.get(pegawai=org.staf_a)
    assert (saya.status, saya.pelaksanaan.status) == ("terdaftar", "dibuka")
    ikut = IkutModul.objects.get(pegawai=org.staf_a)
    assert ikut.pelajaran_selesai.count() == 1 and ikut.lulus_pada is None
    # issue 14: a few employees passed a module through the service: certificate, JP by the rule
    # (1 JP per 45 full minutes: Etika 200 min -> 4 JP, Wawasan Kebangsaan 135 min -> 3 JP)
    lulus = IkutModul.objects.filter(lulus_pada=HARI_INI).select_related("modul", "kegiatan")
    assert lulus.count() == 5
    jp = {"Etika dan Integritas ASN": 4, "Wawasan Kebangsaan": 3}
    for i in lulus:
        assert i.kode_verifikasi and i.kegiatan.sumber == "e_learning" and i.kegiatan.status == "diverifikasi"
        assert i.kegiatan.jp_diakui == jp[i.modul.judul]
        assert i.pelajaran_selesai.count() == i.modul.pelajaran.count()
    assert sorted(lulus.values_list("percobaan__lulus", flat=True)) == [False, False] + [True] * 5
    # one lesson is a PDF file stored through the upload storage
    from pembinaan.models import Pelajaran

    pdf = Pelajaran.objects.get(jenis="pdf")
    with pdf.berkas.open("rb") as f:
        isi = f.read()
    assert isi.startswith(b"%PDF-") and isi.rstrip().endswith(b"%%EOF") and b"/Count 1" in isi
    for p in Peserta.objects.filter(hasil="lulus"):
        assert p.kegiatan.sumber == "event" and p.kegiatan.jp_diakui == p.pelaksanaan.jp
        assert p.kegiatan.nomor_sertifikat.endswith(f"/SERT/BKPSDM/{HARI_INI.year}")


def test_demo_ledger_names_and_catalogue_jp(org, users):
    """Issue 14: an activity is named as its programme (no ' (2)' suffix splitting the per-programme
    lists) and an activity of a catalogue programme carries the programme's JP (PKP 240, PKA 380)."""
    from django.db.models import F

    PembinaanDemoBuilder(1).run()
    impor = KegiatanPengembangan.objects.filter(sumber="impor")
    assert not impor.filter(nama_pelatihan__regex=r"\(\d+\)$").exists()
    assert not impor.filter(nama_pelatihan__contains="angkatan").exists()
    katalog = impor.filter(program__isnull=False)
    assert katalog.exists()
    assert not katalog.exclude(nama_pelatihan=F("program__nama")).exists()
    assert not katalog.exclude(jp_tertera=F("program__jp")).exists()
    assert not katalog.exclude(jp_diakui=F("program__jp")).exists()
    # a leadership training, when drawn, is the whole of that year's JP: 240 or 380
    builder = PembinaanDemoBuilder(1)
    for _ in range(5):
        [(jp, program)] = builder._rencana(20, "penuh", kepemimpinan=True)
        assert (jp, program[2]) in {(240, "pelatihan_kepemimpinan"), (380, "pelatihan_kepemimpinan")}
    # without leadership, the JP still add up to the band and catalogue pieces keep their JP
    for _ in range(20):
        potongan = builder._rencana(20, "penuh")
        assert 20 <= sum(jp for jp, _p in potongan) <= 44
        assert all(p is None or p[3] == jp for jp, p in potongan)
