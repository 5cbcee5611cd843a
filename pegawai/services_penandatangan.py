"""Writes of the signatory master data (Penandatangan): record one, correct one, end a period.

Recording a new signatory for a role and OPD whose predecessor is still in office ends the predecessor's
period the day before (a handover); any other overlap is refused (also by a database constraint)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from core.history import MAX_ALASAN, catat_riwayat

from . import permissions
from .models import Penandatangan, UnitKerja


def _validate(p: Penandatangan) -> None:
    errors: dict[str, str] = {}
    if p.peran in Penandatangan.PERAN_PER_OPD and p.opd_id is None:
        errors["opd"] = f"OPD wajib diisi untuk {p.get_peran_display()}."
    if p.opd_id is not None:
        if p.peran == Penandatangan.Peran.KEPALA_BKPSDM or p.peran == Penandatangan.Peran.PPK:
            errors["opd"] = f"{p.get_peran_display()} berlaku untuk seluruh pemerintah daerah; kosongkan OPD."
        elif p.opd.jenis != UnitKerja.Jenis.OPD:
            errors["opd"] = "Pilih unit setingkat OPD."
    if p.pegawai_id is None:
        if not p.nama.strip():
            errors["nama"] = "Pilih pegawai (NIP) atau isi nama penandatangan."
        if p.nip and not (p.nip.isdigit() and len(p.nip) == 18):
            errors["nip"] = "NIP terdiri atas 18 angka (kosongkan bila penandatangan tidak ber-NIP)."
    else:
        p.nama = p.nip = p.pangkat = ""  # read from the employee at print time
    if len(p.keterangan) > MAX_ALASAN:
        errors["keterangan"] = f"Keterangan paling banyak {MAX_ALASAN} karakter."
    if errors:
        raise ValidationError(errors)
    p.full_clean()


@transaction.atomic
def penandatangan_save(*, actor, penandatangan: Penandatangan, alasan: str = "") -> Penandatangan:
    """Record a new signatory or correct one. A new one takes over from a predecessor still in office."""
    if not permissions.can_manage_penandatangan(actor):
        raise PermissionDenied
    baru = penandatangan.pk is None
    if baru:
        pendahulu = (
            Penandatangan.objects.select_for_update()
            .filter(
                peran=penandatangan.peran,
                opd_id=penandatangan.opd_id,
                berlaku_mulai__lt=penandatangan.berlaku_mulai,
            )
            .filter(Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=penandatangan.berlaku_mulai))
            .order_by("pk")
        )
        for lama in pendahulu:
            lama.berlaku_sampai = penandatangan.berlaku_mulai - dt.timedelta(days=1)
            catat_riwayat(lama, actor=actor, alasan="Masa berakhir: diganti penandatangan baru")
            lama.save(update_fields=["berlaku_sampai", "diubah"])
    _validate(penandatangan)
    catat_riwayat(
        penandatangan,
        actor=actor,
        alasan=alasan or ("Penandatangan dicatat" if baru else "Penandatangan diubah"),
    )
    penandatangan.save()
    return penandatangan


@transaction.atomic
def penandatangan_akhiri(
    *, actor, penandatangan: Penandatangan, berlaku_sampai: dt.date, alasan: str = ""
) -> Penandatangan:
    """End a signatory's period on a date (the last day they sign)."""
    if not permissions.can_manage_penandatangan(actor):
        raise PermissionDenied
    if berlaku_sampai is None:
        raise ValidationError({"berlaku_sampai": "Tanggal berakhir wajib diisi."})
    if berlaku_sampai < penandatangan.berlaku_mulai:
        raise ValidationError(
            {"berlaku_sampai": "Tanggal berakhir tidak boleh sebelum tanggal berlaku mulai."}
        )
    if len(alasan or "") > MAX_ALASAN:
        raise ValidationError({"alasan": f"Alasan paling banyak {MAX_ALASAN} karakter."})
    penandatangan.berlaku_sampai = berlaku_sampai
    catat_riwayat(penandatangan, actor=actor, alasan=alasan or "Masa penandatangan diakhiri")
    penandatangan.save(update_fields=["berlaku_sampai", "diubah"])
    return penandatangan
