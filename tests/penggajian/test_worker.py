"""Pay runs on a real Celery worker: computed in the background, and finished without a duplicate slip
when the worker is killed halfway and another one starts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection

from asn_portal.celery import app
from pegawai.models import Pegawai, UnitKerja
from penggajian import services
from penggajian.models import RunGaji, Slip
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.penggajian.bantu import hitung, kunci


def tunggu(run: RunGaji, syarat, detik: float, pesan: str) -> RunGaji:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        run.refresh_from_db()
        if syarat(run):
            return run
        time.sleep(0.2)
    raise AssertionError(f"{pesan} (status {run.status}, {len(run.opd_selesai)}/{run.total_opd} OPD)")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_computes_a_run(bergaji, petugas):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        run = services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11)
        run = tunggu(run, lambda r: r.status in ("dihitung", "gagal"), 30, "run tidak selesai")
    assert (run.status, run.jumlah_slip, run.jumlah_galat) == ("dihitung", 4, 0)
    # Written by the worker, outside any request: still attributed to the officer who queued it.
    selesai = run.history.first()
    assert (selesai.history_change_reason, selesai.history_user) == (
        "Selesai dihitung: 4 slip, 0 gagal",
        petugas["pembuat"],
    )


def _worker(jeda: float) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "asn_portal.settings.test",
        "ASN_TEST_WORKER_DB": connection.settings_dict["NAME"],
        "PENGGAJIAN_JEDA_OPD_DETIK": str(jeda),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "asn_portal", "worker", "--pool", "solo", "--concurrency", "1",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def _bunuh(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_halfway_then_starting_another_finishes_without_duplicates(bergaji, petugas):
    for i in range(4):
        opd = UnitKerjaFactory(kode=f"K{i}", nama=f"Dinas Uji {i}", jenis="opd")
        jabatan = JabatanFactory(unit_kerja=opd, nama=f"Pelaksana {i}", jenis="pelaksana", kelas_jabatan=5)
        for j in range(3):
            PegawaiFactory(
                jabatan=jabatan, nama=f"Pegawai {i}{j}", nama_bank="BRI", nomor_rekening=f"9{i}{j}"
            )
    jumlah_opd = UnitKerja.objects.filter(jenis="opd").count()
    pertama = _worker(jeda=2.0)
    kedua = None
    try:
        run = services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11)
        run = tunggu(run, lambda r: len(r.opd_selesai) >= 1, 60, "worker pertama tidak mulai menghitung")
        _bunuh(pertama)
        run.refresh_from_db()
        assert run.status == "menghitung" and len(run.opd_selesai) < jumlah_opd, (
            "run selesai sebelum worker dibunuh"
        )
        kedua = _worker(jeda=0)
        run = tunggu(
            run, lambda r: r.status in ("dihitung", "gagal"), 60, "worker kedua tidak menyelesaikan run"
        )
    finally:
        _bunuh(pertama)
        if kedua is not None:
            _bunuh(kedua)
    assert run.status == "dihitung"
    assert sorted(run.opd_selesai) == sorted(
        UnitKerja.objects.filter(jenis="opd").values_list("id", flat=True)
    )
    per_pegawai = Counter(Slip.objects.filter(run=run).values_list("pegawai_id", flat=True))
    assert set(per_pegawai.values()) == {1}
    assert len(per_pegawai) == Pegawai.objects.filter(aktif=True).count() == run.jumlah_slip == 4 + 12


@pytest.mark.django_db(transaction=True)
def test_locking_a_run_sends_the_slip_notices_from_a_real_worker(bergaji, petugas, mailoutbox):
    user = bergaji.staf_a.user  # the "pegawai" login (users fixture)
    user.email = "andi@palukota.go.id"
    user.save()
    run = hitung(petugas["pembuat"])
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        kunci(petugas, run)
        batas = time.monotonic() + 30
        while not mailoutbox and time.monotonic() < batas:
            time.sleep(0.2)
    assert [m.to for m in mailoutbox] == [["andi@palukota.go.id"]]
    assert mailoutbox[0].subject == "Slip Gaji induk November 2026 tersedia"
