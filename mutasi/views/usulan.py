"""Views of mutasi: usulan (filled by its work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
