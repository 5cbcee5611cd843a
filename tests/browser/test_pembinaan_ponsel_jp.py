"""The employee's JP page on a phone (390×844): the JP credited per activity and its status are on screen,
not behind the table's sideways scroll (found walking issue 14 on 2026-12-02: the form and date columns
pushed them off a 390-pixel screen)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from pembinaan import services
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _aturan_jp(transactional_db):
    """The migration-seeded JP rules come back after the previous transactional test's flush."""
    from django.apps import apps

    from pembinaan.reference import seed_all

    seed_all(lambda name: apps.get_model("pembinaan", name))


def test_jp_per_kegiatan_terlihat_di_ponsel(org, users, new_page):
    services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=org.staf_a,
        sumber="impor",
        data={
            "nama_pelatihan": "Pelatihan Jarak Jauh Penulisan Naskah Dinas Tingkat Lanjut",
            "bentuk": "pelatihan_jarak_jauh",
            "penyelenggara": "Arsip Nasional Republik Indonesia",
            "tanggal_mulai": dt.date(2026, 11, 2),
            "tanggal_selesai": dt.date(2026, 11, 27),
            "jp_tertera": Decimal(12),
            "durasi_menit": None,
            "nomor_sertifikat": "ANRI/PJJ/2026/1",
        },
    )
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "pegawai")
    page.goto("/pembinaan/saya/?tahun=2026")
    tabel = page.get_by_test_id("daftar-kegiatan")
    for sel in ("td.text-end", ".badge"):  # the JP credited, the status
        kotak = tabel.locator(sel).first.bounding_box()
        assert kotak is not None and kotak["x"] + kotak["width"] <= 390, (sel, kotak)
    expect(tabel).to_contain_text("Pelatihan jarak jauh · 2 November 2026 – 27 November 2026")
    expect(tabel.get_by_test_id("jp-diakui").first).to_contain_text("12")
