"""What the mutasi pages share: turning a service's ValidationError into form errors or a message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import pesan_validasi


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def add_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def flash_errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(pesan_validasi(exc)))


def flash_form_errors(request, form) -> None:
    """A bound form's errors as one message, each prefixed with its field's label."""
    teks = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        teks += [f"{label}: {e}" if label else str(e) for e in errors]
    messages.error(request, " ".join(teks))
