"""Celery task of the rotation round (imported by MutasiConfig.ready so the worker knows it)."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def hitung_rotasi_task(hasil_id: int) -> int:
    from .services.rekomendasi import hasil_rotasi_hitung

    return hasil_rotasi_hitung(hasil_id).persen
