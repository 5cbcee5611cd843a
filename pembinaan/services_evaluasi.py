"""Writes of the evaluation of completed ledger activities: the participant's feedback, the pre/post
test and result, the atasan's check of use at work; and what a result changes elsewhere in pembinaan:
`catat_kompetensi` (a pass adds the programme's competency to the employee's profile, KompetensiPegawai)
and `buka_tindak_lanjut` (a fail or an unused training opens a development need, KebutuhanPengembangan
with sumber `tindak_lanjut`). Both are idempotent: the evaluation's flags and the models' unique keys
make a rerun add nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat

from .models import (
    Bentuk,
    EvaluasiKegiatan,
    KebutuhanPengembangan,
    KegiatanPengembangan,
    KompetensiPegawai,
    SumberKebutuhan,
)

BULAN_CEK_MULAI = 3
BULAN_CEK_SELESAI = 6
# Why a follow-up opens (the history reason and the wording of the need's evidence).
TIDAK_LULUS = "tidak lulus"
TIDAK_DITERAPKAN = "tidak diterapkan di tempat kerja"


def tambah_bulan(tanggal: dt.date, bulan: int) -> dt.date:
    """The same day `bulan` months later (the month's last day when it has fewer days)."""
    import calendar

    y, m = divmod(tanggal.month - 1 + bulan, 12)
    tahun, bln = tanggal.year + y, m + 1
    return dt.date(tahun, bln, min(tanggal.day, calendar.monthrange(tahun, bln)[1]))


def _pengguna(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def catat_kompetensi(
    *, actor, kegiatan: KegiatanPengembangan, evaluasi: EvaluasiKegiatan | None = None
) -> KompetensiPegawai | None:
    """A passed, recognised activity adds its programme's competency to the employee's profile (once).

    Only a programme names a competency (a free-text training name is not one), so an activity without a
    programme competency records nothing. A competency already held (same name, any case — the way the
    needs' gap check compares) is kept as it is; the evaluation is marked recorded either way."""
    evaluasi = evaluasi or _evaluasi(kegiatan)
    if evaluasi.kompetensi_dicatat or kegiatan.status != KegiatanPengembangan.Status.DIVERIFIKASI:
        return None
    nama = (kegiatan.program.kompetensi if kegiatan.program_id else "").strip()[:200]
    if not nama:
        return None
    profil = KompetensiPegawai.objects.filter(pegawai_id=kegiatan.pegawai_id, nama__iexact=nama).first()
    if profil is None:
        profil = KompetensiPegawai(
            pegawai_id=kegiatan.pegawai_id,
            nama=nama,
            sumber=KompetensiPegawai.Sumber.PELATIHAN,
            tanggal=kegiatan.tanggal_selesai,
        )
        catat_riwayat(
            profil,
            actor=actor,
            alasan=f"Lulus {kegiatan.nama_pelatihan} ({kegiatan.tanggal_selesai:%d-%m-%Y})"[:500],
        )
        profil.save()
    evaluasi.kompetensi_dicatat = True
    catat_riwayat(evaluasi, actor=actor, alasan=f"Profil kompetensi diperbarui: {nama}"[:500])
    evaluasi.save()
    return profil


def _bukti_tindak_lanjut(kegiatan: KegiatanPengembangan, evaluasi: EvaluasiKegiatan, sebab: str) -> str:
    """The need's evidence (Indonesian, ≤ 500 characters): what, when, and why it needs a follow-up."""
    teks = f"{kegiatan.nama_pelatihan} ({kegiatan.get_bentuk_display()}, selesai {kegiatan.tanggal_selesai:%d-%m-%Y})"
    if sebab == TIDAK_LULUS:
        nilai = ""
        if evaluasi.nilai_post_test is not None:
            nilai = f"; nilai post-test {str(evaluasi.nilai_post_test).replace('.', ',')}"
        return f"Tidak lulus {teks}{nilai}. Perlu diulang atau diganti bentuk pengembangan lain."[:500]
    catatan = f": {evaluasi.catatan_penerapan}" if evaluasi.catatan_penerapan else ""
    return f"Atasan menilai hasil {teks} tidak diterapkan di tempat kerja{catatan}."[:500]


def buka_tindak_lanjut(
    *, actor, kegiatan: KegiatanPengembangan, sebab: str, evaluasi: EvaluasiKegiatan | None = None
) -> KebutuhanPengembangan | None:
    """A failed or unused training opens one follow-up need of the employee for the current year
    (sumber `tindak_lanjut`, kunci `tindak_lanjut:<kegiatan>`: a fail and a later "unused" of the same
    activity share one need). Returns the need (None when it was already opened)."""
    evaluasi = evaluasi or _evaluasi(kegiatan)
    if evaluasi.tindak_lanjut_dibuka:
        return None
    tahun = timezone.localdate().year
    kunci = f"tindak_lanjut:{kegiatan.pk}"
    kebutuhan = KebutuhanPengembangan.objects.filter(
        pegawai_id=kegiatan.pegawai_id, tahun=tahun, sumber=SumberKebutuhan.TINDAK_LANJUT, kunci=kunci
    ).first()
    if kebutuhan is None:
        nama = kegiatan.program.nama if kegiatan.program_id else kegiatan.nama_pelatihan
        kebutuhan = KebutuhanPengembangan(
            pegawai_id=kegiatan.pegawai_id,
            tahun=tahun,
            sumber=SumberKebutuhan.TINDAK_LANJUT,
            kunci=kunci,
            topik=f"Tindak lanjut {nama}"[:200],
            uraian=_bukti_tindak_lanjut(kegiatan, evaluasi, sebab),
            bentuk_saran=kegiatan.bentuk if kegiatan.bentuk in Bentuk.values else "",
            dibuat_oleh=_pengguna(actor),
        )
        catat_riwayat(kebutuhan, actor=actor, alasan=f"Tindak lanjut evaluasi pelatihan: {sebab}"[:500])
        kebutuhan.save()
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
            catat_kompetensi(actor=actor, kegiatan=kegiatan, evaluasi=obj)
        elif lulus is False:
            buka_tindak_lanjut(actor=actor, kegiatan=kegiatan, sebab=TIDAK_LULUS, evaluasi=obj)
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
        obj.dicek_oleh = _pengguna(actor)
        obj.dicek_pada = timezone.now()
        catat_riwayat(obj, actor=actor, alasan=catatan or f"Penerapan: {obj.get_penerapan_display()}")
        obj.save()
        if penerapan == EvaluasiKegiatan.Penerapan.TIDAK:
            buka_tindak_lanjut(actor=actor, kegiatan=kegiatan, sebab=TIDAK_DITERAPKAN, evaluasi=obj)
    return obj
