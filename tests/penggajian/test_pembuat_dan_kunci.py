"""Maker ≠ checker across every computation of a run (a second officer's "hitung ulang yang gagal saja"
after a return does not clear the first maker), a functional position missing from the allowance table
failing its slip until the row exists, and the lock trigger closing a slip moved into a locked run and
TRUNCATE — all on real PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.utils import InternalError
from django.urls import reverse

from akun import roles
from penggajian import permissions, selectors, services
from penggajian.models import GalatSlip, PerhitunganRun, RunGaji, Slip, TunjanganFungsional
from tests.factories import JabatanFactory, UserFactory
from tests.penggajian.bantu import hitung, kunci

JF = "Penata Kelola Sistem Informasi Ahli Pertama"


def _fungsional_tanpa_tabel(org):
    """staf_b becomes a functional officer whose position has no row in the allowance table."""
    org.staf_b.refresh_from_db()
    org.staf_b.jabatan = JabatanFactory(
        unit_kerja=org.opd_b, nama=JF, jenis="fungsional", jenjang_fungsional="ahli pertama", kelas_jabatan=8
    )
    org.staf_b.save()


def _tambah_baris_tabel(run: RunGaji) -> None:
    TunjanganFungsional.objects.create(
        aturan=run.aturan_gaji, nama="Penata Kelola Sistem Informasi", jenjang="ahli pertama",
        jumlah=Decimal(540_000), dasar_hukum="Perpres (uji)",
    )  # fmt: skip


def test_a_functional_position_missing_from_the_table_fails_until_the_row_exists(bergaji, petugas, client):
    _fungsional_tanpa_tabel(bergaji)
    run = hitung(petugas["pembuat"])
    assert (run.jumlah_slip, run.jumlah_galat) == (3, 1)
    galat = GalatSlip.objects.get(run=run)
    assert galat.pegawai_id == bergaji.staf_b.pk
    assert f"Tunjangan fungsional {JF} jenjang ahli pertama belum ada di tabel" in galat.pesan
    assert not Slip.objects.filter(run=run, pegawai=bergaji.staf_b).exists()
    client.force_login(petugas["pembuat"])
    page = client.get(reverse("penggajian:run_detail", args=[run.pk])).content.decode()
    assert f"Tunjangan fungsional {JF} jenjang ahli pertama belum ada di tabel" in page

    _tambah_baris_tabel(run)
    run = services.run_hitung(
        actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11, hanya_galat=True, antrikan=False
    )
    run = services.run_execute(run.pk)
    assert (run.jumlah_slip, run.jumlah_galat) == (4, 0)
    kolom = Slip.objects.get(run=run, pegawai=bergaji.staf_b).kolom
    # The functional allowance of the new row, and no tunjangan umum next to it.
    assert (kolom["tunjangan_fungsional"], kolom["tunjangan_umum"]) == (540_000, 0)


def test_whoever_computed_any_part_of_a_run_never_verifies_or_approves_it(bergaji, users, petugas, client):
    """The review's bypass: A computes every slip, the run is returned, B recomputes the failed employee
    only (so B is the latest maker), then A tried to verify. Refused through the page, the service and
    the database; a third officer verifies, and neither A nor B approves."""
    _fungsional_tanpa_tabel(bergaji)
    a, pimpinan = petugas["pembuat"], petugas["pimpinan"]
    b = UserFactory(username="petugas_b", roles=[roles.ADMIN_BKD])
    c = petugas["verifikator"]
    run = hitung(a)
    run = services.run_verifikasi(actor=c, run=run, catatan="Satu pegawai JF menunggu tabel")
    run = services.run_kembalikan(actor=pimpinan, run=run, alasan="Lengkapi tunjangan fungsional dulu")
    _tambah_baris_tabel(run)
    client.force_login(b)
    client.post(reverse("penggajian:run_hitung_ulang", args=[run.pk]), {"hanya_galat": "1"})
    run = services.run_execute(run.pk)
    assert (run.status, run.dihitung_oleh_id, run.jumlah_galat) == ("dihitung", b.pk, 0)
    assert list(PerhitunganRun.objects.filter(run=run).values_list("dihitung_oleh_id", "jenis")) == [
        (a.pk, "hitung"), (b.pk, "hanya_galat"),
    ]  # fmt: skip

    for orang in (a, b):
        assert not permissions.can_verify_run(orang, run)
        client.force_login(orang)
        detail = client.get(reverse("penggajian:run_detail", args=[run.pk])).content.decode()
        assert reverse("penggajian:run_verifikasi", args=[run.pk]) not in detail
        assert "Anda yang menghitung run ini" in detail
        page = client.post(reverse("penggajian:run_verifikasi", args=[run.pk]), follow=True).content.decode()
        assert "yang menghitung tidak boleh memverifikasi" in page
        with pytest.raises(ValidationError, match="yang menghitung tidak boleh memverifikasi"):
            services.run_verifikasi(actor=orang, run=run)
        with pytest.raises(IntegrityError, match="ikut menghitung"), transaction.atomic():
            RunGaji.objects.filter(pk=run.pk).update(status="diverifikasi", diverifikasi_oleh=orang)
    run.refresh_from_db()
    assert (run.status, run.diverifikasi_oleh_id) == ("dihitung", None)

    assert permissions.can_verify_run(c, run)
    run = services.run_verifikasi(actor=c, run=run)
    for orang in (a, b):
        assert not permissions.can_approve_run(orang, run)
        client.force_login(orang)
        page = client.post(reverse("penggajian:run_setujui", args=[run.pk]), follow=True).content.decode()
        assert "tidak boleh menyetujui" in page
        with pytest.raises(ValidationError, match="tidak boleh menyetujui"):
            services.run_setujui(actor=orang, run=run)
        with pytest.raises(IntegrityError, match="ikut menghitung"), transaction.atomic():
            RunGaji.objects.filter(pk=run.pk).update(status="disetujui", disetujui_oleh=orang)
    # The verifier cannot slip in as a maker either (a computation recorded under their name).
    with pytest.raises(IntegrityError, match="sudah memverifikasi"), transaction.atomic():
        PerhitunganRun.objects.create(run=run, dihitung_oleh=c, jenis="hitung", pada=run.dihitung_pada)
    run = services.run_setujui(actor=pimpinan, run=run)
    assert run.status == "disetujui"


def _raw(sql: str, params=None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_slip_cannot_be_moved_into_a_locked_run(bergaji, petugas):
    assert services.slip_lock_guard_active()  # what the health check asks
    november = kunci(petugas, hitung(petugas["pembuat"], 11))
    oktober = hitung(petugas["pembuat"], 10)
    slip = Slip.objects.filter(run=oktober).first()
    with pytest.raises((IntegrityError, InternalError), match=f"run gaji {november.pk} yang sudah dikunci"):
        _raw("UPDATE penggajian_slip SET run_id = %s WHERE id = %s", [november.pk, slip.pk])
    # ... nor out of it.
    dikunci = Slip.objects.filter(run=november).first()
    with pytest.raises((IntegrityError, InternalError), match="dikunci"):
        _raw("UPDATE penggajian_slip SET run_id = %s WHERE id = %s", [oktober.pk, dikunci.pk])
    assert Slip.objects.filter(run=november).count() == 4
    assert Slip.objects.filter(run=oktober).count() == 4


@pytest.mark.django_db(transaction=True)
def test_truncate_is_refused_while_a_run_is_locked(bergaji, petugas):
    """Committed data, plain autocommit statements as psql would send them. The test's own flush
    afterwards still works (tests/conftest.py), which this test also proves by ending with a locked run."""
    run = hitung(petugas["pembuat"])
    # No locked run yet: nothing to protect, TRUNCATE works (undone by the rollback).
    with pytest.raises(RuntimeError), transaction.atomic():
        _raw("TRUNCATE penggajian_slip, penggajian_penyesuaian")
        assert not Slip.objects.exists()
        raise RuntimeError
    run = kunci(petugas, run)
    for tabel in (
        "penggajian_slip",
        "penggajian_rungaji",
        "penggajian_penyesuaian",
        "penggajian_perhitunganrun",
    ):
        with (
            pytest.raises((IntegrityError, InternalError), match=rf"TRUNCATE {tabel} ditolak"),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"TRUNCATE {tabel} CASCADE")
    # A session setting alone does not open it: the bypass is transaction-scoped (SET LOCAL) on purpose,
    # and outside the statement's transaction it is gone.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL penggajian.izinkan_kosongkan = 'on'")
    with pytest.raises((IntegrityError, InternalError), match="ditolak"), connection.cursor() as cursor:
        cursor.execute("TRUNCATE penggajian_slip CASCADE")
    assert Slip.objects.filter(run=run).count() == 4
    assert RunGaji.objects.get(pk=run.pk).status == "dikunci"
    assert selectors.aturan_gaji_model(2026, 11)  # the rule tables are still there
