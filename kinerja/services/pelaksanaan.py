"""During the year: evidence, daily log and its review, feedback, coaching, peer feedback."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import uploads
from core.history import alasan_bersih
from core.uploads import upload_check
from pegawai.models import Pegawai, UnitKerja

from ..models import (
    SKP,
    BuktiDukung,
    HasilKerja,
    LogHarian,
    PeriodeKinerja,
    ResponSurvei,
    SesiPembinaan,
    SurveiKepuasan,
    UmpanBalik,
    UmpanBalikRekan,
)
from ._common import _me, _require_open, _require_penilai

BUKTI_EKSTENSI = uploads.BUKTI_EKSTENSI
BUKTI_MAKS_BYTES = 5 * 1024 * 1024


def _require_approved_owner(actor, skp: SKP) -> None:
    if skp.pegawai.user_id != actor.pk:
        raise PermissionDenied
    if skp.status != SKP.Status.DISETUJUI:
        raise ValidationError("SKP belum disetujui pejabat penilai.")


@transaction.atomic
def bukti_upload(
    *, actor, hasil_kerja: HasilKerja, periode: str, berkas, keterangan: str = ""
) -> BuktiDukung:
    """Evidence for a hasil kerja: PDF, image or office file up to 5 MB, in an open evaluation period."""
    skp = hasil_kerja.skp
    _require_approved_owner(actor, skp)
    _require_open(skp.periode, periode)
    upload_check(berkas, allowed=BUKTI_EKSTENSI, max_bytes=BUKTI_MAKS_BYTES)
    bukti = BuktiDukung(
        hasil_kerja=hasil_kerja,
        periode=periode,
        nama_berkas=Path(berkas.name).name[:255],
        ukuran=berkas.size,
        keterangan=keterangan.strip(),
        diunggah_oleh=actor,
    )
    bukti.berkas.save(Path(berkas.name).name, berkas, save=False)
    bukti.save()
    return bukti


@transaction.atomic
def log_harian_create(
    *,
    actor,
    skp: SKP,
    hasil_kerja: HasilKerja,
    tanggal: dt.date,
    uraian: str,
    jumlah: Decimal | None = None,
    satuan: str = "",
) -> LogHarian:
    _require_approved_owner(actor, skp)
    _require_open(skp.periode)
    errors = {}
    if hasil_kerja.skp_id != skp.pk:
        errors["hasil_kerja"] = "Hasil kerja bukan bagian dari SKP ini."
    if tanggal.year != skp.periode.tahun:
        errors["tanggal"] = f"Tanggal harus dalam tahun {skp.periode.tahun}."
    elif tanggal > timezone.localdate():
        errors["tanggal"] = "Kegiatan belum terjadi; tanggal tidak boleh di masa depan."
    if not (uraian or "").strip():
        errors["uraian"] = "Uraian kegiatan wajib diisi."
    if errors:
        raise ValidationError(errors)
    return LogHarian.objects.create(
        skp=skp, hasil_kerja=hasil_kerja, tanggal=tanggal, uraian=uraian.strip(), jumlah=jumlah, satuan=satuan
    )


@transaction.atomic
def log_harian_review(*, actor, log: LogHarian, komentar: str = "") -> LogHarian:
    _require_penilai(actor, log.skp)
    komentar = alasan_bersih(komentar, field="komentar", label="Komentar reviu")
    log.direviu_pada = timezone.now()
    log.komentar_atasan = komentar
    log.save(update_fields=["direviu_pada", "komentar_atasan", "diubah"])
    return log


@transaction.atomic
def umpan_balik_create(*, actor, hasil_kerja: HasilKerja, isi: str, periode: str = "") -> UmpanBalik:
    """Feedback on a row from the pejabat penilai, or the employee's reply."""
    skp = hasil_kerja.skp
    if skp.pegawai.user_id != actor.pk:
        _require_penilai(actor, skp)
    if not (isi or "").strip():
        raise ValidationError({"isi": "Umpan balik wajib diisi."})
    return UmpanBalik.objects.create(hasil_kerja=hasil_kerja, periode=periode, penulis=actor, isi=isi.strip())


@transaction.atomic
def sesi_pembinaan_create(
    *, actor, skp: SKP, jenis: str, tanggal: dt.date, permasalahan: str, tindak_lanjut: str = ""
) -> SesiPembinaan:
    _require_penilai(actor, skp)
    sesi = SesiPembinaan(
        skp=skp,
        jenis=jenis,
        tanggal=tanggal,
        permasalahan=permasalahan.strip(),
        tindak_lanjut=tindak_lanjut.strip(),
        dicatat_oleh=actor,
    )
    sesi.full_clean()
    sesi.save()
    return sesi


