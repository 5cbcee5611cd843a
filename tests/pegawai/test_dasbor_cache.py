"""Government-wide and per-OPD dashboard figures are cached per scope: a second view costs fewer queries
and shows the same figures, and one OPD's operator never gets another scope's figures."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from pegawai.models import Pegawai
from tests.factories import PegawaiFactory


@pytest.fixture
def cached():
    cache.clear()
    with override_settings(ASN_DASBOR_CACHE_DETIK=60):
        yield
    cache.clear()


def test_second_view_is_served_from_the_cache(org, client_as, cached):
    admin = client_as("admin_bkd")
    with CaptureQueriesContext(connection) as first:
        assert admin.get("/").context["total"] == 4
    PegawaiFactory(jabatan=org.staf_a.jabatan)  # within the cache time the figures stay as computed
    with CaptureQueriesContext(connection) as second:
        response = admin.get("/")
    assert response.context["total"] == 4
    assert "angka pukul" in response.content.decode()
    assert len(second) < len(first) - 10
    cache.clear()
    assert admin.get("/").context["total"] == 5


def test_scopes_do_not_share_figures(org, client_as, cached):
    assert client_as("admin_bkd").get("/").context["total"] == 4
    response = client_as("operator_opd").get("/")
    assert response.context["total"] == Pegawai.objects.filter(opd=org.opd_a).count() == 3
    assert org.staf_b.nama not in response.content.decode()


def test_beat_refreshes_the_government_wide_figures_before_anyone_asks(org, client_as, cached):
    from asn_portal.tasks import dasbor_segarkan_task

    admin = client_as("admin_bkd")
    with CaptureQueriesContext(connection) as cold:
        admin.get("/")
    cache.clear()
    dasbor_segarkan_task()  # what Celery beat runs every ASN_DASBOR_CACHE_DETIK / 2 seconds
    with CaptureQueriesContext(connection) as warm:
        assert admin.get("/").context["total"] == 4
    assert len(warm) < len(cold) - 10
    PegawaiFactory(jabatan=org.staf_a.jabatan)
    dasbor_segarkan_task()
    assert admin.get("/").context["total"] == 5


def test_the_refresh_is_scheduled_only_with_a_cache(settings):
    from asn_portal.settings import base

    assert base.CELERY_BEAT_SCHEDULE["dasbor-segarkan"]["task"] == "asn_portal.tasks.dasbor_segarkan_task"
    assert base.CELERY_BEAT_SCHEDULE["dasbor-segarkan"]["schedule"] == base.ASN_DASBOR_CACHE_DETIK // 2
