"""Shared fixtures: a small organisation, one login per role, client_as(role)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection

from akun import roles
from pegawai.models import Pegawai, UnitKerja
from pegawai.services import atasan_recompute
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, UserFactory, bind_operator


@dataclass
class Organisasi:
    opd_a: UnitKerja
    bidang_a: UnitKerja
    opd_b: UnitKerja
    kepala_a: Pegawai
    kabid_a: Pegawai
    staf_a: Pegawai
    staf_b: Pegawai


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Migration-seeded reference rows (golongan, role groups, kinerja and pay rules) come back after a transactional test's flush."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(
        {"transactional_db", "live_server"} & names or (marker and marker.kwargs.get("transaction"))
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif "db" in names or marker:
        request.getfixturevalue("db")
    else:
        yield
        return
    from django.contrib.auth.models import Group

    from pegawai.models import Golongan
    from pegawai.reference import seed_golongan

    if not Golongan.objects.exists():
        seed_golongan(Golongan)
    from django.apps import apps

    from kinerja.models import MatriksPredikat
    from kinerja.reference import seed_all

    if not MatriksPredikat.objects.exists():
        seed_all(lambda name: apps.get_model("kinerja", name))
    from penggajian.models import AturanTambahan, TabelGajiPokok
    from penggajian.reference import seed_all as seed_gaji

    if not TabelGajiPokok.objects.exists() or not AturanTambahan.objects.exists():
        seed_gaji(lambda name: apps.get_model("penggajian", name))
    from mutasi.models import AturanGuard, BobotRekomendasi
    from pembinaan.models import AturanJP

    if not AturanGuard.objects.exists() or not BobotRekomendasi.objects.exists():
        from mutasi.reference import seed_all as seed_mutasi
        from mutasi.reference_rekomendasi import seed_bobot_rekomendasi

        seed_mutasi(lambda name: apps.get_model("mutasi", name))
        seed_bobot_rekomendasi(lambda name: apps.get_model("mutasi", name))
    if not AturanJP.objects.exists():
        from pembinaan.reference import seed_all as seed_pembinaan

        seed_pembinaan(lambda name: apps.get_model("pembinaan", name))
    for name in roles.ASSIGNED_ROLES:
        Group.objects.get_or_create(name=name)
    yield
    if transactional:
        # Torn down before transactional_db, whose flush comes next: let that one TRUNCATE past the
        # guard on locked pay runs (penggajian migration 0011). The test itself ran with the guard on.
        connection.execute_wrappers.append(_flush_past_locked_runs)


def _flush_past_locked_runs(execute, sql, params, many, context):
    """One-shot execute wrapper: the next TRUNCATE (the test flush, inside its own transaction) runs with
    `penggajian.izinkan_kosongkan` set for that transaction only."""
    if sql.lstrip()[:8].upper() == "TRUNCATE":
        connection.execute_wrappers.remove(_flush_past_locked_runs)
        context["cursor"].execute("SET LOCAL penggajian.izinkan_kosongkan = 'on'")
    return execute(sql, params, many, context)


@pytest.fixture
def org(db) -> Organisasi:
    """Two OPDs: A (kepala → kabid → staf) and B (one staff member)."""
    opd_a = UnitKerjaFactory(kode="A", nama="Dinas Pendidikan", jenis="opd")
    bidang_a = UnitKerjaFactory(kode="A.1", nama="Bidang Pembinaan SD", jenis="bidang", induk=opd_a)
    opd_b = UnitKerjaFactory(kode="B", nama="Dinas Kesehatan", jenis="opd")
    kepala_jab = JabatanFactory(
        unit_kerja=opd_a,
        nama="Kepala Dinas Pendidikan",
        jenis="jpt",
        eselon="II.b",
        kelas_jabatan=14,
        is_kepala=True,
        kebutuhan=1,
    )
    kabid_jab = JabatanFactory(
        unit_kerja=bidang_a,
        nama="Kepala Bidang Pembinaan SD",
        jenis="administrator",
        eselon="III.b",
        kelas_jabatan=11,
        is_kepala=True,
        kebutuhan=1,
    )
    staf_jab = JabatanFactory(
        unit_kerja=bidang_a, nama="Pengelola Data Pendidikan", jenis="pelaksana", kelas_jabatan=6, kebutuhan=3
    )
    staf_b_jab = JabatanFactory(
        unit_kerja=opd_b, nama="Pengadministrasi Umum", jenis="pelaksana", kelas_jabatan=5
    )
    kepala = PegawaiFactory(jabatan=kepala_jab, nama="Budi Santoso")
    kabid = PegawaiFactory(jabatan=kabid_jab, nama="Siti Rahmawati")
    staf = PegawaiFactory(jabatan=staf_jab, nama="Andi Pratama")
    staf_b = PegawaiFactory(jabatan=staf_b_jab, nama="Dewi Lestari")
    atasan_recompute()
    for p in (kepala, kabid, staf, staf_b):
        p.refresh_from_db()
    return Organisasi(opd_a, bidang_a, opd_b, kepala, kabid, staf, staf_b)


@pytest.fixture
def users(org):
    """One login per role. The atasan is kabid_a (derived from the org chart); pegawai is staf_a."""
    admin = UserFactory(username="admin_bkd", roles=[roles.ADMIN_BKD])
    operator = UserFactory(username="operator_opd", roles=[roles.OPERATOR_OPD])
    bind_operator(operator, org.opd_a)
    pimpinan = UserFactory(username="pimpinan", roles=[roles.PIMPINAN])
    atasan = UserFactory(username="atasan", roles=[roles.PEGAWAI])
    org.kabid_a.user = atasan
    org.kabid_a.save(update_fields=["user"])
    pegawai = UserFactory(username="pegawai", roles=[roles.PEGAWAI])
    org.staf_a.user = pegawai
    org.staf_a.save(update_fields=["user"])
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    return {
        "admin_bkd": admin,
        "operator_opd": operator,
        "pimpinan": pimpinan,
        "atasan": atasan,
        "pegawai": pegawai,
        "superuser": superuser,
    }


@pytest.fixture
def client_as(client, users):
    def _login(role: str):
        client.force_login(users[role])
        return client

    return _login


@pytest.fixture
def bergaji(org):
    """Every employee of the fixture organisation with a bank account (required to be paid)."""
    for p in Pegawai.objects.all():
        p.nama_bank, p.nomor_rekening = "Bank Sulteng", f"00{p.pk:08d}"
        p.save()
    return org


@pytest.fixture
def petugas(users):
    return {
        "pembuat": users["admin_bkd"],
        "verifikator": UserFactory(username="verifikator", roles=[roles.ADMIN_BKD]),
        "pimpinan": users["pimpinan"],
    }
