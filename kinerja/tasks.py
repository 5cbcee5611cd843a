"""Celery tasks of the kinerja app: take ids, call a service."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def penutupan_periode_task(run_id: int) -> int:
    """Close one evaluation period for everyone (resumable: OPDs already done are skipped)."""
    from .services import penutupan_execute

    return penutupan_execute(run_id).jumlah_final
