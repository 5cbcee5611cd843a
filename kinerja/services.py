"""Writes of the kinerja app (PermenPANRB 6/2022). Each service checks permission, validates, writes and
leaves an audit row (django-simple-history, with the reason)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Func, IntegerField, Value
from django.utils import timezone

from akun import roles
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import cakupan_for

from . import selectors
from .models import (
    PERIODE_TAHUNAN,
    SKP,
    BuktiDukung,
    HasilKerja,
    Indikator,
    Keberatan,
    LogHarian,
    MatriksPredikat,
    Penilaian,
    PenilaianPotensial,
    PenutupanPeriode,
    PerilakuKerja,
    PeriodeKinerja,
    PredikatUnit,
    Rating,
    Realisasi,
    SesiPembinaan,
    TidakDinilai,
    UmpanBalik,
    UmpanBalikRekan,
    periode_label,
)

BUKTI_EKSTENSI = {".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".docx"}
BUKTI_MAKS_BYTES = 5 * 1024 * 1024


def _me(actor) -> int | None:
    return cakupan_for(actor).pegawai_id


def _reason(obj, text: str) -> None:
    obj._change_reason = text


# --- periods -----------------------------------------------------------------------------------------


@transaction.atomic
def periode_open(*, actor, tahun: int, jenis_evaluasi: str) -> PeriodeKinerja:
    if not roles.is_admin_bkd(actor):
        raise PermissionDenied
    if PeriodeKinerja.objects.filter(tahun=tahun).exists():
        raise ValidationError({"tahun": f"Periode kinerja {tahun} sudah ada."})
    periode = PeriodeKinerja(tahun=tahun, jenis_evaluasi=jenis_evaluasi)
    periode.full_clean()
    _reason(periode, "Periode dibuka")
    periode.save()
    return periode


def _validate_periode_kode(periode_kinerja: PeriodeKinerja, periode: str) -> None:
    if periode not in periode_kinerja.kode_periode_evaluasi:
        raise ValidationError(
            {
                "periode": f"Periode evaluasi '{periode}' tidak ada pada periode kinerja {periode_kinerja.tahun}."
            }
        )


def _require_open(periode_kinerja: PeriodeKinerja, periode: str | None = None) -> None:
    """Ratings, evidence and plans change only in an open year and an evaluation period not frozen."""
    if not periode_kinerja.dibuka:
        raise ValidationError(f"Periode kinerja {periode_kinerja.tahun} sudah ditutup.")
    if periode is not None:
        _validate_periode_kode(periode_kinerja, periode)
        if selectors.periode_beku(periode_kinerja=periode_kinerja, periode=periode):
            raise ValidationError(
                f"Periode {periode_label(periode)} {periode_kinerja.tahun} sudah ditutup; penilaian dibekukan."
            )


# --- planning (SKP) -----------------------------------------------------------------------------------


@transaction.atomic
def skp_create(*, actor, pegawai: Pegawai, periode: PeriodeKinerja) -> SKP:
    """Draft the year's SKP. Pejabat penilai = the atasan from the org chart today; their atasan decides
    objections. The 7 BerAKHLAK rows are created empty for the atasan's expectations."""
    if pegawai.user_id != actor.pk and not roles.is_admin_bkd(actor):
        raise PermissionDenied
    _require_open(periode)
    if not pegawai.aktif:
        raise ValidationError("Pegawai tidak aktif.")
    if SKP.objects.filter(pegawai=pegawai, periode=periode).exists():
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
    _reason(skp, "SKP disusun")
    skp.save()
    PerilakuKerja.objects.bulk_create(PerilakuKerja(skp=skp, aspek=a) for a in PerilakuKerja.Aspek.values)
    return skp


