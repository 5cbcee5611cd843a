"""Writes of the placement team (Tim Penilai Kinerja PNS, PP 11/2017 Pasal 191): members, meetings with
their minutes, and the recommendation per proposal that moves it on to the PPK."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import alasan_bersih, catat_riwayat
from core.uploads import GAMBAR_PDF_EKSTENSI, upload_check
from pegawai.models import Pegawai

from .. import permissions
from ..models import AnggotaTPK, RekomendasiTPK, SidangTPK, UsulanMutasi
from ._common import require, teks_pendek

S = UsulanMutasi.Status


@transaction.atomic
def anggota_tpk_save(*, actor, pegawai: Pegawai, peran: str, aktif: bool = True) -> AnggotaTPK:
    require(permissions.can_manage_tpk(actor))
    if peran not in AnggotaTPK.Peran.values:
        raise ValidationError({"peran": "Peran tidak dikenal."})
    if aktif and not pegawai.aktif:
        raise ValidationError({"pegawai": f"{pegawai.nama_lengkap} tidak aktif."})
    anggota = AnggotaTPK.objects.filter(pegawai=pegawai).first() or AnggotaTPK(pegawai=pegawai)
    anggota.peran = peran
    anggota.aktif = aktif
    catat_riwayat(anggota, actor=actor, alasan="Anggota TPK " + ("ditetapkan" if aktif else "dinonaktifkan"))
    anggota.save()
    return anggota


@transaction.atomic
def sidang_tpk_create(
    *,
    actor,
    tanggal: dt.date,
    tempat: str = "",
    agenda: str = "",
    nomor_berita_acara: str = "",
    anggota_hadir: list[AnggotaTPK] | None = None,
) -> SidangTPK:
    require(permissions.can_manage_tpk(actor))
    if tanggal is None:
        raise ValidationError({"tanggal": "Tanggal sidang wajib diisi."})
    sidang = SidangTPK(
        tanggal=tanggal,
        tempat=teks_pendek(tempat, field="tempat", label="Tempat", panjang=200),
        agenda=teks_pendek(agenda, field="agenda", label="Agenda", panjang=300),
        nomor_berita_acara=teks_pendek(
            nomor_berita_acara, field="nomor_berita_acara", label="Nomor berita acara", panjang=100
        ),
        dibuat_oleh=actor,
    )
    sidang.full_clean()
    catat_riwayat(sidang, actor=actor, alasan="Sidang TPK dijadwalkan")
    sidang.save()
    if anggota_hadir:
        sidang.anggota_hadir.set(anggota_hadir)
    return sidang


@transaction.atomic
def sidang_tpk_upload_notulen(*, actor, sidang: SidangTPK, berkas) -> SidangTPK:
    require(permissions.can_manage_tpk(actor))
    upload_check(berkas, allowed=GAMBAR_PDF_EKSTENSI, max_bytes=settings.ASN_BUKTI_MAX_BYTES, field="notulen")
    nama = Path(berkas.name).name[:255]
    sidang.notulen.save(nama, berkas, save=False)
    sidang.nama_notulen = nama
    catat_riwayat(sidang, actor=actor, alasan=f"Notulen diunggah: {nama}")
    sidang.save(update_fields=["notulen", "nama_notulen", "diubah"])
    return sidang


@transaction.atomic
def rekomendasi_tpk_record(
    *, actor, sidang: SidangTPK, usulan: UsulanMutasi, keputusan: str, catatan: str = ""
) -> RekomendasiTPK:
    """The team's recommendation on a verified proposal. Setuju or tidak setuju hands it to the PPK, who
    decides with the team's consideration in view; ditunda keeps it for a later meeting."""
    usulan = UsulanMutasi.objects.select_for_update().get(pk=usulan.pk)
    require(permissions.can_record_rekomendasi_tpk(actor, usulan))
    if keputusan not in RekomendasiTPK.Keputusan.values:
        raise ValidationError({"keputusan": "Pilih setuju, tidak setuju, atau ditunda."})
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan rekomendasi")
    if keputusan == RekomendasiTPK.Keputusan.TIDAK and not catatan:
        raise ValidationError({"catatan": "Catatan wajib diisi bila TPK tidak setuju."})
    if RekomendasiTPK.objects.filter(sidang=sidang, usulan=usulan).exists():
        raise ValidationError("Rekomendasi untuk usulan ini sudah dicatat pada sidang yang sama.")
    rekomendasi = RekomendasiTPK(
        sidang=sidang, usulan=usulan, keputusan=keputusan, catatan=catatan, dicatat_oleh=actor
    )
    catat_riwayat(rekomendasi, actor=actor, alasan=catatan)
    rekomendasi.save()
    label = RekomendasiTPK.Keputusan(keputusan).label
    alasan = f"Rekomendasi TPK ({sidang}): {label}. {catatan}".strip()
    if keputusan != RekomendasiTPK.Keputusan.TUNDA:
        usulan.transition_to(S.DIREKOMENDASIKAN)
    catat_riwayat(usulan, actor=actor, alasan=alasan[:500])
    usulan.save(update_fields=["status", "diubah"])
    return rekomendasi
