"""Mutasi fixtures: the day the tests run on, a PDF to upload, and a proposal at each stage.

The organisation is tests/conftest.py's: staf_a (Pengelola Data Pendidikan, Bidang Pembinaan SD of
OPD A, the `pegawai` login), staf_b (OPD B); the operator is bound to OPD A.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from akun import roles
from mutasi import selectors, services
from mutasi.models import AturanGuard, UsulanMutasi
from pegawai.models import Jabatan
from tests.factories import UserFactory

HARI_INI = dt.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _hari_ini(time_machine):
    time_machine.move_to(dt.datetime.combine(HARI_INI, dt.time(9), tzinfo=ZoneInfo("Asia/Makassar")))


@pytest.fixture(autouse=True)
def _rujukan_mutasi(request):
    """The migration-seeded rules come back after a transactional test's flush."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    if not AturanGuard.objects.exists():
        from django.apps import apps

        from mutasi.reference import seed_all

        seed_all(lambda name: apps.get_model("mutasi", name))


def pdf(nama: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, b"%PDF-1.4\n% uji\n", content_type="application/pdf")


@pytest.fixture
def admin2(db):
    """A second Admin BKD (maker ≠ checker)."""
    return UserFactory(username="admin_bkd_2", roles=[roles.ADMIN_BKD])


@pytest.fixture
def jabatan_tujuan(org) -> Jabatan:
    """A position in OPD B for staf_a (between OPDs)."""
    from tests.factories import JabatanFactory

    return JabatanFactory(
        unit_kerja=org.opd_b, nama="Analis Data Kesehatan", jenis="pelaksana", kelas_jabatan=7
    )


def buat_usulan(actor, pegawai, jabatan_tujuan, **kwargs) -> UsulanMutasi:
    data = {
        "jenis": "dalam_pemda",
        "tmt_rencana": dt.date(2027, 1, 1),
        "alasan": "Pemerataan pegawai sesuai analisis beban kerja.",
    }
    data.update(kwargs)
    return services.usulan_mutasi_create(actor=actor, pegawai=pegawai, jabatan_tujuan=jabatan_tujuan, **data)


def lengkapi_dokumen(actor, usulan: UsulanMutasi) -> None:
    for syarat, dokumen in selectors.checklist(usulan):
        if dokumen is None:
            services.usulan_mutasi_upload_dokumen(actor=actor, usulan=usulan, syarat=syarat, berkas=pdf())


@pytest.fixture
def usulan_draft(org, users, jabatan_tujuan) -> UsulanMutasi:
    return buat_usulan(users["operator_opd"], org.staf_a, jabatan_tujuan)


@pytest.fixture
def usulan_diajukan(users, usulan_draft) -> UsulanMutasi:
    lengkapi_dokumen(users["operator_opd"], usulan_draft)
    return services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan_draft)


@pytest.fixture
def usulan_diverifikasi(users, usulan_diajukan) -> UsulanMutasi:
    return services.usulan_mutasi_verify(actor=users["admin_bkd"], usulan=usulan_diajukan)


@pytest.fixture
def sidang(users):
    return services.sidang_tpk_create(actor=users["admin_bkd"], tanggal=HARI_INI, tempat="Ruang rapat BKPSDM")


@pytest.fixture
def usulan_direkomendasikan(users, usulan_diverifikasi, sidang) -> UsulanMutasi:
    services.rekomendasi_tpk_record(
        actor=users["admin_bkd"],
        sidang=sidang,
        usulan=usulan_diverifikasi,
        keputusan="setuju",
        catatan="Sesuai",
    )
    usulan_diverifikasi.refresh_from_db()
    return usulan_diverifikasi


@pytest.fixture
def usulan_disetujui(users, usulan_direkomendasikan) -> UsulanMutasi:
    return services.usulan_mutasi_approve(actor=users["pimpinan"], usulan=usulan_direkomendasikan)
