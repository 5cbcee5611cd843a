"""Each role's main journey, done in Chromium the way a person does it; assertions on what they see."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from core.nip import format_nip, make_nip
from pegawai.models import Pegawai, UsulanPerubahanData
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIP_BERKELOMPOK = re.compile(r"^\d{8} \d{6} \d \d{3}$")


def test_admin_bkd_searches_opens_profile_edits_and_sees_history(org, users, page):
    staf = org.staf_a
    staf.tempat_lahir = "Palu"
    staf.save()  # recorded in the history, so the edit below shows "Palu → Donggala"
    admin = users["admin_bkd"]

    login(page, "admin_bkd")
    expect(page.get_by_role("heading", name="Dasbor Admin BKD")).to_be_visible()
    expect(page.locator("body")).to_have_css("background-color", "rgb(245, 247, 250)")  # asn.css loaded

    page.get_by_role("link", name="Pegawai", exact=True).click()
    expect(page.get_by_role("heading", name="Daftar pegawai")).to_be_visible()
    tabel = page.locator("#tabel-pegawai")
    expect(tabel).to_contain_text("Budi Santoso")

    # Typing searches without a page load: htmx swaps the table and pushes the URL.
    with page.expect_response(
        lambda r: "q=Andi" in r.url and r.request.headers.get("hx-request") == "true"
    ) as pencarian:
        page.get_by_label("Cari nama atau NIP").fill("Andi")
    assert pencarian.value.ok
    expect(tabel).not_to_contain_text("Budi Santoso")
    expect(tabel).to_contain_text("· 1 pegawai")
    expect(page).to_have_url(re.compile(r"/pegawai/\?.*q=Andi"))

    tabel.get_by_role("link", name="Andi Pratama").click()
    expect(page.get_by_role("heading", name="Andi Pratama")).to_be_visible()
    nip_tampil = format_nip(org.staf_a.nip)
    assert NIP_BERKELOMPOK.match(nip_tampil)
    expect(page.locator("h1 + div .nip")).to_have_text(f"NIP {nip_tampil}")

    page.get_by_role("link", name="Ubah data").click()
    expect(page.get_by_role("heading", name="Ubah data Andi Pratama")).to_be_visible()
    page.get_by_label("Tempat lahir").fill("Donggala")
    page.get_by_label("Alasan perubahan").fill("Sesuai akta kelahiran")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Perubahan data pegawai disimpan dan tercatat di riwayat perubahan."
    )
    expect(page.locator("#panel-pribadi")).to_contain_text("Donggala")

    # The tabs are Bootstrap JS: the history panel is hidden until its tab is clicked.
    riwayat = page.locator("#panel-riwayat")
    expect(riwayat).to_be_hidden()
    page.get_by_role("tab", name="Riwayat perubahan").click()
    expect(riwayat).to_be_visible()
    terbaru = riwayat.locator(".perubahan").first
    expect(terbaru).to_contain_text("Tempat lahir: Palu → Donggala")
    expect(terbaru).to_contain_text(str(admin))
    expect(terbaru).to_contain_text("Sesuai akta kelahiran")

    # The SK KGB and JP tabs are loaded from their own URL when shown, or at once when linked with ?tab=.
    page.get_by_role("tab", name="Gaji berkala (KGB)").click()
    expect(page.locator("#panel-kgb")).to_contain_text("Belum ada KGB yang tercatat di aplikasi.")
    page.get_by_role("tab", name="JP pengembangan").click()
    expect(page.locator("#panel-jp [data-testid=ringkasan-jp]")).to_be_visible()
    page.goto(page.url.split("?")[0] + "?tab=kgb")
    expect(page.locator("#panel-kgb")).to_contain_text("Belum ada KGB yang tercatat di aplikasi.")


def test_operator_opd_gets_404_for_another_opd_and_opens_own(org, users, page):
    login(page, "operator_opd")
    expect(page.get_by_role("heading", name="Dasbor Operator OPD")).to_be_visible()

    response = page.goto(f"/pegawai/{org.staf_b.nip}/")
    assert response.status == 404
    expect(page.get_by_text("Dewi Lestari")).to_have_count(0)

    response = page.goto(f"/pegawai/{org.staf_a.nip}/")
    assert response.status == 200
    expect(page.get_by_role("heading", name="Andi Pratama")).to_be_visible()

    page.goto("/pegawai/")
    expect(page.locator("#tabel-pegawai")).to_contain_text("Andi Pratama")
    expect(page.locator("#tabel-pegawai")).not_to_contain_text("Dewi Lestari")


def _putuskan(checker, kartu: str, pesan: str) -> None:
    """Open the request from its queue on the usulan page, choose Setujui, confirm, see the message."""
    checker.get_by_role("link", name="Usulan perubahan data").click()
    checker.locator(".card", has_text=kartu).get_by_role("link", name="Buka").click()
    expect(checker.locator("dl")).to_contain_text("Nomor rekening")
    expect(checker.locator("dd.diff-old")).to_have_text("0012345678")
    expect(checker.locator("dd.diff-new")).to_have_text("0021987654")
    checker.get_by_label("Setujui").check()
    dialog_messages = []
    checker.once("dialog", lambda d: (dialog_messages.append(d.message), d.accept()))
    checker.get_by_role("button", name="Simpan keputusan").click()
    expect(checker.get_by_role("alert")).to_contain_text(pesan)
    assert dialog_messages == ["Simpan keputusan ini? Keputusan tidak dapat dibatalkan."]


def test_pegawai_correction_verified_by_operator_and_approved_by_admin(
    org, users, new_page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    staf = org.staf_a
    staf.nama_bank, staf.nomor_rekening = "Bank Sulteng", "0012345678"
    staf.save()  # recorded in the history, so the approval shows "0012345678 → 0021987654"
    bukti = tmp_path / "buku-tabungan.pdf"
    bukti.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

    page = new_page()
    login(page, "pegawai")
    page.get_by_role("link", name="Usulan perubahan data").click()
    page.get_by_role("link", name="Ajukan perbaikan data saya").click()
    page.get_by_label("Data yang diubah").select_option(label="Nomor rekening")
    page.get_by_label("Nilai baru").fill("0021987654")
    page.get_by_label("Alasan perubahan").fill("Rekening gaji pindah cabang")
    page.get_by_label("Bukti dukung (PDF/JPG/PNG)").set_input_files(str(bukti))
    page.get_by_role("button", name="Kirim usulan").click()
    expect(page.get_by_role("alert")).to_contain_text("Usulan perubahan data terkirim")
    milik_saya = page.locator(".card", has_text="Usulan saya").locator("tbody tr")
    expect(milik_saya).to_have_count(1)
    expect(milik_saya).to_contain_text("Diajukan")
    expect(milik_saya).to_contain_text("0021987654")

    operator = new_page()
    login(operator, "operator_opd")
    operator.get_by_role("link", name="Usulan perubahan data").click()
    operator.locator(".card", has_text="Menunggu verifikasi Anda").get_by_role("link", name="Buka").click()
    bukti_url = operator.get_by_role("link", name="Lihat berkas").get_attribute("href")
    berkas = operator.request.get(bukti_url)
    assert berkas.ok
    assert berkas.body().startswith(b"%PDF-1.4")
    _putuskan(operator, "Menunggu verifikasi Anda", "Usulan diverifikasi dan diteruskan ke Admin BKD")

    admin = new_page()
    login(admin, "admin_bkd")
    _putuskan(admin, "Menunggu persetujuan Admin BKD", "Usulan disetujui; data pegawai sudah diperbarui.")

    page.reload()
    expect(milik_saya).to_contain_text("Disetujui")
    page.get_by_role("button", name=str(users["pegawai"])).click()  # Bootstrap dropdown
    page.get_by_role("link", name="Profil saya").click()
    expect(page.get_by_role("heading", name="Andi Pratama")).to_be_visible()
    expect(page.locator("#panel-pribadi")).to_contain_text("Bank Sulteng 0021987654")
    page.get_by_role("tab", name="Riwayat perubahan").click()
    terbaru = page.locator("#panel-riwayat .perubahan").first
    expect(terbaru).to_be_visible()
    expect(terbaru).to_contain_text("Nomor rekening: 0012345678 → 0021987654")
    expect(terbaru).to_contain_text(str(users["admin_bkd"]))
    usulan = UsulanPerubahanData.objects.get(pegawai=org.staf_a)
    expect(terbaru).to_contain_text(f"Usulan perubahan data #{usulan.pk} disetujui")
    assert Pegawai.objects.get(pk=org.staf_a.pk).nomor_rekening == "0021987654"


def test_login_lockout_after_three_wrong_passwords(org, users, page, new_page):
    for attempt in range(1, 4):  # AXES_FAILURE_LIMIT = 3 in settings.test
        login(page, "admin_bkd", "sandi-yang-salah")
        if attempt < 3:
            expect(page.locator(".alert-danger")).to_have_text(
                "Nama pengguna atau kata sandi salah. Periksa kembali, perhatikan huruf besar/kecil."
            )
    expect(page.get_by_role("heading", name="Akun terkunci sementara")).to_be_visible()

    login(page, "admin_bkd")  # the right password is refused too
    expect(page.get_by_role("heading", name="Akun terkunci sementara")).to_be_visible()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))

    other = new_page()  # the lock is per username + address: another account still signs in
    login(other, "operator_opd")
    expect(other.get_by_role("heading", name="Dasbor Operator OPD")).to_be_visible()


# The pegawai columns of /work/shared/CONTRACT.md, in order.
KOLOM_PEGAWAI = [
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "agama",
    "status_perkawinan",
    "status_kepegawaian",
    "golongan",
    "tmt_golongan",
    "mkg_tahun",
    "mkg_bulan",
    "tmt_cpns",
    "kode_unit",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "jenjang_fungsional",
    "kelas_jabatan",
    "tmt_jabatan",
    "nip_atasan",
    "pendidikan_jenjang",
    "pendidikan_jurusan",
    "npwp",
    "nama_bank",
    "nomor_rekening",
    "email",
    "telepon",
]


def _baris_pegawai(urut: int, **ubah) -> dict[str, str]:
    lahir = dt.date(1991, 7, 14)
    baris = dict.fromkeys(KOLOM_PEGAWAI, "")
    baris.update(
        nip=make_nip(tanggal_lahir=lahir, jenis_kelamin="L", nomor_urut=urut, tmt=dt.date(2015, 3, 1)),
        nama="Fadli Rahman",
        tempat_lahir="Palu",
        tanggal_lahir=lahir.isoformat(),
        jenis_kelamin="L",
        agama="Islam",
        status_kepegawaian="PNS",
        golongan="III/a",
        tmt_golongan="2019-04-01",
        mkg_tahun="2",
        mkg_bulan="0",
        tmt_cpns="2015-03-01",
        kode_unit="A.1",
        jabatan="Pranata Komputer",
        jenis_jabatan="pelaksana",
        pendidikan_jenjang="S1",
    )
    baris.update(ubah)
    return baris


def _tulis_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=KOLOM_PEGAWAI)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_admin_bkd_imports_file_with_errors_then_fixed_file(org, users, page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(page, "admin_bkd")
    page.get_by_role("link", name="Impor data").click()
    page.get_by_role("link", name="Impor pegawai").click()
    expect(page).to_have_url(re.compile(r"/impor/pegawai/$"))

    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh templat").click()
    assert unduhan.value.suggested_filename.endswith(".xlsx")

    salah = _tulis_csv(
        tmp_path / "pegawai-salah.csv",
        [_baris_pegawai(0, golongan="V/a"), _baris_pegawai(1, nama="", kode_unit="X9")],
    )
    page.locator("input[name=berkas]").set_input_files(str(salah))
    page.get_by_role("button", name="Unggah dan periksa").click()
    errors = page.locator(".impor-error")
    expect(errors).to_have_count(3)
    texts = errors.all_inner_texts()
    assert all(re.match(r"^baris \d+, kolom \w+: .+", t) for t in texts), texts
    assert sorted(t.split(":", 1)[0] for t in texts) == [
        "baris 2, kolom golongan",
        "baris 3, kolom kode_unit",
        "baris 3, kolom nama",
    ]
    expect(page.get_by_text("Tidak ada data yang disimpan")).to_be_visible()
    expect(page.get_by_role("button", name="Konfirmasi impor")).to_have_count(0)
    assert not Pegawai.objects.filter(unit_kerja=org.bidang_a, jabatan__nama="Pranata Komputer").exists()

    page.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    benar = _tulis_csv(
        tmp_path / "pegawai-benar.csv", [_baris_pegawai(0), _baris_pegawai(1, nama="Gilang Saputra")]
    )
    page.locator("input[name=berkas]").set_input_files(str(benar))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.locator(".impor-error")).to_have_count(0)
    expect(page.get_by_text("Semua baris valid")).to_be_visible()
    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.get_by_role("alert")).to_contain_text("Impor pegawai dari pegawai-benar.csv selesai")

    imported = Pegawai.objects.filter(nip__in=[_baris_pegawai(i)["nip"] for i in (0, 1)])
    assert sorted(imported.values_list("nama", "unit_kerja__kode", "golongan__kode")) == [
        ("Fadli Rahman", "A.1", "III/a"),
        ("Gilang Saputra", "A.1", "III/a"),
    ]
    page.goto("/pegawai/?q=Gilang")
    expect(page.locator("#tabel-pegawai")).to_contain_text(format_nip(_baris_pegawai(1)["nip"]))
