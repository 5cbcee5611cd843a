"""The appraisal journey in Chromium: the employee writes an SKP → the atasan approves it → the employee
uploads evidence and logs activities → the atasan reviews and rates → the employee sees the predikat,
accepts it and downloads the DEKP."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from kinerja.models import SKP, BuktiDukung, LogHarian, Penilaian, PeriodeKinerja
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def periode_2026(time_machine):
    # Triwulan IV 2026, whatever the machine's date: pages default to today's evaluation period.
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    return PeriodeKinerja.objects.create(tahun=2026, jenis_evaluasi="triwulanan")


def test_skp_to_predikat_and_dekp(org, users, periode_2026, new_page, tmp_path):
    pegawai = new_page()
    pegawai.on("dialog", lambda dialog: dialog.accept())
    login(pegawai, "pegawai")

    # 1. The employee drafts the SKP and adds a row with its indicator.
    pegawai.get_by_role("button", name="Kinerja").click()
    pegawai.get_by_role("link", name="SKP saya", exact=True).click()
    pegawai.get_by_role("button", name="Susun SKP 2026").click()
    expect(pegawai.get_by_role("alert")).to_contain_text("SKP 2026 disusun")
    pegawai.get_by_role("link", name="Tambah hasil kerja").click()
    pegawai.get_by_label("Rencana hasil kerja").fill("Data peserta didik SD mutakhir dan terverifikasi")
    pegawai.locator("[name=indikator-0-uraian]").fill("Sekolah yang datanya diverifikasi")
    pegawai.locator("[name=indikator-0-target_angka]").fill("120")
    pegawai.locator("[name=indikator-0-satuan]").fill("sekolah")
    pegawai.get_by_role("button", name="Simpan", exact=True).click()
    expect(pegawai.get_by_role("alert")).to_contain_text("Hasil kerja disimpan.")
    expect(pegawai.locator("[data-testid=hasil-kerja]")).to_contain_text("120 sekolah")
    pegawai.get_by_role("button", name="Ajukan kepada pejabat penilai").click()
    expect(pegawai.get_by_role("alert")).to_contain_text("SKP diajukan kepada Siti Rahmawati")
    expect(pegawai.get_by_test_id("status-skp")).to_have_text("Diajukan")

    # 2. The atasan sees it waiting on the dashboard and approves it with an expectation.
    atasan = new_page()
    login(atasan, "atasan")
    expect(atasan.get_by_test_id("dasbor-diajukan")).to_have_text("1")
    atasan.get_by_role("link", name="Andi Pratama").first.click()
    atasan.get_by_label("Berorientasi Pelayanan").fill(
        "Membalas pertanyaan sekolah paling lambat 1 hari kerja"
    )
    atasan.get_by_role("button", name="Setujui SKP").click()
    expect(atasan.get_by_role("alert")).to_contain_text("SKP Andi Pratama disetujui.")
    expect(atasan.get_by_test_id("status-skp")).to_have_text("Disetujui")

    # 3. The employee uploads evidence and logs an activity.
    pegawai.reload()
    pegawai.get_by_role("link", name="Bukti & log harian").click()
    bukti = tmp_path / "laporan-verifikasi.pdf"
    bukti.write_bytes(PDF)
    pegawai.get_by_label("Berkas (PDF, JPG, PNG, XLSX, DOCX; maks. 5 MB)").set_input_files(str(bukti))
    pegawai.get_by_role("button", name="Unggah").click()
    expect(pegawai.get_by_role("alert")).to_contain_text("Bukti dukung diunggah.")
    expect(pegawai.get_by_role("link", name="laporan-verifikasi.pdf")).to_be_visible()
    pegawai.get_by_label("Uraian kegiatan").fill("Verifikasi data 12 sekolah di Kecamatan Palu Barat")
    pegawai.get_by_label("Jumlah output").fill("12")
    pegawai.get_by_label("Satuan").fill("sekolah")
    pegawai.get_by_role("button", name="Simpan kegiatan").click()
    expect(pegawai.locator("[data-testid=log-harian]")).to_contain_text("Verifikasi data 12 sekolah")

    # 4. The atasan reviews the log and rates the quarter and the year.
    atasan.get_by_role("link", name="Bukti & log harian").click()
    atasan.get_by_role("button", name="Reviu").click()
    expect(atasan.locator("[data-testid=log-harian]")).to_contain_text("Direviu")
    atasan.get_by_role("link", name="Penilaian").click()
    atasan.get_by_test_id("penilaian-tahunan").get_by_role("link", name="Nilai").click()
    atasan.get_by_label("Realisasi Sekolah yang datanya diverifikasi").fill("126")
    atasan.get_by_label("Rating hasil kerja").select_option(label="Di Atas Ekspektasi")
    atasan.get_by_label("Rating perilaku kerja").select_option(label="Di Atas Ekspektasi")
    atasan.get_by_role("button", name="Simpan penilaian").click()
    # Di Atas × Di Atas = Sangat Baik (PermenPANRB 6/2022).
    expect(atasan.get_by_role("alert")).to_contain_text("dinilai untuk Tahunan: predikat Sangat Baik.")

    # 5. The employee sees the predikat, accepts it and downloads the DEKP.
    pegawai.get_by_role("link", name="Penilaian").click()
    baris = pegawai.get_by_test_id("penilaian-tahunan")
    expect(baris.get_by_test_id("predikat")).to_have_text("Sangat Baik")
    baris.get_by_role("button", name="Terima").click()
    expect(pegawai.get_by_role("alert")).to_contain_text("Penilaian Tahunan diterima.")
    dekp = pegawai.get_by_test_id("penilaian-tahunan").get_by_role("link", name="DEKP")
    response = pegawai.request.get(dekp.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    skp = SKP.objects.get(pegawai=org.staf_a)
    assert skp.status == SKP.Status.DISETUJUI
    assert BuktiDukung.objects.filter(hasil_kerja__skp=skp).count() == 1
    assert LogHarian.objects.get(skp=skp).direviu_pada is not None
    penilaian = Penilaian.objects.get(pegawai=org.staf_a, periode="tahunan")
    assert (penilaian.predikat, penilaian.status) == ("sangat baik", "diterima")
