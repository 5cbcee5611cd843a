"""seed_demo's printed summary counts the catalogue, the runs, the enrolments and e-learning (issue 14)."""

from __future__ import annotations

import pytest

from pembinaan import services_belajar as belajar
from pembinaan import services_pelatihan as svc
from pembinaan.demo_ringkasan import ringkas_pelatihan

from . import pelatihan_data as d

pytestmark = pytest.mark.django_db


def test_ringkasan_menghitung_pelatihan_peserta_dan_modul(org, users):
    admin = users["admin_bkd"]
    assert ringkas_pelatihan() == (
        "0 program katalog, 0 pelaksanaan pelatihan (0 selesai), 0 peserta terdaftar (0 lulus) dan 0 dalam "
        "daftar tunggu; 0 modul e-learning (0 terbit), 0 pegawai mengikuti (0 lulus)."
    )
    # One programme, two runs. Run 1 (ended, finished): Andi recorded after the fact, passes. Run 2 (not
    # started, quota 1): Dewi enrolled, Siti waits.
    run = d.pelaksanaan(admin)
    akan = d.pelaksanaan(admin, run.program, nama="Angkatan II", kuota=1, **d.AKAN)
    andi = svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_a, catatan=d.SUSULAN)
    svc.peserta_daftar(actor=admin, pelaksanaan=akan, pegawai=org.staf_b)
    svc.peserta_daftar(actor=admin, pelaksanaan=akan, pegawai=org.kabid_a, tunggu=True)
    svc.hasil_tetapkan(actor=admin, peserta=andi, lulus=True)
    svc.pelaksanaan_status(actor=admin, pelaksanaan=run, ke="selesai")
    # Two modules, one published; Andi passes it, Dewi fails (0 of 2).
    m = d.modul(admin)
    d.modul(admin, judul="Draf", terbit=False)
    belajar.kuis_jawab(actor=users["pegawai"], modul=m, pegawai=org.staf_a, jawaban=d.jawaban(m))
    belajar.kuis_jawab(actor=admin, modul=m, pegawai=org.staf_b, jawaban=d.jawaban(m, benar=0))
    assert ringkas_pelatihan() == (
        "1 program katalog, 2 pelaksanaan pelatihan (1 selesai), 2 peserta terdaftar (1 lulus) dan 1 dalam "
        "daftar tunggu; 2 modul e-learning (1 terbit), 2 pegawai mengikuti (1 lulus)."
    )
