"""Planning: the SKP, its hasil kerja rows and indicators, submission, approval, expectations."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from akun import roles
from core.history import alasan_bersih, catat_riwayat
from core.workflow import transition
from pegawai.models import Pegawai

from .. import permissions
from ..models import (
    SKP,
    HasilKerja,
    Indikator,
    PerilakuKerja,
    PeriodeKinerja,
    SasaranUnit,
)
from ._common import _require_open, _require_penilai


@transaction.atomic
def skp_create(*, actor, pegawai: Pegawai, periode: PeriodeKinerja) -> SKP:
    """Draft the year's SKP. Pejabat penilai = the atasan from the org chart today; their atasan decides
    objections. The 7 BerAKHLAK rows are created empty for the atasan's expectations."""
    if pegawai.user_id != actor.pk and not roles.is_admin_bkd(actor):
        raise PermissionDenied
    _require_open(periode)
    if not pegawai.aktif:
        raise ValidationError("Pegawai tidak aktif.")
    if SKP.objects.filter(pegawai=pegawai, periode=periode, tanggal_selesai__isnull=True).exists():
        raise ValidationError(f"SKP {periode.tahun} untuk {pegawai.nama} sudah ada.")
    atasan = pegawai.atasan
    skp = SKP(
        periode=periode,
        pegawai=pegawai,
        jabatan_id=pegawai.jabatan_id,
        unit_kerja_id=pegawai.unit_kerja_id,
        opd_id=pegawai.opd_id,
        pejabat_penilai=atasan,
        atasan_pejabat_penilai_id=atasan.atasan_id if atasan else None,
    )
    catat_riwayat(skp, actor=actor, alasan="SKP disusun")
    skp.save()
    PerilakuKerja.objects.bulk_create(PerilakuKerja(skp=skp, aspek=a) for a in PerilakuKerja.Aspek.values)
    return skp


def _require_editable_by_owner(actor, skp: SKP) -> None:
    if not permissions.can_edit_skp(actor, skp):
        raise PermissionDenied
    if not skp.dapat_diubah:
        raise ValidationError("SKP sudah diajukan atau disetujui; tidak dapat diubah.")
    _require_open(skp.periode)


@transaction.atomic
def hasil_kerja_save(
    *,
    actor,
    skp: SKP,
    uraian: str,
    jenis: str,
    indikator: list[dict],
    mendukung: HasilKerja | None = None,
    sasaran_unit: SasaranUnit | None = None,
    hasil_kerja: HasilKerja | None = None,
) -> HasilKerja:
    """Add or replace one hasil kerja row with its indicators.

    `indikator`: dicts with `uraian`, `jenis` (kuantitatif/kualitatif), `target_angka`, `satuan`,
    `target_teks`. A row needs at least one indicator; a quantitative one a positive target, a
    qualitative one a described target. `mendukung` must be a row of the pejabat penilai's SKP of the
    same year (cascading); `sasaran_unit` a target of the unit the employee heads, same year.
    """
    _require_editable_by_owner(actor, skp)
    errors: dict[str, list[str]] = {}
    if not (uraian or "").strip():
        errors.setdefault("uraian", []).append("Hasil kerja wajib diisi.")
    if not indikator:
        errors.setdefault("indikator", []).append(
            "Setiap hasil kerja wajib mempunyai minimal satu indikator."
        )
    if mendukung is not None and (
        mendukung.skp.pegawai_id != skp.pejabat_penilai_id or mendukung.skp.periode_id != skp.periode_id
    ):
        errors.setdefault("mendukung", []).append(
            "Hasil kerja yang didukung harus berasal dari SKP pejabat penilai pada tahun yang sama."
        )
    if sasaran_unit is not None and (
        sasaran_unit.unit_kerja_id != skp.jabatan.unit_kerja_id
        or not skp.jabatan.is_kepala
        or sasaran_unit.periode_id != skp.periode_id
    ):
        errors.setdefault("sasaran_unit", []).append(
            "Sasaran unit hanya dapat didukung oleh kepala unit tersebut pada tahun yang sama."
        )
    rows = []
    for n, data in enumerate(indikator, start=1):
        row = Indikator(
            uraian=(data.get("uraian") or "").strip(),
            jenis=data.get("jenis") or Indikator.Jenis.KUANTITATIF,
            target_angka=data.get("target_angka"),
            satuan=(data.get("satuan") or "").strip(),
            target_teks=(data.get("target_teks") or "").strip(),
        )
        if not row.uraian:
            errors.setdefault("indikator", []).append(f"Indikator {n}: uraian indikator wajib diisi.")
        if row.jenis == Indikator.Jenis.KUANTITATIF and (row.target_angka is None or row.target_angka <= 0):
            errors.setdefault("indikator", []).append(f"Indikator {n}: target kuantitatif harus angka > 0.")
        if row.jenis == Indikator.Jenis.KUALITATIF and not row.target_teks:
            errors.setdefault("indikator", []).append(f"Indikator {n}: target kualitatif wajib diuraikan.")
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    if hasil_kerja is None:
        hasil_kerja = HasilKerja(skp=skp, urutan=skp.hasil_kerja.count() + 1)
    elif hasil_kerja.skp_id != skp.pk:
        raise PermissionDenied
    hasil_kerja.uraian = uraian.strip()
    hasil_kerja.jenis = jenis
    hasil_kerja.mendukung = mendukung
    hasil_kerja.sasaran_unit = sasaran_unit
    hasil_kerja.full_clean(exclude=["skp"])
    hasil_kerja.save()
    hasil_kerja.indikator.all().delete()
    for row in rows:
        row.hasil_kerja = hasil_kerja
    Indikator.objects.bulk_create(rows)
    return hasil_kerja


