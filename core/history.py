"""One way to attribute a write in the history: who did it and why.

Every service sets both on the instance before saving, so a write made by a Celery task or a
management command is attributed to the person who asked for it, exactly as one made in a request.
"""

from __future__ import annotations

from typing import Any

# Longest free-text reason or note a form accepts; the history column is text, so it always fits.
MAX_ALASAN = 500


def catat_riwayat(obj: Any, *, actor: Any, alasan: str = "") -> Any:
    """Mark `obj`'s next save in django-simple-history with `actor` and `alasan`; returns `obj`."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    obj._change_reason = alasan or None
    return obj
