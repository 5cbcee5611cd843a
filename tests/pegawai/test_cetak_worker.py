"""DUK/nominatif PDFs on a real Celery worker: a job queued from the page is printed in the background,
and a job a killed worker left half-done is queued again and finished when a worker starts."""

from __future__ import annotations

import time

import pytest

from pegawai.cetak_laporan import cetak_laporan_minta
from pegawai.models import CetakLaporan
from tests.penggajian.test_worker import _bunuh, _worker


def _tunggu(job: CetakLaporan, detik: float) -> CetakLaporan:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        job.refresh_from_db()
        if job.status in ("selesai", "gagal"):
            return job
        time.sleep(0.3)
    raise AssertionError(
        f"cetak laporan tidak selesai (status {job.status}, {job.selesai_dicetak}/{job.jumlah})"
    )


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_prints_a_queued_job_and_one_left_half_done(org, users):
    # Left "berjalan" by a worker that was killed: no task in the broker any more.
    terhenti = CetakLaporan.objects.create(
        jenis="nominatif",
        opd=None,
        status="berjalan",
        jumlah=4,
        selesai_dicetak=2,
        diminta_oleh=users["pimpinan"],
    )
    worker = _worker(jeda=0)
    try:
        baru = cetak_laporan_minta(actor=users["operator_opd"], jenis="duk", opd=org.opd_a)
        baru = _tunggu(baru, 120)
        terhenti = _tunggu(terhenti, 120)
    finally:
        _bunuh(worker)
    assert (baru.status, baru.jumlah, baru.selesai_dicetak) == ("selesai", 3, 3), baru.pesan_galat
    assert baru.berkas.read().startswith(b"%PDF")
    assert (terhenti.status, terhenti.jumlah, terhenti.selesai_dicetak) == ("selesai", 4, 4), (
        terhenti.pesan_galat
    )
