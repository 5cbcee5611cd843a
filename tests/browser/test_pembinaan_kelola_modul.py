"""E-learning authoring in Chromium: the BKD author moves a lesson down with the ↓ button — htmx swaps
only the list (no page reload) — then edits a question through its page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.pembinaan import pelatihan_data as d

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("aturan_jp"),
]


def test_penulis_mengurutkan_pelajaran_dan_mengubah_soal(users, new_page):
    modul = d.modul(users["admin_bkd"])
    page = new_page()
    login(page, "admin_bkd")
    page.goto(f"/belajar/kelola/{modul.pk}/")
    daftar = page.get_by_test_id("daftar-pelajaran").locator("li")
    expect(daftar).to_have_count(2)
    expect(daftar.nth(0)).to_contain_text("Nilai BerAKHLAK")
    page.evaluate("window.__belumDimuatUlang = true")
    page.get_by_role("button", name="Turunkan Nilai BerAKHLAK").click()
    expect(daftar.nth(0)).to_contain_text("Video pengantar")
    expect(daftar.nth(1)).to_contain_text("Nilai BerAKHLAK")
    assert page.evaluate("window.__belumDimuatUlang === true")  # htmx swapped the list in place
    assert list(modul.pelajaran.order_by("urutan").values_list("judul", flat=True)) == [
        "Video pengantar",
        "Nilai BerAKHLAK",
    ]
    page.get_by_test_id("daftar-soal").get_by_role("link", name="Ubah").first.click()
    page.get_by_label("Pertanyaan").fill("Apa nilai dasar ASN?")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("daftar-soal")).to_contain_text("Apa nilai dasar ASN?")
