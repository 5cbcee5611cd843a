"""The pay journey in Chromium, on a real Celery worker: the Admin BKD computes November's gaji induk →
a second Admin BKD verifies it → the Pimpinan approves → the Admin BKD locks it → the employee opens
their slip, reads why each line is what it is and downloads the PDF."""

from __future__ import annotations

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import expect

from asn_portal.celery import app
from core.money import format_rupiah
from penggajian.models import RunGaji, Slip
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_compute_verify_approve_lock_then_the_employee_downloads_the_slip(bergaji, petugas, new_page):
    org = bergaji
    admin = new_page()
    admin.on("dialog", lambda dialog: dialog.accept())
    login(admin, "admin_bkd")

    # 1. The Admin BKD computes the month; the worker fills the progress bar and the page follows it.
    admin.get_by_role("button", name="Gaji").click()
    admin.get_by_role("link", name="Run gaji", exact=True).click()
    admin.get_by_label("Jenis").select_option(label="Gaji induk")
    admin.get_by_label("Bulan").fill("2026-11")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        admin.get_by_role("button", name="Hitung").click()
        expect(admin.get_by_role("alert")).to_contain_text("sedang dihitung di latar belakang")
        expect(admin.locator("#progres")).to_contain_text("Dihitung", timeout=30_000)
    expect(admin.locator("#progres")).to_contain_text("2 dari 2 OPD")
    admin.reload()
    expect(admin.get_by_test_id("jumlah-slip")).to_have_text("4")
    # Whoever computed cannot check their own work.
    expect(admin.get_by_role("button", name="Verifikasi")).to_have_count(0)
    expect(admin.get_by_text("Anda yang menghitung run ini")).to_be_visible()
    run = RunGaji.objects.get(jenis="induk", tahun=2026, bulan=11)

    # 2. A second Admin BKD verifies with a note.
    verifikator = new_page()
    verifikator.on("dialog", lambda dialog: dialog.accept())
    login(verifikator, "verifikator")
    verifikator.goto(f"/gaji/run/{run.pk}/")
    verifikator.get_by_label("Catatan verifikasi").fill("Cocok dengan rekap BPKAD")
    verifikator.get_by_role("button", name="Verifikasi").click()
    expect(verifikator.get_by_role("alert")).to_contain_text("diverifikasi")
    expect(verifikator.locator("#progres")).to_contain_text("Diverifikasi")

    # 3. The Pimpinan approves; the bank transfer file becomes available.
    pimpinan = new_page()
    pimpinan.on("dialog", lambda dialog: dialog.accept())
    login(pimpinan, "pimpinan")
    pimpinan.get_by_role("button", name="Gaji").click()
    pimpinan.get_by_role("link", name="Run gaji", exact=True).click()
    pimpinan.get_by_role("link", name=str(run)).click()
    pimpinan.get_by_role("button", name="Setujui").click()
    expect(pimpinan.get_by_role("alert")).to_contain_text("disetujui")
    expect(pimpinan.get_by_role("link", name="Berkas transfer bank")).to_be_visible()

    # 4. The Admin BKD locks it; nothing can change it any more.
    admin.reload()
    admin.get_by_role("button", name="Kunci").click()
    expect(admin.get_by_role("alert")).to_contain_text("dikunci")
    expect(admin.locator("#progres")).to_contain_text("Dikunci")
    expect(admin.get_by_role("button", name="Hitung ulang")).to_have_count(0)

    # 5. The employee finds the slip, reads the lines and downloads the PDF.
    pegawai = new_page()
    login(pegawai, "pegawai")
    pegawai.get_by_role("button", name="Gaji").click()
    pegawai.get_by_role("link", name="Slip saya").click()
    expect(pegawai.get_by_test_id("slip-saya")).to_have_count(1)
    pegawai.get_by_role("link", name="Rincian").click()
    slip = Slip.objects.get(run=run, pegawai=org.staf_a)
    expect(pegawai.get_by_test_id("jumlah-bersih")).to_have_text(format_rupiah(slip.jumlah_bersih))
    expect(pegawai.get_by_test_id("baris-penghasilan").first).to_contain_text("Gaji pokok")
    response = pegawai.request.get(pegawai.get_by_role("link", name="Unduh PDF").get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    run.refresh_from_db()
    assert run.status == RunGaji.Status.DIKUNCI
    assert (run.dihitung_oleh, run.diverifikasi_oleh, run.disetujui_oleh) == (
        petugas["pembuat"],
        petugas["verifikator"],
        petugas["pimpinan"],
    )
    assert run.catatan == "Cocok dengan rekap BPKAD"
