"""Helpers shared by the mutasi services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from core.history import MAX_ALASAN, alasan_bersih


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def teks_wajib(teks: str | None, *, field: str, label: str) -> str:
    """A required free-text reason: stripped, not empty, at most MAX_ALASAN characters."""
    teks = alasan_bersih(teks, field=field, label=label)
    if not teks:
        raise ValidationError({field: f"{label} wajib diisi."})
    return teks


def teks_pendek(teks: str | None, *, field: str, label: str, panjang: int) -> str:
    teks = (teks or "").strip()
    if len(teks) > panjang:
        raise ValidationError({field: f"{label} paling panjang {panjang} karakter (sekarang {len(teks)})."})
    return teks


__all__ = ["MAX_ALASAN", "require", "teks_pendek", "teks_wajib"]
