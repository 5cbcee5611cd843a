import logging

from celery import shared_task
from celery.signals import worker_ready

from . import services

logger = logging.getLogger(__name__)


@shared_task
def pegawai_refresh_derived_task() -> int:
    """Nightly (beat): move next-KGB dates forward and keep derived fields current."""
    return services.pegawai_refresh_derived_all()


@shared_task
def atasan_recompute_task() -> int:
    return services.atasan_recompute()


@worker_ready.connect
def ulangi_cetak_laporan_terhenti(**_kwargs) -> None:
    """A worker that starts queues again the DUK/nominatif PDFs a stopped or killed worker left queued or
    half-done (the advisory lock keeps two workers from printing one job at once)."""
    from django.db import DatabaseError

    from .models import CetakLaporan

    try:
        ids = list(
            CetakLaporan.objects.filter(
                status__in=[CetakLaporan.Status.ANTRI, CetakLaporan.Status.BERJALAN]
            ).values_list("pk", flat=True)
        )
    except DatabaseError:  # no database yet (first start before migrate)
        logger.warning("Cetak laporan yang terhenti tidak diperiksa: basis data belum siap.")
        return
    for pk in ids:
        logger.info("Mengulang cetak laporan %s yang terhenti.", pk)
        cetak_laporan.cetak_laporan_task.delay(pk)


# The print task is defined next to its service and registers through this import.
from . import cetak_laporan  # noqa: E402
