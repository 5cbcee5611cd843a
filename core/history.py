"""One way to attribute a write in the history: who did it and why.

Every service sets both on the instance before saving, so a write made by a Celery task or a
management command is attributed to the person who asked for it, exactly as one made in a request.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

# Longest free-text reason or note a form accepts; the history column is text, so it always fits.
MAX_ALASAN = 500


def catat_riwayat(obj: Any, *, actor: Any, alasan: str = "") -> Any:
    """Mark `obj`'s next save in django-simple-history with `actor` and `alasan`; returns `obj`."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    obj._change_reason = alasan or None
    return obj


def pesan_terlalu_panjang(label: str, panjang: int) -> str:
    """The message for a reason or note over MAX_ALASAN characters, naming the field."""
    return f"{label} paling panjang {MAX_ALASAN} karakter (sekarang {panjang})."


def alasan_bersih(teks: str | None, *, field: str = "alasan", label: str = "Alasan") -> str:
    """`teks` stripped; a ValidationError on `field` when it is longer than MAX_ALASAN.

    Services call this for every free-text reason or note they store, so a request that bypasses the
    form (or a task, a command) gets the same message instead of a database error.
    """
    teks = (teks or "").strip()
    if len(teks) > MAX_ALASAN:
        raise ValidationError({field: pesan_terlalu_panjang(label, len(teks))})
    return teks
