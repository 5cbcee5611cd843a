"""Celery tasks of the penggajian app, all of them: take ids, call a service. The services are imported
inside each task (the services queue tasks through services._common.enqueue, never by importing this
module at load time; import-linter contract "Tasks call services, services do not import tasks")."""

import logging

from celery import shared_task
from celery.signals import worker_ready

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def hitung_run_task(run_id: int) -> int:
    """Compute a pay run (resumable: OPDs already done are skipped)."""
    from .services import run_execute

    return run_execute(run_id).jumlah_slip


@shared_task(acks_late=True)
def notifikasi_slip_task(run_id: int) -> int:
    from .services import notifikasi_slip

    return notifikasi_slip(run_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def rapel_task(rapel_id: int) -> int:
    """Work a rapel (resumable: chunks already done are skipped)."""
    from .services import rapel_jalankan

    return rapel_jalankan(rapel_id).jumlah_koreksi


@shared_task(acks_late=True, reject_on_worker_lost=True)
def cetak_slip_massal_task(cetak_id: int) -> int:
    from .services import cetak_execute

    return cetak_execute(cetak_id).selesai_dicetak


@shared_task(acks_late=True)
def whatif_task(aturan_id: int) -> int:
    """Compare a draft TPP rule with the rule in force, per OPD."""
    from .services import whatif_jalankan

    return whatif_jalankan(aturan_id)


@worker_ready.connect
def lanjutkan_run_terhenti(**_kwargs) -> None:
    """A worker that starts resumes the pay runs a stopped or killed worker left queued or half-done:
    whatever the broker still holds, the run goes on from its next OPD (OPDs are all-or-nothing and the
    row lock makes two workers on one run take turns, so nothing is computed twice)."""
    from django.db import DatabaseError

    try:
        from .models import CetakSlipMassal, RapelGaji, RunGaji

        ids = list(
            RunGaji.objects.filter(status__in=[RunGaji.Status.ANTRI, RunGaji.Status.MENGHITUNG]).values_list(
                "pk", flat=True
            )
        )
        rapel_ids = list(
            RapelGaji.objects.filter(
                status__in=[RapelGaji.Status.ANTRI, RapelGaji.Status.BERJALAN]
            ).values_list("pk", flat=True)
        )
        cetak_ids = list(
            CetakSlipMassal.objects.filter(
                status__in=[CetakSlipMassal.Status.ANTRI, CetakSlipMassal.Status.BERJALAN]
            ).values_list("pk", flat=True)
        )
    except DatabaseError:  # no database yet (first start before migrate)
        logger.warning("Run gaji yang terhenti tidak diperiksa: basis data belum siap.")
        return
    for pk in ids:
        logger.info("Melanjutkan run gaji %s yang terhenti.", pk)
        hitung_run_task.delay(pk)
    for pk in rapel_ids:
        logger.info("Melanjutkan rapel %s yang terhenti.", pk)
        rapel_task.delay(pk)
    for pk in cetak_ids:
        logger.info("Mengulang cetak slip massal %s yang terhenti.", pk)
        cetak_slip_massal_task.delay(pk)
