"""Bulk slip printing (Celery): filled in by its issue."""
