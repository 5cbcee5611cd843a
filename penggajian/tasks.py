"""Celery tasks of the penggajian app: take ids, call a service."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def hitung_run_task(run_id: int) -> int:
    """Compute a pay run (resumable: OPDs already done are skipped)."""
    from .services import run_execute

    return run_execute(run_id).jumlah_slip


@shared_task(acks_late=True)
def notifikasi_slip_task(run_id: int) -> int:
    from .services import notifikasi_slip

    return notifikasi_slip(run_id)


# Tasks defined next to their service (bulk slip printing) register through this import.
from . import cetak  # noqa: E402, F401
