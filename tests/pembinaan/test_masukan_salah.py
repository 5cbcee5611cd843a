"""The issue's bad-input list, through the pages a user actually submits (the services' own tests are in
test_kegiatan, test_impor, test_pelatihan, test_belajar): an activity ending before it starts, an unknown
form, no JP and no duration, a certificate number used twice (the claim form); an e-learning module
closing before it opens; enrolment beyond an OPD's quota (the nomination form); a quiz answered after the
module closed (test_belajar.test_kuis_setelah_modul_ditutup_ditolak). Each: a clear Indonesian message
naming the field on the page, nothing written."""

from __future__ import annotations

import pytest

from pembinaan import services
from pembinaan import services_pelatihan as svc
from pembinaan.models import KegiatanPengembangan, Modul, Peserta

from . import pelatihan_data as d
from .conftest import FORM_KLAIM, data_kegiatan, pdf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        (
            {"tanggal_selesai": "2026-10-01"},
            "tanggal_selesai",
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        ),
        (
            {"bentuk": "arisan"},
            "bentuk",
            "Masukkan pilihan yang valid. arisan bukan salah satu dari pilihan yang tersedia.",
        ),
        (
            {"jp_tertera": "", "durasi_menit": ""},
            "jp",
            "Isi JP (tertera pada sertifikat) atau durasi (menit).",
        ),
        (
            {"nomor_sertifikat": "ANRI/2026/77"},
            "nomor_sertifikat",
            "Nomor sertifikat ANRI/2026/77 sudah dipakai kegiatan lain.",
        ),
    ],
)
def test_form_klaim_pesan_jelas_tanpa_tulis(org, users, client_as, ubah, field, pesan):
    services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=org.staf_b,
        sumber="impor",
        data=data_kegiatan(nama_pelatihan="Arsip", nomor_sertifikat="ANRI/2026/77"),
    )
    r = client_as("pegawai").post("/pembinaan/saya/", {**FORM_KLAIM, **ubah, "bukti": pdf()})
    assert r.status_code == 200
    form = r.context["form"]
    errors = form.errors.get(field if field in form.fields else "__all__", [])
    assert pesan in errors, form.errors
    assert pesan in r.content.decode().replace("&#x27;", "'")
    assert not KegiatanPengembangan.objects.filter(pegawai=org.staf_a).exists()


def test_modul_tutup_sebelum_buka_lewat_halaman(client_as):
    r = client_as("admin_bkd").post(
        "/belajar/kelola/",
        {
            "judul": "Modul",
            "durasi_menit": 90,
            "nilai_lulus": 70,
            "dibuka": "2026-12-10",
            "ditutup": "2026-12-01",
        },
    )
    assert r.status_code == 200
    assert "Tanggal tutup tidak boleh sebelum tanggal buka." in r.content.decode()
    assert not Modul.objects.exists()


def test_nominasi_melebihi_kuota_opd_lewat_halaman(org, users, client_as):
    run = d.pelaksanaan(users["admin_bkd"], kuota=5, kuota_opd={org.opd_a.pk: 1}, **d.AKAN)
    svc.peserta_daftar(actor=users["admin_bkd"], pelaksanaan=run, pegawai=org.kabid_a)
    r = client_as("operator_opd").post(
        f"/pembinaan/pelatihan/{run.pk}/", {"aksi": "nominasi", "nip": org.staf_a.nip}
    )
    assert r.status_code == 200
    assert (
        f"Kuota Dinas Pendidikan pada {run} penuh (1 dari 1 kursi terisi). Pendaftaran tidak disimpan; "
        "pilih daftar tunggu."
    ) in r.content.decode()
    assert not Peserta.objects.filter(pegawai=org.staf_a).exists()
