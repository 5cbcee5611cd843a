"""Each role's main journey, as a person does it in the browser."""

import csv
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from core.nip import format_nip, make_nip
from pegawai.impor import PEGAWAI_COLUMNS
from pegawai.models import Pegawai
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_searches_opens_profile_edits_and_sees_history(live_server, org, users, new_page):
    page = new_page()
    login(page, live_server.url, "admin_bkd")
    expect(page.get_by_role("heading", name="Dasbor Admin BKD")).to_be_visible()
    page.get_by_role("link", name="Pegawai", exact=True).click()
    page.get_by_label("Cari nama atau NIP").fill("Andi")
    page.get_by_role("button", name="Terapkan").click()
    page.get_by_role("link", name="Andi Pratama").click()
    expect(page.get_by_text(format_nip(org.staf_a.nip))).to_be_visible()
    page.get_by_role("link", name="Ubah data").click()
    page.get_by_label("Tempat lahir").fill("Donggala")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Perubahan data pegawai disimpan")).to_be_visible()
    page.get_by_role("tab", name="Riwayat perubahan").click()
    riwayat = page.locator("#panel-riwayat")
    expect(riwayat).to_contain_text("Tempat lahir")
    expect(riwayat).to_contain_text("Donggala")
    expect(riwayat).to_contain_text(str(users["admin_bkd"]))


def test_operator_gets_404_for_another_opd(live_server, org, users, new_page):
    page = new_page()
    login(page, live_server.url, "operator_opd")
    assert page.goto(f"{live_server.url}/pegawai/{org.staf_b.nip}/").status == 404
    assert page.goto(f"{live_server.url}/pegawai/{org.staf_a.nip}/").status == 200
    expect(page.get_by_role("heading", name="Andi Pratama")).to_be_visible()


def test_self_service_correction_through_verification_and_approval(
    live_server, org, users, new_page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    bukti = tmp_path / "buku-tabungan.pdf"
    bukti.write_bytes(b"%PDF-1.4\n% bukti\n")
    page = new_page()
    login(page, live_server.url, "pegawai")
    page.get_by_role("link", name="Usulan perubahan data").click()
    page.get_by_role("link", name="Ajukan perbaikan data saya").click()
    page.get_by_label("Data yang diubah").select_option("nomor_rekening")
    page.get_by_label("Nilai baru").fill("0021987654")
    page.get_by_label("Alasan perubahan").fill("Rekening gaji pindah ke Bank Sulteng")
    page.get_by_label("Bukti dukung (PDF/JPG/PNG)").set_input_files(str(bukti))
    page.get_by_role("button", name="Kirim usulan").click()
    expect(page.get_by_text("Usulan perubahan data terkirim")).to_be_visible()
    expect(page.get_by_text("Diajukan")).to_be_visible()

    for username, pesan in (("operator_opd", "Usulan diverifikasi"), ("admin_bkd", "Usulan disetujui")):
        checker = new_page()
        login(checker, live_server.url, username)
        checker.goto(f"{live_server.url}/usulan-perubahan/")
        checker.get_by_role("link", name="Buka").first.click()
        checker.get_by_label("Setujui").check()
        checker.once("dialog", lambda dialog: dialog.accept())
        checker.get_by_role("button", name="Simpan keputusan").click()
        expect(checker.get_by_role("alert")).to_contain_text(pesan)

    page.goto(f"{live_server.url}/pegawai/{org.staf_a.nip}/")
    expect(page.locator("#panel-pribadi")).to_contain_text("0021987654")
    page.get_by_role("tab", name="Riwayat perubahan").click()
    expect(page.locator("#panel-riwayat")).to_contain_text("0021987654")
    assert Pegawai.objects.get(pk=org.staf_a.pk).nomor_rekening == "0021987654"


def test_login_lockout_after_repeated_failures(live_server, org, users, new_page):
    page = new_page()
    for _ in range(3):  # AXES_FAILURE_LIMIT = 3 in test settings
        login(page, live_server.url, "admin_bkd", "salah-sandi")
    expect(page.get_by_text("Akun terkunci sementara")).to_be_visible()
    login(page, live_server.url, "admin_bkd")
    expect(page.get_by_text("Akun terkunci sementara")).to_be_visible()


def _pegawai_row(**overrides):
    lahir = dt.date(1991, 7, 14)
    row = dict.fromkeys(PEGAWAI_COLUMNS, "")
    row.update(
        nip=make_nip(
            tanggal_lahir=lahir,
            jenis_kelamin="L",
            nomor_urut=overrides.pop("urut", 0),
            tmt=dt.date(2015, 3, 1),
        ),
        nama="Fadli Rahman",
        tanggal_lahir=lahir.isoformat(),
        jenis_kelamin="L",
        status_kepegawaian="PNS",
        golongan="III/a",
        mkg_tahun="2",
        kode_unit="A.1",
        jabatan="Pranata Komputer",
        jenis_jabatan="pelaksana",
        tmt_cpns="2015-03-01",
        tmt_golongan="2019-04-01",
    )
    row.update(overrides)
    return row


def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=PEGAWAI_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_admin_imports_a_spreadsheet_with_errors_then_the_fixed_file(
    live_server, org, users, new_page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = new_page()
    login(page, live_server.url, "admin_bkd")
    page.get_by_role("link", name="Impor data").click()
    page.get_by_role("link", name="Impor pegawai").click()
    bad = _csv(
        tmp_path / "salah.csv", [_pegawai_row(golongan="V/a"), _pegawai_row(urut=1, nama="", kode_unit="X9")]
    )
    page.get_by_label("Berkas .xlsx atau .csv").set_input_files(str(bad))
    page.get_by_role("button", name="Unggah dan periksa").click()
    errors = page.locator(".impor-error")
    expect(errors).to_have_count(3)
    expect(errors.nth(0)).to_have_text(re.compile(r"^baris 2, kolom golongan: "))
    expect(errors.nth(1)).to_have_text(
        "baris 3, kolom kode_unit: unit kerja dengan kode 'X9' tidak ada; impor unit kerja dulu."
    )
    expect(errors.nth(2)).to_have_text("baris 3, kolom nama: wajib diisi.")
    assert not Pegawai.objects.filter(nama="Fadli Rahman").exists()

    page.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    good = _csv(tmp_path / "benar.csv", [_pegawai_row(), _pegawai_row(urut=1, nama="Gilang Saputra")])
    page.get_by_label("Berkas .xlsx atau .csv").set_input_files(str(good))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_text("Semua baris valid")).to_be_visible()
    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.get_by_text("Impor pegawai dari benar.csv selesai")).to_be_visible()
    assert set(Pegawai.objects.filter(unit_kerja=org.bidang_a).values_list("nama", flat=True)) >= {
        "Fadli Rahman",
        "Gilang Saputra",
    }
