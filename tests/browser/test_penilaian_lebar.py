"""The rating form at 1366 px (a common office laptop): a long qualitative target wraps, so the realisasi
and capaian columns stay in view (a nowrap target pushed them out of the card)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja import services
from kinerja.models import PeriodeKinerja, Realisasi
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def skp(org, users, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    periode = PeriodeKinerja.objects.create(tahun=2026, jenis_evaluasi="triwulanan")
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    services.hasil_kerja_save(
        actor=users["pegawai"],
        skp=skp,
        uraian="Terlaksananya tugas sebagai pendamping pegawai baru di Bidang Pembinaan Sekolah Dasar",
        jenis="utama",
        mendukung=None,
        indikator=[
            {
                "uraian": "Jumlah sekolah yang datanya diverifikasi",
                "jenis": "kuantitatif",
                "target_angka": Decimal(120),
                "satuan": "sekolah",
            },
            {
                "uraian": "Kualitas pendampingan",
                "jenis": "kualitatif",
                "target_teks": "Pegawai yang didampingi mampu melaksanakan tugas secara mandiri dalam 3 bulan "
                "tanpa koreksi berarti dari atasan langsung",
            },
        ],
    )
    services.skp_submit(actor=users["pegawai"], skp=skp)
    services.skp_approve(actor=users["atasan"], skp=skp)
    kuantitatif = skp.hasil_kerja.get().indikator.get(jenis="kuantitatif")
    services.realisasi_save(
        actor=users["atasan"], indikator=kuantitatif, periode="triwulan-1", realisasi_angka=Decimal(90)
    )
    assert Realisasi.objects.count() == 1
    return skp


def test_the_capaian_column_is_not_clipped_at_1366_px(skp, new_page):
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "atasan")
    page.goto(reverse("kinerja:penilaian_form", args=[skp.pk, "triwulan-1"]))
    tabel = page.locator(".table-responsive").first
    lebar = tabel.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert lebar[0] <= lebar[1], f"the table scrolls sideways: {lebar}"
    kotak = tabel.bounding_box()
    for judul in ("Realisasi", "Capaian"):
        kolom = page.get_by_role("columnheader", name=judul).bounding_box()
        assert kolom["x"] + kolom["width"] <= kotak["x"] + kotak["width"] + 0.5, judul
    # 90 of 120 sekolah = 75 %, visible inside the card.
    capaian = page.locator("tbody tr", has_text="Jumlah sekolah").locator("td").last
    expect(capaian).to_contain_text("75")
    expect(capaian).to_be_in_viewport()
    box = capaian.bounding_box()
    assert box["x"] + box["width"] <= kotak["x"] + kotak["width"] + 0.5
