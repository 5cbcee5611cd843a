"""Our own error pages: Indonesian, in the site's layout; 500 and CSRF failure render without a request."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_404_for_a_signed_in_user_is_indonesian_inside_the_layout(client_as, settings):
    assert settings.DEBUG is False
    response = client_as("pegawai").get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "di luar cakupan akses Anda" in html
    assert 'class="navbar' in html  # the site's menu for the signed-in user
    assert "Keluar" in html
    assert "Not Found" not in html


def test_403_from_a_view_for_a_signed_in_user_is_indonesian_inside_the_layout(client_as):
    response = client_as("pegawai").get("/impor/")  # importing is for the Admin BKD only
    assert response.status_code == 403
    html = response.content.decode()
    assert "Akses ditolak" in html
    assert "tidak berwenang" in html
    assert 'class="navbar' in html
    assert "Forbidden" not in html


def test_500_renders_in_the_layout_without_request_context_or_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = defaults.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan pada server" in html
    assert "bootstrap.min.css" in html
    assert "Server Error" not in html


def test_csrf_failure_page_is_indonesian(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "pegawai", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir tidak dapat diproses" in html
    assert "Tidak ada yang disimpan" in html
    assert "CSRF verification failed" not in html
