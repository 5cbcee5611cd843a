"""Celery tasks of mutasi: moves take effect on their TMT."""

from __future__ import annotations

from celery import shared_task


@shared_task
def mutasi_apply_due_task() -> dict[str, int]:
    """Daily (beat), and at once after an SK whose TMT has passed is issued: apply every move of an
    issued SK whose TMT is on or before today. Idempotent (see mutasi.services.sk.mutasi_apply_due)."""
    from .services.sk import mutasi_apply_due

    return mutasi_apply_due()