def _require_editable_by_owner(actor, skp: SKP) -> None:
    if skp.pegawai.user_id != actor.pk:
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
    hasil_kerja: HasilKerja | None = None,
) -> HasilKerja:
    """Add or replace one hasil kerja row with its indicators.

    `indikator`: dicts with `uraian`, `jenis` (kuantitatif/kualitatif), `target_angka`, `satuan`,
    `target_teks`. A row needs at least one indicator; a quantitative one a positive target, a
    qualitative one a described target. `mendukung` must be a row of the pejabat penilai's SKP of the
    same year (cascading).
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


def _transition(skp: SKP, target: str) -> None:
    if target not in SKP.TRANSISI.get(skp.status, set()):
        raise ValidationError(
            f"SKP berstatus {skp.get_status_display()} tidak dapat menjadi {SKP.Status(target).label}."
        )
    skp.status = target


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
    _transition(skp, SKP.Status.DIAJUKAN)
    skp.diajukan_pada = timezone.now()
    _reason(skp, "SKP diajukan")
    skp.save(update_fields=["status", "diajukan_pada", "diubah"])
    return skp


def _require_penilai(actor, skp: SKP) -> None:
    if not selectors.is_pejabat_penilai(pegawai_id=_me(actor), skp=skp):
        raise PermissionDenied


@transaction.atomic
def skp_approve(*, actor, skp: SKP, ekspektasi: dict[str, str] | None = None) -> SKP:
    """The pejabat penilai agrees the SKP, optionally writing the BerAKHLAK expectations."""
    _require_penilai(actor, skp)
    _require_open(skp.periode)
    _transition(skp, SKP.Status.DISETUJUI)
    if ekspektasi:
        perilaku_set_ekspektasi(actor=actor, skp=skp, ekspektasi=ekspektasi)
    skp.disetujui_pada = timezone.now()
    skp.catatan_atasan = ""
    _reason(skp, "SKP disetujui")
    skp.save(update_fields=["status", "disetujui_pada", "catatan_atasan", "diubah"])
    return skp


@transaction.atomic
def skp_return(*, actor, skp: SKP, catatan: str) -> SKP:
    _require_penilai(actor, skp)
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Tuliskan apa yang perlu diperbaiki."})
    _transition(skp, SKP.Status.DIKEMBALIKAN)
    skp.catatan_atasan = catatan.strip()
    _reason(skp, f"SKP dikembalikan: {catatan.strip()}")
    skp.save(update_fields=["status", "catatan_atasan", "diubah"])
    return skp


def perilaku_set_ekspektasi(*, actor, skp: SKP, ekspektasi: dict[str, str]) -> None:
    _require_penilai(actor, skp)
    for row in skp.perilaku.all():
        if row.aspek in ekspektasi and ekspektasi[row.aspek] != row.ekspektasi_khusus:
            row.ekspektasi_khusus = ekspektasi[row.aspek].strip()
            row.save(update_fields=["ekspektasi_khusus", "diubah"])


# --- during the year ----------------------------------------------------------------------------------


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
    ext = Path(berkas.name).suffix.lower()
    if ext not in BUKTI_EKSTENSI:
        raise ValidationError(
            {
                "berkas": f"Jenis berkas {ext or '(tanpa ekstensi)'} tidak diterima; gunakan PDF, JPG, PNG, XLSX atau DOCX."
            }
        )
    if berkas.size > BUKTI_MAKS_BYTES:
        raise ValidationError(
            {"berkas": f"Berkas {berkas.size / 1024 / 1024:.1f} MB terlalu besar; maksimal 5 MB."}
        )
    head = berkas.read(8)
    berkas.seek(0)
    signatures = {".pdf": (b"%PDF",), ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8",), ".jpeg": (b"\xff\xd8",)}
    if ext in signatures and not head.startswith(signatures[ext]):
        raise ValidationError({"berkas": f"Isi berkas bukan {ext[1:].upper()} yang sah."})
    if ext in {".xlsx", ".docx"} and not head.startswith(b"PK"):
        raise ValidationError({"berkas": f"Isi berkas bukan {ext[1:].upper()} yang sah."})
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
    log.direviu_pada = timezone.now()
    log.komentar_atasan = komentar.strip()
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


# --- evaluation ---------------------------------------------------------------------------------------


@transaction.atomic
def realisasi_save(
    *, actor, indikator: Indikator, periode: str, realisasi_angka=None, realisasi_teks: str = ""
) -> Realisasi:
    skp = indikator.hasil_kerja.skp
    _require_penilai(actor, skp)
    _require_open(skp.periode, periode)
    if indikator.jenis == Indikator.Jenis.KUANTITATIF and realisasi_angka is not None and realisasi_angka < 0:
        raise ValidationError({"realisasi_angka": "Realisasi tidak boleh negatif."})
    row, _created = Realisasi.objects.update_or_create(
        indikator=indikator,
        periode=periode,
        defaults={"realisasi_angka": realisasi_angka, "realisasi_teks": (realisasi_teks or "").strip()},
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
    if skp.status != SKP.Status.DISETUJUI:
        raise ValidationError("SKP belum disetujui; penilaian belum dapat dilakukan.")
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
    penilaian.status = Penilaian.Status.DINILAI
    penilaian.sumber = Penilaian.Sumber.FORMULIR
    penilaian.catatan_penilai = catatan.strip()
    penilaian.dinilai_oleh = actor
    penilaian.diterima_pada = None
    _reason(penilaian, f"Dinilai {periode_label(periode)}")
    penilaian.save()
    return penilaian


@transaction.atomic
def penilaian_acknowledge(*, actor, penilaian: Penilaian) -> Penilaian:
    if penilaian.pegawai.user_id != actor.pk:
        raise PermissionDenied
    if penilaian.status != Penilaian.Status.DINILAI:
        raise ValidationError("Penilaian ini sudah diterima atau sedang dalam keberatan.")
    penilaian.status = Penilaian.Status.DITERIMA
    penilaian.diterima_pada = timezone.now()
    _reason(penilaian, "Diterima pegawai")
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
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Uraikan alasan keberatan."})
    pemutus_id = penilaian.skp.atasan_pejabat_penilai_id if penilaian.skp_id else None
    if pemutus_id is None:
        raise ValidationError("Atasan pejabat penilai tidak ada; keberatan tidak dapat diajukan di sistem.")
    keberatan = Keberatan.objects.create(penilaian=penilaian, alasan=alasan.strip(), pemutus_id=pemutus_id)
    penilaian.status = Penilaian.Status.KEBERATAN
    _reason(penilaian, "Keberatan diajukan")
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
    if not (alasan_keputusan or "").strip():
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
    penilaian.status = Penilaian.Status.DITERIMA
    penilaian.diterima_pada = penilaian.diterima_pada or timezone.now()
    _reason(penilaian, f"Keberatan {keberatan.get_status_display().lower()}: {keberatan.alasan_keputusan}")
    penilaian.save()
    return keberatan


@transaction.atomic
def predikat_unit_set(
    *, actor, unit_kerja: UnitKerja, periode: PeriodeKinerja, predikat: str, catatan: str = ""
):
    """The leader above sets the unit's predikat: the head of the parent unit, or for an OPD the
    Pimpinan/Admin BKD."""
    if not _can_set_predikat_unit(actor, unit_kerja):
        raise PermissionDenied
    _require_open(periode)
    row = PredikatUnit.objects.filter(periode=periode, unit_kerja=unit_kerja).first() or PredikatUnit(
        periode=periode, unit_kerja=unit_kerja
    )
    row.predikat = predikat
    row.catatan = catatan.strip()
    row.ditetapkan_oleh = actor
    row.full_clean(exclude=["periode", "unit_kerja"])
    row.save()
    return row


def _can_set_predikat_unit(actor, unit_kerja: UnitKerja) -> bool:
    if roles.is_admin_bkd(actor) or roles.is_pimpinan(actor):
        return True
    me = _me(actor)
    if me is None or unit_kerja.induk_id is None:
        return False
    return Pegawai.objects.filter(
        pk=me, aktif=True, jabatan__is_kepala=True, jabatan__unit_kerja_id=unit_kerja.induk_id
    ).exists()


@transaction.atomic
def potensial_save(
    *, actor, pegawai: Pegawai, skor: Decimal, tanggal: dt.date, berlaku_sampai: dt.date, sumber: str = ""
) -> PenilaianPotensial:
    if not roles.is_admin_bkd(actor):
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


# --- closing run --------------------------------------------------------------------------------------


@transaction.atomic
def penutupan_start(*, actor, periode_kinerja: PeriodeKinerja, periode: str) -> PenutupanPeriode:
    """Queue the closing run of one evaluation period. Running it again on a closed period is allowed
    and changes nothing (every step is idempotent)."""
    if not roles.is_admin_bkd(actor):
        raise PermissionDenied
    _validate_periode_kode(periode_kinerja, periode)
    run = (
        PenutupanPeriode.objects.select_for_update()
        .filter(periode_kinerja=periode_kinerja, periode=periode)
        .first()
    )
    if run is not None and run.status in (PenutupanPeriode.Status.ANTRI, PenutupanPeriode.Status.BERJALAN):
        raise ValidationError("Penutupan periode ini sedang berjalan.")
    if run is None:
        run = PenutupanPeriode(periode_kinerja=periode_kinerja, periode=periode, dijalankan_oleh=actor)
    run.status = PenutupanPeriode.Status.ANTRI
    run.dijalankan_oleh = actor
    run.opd_selesai = []
    run.total_opd = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).count()
    run.pesan_galat = ""
    run.mulai = run.selesai = None
    _reason(run, "Penutupan dijalankan")
    run.save()
    from .tasks import penutupan_periode_task

    transaction.on_commit(lambda: penutupan_periode_task.delay(run.pk))
    return run


FINAL_SQL = """
WITH changed AS (
    UPDATE kinerja_penilaian p
       SET status = 'final', predikat = m.predikat, diubah = %(now)s
      FROM kinerja_matrikspredikat m
     WHERE p.periode_kinerja_id = %(pk)s AND p.periode = %(periode)s AND p.opd_id = %(opd)s
       AND p.status IN ('dinilai', 'diterima')
       AND m.berlaku_mulai = %(matriks)s
       AND m.rating_hasil_kerja = p.rating_hasil_kerja AND m.rating_perilaku_kerja = p.rating_perilaku_kerja
 RETURNING p.*
)
INSERT INTO kinerja_historicalpenilaian ({columns}, history_date, history_change_reason, history_type,
                                          history_user_id)
