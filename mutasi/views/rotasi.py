"""Placeholder, replaced below."""

urlpatterns = []
