"""A real Celery worker on the configured broker (Redis in CI) runs a pegawai job end to end."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from asn_portal.celery import app
from pegawai.models import Pegawai
from pegawai.tasks import atasan_recompute_task


@pytest.mark.django_db(transaction=True)
def test_worker_recomputes_atasan_from_the_org_chart(org):
    Pegawai.objects.update(atasan=None)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        atasan_recompute_task.delay()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            staf = Pegawai.objects.get(pk=org.staf_a.pk)
            if staf.atasan_id is not None:
                break
            time.sleep(0.2)
    assert Pegawai.objects.get(pk=org.staf_a.pk).atasan_id == org.kabid_a.pk
    assert Pegawai.objects.get(pk=org.kabid_a.pk).atasan_id == org.kepala_a.pk


@pytest.mark.django_db(transaction=True)
def test_worker_refreshes_the_dashboard_figures(org):
    from django.core.cache import cache
    from django.test.utils import override_settings

    from asn_portal.tasks import dasbor_segarkan_task
    from asn_portal.views import instansi_kunci

    cache.clear()
    kunci = instansi_kunci(opd=None, kode=None)
    with (
        override_settings(ASN_DASBOR_CACHE_DETIK=60),
        start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10),
    ):
        dasbor_segarkan_task.delay()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and cache.get(kunci) is None:
            time.sleep(0.2)
    figures = cache.get(kunci)
    cache.clear()
    assert figures is not None and figures["total"] == 4