SELECT {columns}, %(now)s, %(reason)s, '~', %(user)s FROM changed
"""

TIDAK_DINILAI_SQL = """
WITH alasan AS (
    SELECT p.id AS pegawai_id, p.opd_id,
           CASE WHEN s.id IS NULL THEN 'tanpa skp'
                WHEN s.status <> 'disetujui' THEN 'skp belum disetujui'
                WHEN s.pejabat_penilai_id IS NULL THEN 'tanpa penilai'
                ELSE 'belum dinilai' END AS alasan
      FROM pegawai_pegawai p
      LEFT JOIN kinerja_skp s ON s.pegawai_id = p.id AND s.periode_id = %(pk)s
     WHERE p.opd_id = %(opd)s AND p.aktif
       AND NOT EXISTS (SELECT 1 FROM kinerja_penilaian n
                        WHERE n.pegawai_id = p.id AND n.periode_kinerja_id = %(pk)s
                          AND n.periode = %(periode)s AND n.status = 'final')
), gone AS (
    DELETE FROM kinerja_tidakdinilai t
     WHERE t.penutupan_id = %(run)s AND t.opd_id = %(opd)s
       AND NOT EXISTS (SELECT 1 FROM alasan a WHERE a.pegawai_id = t.pegawai_id AND a.alasan = t.alasan)
)
INSERT INTO kinerja_tidakdinilai (penutupan_id, pegawai_id, opd_id, alasan)
SELECT %(run)s, pegawai_id, opd_id, alasan FROM alasan
ON CONFLICT (penutupan_id, pegawai_id) DO NOTHING
"""


def _history_columns() -> str:
    fields = [f.column for f in Penilaian._meta.concrete_fields if f.column != "diubah"]
    return ", ".join(connection.ops.quote_name(c) for c in fields)


def penutupan_execute(run_id: int) -> PenutupanPeriode:
    """Finalise one OPD per transaction: rated evaluations become final (predikat re-derived from the
    matrix in force, a history row each), everyone active without a final one is listed with the reason.
    Resumable: OPDs already done are skipped; a crash leaves whole OPDs done or not done.
    Queries per OPD are constant, so the run's query count depends on OPDs, not headcount.
    """
    run = PenutupanPeriode.objects.select_related("periode_kinerja").get(pk=run_id)
    if run.status == PenutupanPeriode.Status.DIBUKA_KEMBALI:
        return run
    tanggal = selectors.tanggal_acuan(run.periode_kinerja.tahun)
    matriks = selectors.berlaku(MatriksPredikat, tanggal).values_list("berlaku_mulai", flat=True).first()
    PenutupanPeriode.objects.filter(pk=run.pk).update(
        status=PenutupanPeriode.Status.BERJALAN, mulai=run.mulai or timezone.now()
    )
    opd_ids = list(
        UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("id").values_list("id", flat=True)
    )
    done = set(run.opd_selesai)
    columns = _history_columns()
    reason = f"Penutupan periode {periode_label(run.periode)} {run.periode_kinerja.tahun}"
    try:
        for opd_id in opd_ids:
            if opd_id in done:
                continue
            params = {
                "pk": run.periode_kinerja_id,
                "periode": run.periode,
                "opd": opd_id,
                "run": run.pk,
                "now": timezone.now(),
                "matriks": matriks,
                "reason": reason,
                "user": run.dijalankan_oleh_id,
            }
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(FINAL_SQL.format(columns=columns), params)
                cursor.execute(TIDAK_DINILAI_SQL, params)
                PenutupanPeriode.objects.filter(pk=run.pk).update(
                    opd_selesai=Func(
                        F("opd_selesai"),
                        Value(opd_id),
                        function="array_append",
                        output_field=ArrayField(IntegerField()),
                    )
                )
    except Exception as exc:
        PenutupanPeriode.objects.filter(pk=run.pk).update(
            status=PenutupanPeriode.Status.GAGAL, pesan_galat=str(exc)
        )
        raise
    with transaction.atomic():
        run = PenutupanPeriode.objects.select_for_update().get(pk=run.pk)
        run.jumlah_final = Penilaian.objects.filter(
            periode_kinerja_id=run.periode_kinerja_id, periode=run.periode, status=Penilaian.Status.FINAL
        ).count()
        run.jumlah_tidak_dinilai = TidakDinilai.objects.filter(penutupan=run).count()
        run.total_opd = len(opd_ids)
        run.status = PenutupanPeriode.Status.SELESAI
        run.selesai = timezone.now()
        _reason(run, f"Penutupan selesai: {run.jumlah_final} final, {run.jumlah_tidak_dinilai} tidak dinilai")
        run.save()
        if run.periode == PERIODE_TAHUNAN and run.periode_kinerja.status != PeriodeKinerja.Status.DITUTUP:
            periode_kinerja = run.periode_kinerja
            periode_kinerja.status = PeriodeKinerja.Status.DITUTUP
            _reason(periode_kinerja, "Ditutup oleh penutupan tahunan")
            periode_kinerja.save(update_fields=["status", "diubah"])
    return run


@transaction.atomic
def penutupan_reopen(*, actor, run: PenutupanPeriode, alasan: str) -> PenutupanPeriode:
    """Only the Admin BKD reopens a closed period, with a reason; final evaluations return to their
    previous state (accepted if the employee had accepted), each with a history row."""
    if not roles.is_admin_bkd(actor):
        raise PermissionDenied
    if run.status != PenutupanPeriode.Status.SELESAI:
        raise ValidationError("Hanya periode yang sudah selesai ditutup yang dapat dibuka kembali.")
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Alasan membuka kembali wajib diisi."})
    now = timezone.now()
    columns = _history_columns()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH changed AS (
                UPDATE kinerja_penilaian p
                   SET status = CASE WHEN p.diterima_pada IS NULL THEN 'dinilai' ELSE 'diterima' END,
                       diubah = %(now)s
                 WHERE p.periode_kinerja_id = %(pk)s AND p.periode = %(periode)s AND p.status = 'final'
             RETURNING p.*
            )
            INSERT INTO kinerja_historicalpenilaian ({columns}, history_date, history_change_reason,
                                                      history_type, history_user_id)
            SELECT {columns}, %(now)s, %(reason)s, '~', %(user)s FROM changed
            """,  # noqa: S608 - column names come from the model, values are parameters
            {
                "pk": run.periode_kinerja_id,
                "periode": run.periode,
                "now": now,
                "reason": f"Periode dibuka kembali: {alasan.strip()}",
                "user": actor.pk,
            },
        )
    run.status = PenutupanPeriode.Status.DIBUKA_KEMBALI
    run.alasan_dibuka_kembali = alasan.strip()
    _reason(run, f"Dibuka kembali: {alasan.strip()}")
    run.save()
    if run.periode == PERIODE_TAHUNAN:
        periode_kinerja = run.periode_kinerja
        periode_kinerja.status = PeriodeKinerja.Status.DIBUKA
        _reason(periode_kinerja, f"Dibuka kembali: {alasan.strip()}")
        periode_kinerja.save(update_fields=["status", "diubah"])
    return run
