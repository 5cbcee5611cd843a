"""The dashboards' pembinaan cards in Chromium (issue 14 point 8): the employee sees their plan of the year
and their e-learning progress; the Admin BKD sees the spend-against-plan chart drawn by Chart.js with the
Rupiah totals, and the top needs linking to the needs list filtered by topic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pembinaan import services_belajar, services_rencana
from pembinaan.models import KebutuhanPengembangan
from tests.browser.conftest import login
from tests.pembinaan import pelatihan_data as d

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pegawai_melihat_rencana_dan_kursus_admin_melihat_biaya(org, users, new_page):
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    pegawai, admin = users["pegawai"], users["admin_bkd"]
    rencana = services_rencana.rencana_susun(actor=pegawai, pegawai=org.staf_a, tahun=tahun)
    for nama, biaya in (("Bimtek Arsip", 1_500_000), ("Kursus Statistik", 2_250_000)):
        services_rencana.kegiatan_simpan(
            actor=pegawai,
            rencana=rencana,
            data={
                "nama_kegiatan": nama,
                "bentuk": "bimbingan_teknis",
                "target_jp": Decimal(16),
                "waktu_mulai": dt.date(tahun, 1, 2),
                "waktu_selesai": dt.date(tahun, 1, 3),
                "biaya": biaya,
                "sumber_dana": "apbd",
            },
        )
    services_rencana.rencana_ajukan(actor=pegawai, rencana=rencana)
    services_rencana.rencana_setujui(actor=users["atasan"], rencana=rencana)
    m = d.modul(admin, dibuka=hari_ini - dt.timedelta(days=1), ditutup=hari_ini + dt.timedelta(days=30))
    services_belajar.pelajaran_selesai(actor=pegawai, pelajaran=m.pelajaran.first(), pegawai=org.staf_a)
    KebutuhanPengembangan.objects.create(
        pegawai=org.staf_a,
        tahun=tahun,
        sumber="usulan",
        kunci="usulan:1",
        topik="Pengelolaan arsip",
        uraian="-",
    )

    page = new_page()
    login(page, "pegawai")
    kartu = page.get_by_test_id("dasbor-rencana-saya")
    expect(kartu.get_by_test_id("rencana-status")).to_have_text("Disetujui atasan")
    expect(kartu.get_by_test_id("rencana-kegiatan")).to_have_text("0 dari 2")
    expect(kartu).to_contain_text("Rp3.750.000")
    kursus = page.get_by_test_id("dasbor-kursus-saya")
    expect(kursus.get_by_test_id("kursus-modul-persen")).to_have_text("50 %")  # 1 of 2 lessons

    page = new_page()
    login(page, "admin_bkd")
    biaya = page.get_by_test_id("dasbor-biaya-pembinaan")
    expect(biaya.get_by_test_id("biaya-rencana")).to_have_text("Rp3.750.000")
    expect(biaya.get_by_test_id("biaya-realisasi")).to_have_text("Rp0")
    kanvas = biaya.locator('canvas[data-grafik="grafik-biaya-opd"]')
    expect(kanvas).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('[data-grafik=\"grafik-biaya-opd\"]'))"
    )
    assert (
        page.evaluate(
            "() => Chart.getChart(document.querySelector('[data-grafik=\"grafik-biaya-opd\"]')).data.datasets.length"
        )
        == 2
    )
    page.get_by_test_id("dasbor-kebutuhan-teratas").get_by_role("link", name="Pengelolaan arsip").click()
    expect(page.get_by_test_id("saringan-topik")).to_contain_text("Pengelolaan arsip")
    expect(page.locator("tr[data-testid^='kebutuhan-']")).to_have_count(1)