@transaction.atomic
def hasil_kerja_delete(*, actor, hasil_kerja: HasilKerja) -> None:
    _require_editable_by_owner(actor, hasil_kerja.skp)
    hasil_kerja.delete()


@transaction.atomic
def skp_submit(*, actor, skp: SKP) -> SKP:
    _require_editable_by_owner(actor, skp)
    rows = list(skp.hasil_kerja.prefetch_related("indikator"))
    if not any(r.jenis == HasilKerja.Jenis.UTAMA for r in rows):
        raise ValidationError("SKP belum mempunyai hasil kerja utama.")
    tanpa = [r.uraian for r in rows if not r.indikator.all()]
    if tanpa:
        raise ValidationError(f"Hasil kerja tanpa indikator: {'; '.join(tanpa)}.")
    if skp.pejabat_penilai_id is None:
        raise ValidationError(
            "Pejabat penilai belum ditetapkan di struktur organisasi; hubungi Operator OPD."
        )
    transition(skp, SKP.Status.DIAJUKAN)
    skp.diajukan_pada = timezone.now()
    catat_riwayat(skp, actor=actor, alasan="SKP diajukan")
    skp.save(update_fields=["status", "diajukan_pada", "diubah"])
    return skp


@transaction.atomic
def skp_approve(*, actor, skp: SKP, ekspektasi: dict[str, str] | None = None) -> SKP:
    """The pejabat penilai agrees the SKP, optionally writing the BerAKHLAK expectations."""
    _require_penilai(actor, skp)
    _require_open(skp.periode)
    transition(skp, SKP.Status.DISETUJUI)
    if ekspektasi:
        perilaku_set_ekspektasi(actor=actor, skp=skp, ekspektasi=ekspektasi)
    skp.disetujui_pada = timezone.now()
    skp.catatan_atasan = ""
    catat_riwayat(skp, actor=actor, alasan="SKP disetujui")
    skp.save(update_fields=["status", "disetujui_pada", "catatan_atasan", "diubah"])
    return skp


@transaction.atomic
def skp_return(*, actor, skp: SKP, catatan: str) -> SKP:
    _require_penilai(actor, skp)
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan perbaikan")
    if not catatan:
        raise ValidationError({"catatan": "Tuliskan apa yang perlu diperbaiki."})
    transition(skp, SKP.Status.DIKEMBALIKAN)
    skp.catatan_atasan = catatan.strip()
    catat_riwayat(skp, actor=actor, alasan=f"SKP dikembalikan: {catatan.strip()}")
    skp.save(update_fields=["status", "catatan_atasan", "diubah"])
    return skp


def perilaku_set_ekspektasi(*, actor, skp: SKP, ekspektasi: dict[str, str]) -> None:
    _require_penilai(actor, skp)
    for row in skp.perilaku.all():
        if row.aspek in ekspektasi and ekspektasi[row.aspek] != row.ekspektasi_khusus:
            row.ekspektasi_khusus = ekspektasi[row.aspek].strip()
            row.save(update_fields=["ekspektasi_khusus", "diubah"])
