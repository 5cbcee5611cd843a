"""Writes of the evaluation of completed ledger activities: the participant's feedback, the pre/post
test and result, the atasan's check of use at work; and the two hooks for what other parts own:
`catat_kompetensi` (the competency profile) and `buka_tindak_lanjut` (a follow-up development need).

The hooks: the needs model and the competency profile belong to another part of pembinaan. Until they
are wired, `daftarkan_pencatat_kompetensi` / `daftarkan_pembuka_kebutuhan` register a callable that gets
a plain dict; the evaluation marks the follow-up opened / competency recorded only when one handled it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat

from .models import EvaluasiKegiatan, KegiatanPengembangan

BULAN_CEK_MULAI = 3
BULAN_CEK_SELESAI = 6

_PENCATAT_KOMPETENSI: list[Callable[[dict], bool]] = []
_PEMBUKA_KEBUTUHAN: list[Callable[[dict], bool]] = []


def daftarkan_pencatat_kompetensi(fn: Callable[[dict], bool]) -> None:
    if fn not in _PENCATAT_KOMPETENSI:
        _PENCATAT_KOMPETENSI.append(fn)


def daftarkan_pembuka_kebutuhan(fn: Callable[[dict], bool]) -> None:
    if fn not in _PEMBUKA_KEBUTUHAN:
        _PEMBUKA_KEBUTUHAN.append(fn)


def tambah_bulan(tanggal: dt.date, bulan: int) -> dt.date:
    """The same day `bulan` months later (the month's last day when it has fewer days)."""
    import calendar

    y, m = divmod(tanggal.month - 1 + bulan, 12)
    tahun, bln = tanggal.year + y, m + 1
    return dt.date(tahun, bln, min(tanggal.day, calendar.monthrange(tahun, bln)[1]))


def catat_kompetensi(*, actor, kegiatan: KegiatanPengembangan) -> dict:
    """A passed activity adds to the employee's competency profile. Returns the record handed to the
    registered recorders; True from one of them marks it recorded (once)."""
    rekaman = {
        "pegawai_id": kegiatan.pegawai_id,
        "kompetensi": (kegiatan.program.kompetensi if kegiatan.program_id and kegiatan.program else "")
        or kegiatan.nama_pelatihan,
        "bentuk": kegiatan.bentuk,
        "tanggal": kegiatan.tanggal_selesai,
        "kegiatan_id": kegiatan.pk,
        "actor": actor,
    }
    evaluasi = _evaluasi(kegiatan)
    if evaluasi.kompetensi_dicatat:
        return rekaman
    ditangani = [fn(rekaman) for fn in _PENCATAT_KOMPETENSI]  # every recorder is called
    if any(ditangani):
        evaluasi.kompetensi_dicatat = True
        catat_riwayat(evaluasi, actor=actor, alasan="Profil kompetensi diperbarui")
        evaluasi.save()
    return rekaman


def buka_tindak_lanjut(*, actor, kegiatan: KegiatanPengembangan, sebab: str) -> dict:
    """A failed or unused training opens a follow-up need (the needs part's model, through the hook)."""
    kebutuhan = {
        "pegawai_id": kegiatan.pegawai_id,
        "tahun": timezone.localdate().year,
        "sumber": "evaluasi_pelatihan",
        "uraian": f"Tindak lanjut {kegiatan.nama_pelatihan}: {sebab}"[:500],
        "kegiatan_id": kegiatan.pk,
        "actor": actor,
    }
    evaluasi = _evaluasi(kegiatan)
    if evaluasi.tindak_lanjut_dibuka:
        return kebutuhan
    ditangani = [fn(kebutuhan) for fn in _PEMBUKA_KEBUTUHAN]  # every opener is called
    if any(ditangani):
        evaluasi.tindak_lanjut_dibuka = True
        catat_riwayat(evaluasi, actor=actor, alasan=f"Tindak lanjut dibuka: {sebab}"[:500])
        evaluasi.save()
    return kebutuhan


def _evaluasi(kegiatan: KegiatanPengembangan) -> EvaluasiKegiatan:
    obj = EvaluasiKegiatan.objects.select_for_update().filter(kegiatan=kegiatan).first()
    return obj or EvaluasiKegiatan(kegiatan=kegiatan)


def _skala(data: dict, field: str, label: str, errors: dict) -> int | None:
    raw = data.get(field)
    try:
        nilai = int(raw)
    except (TypeError, ValueError):
        errors.setdefault(field, []).append(f"{label}: pilih nilai 1 sampai 5.")
        return None
    if not 1 <= nilai <= 5:
        errors.setdefault(field, []).append(f"{label}: pilih nilai 1 sampai 5.")
        return None
    return nilai


def isi_umpan_balik(*, actor, kegiatan: KegiatanPengembangan, data: dict) -> EvaluasiKegiatan:
    """The participant's feedback (may be edited later: the history keeps every version)."""
    errors: dict[str, list[str]] = {}
    if kegiatan.status != KegiatanPengembangan.Status.DIVERIFIKASI:
        errors.setdefault("__all__", []).append("Umpan balik hanya untuk kegiatan yang sudah diakui.")
    nilai = {
        f: _skala(data, f, label, errors)
        for f, label in (
            ("nilai_materi", "Materi"),
            ("nilai_penyaji", "Penyaji/fasilitator"),
            ("nilai_manfaat", "Manfaat bagi pekerjaan"),
        )
    }
    saran = ""
    try:
        saran = alasan_bersih(data.get("saran"), field="saran", label="Kesan dan saran")
    except ValidationError as exc:
        errors.setdefault("saran", []).extend(exc.message_dict["saran"])
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        obj = _evaluasi(kegiatan)
        for f, v in nilai.items():
            setattr(obj, f, v)
        obj.saran = saran
        obj.umpan_balik_pada = timezone.now()
        catat_riwayat(obj, actor=actor, alasan=saran or "Umpan balik peserta")
        obj.save()
    return obj


def _nilai_tes(raw, field: str, label: str, errors: dict) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        nilai = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        errors.setdefault(field, []).append(f"{label} harus angka 0–100.")
        return None
    if not Decimal(0) <= nilai <= Decimal(100):
        errors.setdefault(field, []).append(f"{label} harus angka 0–100.")
        return None
    return nilai.quantize(Decimal("0.01"))


def catat_tes(
    *, actor, kegiatan: KegiatanPengembangan, pre_test, post_test, lulus: bool | None
) -> EvaluasiKegiatan:
    """Pre/post test scores and the result; a pass records the competency, a fail opens a follow-up."""
    errors: dict[str, list[str]] = {}
    pre = _nilai_tes(pre_test, "nilai_pre_test", "Nilai pre-test", errors)
    post = _nilai_tes(post_test, "nilai_post_test", "Nilai post-test", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        obj = _evaluasi(kegiatan)
        obj.nilai_pre_test, obj.nilai_post_test, obj.lulus = pre, post, lulus
        catat_riwayat(obj, actor=actor, alasan="Nilai tes dan hasil dicatat")
        obj.save()
        if lulus is True:
            catat_kompetensi(actor=actor, kegiatan=kegiatan)
        elif lulus is False:
            buka_tindak_lanjut(actor=actor, kegiatan=kegiatan, sebab="tidak lulus")
    return obj


def cek_penerapan(
    *, actor, kegiatan: KegiatanPengembangan, penerapan: str, catatan: str = ""
) -> EvaluasiKegiatan:
    """The atasan's check of use at work, from three months after the activity ended (later is
    overdue but still accepted). Unused: a reason is required and a follow-up need opens."""
    errors: dict[str, list[str]] = {}
    if penerapan not in EvaluasiKegiatan.Penerapan.values:
        errors.setdefault("penerapan", []).append("Pilih hasil pengecekan penerapan.")
    try:
        catatan = alasan_bersih(catatan, field="catatan_penerapan", label="Catatan atasan")
    except ValidationError as exc:
        errors.setdefault("catatan_penerapan", []).extend(exc.message_dict["catatan_penerapan"])
    if penerapan == EvaluasiKegiatan.Penerapan.TIDAK and not catatan and "catatan_penerapan" not in errors:
        errors.setdefault("catatan_penerapan", []).append("Tuliskan mengapa tidak diterapkan.")
    mulai = tambah_bulan(kegiatan.tanggal_selesai, BULAN_CEK_MULAI)
    if timezone.localdate() < mulai:
        errors.setdefault("__all__", []).append(
            f"Pengecekan penerapan dapat dilakukan mulai {mulai:%d-%m-%Y} (3 bulan setelah kegiatan)."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        obj = _evaluasi(kegiatan)
        obj.penerapan = penerapan
        obj.catatan_penerapan = catatan
        obj.dicek_oleh = actor if getattr(actor, "is_authenticated", False) else None
        obj.dicek_pada = timezone.now()
        catat_riwayat(obj, actor=actor, alasan=catatan or f"Penerapan: {obj.get_penerapan_display()}")
        obj.save()
        if penerapan == EvaluasiKegiatan.Penerapan.TIDAK:
            buka_tindak_lanjut(actor=actor, kegiatan=kegiatan, sebab="tidak diterapkan di tempat kerja")
    return obj
