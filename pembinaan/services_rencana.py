"""The employee's yearly development plan (issue 14 point 2): drafted from the needs, edited by the
employee, submitted, agreed or returned (with a reason) by the atasan; and the PPK's approval of the
rencana pengembangan kompetensi per OPD and for the government. Every write takes `actor` and records
history (core.history); state changes go through core.workflow.transition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat
from core.workflow import transition
from pegawai.models import Pegawai, UnitKerja

from . import permissions, selectors_kebutuhan
from .models import (
    Bentuk,
    KebutuhanPengembangan,
    KegiatanRencana,
    Program,
    RencanaKompetensi,
    RencanaPengembangan,
    SumberDana,
    SumberKebutuhan,
    jalur_bentuk,
)

# Planned JP of an activity drafted from a need without a matching catalogue programme (editable).
JP_BAWAAN = Decimal(8)
MAKS_BIAYA = 10_000_000_000


def _bulan_rencana(tahun: int, urutan: int) -> tuple[dt.date, dt.date]:
    """Spread drafted activities over the year: the n-th in month 2 + 2n (Feb, Apr, …), 3 days each."""
    bulan = min(11, 2 + 2 * urutan)
    mulai = dt.date(tahun, bulan, 10)
    return mulai, mulai + dt.timedelta(days=2)


def _cocok(topik: str, program: Program) -> bool:
    """The need's topic names the programme: one contains the other (its name or its competence),
    ignoring case; an empty competence matches nothing."""
    topik = topik.strip().casefold()
    if not topik:
        return False
    return any(
        teks and (topik in teks or teks in topik)
        for teks in (program.nama.strip().casefold(), program.kompetensi.strip().casefold())
    )


def program_untuk(kebutuhan: KebutuhanPengembangan, calon: list[Program]) -> Program | None:
    """The catalogue programme an activity drafted from `kebutuhan` takes, among the active programmes of
    the suggested form (`calon`, by JP then id): the first whose name or competence matches the need's
    topic; for a JP shortfall, which asks for hours rather than a topic, the first of the form. Otherwise
    none, and the activity is named after the need (a competence gap in office applications must not be
    drafted as the catalogue's first technical course on another subject)."""
    for p in calon:
        if _cocok(kebutuhan.topik, p):
            return p
    if kebutuhan.sumber == SumberKebutuhan.JP and calon:
        return calon[0]
    return None


@transaction.atomic
def rencana_susun(*, actor, pegawai: Pegawai, tahun: int) -> RencanaPengembangan:
    """Create (or reopen the draft of) the employee's plan for `tahun` and add one activity per open need
    not yet planned, with the catalogue programme of the suggested form that answers it (program_untuk)."""
    if pegawai.user_id != actor.pk:
        raise PermissionDenied
    rencana = RencanaPengembangan.objects.select_for_update().filter(pegawai=pegawai, tahun=tahun).first()
    if rencana is None:
        rencana = RencanaPengembangan(pegawai=pegawai, tahun=tahun)
        catat_riwayat(rencana, actor=actor, alasan="Rencana disusun dari kebutuhan")
        rencana.save()
    if not rencana.bisa_diubah:
        raise ValidationError("Rencana yang sudah diajukan atau disetujui tidak dapat disusun ulang.")
    kebutuhan = list(
        KebutuhanPengembangan.objects.filter(
            pegawai=pegawai, tahun=tahun, status=KebutuhanPengembangan.Status.TERBUKA
        ).order_by("sumber", "id")
    )
    program: dict[str, list[Program]] = {}
    for p in Program.objects.filter(aktif=True).order_by("bentuk", "jp", "id"):
        program.setdefault(p.bentuk, []).append(p)
    urutan = rencana.kegiatan.count()
    for k in kebutuhan:
        bentuk = k.bentuk_saran or Bentuk.PELATIHAN_TEKNIS
        prog = program_untuk(k, program.get(bentuk, []))
        mulai, selesai = _bulan_rencana(tahun, urutan)
        urutan += 1
        obj = KegiatanRencana(
            rencana=rencana,
            kebutuhan=k,
            program=prog,
            nama_kegiatan=(prog.nama if prog else k.topik)[:300],
            bentuk=bentuk,
            jalur=jalur_bentuk(bentuk),
            target_jp=prog.jp if prog else JP_BAWAAN,
            waktu_mulai=mulai,
            waktu_selesai=selesai,
            biaya=0,
            sumber_dana=SumberDana.APBD,
        )
        catat_riwayat(obj, actor=actor, alasan="Disusun dari kebutuhan")
        obj.save()
        k.status = KebutuhanPengembangan.Status.DIRENCANAKAN
        catat_riwayat(k, actor=actor, alasan="Masuk rencana pengembangan")
        k.save(update_fields=["status", "diubah"])
    return rencana


def _periksa_kegiatan(rencana: RencanaPengembangan, data: dict) -> dict:
    """Validate one activity's values; every problem named by its field, nothing written on error."""
    errors: dict[str, str] = {}
    nama = (data.get("nama_kegiatan") or "").strip()
    if not nama:
        errors["nama_kegiatan"] = "Nama kegiatan wajib diisi."
    elif len(nama) > 300:
        errors["nama_kegiatan"] = f"Nama kegiatan paling panjang 300 karakter (sekarang {len(nama)})."
    bentuk = data.get("bentuk") or ""
    if bentuk not in Bentuk.values:
        errors["bentuk"] = f"Bentuk '{bentuk}' tidak dikenal (Peraturan LAN 10/2018)."
    try:
        jp = Decimal(str(data.get("target_jp"))) if data.get("target_jp") not in (None, "") else None
    except InvalidOperation:
        jp = None
    if jp is None or not Decimal(0) < jp <= Decimal(9999):
        errors["target_jp"] = "Target JP wajib diisi, lebih dari 0 dan paling banyak 9999."
    mulai, selesai = data.get("waktu_mulai"), data.get("waktu_selesai")
    if not isinstance(mulai, dt.date):
        errors["waktu_mulai"] = "Rencana mulai wajib diisi."
    if not isinstance(selesai, dt.date):
        errors["waktu_selesai"] = "Rencana selesai wajib diisi."
    if isinstance(mulai, dt.date) and isinstance(selesai, dt.date):
        if selesai < mulai:
            errors["waktu_selesai"] = "Rencana selesai tidak boleh sebelum rencana mulai."
        elif mulai.year != rencana.tahun:
            errors["waktu_mulai"] = f"Rencana mulai harus dalam tahun rencana {rencana.tahun}."
    biaya = data.get("biaya")
    if biaya in (None, ""):
        biaya = 0
    if not isinstance(biaya, int) or not 0 <= biaya <= MAKS_BIAYA:
        errors["biaya"] = "Biaya dalam rupiah utuh, tidak negatif."
    sumber_dana = data.get("sumber_dana") or ""
    if sumber_dana not in SumberDana.values:
        errors["sumber_dana"] = "Pilih sumber dana."
    try:
        keterangan = alasan_bersih(data.get("keterangan"), field="keterangan", label="Keterangan")
    except ValidationError as exc:
        errors["keterangan"] = exc.message_dict["keterangan"][0]
        keterangan = ""
    kebutuhan = data.get("kebutuhan")
    if kebutuhan is not None and (
        kebutuhan.pegawai_id != rencana.pegawai_id or kebutuhan.tahun != rencana.tahun
    ):
        errors["kebutuhan"] = "Kebutuhan harus milik pegawai ini pada tahun rencana yang sama."
    if errors:
        raise ValidationError(errors)
    return {
        "nama_kegiatan": nama,
        "bentuk": bentuk,
        "jalur": jalur_bentuk(bentuk),
        "target_jp": jp,
        "waktu_mulai": mulai,
        "waktu_selesai": selesai,
        "biaya": biaya,
        "sumber_dana": sumber_dana,
        "keterangan": keterangan,
        "kebutuhan": kebutuhan,
        "program": data.get("program"),
    }


def _boleh_ubah(actor, rencana: RencanaPengembangan) -> None:
    if not permissions.can_edit_rencana(actor, rencana):
        if rencana.pegawai.user_id == actor.pk:
            raise ValidationError("Rencana yang sudah diajukan atau disetujui tidak dapat diubah.")
        raise PermissionDenied


@transaction.atomic
def kegiatan_simpan(
    *, actor, rencana: RencanaPengembangan, data: dict, kegiatan: KegiatanRencana | None = None
) -> KegiatanRencana:
    """Add an activity to a plan (kegiatan None) or edit one, while the plan is a draft or returned."""
    rencana = RencanaPengembangan.objects.select_for_update().select_related("pegawai").get(pk=rencana.pk)
    _boleh_ubah(actor, rencana)
    bersih = _periksa_kegiatan(rencana, data)
    if kegiatan is None:
        kegiatan = KegiatanRencana(rencana=rencana)
        alasan = "Kegiatan ditambahkan"
    else:
        if kegiatan.rencana_id != rencana.pk:
            raise PermissionDenied
        alasan = "Kegiatan diubah"
    for field, value in bersih.items():
        setattr(kegiatan, field, value)
    catat_riwayat(kegiatan, actor=actor, alasan=alasan)
    kegiatan.save()
    if kegiatan.kebutuhan and kegiatan.kebutuhan.status == KebutuhanPengembangan.Status.TERBUKA:
        k = kegiatan.kebutuhan
        k.status = KebutuhanPengembangan.Status.DIRENCANAKAN
        catat_riwayat(k, actor=actor, alasan="Masuk rencana pengembangan")
        k.save(update_fields=["status", "diubah"])
    return kegiatan


@transaction.atomic
def kegiatan_hapus(*, actor, kegiatan: KegiatanRencana) -> None:
    rencana = (
        RencanaPengembangan.objects.select_for_update().select_related("pegawai").get(pk=kegiatan.rencana_id)
    )
    _boleh_ubah(actor, rencana)
    k = kegiatan.kebutuhan
    catat_riwayat(kegiatan, actor=actor, alasan="Kegiatan dihapus")
    kegiatan.delete()
    if k and not k.kegiatan_rencana.exists() and k.status == KebutuhanPengembangan.Status.DIRENCANAKAN:
        k.status = KebutuhanPengembangan.Status.TERBUKA
        catat_riwayat(k, actor=actor, alasan="Kegiatan rencana dihapus")
        k.save(update_fields=["status", "diubah"])


@transaction.atomic
def rencana_ajukan(*, actor, rencana: RencanaPengembangan, catatan: str = "") -> RencanaPengembangan:
    rencana = RencanaPengembangan.objects.select_for_update().select_related("pegawai").get(pk=rencana.pk)
    if not permissions.can_submit_rencana(actor, rencana):
        raise PermissionDenied
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    if not rencana.kegiatan.exists():
        raise ValidationError("Tambahkan paling sedikit satu kegiatan sebelum mengajukan rencana.")
    if not rencana.pegawai.atasan_id:
        raise ValidationError("Pegawai belum memiliki atasan langsung; rencana belum dapat diajukan.")
    transition(rencana, RencanaPengembangan.Status.DIAJUKAN)
    rencana.catatan = catatan
    rencana.diajukan_pada = timezone.now()
    catat_riwayat(rencana, actor=actor, alasan=catatan or "Rencana diajukan ke atasan")
    rencana.save()
    return rencana


@transaction.atomic
def rencana_setujui(*, actor, rencana: RencanaPengembangan, catatan: str = "") -> RencanaPengembangan:
    rencana = RencanaPengembangan.objects.select_for_update().select_related("pegawai").get(pk=rencana.pk)
    if not permissions.can_decide_rencana(actor, rencana):
        raise PermissionDenied
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    transition(rencana, RencanaPengembangan.Status.DISETUJUI)
    rencana.diputus_oleh = actor
    rencana.disetujui_pada = timezone.now()
    rencana.alasan_dikembalikan = ""
    catat_riwayat(rencana, actor=actor, alasan=catatan or "Rencana disetujui atasan")
    rencana.save()
    return rencana


@transaction.atomic
def rencana_kembalikan(*, actor, rencana: RencanaPengembangan, alasan: str) -> RencanaPengembangan:
    rencana = RencanaPengembangan.objects.select_for_update().select_related("pegawai").get(pk=rencana.pk)
    if not permissions.can_decide_rencana(actor, rencana):
        raise PermissionDenied
    alasan = alasan_bersih(alasan, field="alasan", label="Alasan")
    if not alasan:
        raise ValidationError({"alasan": "Alasan pengembalian wajib diisi."})
    transition(rencana, RencanaPengembangan.Status.DIKEMBALIKAN)
    rencana.diputus_oleh = actor
    rencana.alasan_dikembalikan = alasan
    catat_riwayat(rencana, actor=actor, alasan=alasan)
    rencana.save()
    return rencana


@transaction.atomic
def rencana_kompetensi_setujui(
    *, actor, tahun: int, opd: UnitKerja | None, catatan: str = ""
) -> RencanaKompetensi:
    """The PPK approves the roll-up of one OPD (or of the government, opd None); its figures are frozen."""
    if not permissions.can_approve_rencana_kompetensi(actor):
        raise PermissionDenied
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan")
    obj = (
        RencanaKompetensi.objects.select_for_update(of=("self",))
        .filter(tahun=tahun, opd_id=opd.pk if opd else None)
        .first()
    )
    if obj is None:
        obj = RencanaKompetensi(tahun=tahun, opd=opd)
    angka = selectors_kebutuhan.rekap_angka(None, tahun, opd_id=opd.pk if opd else None)
    if not angka["jumlah_rencana"]:
        raise ValidationError("Belum ada rencana pengembangan yang disetujui atasan untuk direkap.")
    transition(obj, RencanaKompetensi.Status.DISETUJUI)
    obj.jumlah_kebutuhan = angka["jumlah_kebutuhan"]
    obj.jumlah_rencana = angka["jumlah_rencana"]
    obj.jp_rencana = angka["jp_disetujui"]
    obj.biaya = angka["biaya_disetujui"]
    obj.catatan = catatan
    obj.disetujui_oleh = actor
    obj.disetujui_pada = timezone.now()
    catat_riwayat(obj, actor=actor, alasan=catatan or "Disetujui PPK")
    obj.save()
    return obj
