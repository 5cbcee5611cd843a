"""What the kinerja pages share: who the viewer is to an SKP, and turning service errors into messages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError

from core.exceptions import pesan_validasi
from pegawai.selectors import cakupan_for

from .. import selectors
from ..models import SKP


@dataclass(frozen=True)
class Peran:
    """The viewer's relation to one SKP; templates show actions from these flags only."""

    pemilik: bool
    penilai: bool
    atasan_penilai: bool

    @classmethod
    def untuk(cls, user, skp: SKP) -> Peran:
        me = cakupan_for(user).pegawai_id
        return cls(
            pemilik=me is not None and skp.pegawai_id == me,
            penilai=selectors.is_pejabat_penilai(pegawai_id=me, skp=skp),
            atasan_penilai=me is not None and skp.atasan_pejabat_penilai_id == me,
        )


def add_form_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError lands on the form's fields, or on the form as a whole."""
    if hasattr(exc, "error_dict"):
        model = getattr(getattr(form, "_meta", None), "model", None)
        for field, errors in exc.message_dict.items():
            if field in form.fields:
                form.add_error(field, errors)
            else:
                form.add_error(None, pesan_validasi(ValidationError({field: errors}), model))
    else:
        form.add_error(None, exc.messages)


def flash_errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(pesan_validasi(exc)))
