"""Cancelling (batal) a development need (issue 14 point 1): by whoever permissions.can_cancel_kebutuhan
allows, with a reason kept in the history. The row stays, status `dibatalkan`: the needs job inserts on the
unique (pegawai, tahun, sumber, kunci) with ON CONFLICT DO NOTHING, so a rerun never brings a cancelled
need back, and plan drafting takes only open needs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.history import alasan_bersih, catat_riwayat

from . import permissions
from .models import KebutuhanPengembangan

S = KebutuhanPengembangan.Status

TIDAK_BISA: dict[str, str] = {
    S.DIRENCANAKAN: "sudah masuk rencana pengembangan; hapus kegiatannya dari rencana terlebih dahulu",
    S.TERPENUHI: "sudah terpenuhi",
    S.DIBATALKAN: "sudah dibatalkan",
}


def kebutuhan_batal(*, actor, kebutuhan: KebutuhanPengembangan, alasan: str) -> KebutuhanPengembangan:
    """An open need becomes `dibatalkan`; the reason (required, at most 500 characters) goes into the
    history with the actor. A need already planned, met or cancelled is refused with the reason."""
    if not permissions.can_cancel_kebutuhan(actor, kebutuhan):
        raise PermissionDenied
    alasan = alasan_bersih(alasan, field="alasan", label="Alasan pembatalan")
    if not alasan:
        raise ValidationError({"alasan": "Alasan pembatalan wajib diisi."})
    with transaction.atomic():
        obj = (
            KebutuhanPengembangan.objects.select_for_update(of=("self",))
            .select_related("pegawai")
            .get(pk=kebutuhan.pk)
        )
        if obj.status != S.TERBUKA:
            raise ValidationError(
                f"Kebutuhan '{obj.topik}' ({obj.pegawai.nama}) tidak dapat dibatalkan: {TIDAK_BISA[obj.status]}."
            )
        obj.status = S.DIBATALKAN
        catat_riwayat(obj, actor=actor, alasan=f"Dibatalkan: {alasan}")
        obj.save(update_fields=["status", "diubah"])
    return obj
