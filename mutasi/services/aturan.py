"""Writes of the rules: guard versions, freeze windows and document checklists (Admin BKD)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import catat_riwayat

from .. import permissions
from ..models import AturanGuard, KodeGuard, MasaLarangan, SyaratDokumen
from ._common import require, teks_pendek, teks_wajib


@transaction.atomic
def aturan_guard_create(
    *,
    actor,
    kode: str,
    bulan_minimal: int,
    bulan_maksimal: int,
    berlaku_mulai: dt.date,
    dasar_hukum: str,
    aktif: bool = True,
    keterangan: str = "",
    alasan: str = "",
) -> AturanGuard:
    """A new version of a guard from `berlaku_mulai`; the version before it ends the day before."""
    require(permissions.can_manage_aturan_mutasi(actor))
    if kode not in KodeGuard.values:
        raise ValidationError({"kode": "Aturan tidak dikenal."})
    dasar_hukum = teks_pendek(dasar_hukum, field="dasar_hukum", label="Dasar hukum", panjang=300)
    if not dasar_hukum:
        raise ValidationError({"dasar_hukum": "Dasar hukum wajib diisi."})
    if bulan_maksimal and bulan_minimal and bulan_maksimal < bulan_minimal:
        raise ValidationError({"bulan_maksimal": "Batas maksimal tidak boleh kurang dari batas minimal."})
    alasan = teks_wajib(alasan, field="alasan", label="Alasan perubahan")
    if AturanGuard.objects.filter(kode=kode, berlaku_mulai=berlaku_mulai).exists():
        raise ValidationError({"berlaku_mulai": "Sudah ada versi aturan ini yang berlaku mulai tanggal itu."})
    sebelum = (
        AturanGuard.objects.select_for_update()
        .filter(kode=kode, berlaku_mulai__lt=berlaku_mulai, berlaku_sampai__isnull=True)
        .order_by("-berlaku_mulai")
        .first()
    )
    if sebelum is not None:
        sebelum.berlaku_sampai = berlaku_mulai - dt.timedelta(days=1)
        catat_riwayat(sebelum, actor=actor, alasan=f"Digantikan versi baru: {alasan}")
        sebelum.save(update_fields=["berlaku_sampai", "diubah"])
    aturan = AturanGuard(
        kode=kode,
        bulan_minimal=bulan_minimal or 0,
        bulan_maksimal=bulan_maksimal or 0,
        berlaku_mulai=berlaku_mulai,
        aktif=aktif,
        dasar_hukum=dasar_hukum,
        keterangan=teks_pendek(keterangan, field="keterangan", label="Keterangan", panjang=500),
    )
    aturan.full_clean()
    catat_riwayat(aturan, actor=actor, alasan=alasan)
    aturan.save()
    return aturan


@transaction.atomic
def masa_larangan_create(
    *, actor, jenis: str, nama: str, mulai: dt.date, selesai: dt.date, dasar_hukum: str
) -> MasaLarangan:
    require(permissions.can_manage_aturan_mutasi(actor))
    if jenis not in MasaLarangan.Jenis.values:
        raise ValidationError({"jenis": "Jenis masa larangan tidak dikenal."})
    nama = teks_pendek(nama, field="nama", label="Nama", panjang=200)
    dasar_hukum = teks_pendek(dasar_hukum, field="dasar_hukum", label="Dasar hukum", panjang=300)
    errors = {}
    if not nama:
        errors["nama"] = "Nama wajib diisi."
    if not dasar_hukum:
        errors["dasar_hukum"] = "Dasar hukum wajib diisi."
    if mulai and selesai and selesai < mulai:
        errors["selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
    if errors:
        raise ValidationError(errors)
    masa = MasaLarangan(jenis=jenis, nama=nama, mulai=mulai, selesai=selesai, dasar_hukum=dasar_hukum)
    masa.full_clean()
    catat_riwayat(masa, actor=actor, alasan="Masa larangan dicatat")
    masa.save()
    return masa


@transaction.atomic
def syarat_dokumen_save(
    *,
    actor,
    syarat: SyaratDokumen | None = None,
    jenis: str,
    nama: str,
    wajib: bool = True,
    hanya_aps: bool = False,
    hanya_antar_opd: bool = False,
    aktif: bool = True,
    urutan: int = 0,
    keterangan: str = "",
    dasar_hukum: str = "",
) -> SyaratDokumen:
    """Add a checklist item, or change one (a used item is switched off, never deleted)."""
    require(permissions.can_manage_aturan_mutasi(actor))
    nama = teks_pendek(nama, field="nama", label="Nama dokumen", panjang=200)
    if not nama:
        raise ValidationError({"nama": "Nama dokumen wajib diisi."})
    syarat = syarat or SyaratDokumen()
    syarat.jenis = jenis
    syarat.nama = nama
    syarat.wajib = wajib
    syarat.hanya_aps = hanya_aps
    syarat.hanya_antar_opd = hanya_antar_opd
    syarat.aktif = aktif
    syarat.urutan = urutan or 0
    syarat.keterangan = teks_pendek(keterangan, field="keterangan", label="Keterangan", panjang=300)
    syarat.dasar_hukum = teks_pendek(dasar_hukum, field="dasar_hukum", label="Dasar hukum", panjang=200)
    syarat.full_clean()
    catat_riwayat(syarat, actor=actor, alasan="Syarat dokumen " + ("diubah" if syarat.pk else "ditambahkan"))
    syarat.save()
    return syarat
