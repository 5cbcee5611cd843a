"""Project-level periodic work that spans apps (the dashboard composes pegawai, kinerja and pay)."""

from celery import shared_task


@shared_task(ignore_result=True)
def dasbor_segarkan_task() -> None:
    from .views import dasbor_segarkan

    dasbor_segarkan()
