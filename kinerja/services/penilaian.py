"""Evaluation: realisasi, rating by the matrix, acknowledgement, objection, unit predikat, potential."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.dates import format_tanggal
from core.history import alasan_bersih, catat_riwayat
from core.workflow import transition
from pegawai.models import Pegawai, UnitKerja

from .. import permissions, selectors
from ..models import (
    PERIODE_TAHUNAN,
    SKP,
    Indikator,
    Keberatan,
    Penilaian,
    PenilaianPotensial,
    PeriodeKinerja,
    PredikatUnit,
    Rating,
    Realisasi,
    SasaranUnit,
    periode_label,
)
from ._common import _me, _require_open, _require_penilai


@transaction.atomic
def realisasi_save(
    *, actor, indikator: Indikator, periode: str, realisasi_angka=None, realisasi_teks: str = ""
) -> Realisasi:
    skp = indikator.hasil_kerja.skp
    _require_penilai(actor, skp)
    _require_open(skp.periode, periode)
    if indikator.jenis == Indikator.Jenis.KUANTITATIF and realisasi_angka is not None and realisasi_angka < 0:
        raise ValidationError({"realisasi_angka": "Realisasi tidak boleh negatif."})
    realisasi_teks = alasan_bersih(realisasi_teks, field="realisasi_teks", label="Realisasi")
    row, _created = Realisasi.objects.update_or_create(
        indikator=indikator,
        periode=periode,
        defaults={"realisasi_angka": realisasi_angka, "realisasi_teks": realisasi_teks},
    )
    return row


def _rating_hasil_kerja_unit_head(skp: SKP, rating_hasil_kerja: str, periode: str) -> str:
    """A unit head's annual rating hasil kerja is the unit's result, once the unit predikat is set."""
    if periode != PERIODE_TAHUNAN or not skp.jabatan.is_kepala:
        return rating_hasil_kerja
    unit = PredikatUnit.objects.filter(periode=skp.periode, unit_kerja_id=skp.jabatan.unit_kerja_id).first()
    if unit is None:
        raise ValidationError(
            {
                "rating_hasil_kerja": "Predikat unit kerja belum ditetapkan; rating hasil kerja kepala unit mengikutinya."
            }
        )
    return selectors.predikat_organisasi_ke_rating(unit.predikat)


@transaction.atomic
def penilaian_rate(
    *,
    actor,
    skp: SKP,
    periode: str,
    rating_hasil_kerja: str,
    rating_perilaku_kerja: str,
    catatan: str = "",
) -> Penilaian:
    """The pejabat penilai (or a valid Plt/Plh) rates; the predikat follows the matrix in force."""
    _require_penilai(actor, skp)
    _require_open(skp.periode, periode)
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan/rekomendasi")
    if skp.status != SKP.Status.DISETUJUI:
        raise ValidationError("SKP belum disetujui; penilaian belum dapat dilakukan.")
    if not selectors.skp_mencakup_periode(skp, periode):
        # After a move each evaluation period is rated on the SKP in force on its last day.
        if (
            skp.tanggal_selesai is not None
            and selectors.tanggal_akhir_periode(skp.periode.tahun, periode) > skp.selesai
        ):
            raise ValidationError(
                f"SKP ini berakhir {format_tanggal(skp.selesai)} ({skp.alasan_selesai or 'pindah jabatan'}); "
                f"penilaian {periode_label(periode)} {skp.periode.tahun} dilakukan pada SKP jabatan berikutnya."
            )
        raise ValidationError(
            f"SKP ini berlaku mulai {format_tanggal(skp.mulai)}; penilaian {periode_label(periode)} "
            f"{skp.periode.tahun} dilakukan pada SKP jabatan sebelumnya."
        )
    errors = {}
    if rating_hasil_kerja not in Rating.values:
        errors["rating_hasil_kerja"] = "Pilih rating hasil kerja."
    if rating_perilaku_kerja not in Rating.values:
        errors["rating_perilaku_kerja"] = "Pilih rating perilaku kerja."
    if errors:
        raise ValidationError(errors)
    rating_hasil_kerja = _rating_hasil_kerja_unit_head(skp, rating_hasil_kerja, periode)
    existing = Penilaian.objects.filter(
        pegawai=skp.pegawai, periode_kinerja=skp.periode, periode=periode
    ).first()
    if existing is not None and existing.status in (Penilaian.Status.KEBERATAN, Penilaian.Status.FINAL):
        raise ValidationError(f"Penilaian {existing.get_status_display().lower()}; tidak dapat diubah.")
    penilaian = existing or Penilaian(pegawai=skp.pegawai, periode_kinerja=skp.periode, periode=periode)
    penilaian.skp = skp
    penilaian.opd_id = skp.pegawai.opd_id
    penilaian.pejabat_penilai_id = skp.pejabat_penilai_id
    penilaian.rating_hasil_kerja = rating_hasil_kerja
    penilaian.rating_perilaku_kerja = rating_perilaku_kerja
    penilaian.predikat = selectors.predikat_for(
        rating_hasil_kerja=rating_hasil_kerja,
        rating_perilaku_kerja=rating_perilaku_kerja,
        tanggal=selectors.tanggal_acuan(skp.periode.tahun),
    )
    if existing is not None:
        transition(penilaian, Penilaian.Status.DINILAI)
    penilaian.status = Penilaian.Status.DINILAI
    penilaian.sumber = Penilaian.Sumber.FORMULIR
    penilaian.catatan_penilai = catatan
    penilaian.dinilai_oleh = actor
    penilaian.diterima_pada = None
    catat_riwayat(penilaian, actor=actor, alasan=f"Dinilai {periode_label(periode)}")
    penilaian.save()
    return penilaian


@transaction.atomic
def penilaian_acknowledge(*, actor, penilaian: Penilaian) -> Penilaian:
    if penilaian.pegawai.user_id != actor.pk:
        raise PermissionDenied
    if penilaian.status != Penilaian.Status.DINILAI:
        raise ValidationError("Penilaian ini sudah diterima atau sedang dalam keberatan.")
    transition(penilaian, Penilaian.Status.DITERIMA)
    penilaian.diterima_pada = timezone.now()
    catat_riwayat(penilaian, actor=actor, alasan="Diterima pegawai")
    penilaian.save(update_fields=["status", "diterima_pada", "diubah"])
    return penilaian


@transaction.atomic
def keberatan_submit(*, actor, penilaian: Penilaian, alasan: str) -> Keberatan:
    if penilaian.pegawai.user_id != actor.pk:
        raise PermissionDenied
    _require_open(penilaian.periode_kinerja, penilaian.periode)
    if penilaian.status not in (Penilaian.Status.DINILAI, Penilaian.Status.DITERIMA):
        raise ValidationError("Keberatan hanya dapat diajukan atas penilaian yang belum final.")
    if hasattr(penilaian, "keberatan"):
        raise ValidationError("Keberatan atas penilaian ini sudah pernah diajukan.")
    alasan = alasan_bersih(alasan, label="Alasan keberatan")
    if not alasan:
        raise ValidationError({"alasan": "Uraikan alasan keberatan."})
    pemutus_id = penilaian.skp.atasan_pejabat_penilai_id if penilaian.skp is not None else None
    if pemutus_id is None:
        raise ValidationError("Atasan pejabat penilai tidak ada; keberatan tidak dapat diajukan di sistem.")
    keberatan = Keberatan.objects.create(penilaian=penilaian, alasan=alasan, pemutus_id=pemutus_id)
    transition(penilaian, Penilaian.Status.KEBERATAN)
    catat_riwayat(penilaian, actor=actor, alasan=f"Keberatan diajukan: {alasan}")
    penilaian.save(update_fields=["status", "diubah"])
    return keberatan


@transaction.atomic
def keberatan_decide(
    *,
    actor,
    keberatan: Keberatan,
    dikabulkan: bool,
    alasan_keputusan: str,
    rating_hasil_kerja: str = "",
    rating_perilaku_kerja: str = "",
) -> Keberatan:
    """The atasan of the pejabat penilai decides, with a reason; granting sets new ratings."""
    if keberatan.pemutus_id is None or keberatan.pemutus_id != _me(actor):
        raise PermissionDenied
    if keberatan.status != Keberatan.Status.DIAJUKAN:
        raise ValidationError("Keberatan ini sudah diputus.")
    alasan_keputusan = alasan_bersih(alasan_keputusan, field="alasan_keputusan", label="Alasan keputusan")
    if not alasan_keputusan:
        raise ValidationError({"alasan_keputusan": "Alasan keputusan wajib diisi."})
    penilaian = keberatan.penilaian
    if dikabulkan:
        if rating_hasil_kerja not in Rating.values or rating_perilaku_kerja not in Rating.values:
            raise ValidationError(
                "Keberatan dikabulkan: tetapkan rating hasil kerja dan perilaku kerja yang baru."
            )
        penilaian.rating_hasil_kerja = rating_hasil_kerja
        penilaian.rating_perilaku_kerja = rating_perilaku_kerja
        penilaian.predikat = selectors.predikat_for(
            rating_hasil_kerja=rating_hasil_kerja,
            rating_perilaku_kerja=rating_perilaku_kerja,
            tanggal=selectors.tanggal_acuan(penilaian.periode_kinerja.tahun),
        )
        penilaian.sumber = Penilaian.Sumber.KEBERATAN
        keberatan.rating_hasil_kerja_baru = rating_hasil_kerja
        keberatan.rating_perilaku_kerja_baru = rating_perilaku_kerja
    keberatan.status = Keberatan.Status.DIKABULKAN if dikabulkan else Keberatan.Status.DITOLAK
    keberatan.alasan_keputusan = alasan_keputusan.strip()
    keberatan.diputuskan_pada = timezone.now()
    keberatan.save()
    transition(penilaian, Penilaian.Status.DITERIMA)
    penilaian.diterima_pada = penilaian.diterima_pada or timezone.now()
    catat_riwayat(
        penilaian,
        actor=actor,
        alasan=f"Keberatan {keberatan.get_status_display().lower()}: {keberatan.alasan_keputusan}",
    )
    penilaian.save()
    return keberatan


@transaction.atomic
def predikat_unit_set(
    *, actor, unit_kerja: UnitKerja, periode: PeriodeKinerja, predikat: str, catatan: str = ""
):
    """The leader above sets the unit's predikat: the head of the parent unit, or for an OPD the
    Pimpinan/Admin BKD."""
    if not permissions.can_set_predikat_unit(actor, unit_kerja):
        raise PermissionDenied
    _require_open(periode)
    row = PredikatUnit.objects.filter(periode=periode, unit_kerja=unit_kerja).first() or PredikatUnit(
        periode=periode, unit_kerja=unit_kerja
    )
    row.predikat = predikat
    row.catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    row.ditetapkan_oleh = actor
    row.full_clean(exclude=["periode", "unit_kerja"])
    catat_riwayat(
        row,
        actor=actor,
        alasan=f"Predikat {row.get_predikat_display()}{': ' + row.catatan if row.catatan else ''}",
    )
    row.save()
    return row


@transaction.atomic
def potensial_save(
    *, actor, pegawai: Pegawai, skor: Decimal, tanggal: dt.date, berlaku_sampai: dt.date, sumber: str = ""
) -> PenilaianPotensial:
    """The Admin BKD for anyone; an Operator OPD for an employee of their OPD."""
    if not permissions.can_record_potensial(actor, pegawai):
        raise PermissionDenied
    row = PenilaianPotensial(
        pegawai=pegawai,
        skor=skor,
        tanggal=tanggal,
        berlaku_sampai=berlaku_sampai,
        sumber=sumber,
        dicatat_oleh=actor,
    )
    row.full_clean()
    if row.berlaku_sampai < row.tanggal:
        raise ValidationError({"berlaku_sampai": "Masa berlaku harus setelah tanggal asesmen."})
    row.save()
    return row


@transaction.atomic
def sasaran_unit_create(
    *, actor, unit_kerja: UnitKerja, periode: PeriodeKinerja, uraian: str, indikator: str = ""
) -> SasaranUnit:
    """A target of the unit for the year; its head's hasil kerja rows support it (cascading)."""
    if not permissions.can_manage_sasaran_unit(actor, unit_kerja):
        raise PermissionDenied
    _require_open(periode)
    if not (uraian or "").strip():
        raise ValidationError({"uraian": "Sasaran unit wajib diisi."})
    row = SasaranUnit(
        periode=periode, unit_kerja=unit_kerja, uraian=uraian.strip(), indikator=indikator.strip()
    )
    row.full_clean()
    catat_riwayat(row, actor=actor, alasan="Sasaran unit ditambahkan")
    row.save()
    return row
