"""The Django admin: every registered model's list, search and first filter answer for a superuser."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.mark.django_db
def test_every_admin_changelist_searches_and_filters(client_as, users):
    client = client_as("superuser")
    checked = 0
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        if model_admin.search_fields:
            assert client.get(url, {"q": "uji"}).status_code == 200, url
        checked += 1
    assert checked >= 40


@pytest.mark.django_db
def test_admin_is_for_superusers_only(client_as, users):
    response = client_as("admin_bkd").get(reverse("admin:kinerja_penilaian_changelist"))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