@transaction.atomic
def umpan_balik_rekan_create(*, actor, skp: SKP, periode: str, rating: str, isi: str = "") -> UmpanBalikRekan:
    """Peer feedback: a colleague of the same unit (never the employee or their assessor)."""
    me = _me(actor)
    rekan = Pegawai.objects.filter(pk=me, aktif=True).first() if me else None
    if (
        rekan is None
        or rekan.pk in (skp.pegawai_id, skp.pejabat_penilai_id)
        or rekan.unit_kerja_id != skp.unit_kerja_id
    ):
        raise PermissionDenied
    _require_open(skp.periode, periode)
    row = UmpanBalikRekan(skp=skp, periode=periode, rekan=rekan, rating=rating, isi=isi.strip())
    row.full_clean()
    row.save()
    return row


# --- the public satisfaction survey of a unit (PermenPANRB 6/2022: an input the atasan sees) ----------


@transaction.atomic
def survei_create(*, unit_kerja: UnitKerja, periode: PeriodeKinerja) -> SurveiKepuasan:
    """A new survey of a unit for a year; its kode is random (core.models.new_kode_verifikasi)."""
    if SurveiKepuasan.objects.filter(periode=periode, unit_kerja=unit_kerja).exists():
        raise ValidationError(f"Survei {unit_kerja.nama} tahun {periode.tahun} sudah ada.")
    survei = SurveiKepuasan(periode=periode, unit_kerja=unit_kerja)
    survei.full_clean()
    survei.save()
    return survei


def survei_set_aktif(*, survei: SurveiKepuasan, aktif: bool) -> SurveiKepuasan:
    survei.aktif = aktif
    survei.save(update_fields=["aktif", "diubah"])
    return survei


def _survei_hash(survei: SurveiKepuasan, tanggal: dt.date, jenis: str, nilai: str) -> str:
    """A keyed hash of a device id or an IP address for one survey and one day (never stored raw)."""
    if not nilai:
        return ""
    pesan = f"{jenis}|{survei.kode}|{tanggal.isoformat()}|{nilai}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), pesan, hashlib.sha256).hexdigest()[:32]


SURVEI_SUDAH_HARI_INI = "Perangkat ini sudah mengisi survei ini hari ini. Terima kasih."
SURVEI_BATAS_JARINGAN = "Terlalu banyak jawaban dari jaringan yang sama hari ini; silakan coba lagi besok."
SURVEI_BATAS_HARIAN = "Survei ini sudah menerima jumlah jawaban maksimum hari ini; silakan coba lagi besok."


@transaction.atomic
def respon_survei_submit(
    *, survei: SurveiKepuasan, skor: int, komentar: str, perangkat: str = "", ip: str = ""
) -> ResponSurvei:
    """Store one public answer, within the limits that keep the unit's figure honest.

    At most one answer per device (signed cookie) per survey per day — a database constraint, so two
    quick submissions cannot both count — at most `ASN_SURVEI_MAKS_PER_JARINGAN` per network (IP) and
    `ASN_SURVEI_MAKS_PER_HARI` in total per survey per day. The survey row is locked while counting,
    so concurrent answers cannot overshoot a limit. Raises ValidationError with the reason.
    """
    SurveiKepuasan.objects.select_for_update().filter(pk=survei.pk).first()
    tanggal = timezone.localdate()
    respon = ResponSurvei(
        survei=survei,
        skor=skor,
        komentar=komentar.strip(),
        tanggal=tanggal,
        perangkat=_survei_hash(survei, tanggal, "perangkat", perangkat),
        jaringan=_survei_hash(survei, tanggal, "ip", ip),
    )
    hari_ini = ResponSurvei.objects.filter(survei=survei, tanggal=tanggal)
    if respon.perangkat and hari_ini.filter(perangkat=respon.perangkat).exists():
        raise ValidationError(SURVEI_SUDAH_HARI_INI, code="perangkat")
    if respon.jaringan and (
        hari_ini.filter(jaringan=respon.jaringan).count() >= settings.ASN_SURVEI_MAKS_PER_JARINGAN
    ):
        raise ValidationError(SURVEI_BATAS_JARINGAN, code="batas")
    if hari_ini.count() >= settings.ASN_SURVEI_MAKS_PER_HARI:
        raise ValidationError(SURVEI_BATAS_HARIAN, code="batas")
    respon.full_clean(validate_constraints=False)
    respon.save()
    return respon
