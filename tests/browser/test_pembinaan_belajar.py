"""Pembinaan on a phone (390×844) in Chromium: the employee enrols in an event, follows an e-learning
module lesson by lesson, passes its quiz, downloads the certificate (a real PDF, read back) and sees the
JP in /pembinaan/saya/."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pembinaan.models import Peserta
from tests.browser.conftest import login
from tests.pembinaan import pelatihan_data as d

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("aturan_jp"),
]


def _tanpa_gulir_samping(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_pegawai_di_ponsel_mendaftar_lulus_modul_dan_melihat_jp(org, users, new_page, tmp_path):
    admin = users["admin_bkd"]
    hari_ini = timezone.localdate()
    run = d.pelaksanaan(
        admin,
        tanggal_mulai=hari_ini + dt.timedelta(days=7),
        tanggal_selesai=hari_ini + dt.timedelta(days=9),
        kuota=20,
    )
    # 200 minutes, e_learning rule: one JP per full 45 minutes → 4 JP.
    modul = d.modul(admin, dibuka=hari_ini - dt.timedelta(days=5), ditutup=hari_ini + dt.timedelta(days=20))

    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "pegawai")
    page.goto("/pembinaan/pelatihan/")
    _tanpa_gulir_samping(page)
    page.get_by_role("link", name=f"{run.program.nama} — {run.nama}").click()
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_test_id("status-saya")).to_contain_text("Terdaftar")
    _tanpa_gulir_samping(page)
    assert Peserta.objects.get(pegawai=org.staf_a).status == "terdaftar"

    page.goto("/belajar/")
    _tanpa_gulir_samping(page)
    page.get_by_role("link", name=modul.judul).click()
    page.get_by_role("link", name="1. Nilai BerAKHLAK").click()
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_role("heading", name="2. Video pengantar")).to_be_visible()  # on to the next lesson
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_test_id("daftar-pelajaran").get_by_text("selesai")).to_have_count(2)
    page.goto("/belajar/")
    expect(page.get_by_test_id(f"modul-{modul.pk}")).to_contain_text("2 dari 2 pelajaran selesai")
    page.get_by_role("link", name=modul.judul).click()

    page.get_by_role("link", name="Kerjakan kuis").click()
    _tanpa_gulir_samping(page)
    page.get_by_label("Benar 1").check()
    page.get_by_label("Benar 2").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_test_id("lulus")).to_contain_text("nilai 100 · 4 JP tercatat")
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh sertifikat").click()
    path = tmp_path / "sertifikat.pdf"
    unduhan.value.save_as(path)
    assert path.read_bytes()[:4] == b"%PDF"
    if shutil.which("pdftotext"):
        teks = " ".join(
            subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        assert "SERTIFIKAT" in teks and org.staf_a.nama in teks and "4 jam pelajaran" in teks
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "s")], check=True)
        assert (tmp_path / "s-1.png").stat().st_size > 5_000  # rendered: a page with content

    page.goto("/pembinaan/saya/")
    expect(page.get_by_test_id("jp-total")).to_have_text("4")
    expect(page.get_by_test_id("daftar-kegiatan")).to_contain_text("E-learning: Etika dan Integritas ASN")
    expect(page.get_by_test_id("pelatihan-saya")).to_contain_text(run.nama)
    _tanpa_gulir_samping(page)
