"""Views of mutasi: kebutuhan (filled by its work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
