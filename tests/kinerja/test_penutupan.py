"""The closing run: finalises rated evaluations, lists who was not evaluated and why, is idempotent,
resumable, independent of headcount in queries, and runs on a real Celery worker."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.exceptions import PermissionDenied, ValidationError

from asn_portal.celery import app
from kinerja import services
from kinerja.models import Penilaian, PenutupanPeriode, PeriodeKinerja, TidakDinilai
from tests.factories import PegawaiFactory
from tests.querycount import assert_same_queries, tangkap

from .conftest import tambah_hasil_kerja

SESUAI = "sesuai ekspektasi"


def _rate(users, skp, periode="triwulan-1"):
    return services.penilaian_rate(
        actor=users["atasan"],
        skp=skp,
        periode=periode,
        rating_hasil_kerja=SESUAI,
        rating_perilaku_kerja=SESUAI,
    )


def _run(users, periode_kinerja, periode="triwulan-1"):
    run = services.penutupan_start(actor=users["admin_bkd"], periode_kinerja=periode_kinerja, periode=periode)
    return services.penutupan_execute(run.pk)


def _snapshot(periode):
    return (
        sorted(Penilaian.objects.filter(periode=periode).values_list("id", "status", "predikat", "diubah")),
        Penilaian.history.count(),
        sorted(TidakDinilai.objects.values_list("id", "pegawai_id", "alasan")),
    )


def test_closing_finalises_the_rated_and_lists_the_rest_with_reasons(skp_disetujui, org, users, periode):
    _rate(users, skp_disetujui)
    tanpa_penilai = org.kepala_a  # the head of the OPD has no atasan in the system
    services.skp_create(actor=users["admin_bkd"], pegawai=tanpa_penilai, periode=periode)
    draf = services.skp_create(actor=users["admin_bkd"], pegawai=org.staf_b, periode=periode)
    assert draf.status == "draft"

    run = _run(users, periode)

    assert (run.status, run.persen, run.jumlah_final, run.jumlah_tidak_dinilai) == ("selesai", 100, 1, 3)
    final = Penilaian.objects.get(pegawai=org.staf_a, periode="triwulan-1")
    assert (final.status, final.predikat) == ("final", "baik")
    assert final.history.first().history_change_reason == "Penutupan periode Triwulan I 2026"
    assert sorted(run.tidak_dinilai.values_list("pegawai__nama", "alasan")) == [
        ("Budi Santoso", "skp belum disetujui"),  # kepala_a: drafted, never submitted
        ("Dewi Lestari", "skp belum disetujui"),
        ("Siti Rahmawati", "tanpa skp"),  # kabid_a
    ]
    assert PeriodeKinerja.objects.get(pk=periode.pk).status == "dibuka"  # a quarter does not close the year

    with pytest.raises(ValidationError, match="sudah ditutup; penilaian dibekukan"):
        _rate(users, skp_disetujui)


def test_second_run_changes_nothing(skp_disetujui, users, periode):
    _rate(users, skp_disetujui)
    _run(users, periode)
    before = _snapshot("triwulan-1")
    run = _run(users, periode)
    assert run.status == "selesai"
    assert _snapshot("triwulan-1") == before


def test_only_admin_bkd_runs_and_reopens_with_a_reason_which_is_audited(skp_disetujui, users, periode):
    with pytest.raises(PermissionDenied):
        services.penutupan_start(actor=users["operator_opd"], periode_kinerja=periode, periode="tahunan")
    _rate(users, skp_disetujui, periode="tahunan")
    run = _run(users, periode, periode="tahunan")
    assert PeriodeKinerja.objects.get(pk=periode.pk).status == "ditutup"  # the annual run closes the year

    with pytest.raises(PermissionDenied):
        services.penutupan_reopen(actor=users["atasan"], run=run, alasan="Koreksi")
    with pytest.raises(ValidationError, match="Alasan membuka kembali wajib diisi"):
        services.penutupan_reopen(actor=users["admin_bkd"], run=run, alasan="")
    services.penutupan_reopen(
        actor=users["admin_bkd"], run=run, alasan="Koreksi rating hasil audit Inspektorat"
    )

    run.refresh_from_db()
    assert run.status == "dibuka kembali"
    assert (
        run.history.first().history_change_reason == "Dibuka kembali: Koreksi rating hasil audit Inspektorat"
    )
    penilaian = Penilaian.objects.get(periode="tahunan")
    assert penilaian.status == "dinilai"
    assert penilaian.history.first().history_change_reason == (
        "Periode dibuka kembali: Koreksi rating hasil audit Inspektorat"
    )
    assert penilaian.history.first().history_user == users["admin_bkd"]
    periode.refresh_from_db()
    assert periode.status == "dibuka"
    _rate(users, skp_disetujui, periode="tahunan")  # ratings may change again


def _queries_of_a_run(users, periode, kode):
    run = services.penutupan_start(actor=users["admin_bkd"], periode_kinerja=periode, periode=kode)
    sql = tangkap(lambda: services.penutupan_execute(run.pk))
    run.refresh_from_db()
    return run, sql


def test_query_count_does_not_depend_on_headcount(org, users, periode):
    for i in range(3):
        PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Staf Tambahan {i}")
    run_3, small = _queries_of_a_run(users, periode, "triwulan-2")
    for i in range(3, 10):
        PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Staf Tambahan {i}")
    run_10, big = _queries_of_a_run(users, periode, "triwulan-3")
    assert (run_3.jumlah_tidak_dinilai, run_10.jumlah_tidak_dinilai) == (4 + 3, 4 + 10)
    assert_same_queries(small, big)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_closes_the_period(org, users):
    periode = PeriodeKinerja.objects.create(tahun=2026, jenis_evaluasi="triwulanan")
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    tambah_hasil_kerja(users["pegawai"], skp)
    services.skp_submit(actor=users["pegawai"], skp=skp)
    services.skp_approve(actor=users["atasan"], skp=skp)
    _rate(users, skp)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        run = services.penutupan_start(
            actor=users["admin_bkd"], periode_kinerja=periode, periode="triwulan-1"
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status in ("selesai", "gagal"):
                break
            time.sleep(0.2)
    assert (run.status, run.jumlah_final, run.jumlah_tidak_dinilai, run.persen) == ("selesai", 1, 3, 100)
    final = Penilaian.objects.get(pegawai=org.staf_a)
    assert final.status == "final"
    assert PenutupanPeriode.objects.count() == 1
    # Written by the worker, outside any request: attributed to the Admin BKD who started the closing.
    assert (run.history.first().history_change_reason, run.history.first().history_user) == (
        "Penutupan selesai: 1 final, 3 tidak dinilai",
        users["admin_bkd"],
    )
    assert final.history.first().history_user == users["admin_bkd"]
