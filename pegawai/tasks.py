from celery import shared_task

from . import services


@shared_task
def pegawai_refresh_derived_task() -> int:
    """Nightly (beat): move next-KGB dates forward and keep derived fields current."""
    return services.pegawai_refresh_derived_all()


@shared_task
def atasan_recompute_task() -> int:
    return services.atasan_recompute()
