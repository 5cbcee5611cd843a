"""Pembinaan fixtures: the day the tests run on (December 2026), a PDF to upload, a claim.

The organisation is tests/conftest.py's: staf_a (OPD A, the `pegawai` login), staf_b (OPD B); the
operator is bound to OPD A; the atasan is kabid_a.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

HARI_INI = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _hari_ini(time_machine):
    time_machine.move_to(dt.datetime.combine(HARI_INI, dt.time(9), tzinfo=ZoneInfo("Asia/Makassar")))


@pytest.fixture(autouse=True)
def _rujukan_pembinaan(request):
    """The migration-seeded rules come back after a transactional test's flush."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    from pembinaan.models import AturanJP

    if not AturanJP.objects.exists():
        from django.apps import apps

        from pembinaan.reference import seed_all

        seed_all(lambda name: apps.get_model("pembinaan", name))


def pdf(nama: str = "sertifikat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, b"%PDF-1.4\n% uji\n", content_type="application/pdf")


def data_kegiatan(**kwargs) -> dict:
    data = {
        "nama_pelatihan": "Bimtek Pengelolaan Arsip Dinamis",
        "bentuk": "bimbingan_teknis",
        "penyelenggara": "ANRI",
        "tanggal_mulai": dt.date(2026, 3, 2),
        "tanggal_selesai": dt.date(2026, 3, 4),
        "jp_tertera": Decimal(24),
        "durasi_menit": None,
        "nomor_sertifikat": "",
        "catatan": "",
    }
    data.update(kwargs)
    return data


@pytest.fixture
def klaim(org, users):
    from pembinaan import services

    return services.klaim_ajukan(
        actor=users["pegawai"],
        pegawai=org.staf_a,
        data=data_kegiatan(nomor_sertifikat="ANRI/2026/77"),
        bukti=pdf(),
    )


# The claim form's POST data (900 minutes of a course, no JP on the certificate); add "bukti".
FORM_KLAIM = {
    "nama_pelatihan": "Kursus Analisis Data",
    "bentuk": "kursus",
    "penyelenggara": "Universitas Tadulako",
    "tanggal_mulai": "2026-10-05",
    "tanggal_selesai": "2026-10-09",
    "jp_tertera": "",
    "durasi_menit": "900",
    "nomor_sertifikat": "UNTAD/2026/5",
}
