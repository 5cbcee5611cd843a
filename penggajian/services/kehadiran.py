"""Writes of the monthly attendance recaps (input of TPP disiplin) entered one employee at a time; the
bulk path is the import (penggajian/impor.py); the employee must be in the officer's scope (selectors)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.history import catat_riwayat
from pegawai.selectors import pegawai_list_visible_to

from .. import permissions
from ..models import RekapKehadiran


@transaction.atomic
def rekap_kehadiran_simpan(
    *, actor, pegawai, tahun: int, bulan: int, hari_kerja: int, tanpa_keterangan: int, jumlah: dict[str, int]
) -> tuple[RekapKehadiran, bool]:
    """Create or change one employee's recap of one month (history kept): (recap, created)."""
    if not permissions.can_record_kehadiran(actor):
        raise PermissionDenied
    if not pegawai_list_visible_to(user=actor).filter(pk=pegawai.pk).exists():
        raise PermissionDenied
    obj = RekapKehadiran.objects.select_for_update().filter(pegawai=pegawai, tahun=tahun, bulan=bulan).first()
    dibuat = obj is None
    if obj is None:
        obj = RekapKehadiran(pegawai=pegawai, tahun=tahun, bulan=bulan)
    obj.hari_kerja = hari_kerja
    obj.tanpa_keterangan = tanpa_keterangan
    obj.jumlah = jumlah
    catat_riwayat(obj, actor=actor, alasan="Diisi lewat formulir" if dibuat else "Diubah lewat formulir")
    obj.save()
    return obj, dibuat
