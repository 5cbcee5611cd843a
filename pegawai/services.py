"""Writes of the pegawai app. Views, imports, admin and tasks all come through here."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone

from core.exceptions import DomainError, pesan_validasi
from core.history import alasan_bersih, catat_riwayat
from core.nip import nip_errors
from core.uploads import GAMBAR_PDF_EKSTENSI, upload_check

from . import permissions, selectors
from .models import Jabatan, Pegawai, RiwayatJabatan, RiwayatPangkat, UnitKerja, UsulanPerubahanData

# ---------------------------------------------------------------------------------------------
# Organisation
# ---------------------------------------------------------------------------------------------


def unit_kerja_fill_tree_fields(unit: UnitKerja, induk: UnitKerja | None) -> None:
    """Set opd, path and depth of a unit from its parent (the parent's fields must be current)."""
    if induk is None:
        unit.path = unit.kode
        unit.kedalaman = 0
        unit.opd = unit if unit.pk else None
    else:
        unit.path = f"{induk.path}/{unit.kode}"
        unit.kedalaman = induk.kedalaman + 1
        unit.opd_id = induk.opd_id


@transaction.atomic
def unit_kerja_save(*, actor, unit: UnitKerja) -> UnitKerja:
    """Create or update a unit and keep the tree fields of it and its descendants current."""
    if unit.induk_id and unit.pk and unit.induk_id == unit.pk:
        raise ValidationError({"induk": "Unit tidak boleh menjadi induk dirinya sendiri."})
    induk = UnitKerja.objects.get(pk=unit.induk_id) if unit.induk_id else None
    if induk is not None and unit.pk and (induk.path + "/").startswith(unit.path + "/") and unit.path:
        raise ValidationError({"induk": "Unit induk tidak boleh berada di bawah unit ini."})
    unit_kerja_fill_tree_fields(unit, induk)
    unit.full_clean(exclude=["opd"])
    catat_riwayat(unit, actor=actor)
    unit.save()
    if unit.opd_id is None:
        unit.opd = unit
        unit.save(update_fields=["opd"])
    Pegawai.objects.filter(unit_kerja=unit).exclude(opd_id=unit.opd_id).update(opd_id=unit.opd_id)
    _unit_kerja_refresh_descendants(unit)
    return unit


def _unit_kerja_refresh_descendants(root: UnitKerja) -> None:
    children = list(UnitKerja.objects.filter(induk=root))
    for child in children:
        old = (child.path, child.opd_id)
        unit_kerja_fill_tree_fields(child, root)
        if (child.path, child.opd_id) != old:
            child.save(update_fields=["path", "kedalaman", "opd"])
            Pegawai.objects.filter(unit_kerja=child).update(opd_id=child.opd_id)
        _unit_kerja_refresh_descendants(child)


@transaction.atomic
def jabatan_save(*, actor, jabatan: Jabatan, alasan: str = "") -> Jabatan:
    """Create or update a position (grade, ABK need, requirements), audited with actor and reason.

    While the position has ABK task rows its need is computed from them (pegawai.abk), so a typed
    `kebutuhan` is replaced by the computed one."""
    alasan = alasan_bersih(alasan, field="alasan_perubahan", label="Alasan perubahan")
    if jabatan.pk and jabatan.uraian_tugas.exists():
        _jabatan_apply_abk(jabatan)
    elif jabatan.sumber_kebutuhan == Jabatan.SumberKebutuhan.ABK:
        jabatan.sumber_kebutuhan = Jabatan.SumberKebutuhan.ISIAN
    jabatan.full_clean()
    catat_riwayat(jabatan, actor=actor, alasan=alasan)
    jabatan.save()
    atasan_recompute()
    return jabatan


def _jabatan_apply_abk(jabatan: Jabatan) -> None:
    from .abk import hitung_kebutuhan

    hasil = hitung_kebutuhan(jabatan.uraian_tugas.values_list("volume_per_tahun", "waktu_penyelesaian_menit"))
    jabatan.kebutuhan = hasil.kebutuhan
    jabatan.sumber_kebutuhan = Jabatan.SumberKebutuhan.ABK


@transaction.atomic
def jabatan_uraian_tugas_save(*, actor, jabatan: Jabatan, formset, alasan: str = "") -> Jabatan:
    """Save the ABK task rows of a position (adds, edits, deletions, each audited) and recompute its need:
    from the rows while any remain; with none left the last need stays, as typed (sumber "isian")."""
    if not permissions.can_manage_unit_kerja(actor):
        raise PermissionDenied
    alasan = alasan_bersih(alasan, field="alasan_perubahan", label="Alasan perubahan")
    for form in formset.deleted_forms:
        if form.instance.pk:
            catat_riwayat(form.instance, actor=actor, alasan=alasan)
            form.instance.delete()
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        tugas = form.save(commit=False)
        tugas.jabatan = jabatan
        tugas.full_clean()
        catat_riwayat(tugas, actor=actor, alasan=alasan)
        tugas.save()
    jabatan.refresh_from_db()
    before = (jabatan.kebutuhan, jabatan.sumber_kebutuhan)
    if jabatan.uraian_tugas.exists():
        _jabatan_apply_abk(jabatan)
    elif jabatan.sumber_kebutuhan == Jabatan.SumberKebutuhan.ABK:
        jabatan.sumber_kebutuhan = Jabatan.SumberKebutuhan.ISIAN
    if (jabatan.kebutuhan, jabatan.sumber_kebutuhan) != before:
        catat_riwayat(
            jabatan, actor=actor, alasan=alasan or "Kebutuhan dihitung ulang dari uraian tugas (ABK)"
        )
        jabatan.save(update_fields=["kebutuhan", "sumber_kebutuhan", "diubah"])
    return jabatan


# ---------------------------------------------------------------------------------------------
# Atasan (direct superior), derived from the organisation chart
# ---------------------------------------------------------------------------------------------


def jabatan_atasan_map() -> dict[int, int | None]:
    """For every position, the position of its direct superior.

    A unit head reports to the head of the nearest ancestor unit that has one; any other position
    reports to the head of its own unit (or, if it has none, of the nearest ancestor). A manual
    override on the position wins.
    """
    units = {u.id: u.induk_id for u in UnitKerja.objects.only("id", "induk_id")}
    jabatan_rows = list(Jabatan.objects.values_list("id", "unit_kerja_id", "is_kepala", "atasan_override_id"))
    kepala_of_unit: dict[int, int] = {}
    for jid, unit_id, kepala, _override in sorted(jabatan_rows):
        if kepala and unit_id not in kepala_of_unit:
            kepala_of_unit[unit_id] = jid

    def kepala_from(unit_id: int | None) -> int | None:
        seen = 0
        while unit_id is not None and seen < 50:
            if unit_id in kepala_of_unit:
                return kepala_of_unit[unit_id]
            unit_id = units.get(unit_id)
            seen += 1
        return None

    result: dict[int, int | None] = {}
    for jid, unit_id, kepala, override in jabatan_rows:
        if override:
            result[jid] = override
        elif kepala and kepala_of_unit.get(unit_id) == jid:
            result[jid] = kepala_from(units.get(unit_id))
        else:
            result[jid] = kepala_from(unit_id)
    return result


def atasan_recompute(pegawai_ids: Iterable[int] | None = None) -> int:
    """Set the derived atasan of employees (all, or the given ones); returns how many changed."""
    atasan_jabatan = jabatan_atasan_map()
    holder: dict[int, int] = {}
    for pid, jid in Pegawai.objects.filter(aktif=True).order_by("id").values_list("id", "jabatan_id"):
        holder.setdefault(jid, pid)
    qs = Pegawai.objects.filter(atasan_manual=False)
    if pegawai_ids is not None:
        qs = qs.filter(id__in=list(pegawai_ids))
    changed = []
    for pegawai in qs.only("id", "jabatan_id", "atasan_id").iterator(chunk_size=5000):
        target_jabatan = atasan_jabatan.get(pegawai.jabatan_id)
        atasan_id = holder.get(target_jabatan) if target_jabatan else None
        if atasan_id == pegawai.id:
            atasan_id = None
        if atasan_id != pegawai.atasan_id:
            pegawai.atasan_id = atasan_id
            changed.append(pegawai)
    pegawai_bulk_set_atasan([(p.id, p.atasan_id) for p in changed])
    return len(changed)


def pegawai_bulk_set_atasan(pairs: list[tuple[int, int | None]]) -> None:
    """UPDATE … FROM (VALUES …) in chunks: one statement per 5,000 rows instead of a CASE per row."""
    table = Pegawai._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), 5000):
            chunk = pairs[start : start + 5000]
            values = ", ".join(["(%s, %s::bigint)"] * len(chunk))
            params = [v for pair in chunk for v in pair]
            cursor.execute(
                f"UPDATE {table} AS p SET atasan_id = v.atasan_id "  # noqa: S608 - table name is ours
                f"FROM (VALUES {values}) AS v(id, atasan_id) WHERE p.id = v.id",
                params,
            )


