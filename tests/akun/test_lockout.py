"""django-axes locks a username per client address, read as the rest of the app reads it
(core.request.client_ip, ASN_PROXY_HOPS): behind a reverse proxy, failures of one client must not lock
the same username for the others behind that proxy, and a client cannot dodge the lock by forging
X-Forwarded-For."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.factories import UserFactory

PROXY = "10.0.0.5"


def _gagal(client: Client, forwarded: str) -> int:
    return client.post(
        "/accounts/login/",
        {"username": "pegawai_uji", "password": "salah"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    ).status_code


def _masuk(client: Client, forwarded: str) -> int:
    return client.post(
        "/accounts/login/",
        {"username": "pegawai_uji", "password": "rahasia-uji-123"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    ).status_code


@pytest.mark.django_db
def test_lockout_is_per_client_behind_the_proxy(settings):
    settings.ASN_PROXY_HOPS = 1
    UserFactory(username="pegawai_uji")
    penyerang = Client()
    # The attacker sends its own X-Forwarded-For each time; the proxy appends the address it saw.
    for palsu in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):  # AXES_FAILURE_LIMIT = 3 in settings.test
        _gagal(penyerang, f"{palsu}, 203.0.113.7")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
    assert _masuk(Client(), "203.0.113.7") == 429  # locked: same client, right password or not
    assert _masuk(Client(), "198.51.100.20") == 302  # another employee behind the same proxy logs in


@pytest.mark.django_db
def test_without_proxy_hops_the_lockout_reads_remote_addr(settings):
    settings.ASN_PROXY_HOPS = 0
    UserFactory(username="pegawai_uji")
    for _ in range(3):
        _gagal(Client(), "203.0.113.7")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]
