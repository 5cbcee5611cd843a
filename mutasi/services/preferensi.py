"""Writes of the employees' wishes: rotation rounds (Admin BKD) and each employee's wishes in a round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.dates import format_tanggal
from core.history import catat_riwayat
from core.uploads import GAMBAR_PDF_EKSTENSI, upload_check
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .. import permissions
from ..models import PilihanTujuan, PreferensiMutasi, PutaranRotasi
from ._common import require, teks_pendek, teks_wajib

MAKS_PILIHAN = 3


@transaction.atomic
def putaran_rotasi_open(
    *, actor, nama: str, tanggal_mulai: dt.date, tanggal_selesai: dt.date, keterangan: str = ""
) -> PutaranRotasi:
    """Open a round; rounds may not overlap, so "the open round" of a day is always one."""
    require(permissions.can_manage_putaran_rotasi(actor))
    nama = teks_pendek(nama, field="nama", label="Nama putaran", panjang=200)
    if not nama:
        raise ValidationError({"nama": "Nama putaran wajib diisi."})
    if tanggal_mulai and tanggal_selesai and tanggal_selesai < tanggal_mulai:
        raise ValidationError({"tanggal_selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    bentrok = PutaranRotasi.objects.filter(
        tanggal_mulai__lte=tanggal_selesai, tanggal_selesai__gte=tanggal_mulai
    ).first()
    if bentrok:
        raise ValidationError(
            {
                "tanggal_mulai": f"Bertumpang tindih dengan {bentrok.nama} ({format_tanggal(bentrok.tanggal_mulai)} "
                f"s.d. {format_tanggal(bentrok.tanggal_selesai)})."
            }
        )
    putaran = PutaranRotasi(
        nama=nama,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        keterangan=teks_pendek(keterangan, field="keterangan", label="Keterangan", panjang=500),
        dibuka_oleh=actor,
    )
    putaran.full_clean()
    catat_riwayat(putaran, actor=actor, alasan="Putaran rotasi dibuka")
    putaran.save()
    return putaran


@transaction.atomic
def preferensi_mutasi_save(
    *,
    actor,
    putaran: PutaranRotasi,
    tetap: bool,
    kategori: str,
    alasan: str,
    pilihan: list[Jabatan | UnitKerja],
    bukti=None,
    nip_pasangan: str = "",
) -> PreferensiMutasi:
    """State (or restate) one's wishes during an open round: up to three destinations in order, or a
    request to stay; a married couple of civil servants links their wishes by the spouse's NIP."""
    require(permissions.can_state_preferensi_mutasi(actor))
    pegawai = Pegawai.objects.get(user=actor)
    hari_ini = timezone.localdate()
    if not putaran.terbuka_pada(hari_ini):
        raise ValidationError(
            f"{putaran.nama} dibuka {format_tanggal(putaran.tanggal_mulai)} s.d. "
            f"{format_tanggal(putaran.tanggal_selesai)}; di luar masa itu keinginan tidak dapat diisi."
        )
    errors: dict[str, str] = {}
    if kategori not in PreferensiMutasi.Kategori.values:
        errors["kategori"] = "Pilih kategori alasan."
    try:
        alasan = teks_wajib(alasan, field="alasan", label="Alasan")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    pilihan = [p for p in pilihan if p is not None]
    if tetap and pilihan:
        errors["pilihan"] = "Pilih tetap di jabatan sekarang atau isi tujuan, tidak keduanya."
    elif not tetap and not pilihan:
        errors["pilihan"] = "Isi paling sedikit satu tujuan, atau pilih tetap di jabatan sekarang."
    elif len(pilihan) > MAKS_PILIHAN:
        errors["pilihan"] = f"Paling banyak {MAKS_PILIHAN} tujuan."
    elif len({(type(p).__name__, p.pk) for p in pilihan}) != len(pilihan):
        errors["pilihan"] = "Tujuan yang sama dipilih lebih dari sekali."
    elif any(isinstance(p, Jabatan) and p.pk == pegawai.jabatan_id for p in pilihan):
        errors["pilihan"] = "Jabatan sekarang tidak perlu dipilih; pilih tetap di jabatan sekarang."
    pasangan = None
    nip_pasangan = (nip_pasangan or "").replace(" ", "")
    if nip_pasangan:
        pasangan = Pegawai.objects.filter(nip=nip_pasangan, aktif=True).first()
        if pasangan is None:
            errors["nip_pasangan"] = f"Tidak ada pegawai aktif dengan NIP {nip_pasangan}."
        elif pasangan.pk == pegawai.pk:
            errors["nip_pasangan"] = "NIP pasangan tidak boleh NIP sendiri."
        elif pegawai.status_perkawinan != Pegawai.StatusPerkawinan.KAWIN:
            errors["nip_pasangan"] = "Status perkawinan Anda di data kepegawaian bukan kawin."
    if errors:
        raise ValidationError(errors)
    if bukti:
        upload_check(
            bukti, allowed=GAMBAR_PDF_EKSTENSI, max_bytes=settings.ASN_BUKTI_MAX_BYTES, field="bukti"
        )
    preferensi = PreferensiMutasi.objects.filter(
        putaran=putaran, pegawai=pegawai
    ).first() or PreferensiMutasi(putaran=putaran, pegawai=pegawai)
    preferensi.tetap = tetap
    preferensi.kategori = kategori
    preferensi.alasan = alasan
    preferensi.pasangan = pasangan
    if bukti:
        nama = Path(bukti.name).name[:255]
        preferensi.bukti.save(nama, bukti, save=False)
        preferensi.nama_bukti = nama
    catat_riwayat(preferensi, actor=actor, alasan="Keinginan mutasi diisi")
    preferensi.save()
    preferensi.pilihan.all().delete()
    PilihanTujuan.objects.bulk_create(
        PilihanTujuan(
            preferensi=preferensi,
            urutan=i,
            jabatan=p if isinstance(p, Jabatan) else None,
            unit_kerja=p if isinstance(p, UnitKerja) else None,
        )
        for i, p in enumerate(pilihan, start=1)
    )
    return preferensi