# ---------------------------------------------------------------------------------------------
# Employees
# ---------------------------------------------------------------------------------------------

TRACKED_FOR_RIWAYAT = ("jabatan_id", "golongan_id", "tmt_jabatan", "tmt_golongan")
# A manual atasan gains read access to the employee, so an editor may name only someone in their own
# scope; a NIP outside it reads exactly like one that does not exist.
ATASAN_TIDAK_DIKENAL = "Tidak ada pegawai dengan NIP ini dalam cakupan Anda."


def pegawai_validate(pegawai: Pegawai) -> None:
    """Model validation plus the NIP rules; raises ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    try:
        pegawai.full_clean(exclude=["opd", "atasan"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if "nip" not in errors and pegawai.nip:
        nip_problems = nip_errors(
            pegawai.nip,
            pppk=pegawai.is_pppk,
            tanggal_lahir=pegawai.tanggal_lahir,
            jenis_kelamin=pegawai.jenis_kelamin,
        )
        if nip_problems:
            errors["nip"] = nip_problems
    if pegawai.golongan_id and pegawai.status_kepegawaian:
        from .models import Golongan

        jenis = Golongan.objects.filter(pk=pegawai.golongan_id).values_list("jenis", flat=True).first()
        if jenis and (jenis == "PPPK") != pegawai.is_pppk:
            errors.setdefault("golongan", []).append("Golongan tidak sesuai dengan status kepegawaian.")
    if (
        pegawai.jabatan_id
        and pegawai.unit_kerja_id
        and pegawai.jabatan.unit_kerja_id != pegawai.unit_kerja_id
    ):
        errors.setdefault("jabatan", []).append("Jabatan tidak berada di unit kerja yang dipilih.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pegawai_save(*, actor, pegawai: Pegawai, alasan: str = "") -> Pegawai:
    """Create or update an employee: validate, refresh derived fields, keep histories and atasan."""
    if pegawai.pk is None:
        if actor is not None and not permissions.can_create_pegawai(actor):
            raise PermissionDenied
        before = None
    else:
        if actor is not None and not permissions.can_edit_pegawai(actor, pegawai):
            raise PermissionDenied
        before = (
            Pegawai.objects.filter(pk=pegawai.pk)
            .values(*TRACKED_FOR_RIWAYAT, "atasan_manual", "atasan_id")
            .first()
        )
    alasan = alasan_bersih(alasan, field="alasan_perubahan", label="Alasan perubahan")
    pegawai_validate(pegawai)
    if (
        actor is not None
        and pegawai.atasan_manual
        and pegawai.atasan_id
        and (before is None or before["atasan_id"] != pegawai.atasan_id or not before["atasan_manual"])
        and not selectors.pegawai_list_visible_to(user=actor).filter(pk=pegawai.atasan_id).exists()
    ):
        raise ValidationError({"nip_atasan": ATASAN_TIDAK_DIKENAL})
    pegawai.refresh_derived(timezone.localdate())
    catat_riwayat(pegawai, actor=actor, alasan=alasan)
    pegawai.save()
    if (
        before is None
        or before["jabatan_id"] != pegawai.jabatan_id
        or before["tmt_jabatan"] != pegawai.tmt_jabatan
    ):
        if pegawai.tmt_jabatan:
            RiwayatJabatan.objects.update_or_create(
                pegawai=pegawai,
                tmt=pegawai.tmt_jabatan,
                defaults={
                    "jabatan": pegawai.jabatan,
                    "nama_jabatan": pegawai.jabatan.nama,
                    "nama_unit": pegawai.unit_kerja.nama,
                },
            )
    if (
        before is None
        or before["golongan_id"] != pegawai.golongan_id
        or before["tmt_golongan"] != pegawai.tmt_golongan
    ):
        if pegawai.tmt_golongan:
            RiwayatPangkat.objects.update_or_create(
                pegawai=pegawai,
                tmt=pegawai.tmt_golongan,
                defaults={
                    "golongan": pegawai.golongan,
                    "mkg_tahun": pegawai.mkg_tahun,
                    "mkg_bulan": pegawai.mkg_bulan,
                },
            )
    if (
        before is None
        or before["jabatan_id"] != pegawai.jabatan_id
        or before["atasan_manual"] != pegawai.atasan_manual
    ):
        # This employee's superior, and everyone who may now report to them.
        affected = [
            pegawai.pk,
            *Pegawai.objects.filter(jabatan__atasan_override=pegawai.jabatan).values_list("id", flat=True),
        ]
        affected += list(
            Pegawai.objects.filter(unit_kerja__path__startswith=pegawai.unit_kerja.path).values_list(
                "id", flat=True
            )
        )
        if before is not None:
            affected += list(Pegawai.objects.filter(atasan=pegawai).values_list("id", flat=True))
        atasan_recompute(affected)
        pegawai.refresh_from_db(fields=["atasan"])
    return pegawai


@transaction.atomic
def keluarga_save(*, actor, pegawai: Pegawai, formset) -> None:
    """Save a family formset (adds, edits, deletions), each change audited with the actor."""
    if not permissions.can_edit_pegawai(actor, pegawai):
        raise PermissionDenied
    for form in formset.deleted_forms:
        if form.instance.pk:
            catat_riwayat(form.instance, actor=actor)
            form.instance.delete()
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        anggota = form.save(commit=False)
        anggota.pegawai = pegawai
        catat_riwayat(anggota, actor=actor)
        anggota.full_clean()
        anggota.save()
    pasangan = pegawai.keluarga.filter(hubungan__in=["suami", "istri"], dapat_tunjangan=True).count()
    if pasangan > 1:
        raise ValidationError("Tunjangan suami/istri hanya untuk satu pasangan.")


def pegawai_refresh_derived_all() -> int:
    """Nightly: recompute stored derived dates (KGB moves forward as time passes)."""
    today = timezone.localdate()
    changed = []
    for pegawai in Pegawai.objects.select_related("jabatan", "unit_kerja").iterator(chunk_size=5000):
        old = (pegawai.tanggal_pensiun, pegawai.tanggal_kgb_berikutnya, pegawai.opd_id)
        pegawai.refresh_derived(today)
        if (pegawai.tanggal_pensiun, pegawai.tanggal_kgb_berikutnya, pegawai.opd_id) != old:
            changed.append(pegawai)
    Pegawai.objects.bulk_update(
        changed, ["tanggal_pensiun", "tanggal_kgb_berikutnya", "opd"], batch_size=2000
    )
    return len(changed)


# ---------------------------------------------------------------------------------------------
# Self-service corrections
# ---------------------------------------------------------------------------------------------

CORRECTABLE_FIELDS = [
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tempat_lahir",
    "agama",
    "status_perkawinan",
    "pendidikan_jenjang",
    "pendidikan_jurusan",
    "npwp",
    "nama_bank",
    "nomor_rekening",
    "email",
    "telepon",
]


def correctable_field_choices() -> list[tuple[str, str]]:
    return [
        (name, str(Pegawai._meta.get_field(name).verbose_name).capitalize())  # type: ignore[union-attr]
        for name in CORRECTABLE_FIELDS
    ]


def _clean_new_value(field_name: str, value: str) -> str:
    field = Pegawai._meta.get_field(field_name)
    assert isinstance(field, Field)  # CORRECTABLE_FIELDS are concrete fields, never relations
    try:
        cleaned = field.clean(value, None)
    except ValidationError as exc:
        raise ValidationError({"nilai_baru": exc.messages}) from None
    return cleaned


@transaction.atomic
def usulan_perubahan_create(
    *, actor, pegawai: Pegawai, field: str, nilai_baru: str, alasan: str, bukti
) -> UsulanPerubahanData:
    if not permissions.can_propose_perubahan_data(actor, pegawai):
        raise PermissionDenied
    if field not in CORRECTABLE_FIELDS:
        raise ValidationError({"field": "Data ini tidak dapat diajukan perubahannya."})
    upload_check(bukti, allowed=GAMBAR_PDF_EKSTENSI, max_bytes=settings.ASN_BUKTI_MAX_BYTES, field="bukti")
    alasan = alasan_bersih(alasan, label="Alasan perubahan")
    nilai_baru = _clean_new_value(field, nilai_baru)
    nilai_lama = getattr(pegawai, field) or ""
    if str(nilai_lama) == str(nilai_baru):
        raise ValidationError({"nilai_baru": "Nilai baru sama dengan data saat ini."})
    if UsulanPerubahanData.objects.filter(
        pegawai=pegawai,
        field=field,
        status__in=[UsulanPerubahanData.Status.DIAJUKAN, UsulanPerubahanData.Status.DIVERIFIKASI],
    ).exists():
        raise ValidationError({"field": "Masih ada usulan perubahan data ini yang sedang diproses."})
    usulan = UsulanPerubahanData(
        pegawai=pegawai,
        field=field,
        nilai_lama=str(nilai_lama),
        nilai_baru=str(nilai_baru),
        alasan=alasan,
        bukti=bukti,
        diajukan_oleh=actor,
    )
    catat_riwayat(usulan, actor=actor)
    usulan.full_clean()
    usulan.save()
    return usulan


@transaction.atomic
def usulan_perubahan_verify(
    *, actor, usulan: UsulanPerubahanData, setuju: bool, catatan: str = ""
) -> UsulanPerubahanData:
    if not permissions.can_verify_usulan_perubahan(actor, usulan):
        raise PermissionDenied
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan / alasan penolakan")
    if not setuju and not catatan:
        raise ValidationError({"catatan": "Alasan penolakan wajib diisi."})
    usulan.transition_to(
        UsulanPerubahanData.Status.DIVERIFIKASI if setuju else UsulanPerubahanData.Status.DITOLAK
    )
    usulan.diverifikasi_oleh = actor
    usulan.diverifikasi_pada = timezone.now()
    usulan.catatan = catatan
    catat_riwayat(usulan, actor=actor, alasan=catatan)
    usulan.save()
    return usulan


@transaction.atomic
def usulan_perubahan_decide(
    *, actor, usulan: UsulanPerubahanData, setuju: bool, catatan: str = ""
) -> UsulanPerubahanData:
    """Admin BKD approves (the record changes, audited) or rejects with a reason."""
    if not permissions.can_approve_usulan_perubahan(actor, usulan):
        raise PermissionDenied
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan / alasan penolakan")
    if not setuju and not catatan:
        raise ValidationError({"catatan": "Alasan penolakan wajib diisi."})
    usulan.transition_to(
        UsulanPerubahanData.Status.DISETUJUI if setuju else UsulanPerubahanData.Status.DITOLAK
    )
    usulan.diputuskan_oleh = actor
    usulan.diputuskan_pada = timezone.now()
    usulan.catatan = catatan
    catat_riwayat(usulan, actor=actor, alasan=catatan)
    usulan.save()
    if setuju:
        pegawai = Pegawai.objects.select_for_update().get(pk=usulan.pegawai_id)
        setattr(pegawai, usulan.field, _clean_new_value(usulan.field, usulan.nilai_baru))
        pegawai_validate(pegawai)
        catat_riwayat(pegawai, actor=actor, alasan=f"Usulan perubahan data #{usulan.pk} disetujui")
        pegawai.save()
    return usulan


def domain_error_message(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return str(exc)
    return "; ".join(pesan_validasi(exc, Pegawai))
