"""Edit forms open and save (the unit and position edit pages answered 500), and every free-text reason of
the employee pages takes 500 characters, stored whole in the history; 501 is a message on the field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akun import roles
from core.history import MAX_ALASAN
from pegawai import services
from pegawai.models import Jabatan, Pegawai, UnitKerja, UsulanPerubahanData
from tests.factories import UserFactory, bind_operator

from .test_pegawai_edit import _form_data

pytestmark = pytest.mark.django_db


def teks(n: int) -> str:
    """A realistic reason of exactly `n` characters (no surrounding spaces to strip)."""
    kalimat = "Sesuai SK Wali Kota nomor 800/1234/BKPSDM/2026 dan berita acara verifikasi berkas. "
    return (kalimat * (n // len(kalimat) + 1))[: n - 1] + "."


PANJANG, KEPANJANGAN = teks(MAX_ALASAN), teks(MAX_ALASAN + 1)


def _pesan(label: str) -> str:
    return f"{label} paling panjang 500 karakter (sekarang 501)."


def _bukti():
    return SimpleUploadedFile("buku-rekening.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")


# --- organisation edit forms ---------------------------------------------------------------------


def test_the_unit_edit_form_opens_and_saves(org, users, client_as):
    client = client_as("admin_bkd")
    url = reverse("pegawai:unit_update", args=["A.1"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ubah unit kerja Bidang Pembinaan SD" in page.content.decode()

    data = {"kode": "A.1", "jenis": "bidang", "induk": org.opd_a.pk, "aktif": "on"}
    nama = ("Bidang Pembinaan Sekolah Dasar dan Pendidikan Anak Usia Dini " * 4)[:199] + "."
    page = client.post(url, {**data, "nama": nama + "x"}).content.decode()
    assert "Pastikan nilai ini mengandung paling banyak 200 karakter (sekarang 201 karakter)." in page
    assert UnitKerja.objects.get(kode="A.1").nama == "Bidang Pembinaan SD"

    response = client.post(url, {**data, "nama": nama})
    assert response.status_code == 302 and response["Location"] == reverse(
        "pegawai:unit_detail", args=["A.1"]
    )
    unit = UnitKerja.objects.get(kode="A.1")
    assert unit.nama == nama
    assert unit.history.first().history_user == users["admin_bkd"]
    assert client_as("operator_opd").get(url).status_code == 403


def test_the_position_edit_form_opens_and_saves(org, users, client_as):
    client = client_as("admin_bkd")
    jabatan = org.staf_a.jabatan
    url = reverse("pegawai:jabatan_update", args=[jabatan.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ubah jabatan Pengelola Data Pendidikan" in page.content.decode()

    data = {
        "unit_kerja": org.bidang_a.pk,
        "jenis": "pelaksana",
        "eselon": "",
        "jenjang_fungsional": "",
        "kelas_jabatan": 7,
        "kebutuhan": 4,
        "atasan_override": "",
    }
    nama = ("Pengelola Data dan Informasi Pendidikan Dasar pada Bidang Pembinaan " * 3)[:199] + "."
    page = client.post(url, {**data, "nama": nama + "x"}).content.decode()
    assert "Pastikan nilai ini mengandung paling banyak 200 karakter (sekarang 201 karakter)." in page
    response = client.post(url, {**data, "nama": nama})
    assert response.status_code == 302 and response["Location"] == reverse(
        "pegawai:unit_detail", args=["A.1"]
    )
    jabatan.refresh_from_db()
    assert (jabatan.nama, jabatan.kelas_jabatan, jabatan.kebutuhan) == (nama, 7, 4)
    assert Jabatan.history.filter(id=jabatan.pk).first().history_user == users["admin_bkd"]


def test_every_edit_page_of_the_employee_app_opens(org, client_as):
    client = client_as("admin_bkd")
    urls = [
        reverse("pegawai:update", args=[org.staf_a.nip]),
        reverse("pegawai:keluarga_update", args=[org.staf_a.nip]),
        reverse("pegawai:unit_update", args=[org.opd_a.kode]),
        reverse("pegawai:unit_update", args=[org.bidang_a.kode]),
        *[reverse("pegawai:jabatan_update", args=[j.pk]) for j in Jabatan.objects.all()],
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


# --- reasons -------------------------------------------------------------------------------------


def test_the_reason_of_an_employee_edit_takes_500_characters(org, users, client_as):
    client = client_as("admin_bkd")
    url = reverse("pegawai:update", args=[org.staf_a.nip])
    assert 'maxlength="500"' in client.get(url).content.decode()
    page = client.post(url, _form_data(org.staf_a, tempat_lahir="Donggala", alasan_perubahan=KEPANJANGAN))
    assert _pesan("Alasan perubahan (tercatat di riwayat)") in page.content.decode()
    assert Pegawai.objects.get(pk=org.staf_a.pk).tempat_lahir != "Donggala"

    response = client.post(url, _form_data(org.staf_a, tempat_lahir="Donggala", alasan_perubahan=PANJANG))
    assert response.status_code == 302
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    assert pegawai.tempat_lahir == "Donggala"
    assert pegawai.history.first().history_change_reason == PANJANG
    # The create form has no reason field.
    assert "alasan_perubahan" not in client.get(reverse("pegawai:create")).content.decode()


def test_a_correction_request_with_a_long_reason(org, users, client_as):
    client = client_as("pegawai")
    url = reverse("pegawai:usulan_create")
    data = {"field": "nomor_rekening", "nilai_baru": "1234567890"}
    page = client.post(url, {**data, "alasan": KEPANJANGAN, "bukti": _bukti()}).content.decode()
    assert _pesan("Alasan perubahan") in page
    assert not UsulanPerubahanData.objects.exists()
    response = client.post(url, {**data, "alasan": PANJANG, "bukti": _bukti()})
    assert response.status_code == 302
    usulan = UsulanPerubahanData.objects.get()
    assert usulan.alasan == PANJANG
    assert usulan.history.first().alasan == PANJANG


@pytest.mark.parametrize("tahap", ["verifikasi", "keputusan"])
def test_rejecting_a_correction_request_with_a_long_reason(org, users, client_as, tahap):
    usulan = services.usulan_perubahan_create(
        actor=users["pegawai"], pegawai=org.staf_a, field="nomor_rekening", nilai_baru="1234567890",
        alasan="Pindah bank", bukti=_bukti(),
    )  # fmt: skip
    peran = "operator_opd"
    if tahap == "keputusan":
        services.usulan_perubahan_verify(actor=users["operator_opd"], usulan=usulan, setuju=True)
        peran = "admin_bkd"
    client = client_as(peran)
    url = reverse("pegawai:usulan_detail", args=[usulan.pk])
    page = client.post(url, {"keputusan": "tolak", "catatan": KEPANJANGAN}).content.decode()
    assert _pesan("Catatan / alasan penolakan") in page
    usulan.refresh_from_db()
    assert usulan.status != UsulanPerubahanData.Status.DITOLAK
    assert client.post(url, {"keputusan": "tolak", "catatan": PANJANG}).status_code == 302
    usulan.refresh_from_db()
    assert (usulan.status, usulan.catatan) == (UsulanPerubahanData.Status.DITOLAK, PANJANG)
    riwayat = usulan.history.first()
    assert (riwayat.history_change_reason, riwayat.history_user) == (PANJANG, users[peran])


# --- decided requests stay findable --------------------------------------------------------------


def test_decided_correction_requests_stay_findable_by_status(org, users, client_as):
    def ajukan(field, nilai):
        return services.usulan_perubahan_create(
            actor=users["pegawai"], pegawai=org.staf_a, field=field, nilai_baru=nilai, alasan="Data salah",
            bukti=_bukti(),
        )  # fmt: skip

    ditolak = ajukan("nomor_rekening", "1234567890")
    services.usulan_perubahan_verify(
        actor=users["operator_opd"], usulan=ditolak, setuju=False, catatan="Bukti buram"
    )
    disetujui = ajukan("npwp", "123456789012345")
    services.usulan_perubahan_verify(actor=users["operator_opd"], usulan=disetujui, setuju=True)
    services.usulan_perubahan_decide(actor=users["admin_bkd"], usulan=disetujui, setuju=True)
    diajukan = ajukan("nama_bank", "Bank Sulteng")

    url = reverse("pegawai:usulan_list")

    def tautan(page):
        return {
            u.pk
            for u in (ditolak, disetujui, diajukan)
            if reverse("pegawai:usulan_detail", args=[u.pk]) in page
        }

    for peran in ("admin_bkd", "operator_opd"):
        client = client_as(peran)
        page = client.get(url).content.decode()
        assert "Semua usulan (3)" in page, peran
        assert tautan(page) == {ditolak.pk, disetujui.pk, diajukan.pk}
        page = client.get(url, {"status": "ditolak"}).content.decode()
        assert "Semua usulan (1)" in page
        assert '<option value="ditolak" selected>' in page
        page = client.get(url, {"status": "disetujui"}).content.decode()
        assert "Semua usulan (1)" in page and "NPWP" in page  # the field label, not its name
    # An operator of another OPD sees none of them; an employee has no officer list.
    lain = UserFactory(username="operator_b", roles=[roles.OPERATOR_OPD])
    bind_operator(lain, org.opd_b)
    client = client_as("pegawai")
    client.force_login(lain)
    page = client.get(url).content.decode()
    assert "Semua usulan (0)" in page and not tautan(page)
    client.force_login(users["pegawai"])
    page = client.get(url).content.decode()
    assert "Semua usulan" not in page
    assert tautan(page) == {ditolak.pk, disetujui.pk, diajukan.pk}  # their own, under "Usulan saya"
