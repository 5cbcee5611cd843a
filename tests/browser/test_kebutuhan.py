"""The needs side of mutasi in Chromium: the Admin BKD reads the government's needs (with the chart), opens
one OPD's peta jabatan, enters ABK task rows for a position and sees its need follow; the Operator OPD
sees only their OPD."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pegawai.models import Jabatan
from tests.browser.conftest import login
from tests.factories import JabatanFactory, PegawaiFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_reads_needs_opens_peta_jabatan_and_enters_abk(org, users, new_page):
    lebih = JabatanFactory(
        unit_kerja=org.bidang_a, nama="Pengadministrasi Umum", kebutuhan=1, kelas_jabatan=5
    )
    for _ in range(3):
        PegawaiFactory(jabatan=lebih)
    page = new_page()
    login(page, "admin_bkd")
    page.get_by_role("button", name="Mutasi").click()
    page.get_by_role("link", name="Kebutuhan pegawai (bezetting)").click()
    expect(page.get_by_role("heading", name="Kebutuhan pegawai per OPD")).to_be_visible()
    # A: kebutuhan 1 + 1 + 3 + 1 = 6, bezetting 1 + 1 + 1 + 3 = 6; B: 2 and 1.
    expect(page.get_by_test_id("total-kebutuhan")).to_have_text("8")
    expect(page.get_by_test_id("total-bezetting")).to_have_text("7")
    expect(page.get_by_test_id("total-kurang")).to_have_text("3")
    expect(page.get_by_test_id("total-lebih")).to_have_text("2")
    expect(page.locator("canvas[data-grafik='grafik-kebutuhan']")).to_be_visible()

    page.get_by_label("Tampilkan").select_option("lebih")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_test_id("opd-B")).to_have_count(0)
    page.get_by_role("link", name="Dinas Pendidikan").click()
    expect(page.get_by_role("heading", name="Peta jabatan Dinas Pendidikan")).to_be_visible()
    expect(page.get_by_test_id(f"jabatan-{lebih.pk}")).to_contain_text("lebih 2")
    expect(page.get_by_test_id(f"jabatan-{org.staf_a.jabatan_id}")).to_have_count(0)

    page.get_by_test_id(f"jabatan-{lebih.pk}").get_by_role("link", name="Pengadministrasi Umum").click()
    page.get_by_role("link", name="Uraian tugas dan perhitungan ABK").click()
    # 2,400 × 30 + 600 × 90 = 72,000 + 54,000 = 126,000 ÷ 75,000 = 1.68 → 2 persons
    page.locator("input[name='tugas-0-uraian']").fill("Mencatat surat masuk")
    page.locator("input[name='tugas-0-volume_per_tahun']").fill("2400")
    page.locator("input[name='tugas-0-waktu_penyelesaian_menit']").fill("30")
    page.locator("input[name='tugas-1-uraian']").fill("Menyiapkan bahan rapat")
    page.locator("input[name='tugas-1-volume_per_tahun']").fill("600")
    page.locator("input[name='tugas-1-waktu_penyelesaian_menit']").fill("90")
    page.get_by_label("Alasan perubahan (tercatat di riwayat)").fill("ABK 2026")
    page.get_by_role("button", name="Simpan dan hitung ulang").click()
    expect(page.get_by_text("kebutuhan sekarang 2 orang")).to_be_visible()
    expect(page.get_by_text("1,68 orang")).to_be_visible()
    lebih.refresh_from_db()
    assert (lebih.kebutuhan, lebih.sumber_kebutuhan) == (2, Jabatan.SumberKebutuhan.ABK)

    page.goto("/mutasi/kebutuhan/A/")
    expect(page.get_by_test_id(f"jabatan-{lebih.pk}")).to_contain_text("lebih 1")

    operator = new_page()
    login(operator, "operator_opd")
    operator.goto("/mutasi/kebutuhan/")
    expect(operator.get_by_test_id("opd-A")).to_be_visible()
    expect(operator.get_by_test_id("opd-B")).to_have_count(0)
    response = operator.goto("/mutasi/kebutuhan/B/")
    assert response.status == 404
