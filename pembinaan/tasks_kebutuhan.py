"""Celery task of the needs generation (imported by PembinaanConfig.ready so the worker knows it)."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def kebutuhan_bentuk_task(run_id: int) -> int:
    from .services_kebutuhan import generasi_jalankan

    return generasi_jalankan(run_id).jumlah_baru
