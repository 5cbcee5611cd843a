"""Gap-free document numbers: one register per (document kind, year), a configurable format.

    nomor = terbitkan_nomor(jenis="sk_mutasi", tanggal=tanggal_sk, actor=user, sumber="mutasi.sk:12")
    nomor.nomor   # "800/7/BKPSDM/2026"

How it stays gap-free and duplicate-free under concurrent issuing: the register row of (kind, year) is
locked with SELECT … FOR UPDATE, its counter moved by one and the number row written, all inside the
caller's transaction. A second officer issuing the same kind waits on the lock until the first
transaction ends; if that transaction rolls back, the counter rolls back with it and the number was never
issued. So call it inside the same `transaction.atomic()` that writes the document carrying the number,
as late as possible (the lock is held until commit). A number once committed is never deleted or
reused: `batalkan_nomor` marks it cancelled, with who and why, and the next number goes on from the
counter.

Format placeholders (str.format syntax, see PLACEHOLDER): {urut} the sequence number in the year (a
width is allowed: {urut:03d} → 007), {tahun} the year of the document date, {bulan} its month (two
digits), {bulan_romawi} its month in Roman numerals (I … XII). A format must contain {urut} and {tahun}
(numbers restart every year, so the year keeps them unique). A petikan carries its SK's number and has
no register of its own.

Callers check their own permissions (who may issue an SK mutasi is a mutasi rule); this module only
guarantees the numbering and records the actor.
"""

from __future__ import annotations

import datetime as dt
import string

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .history import alasan_bersih, catat_riwayat
from .models import JenisNomor, NomorDokumen, RegisterNomor

PLACEHOLDER = {
    "urut": "nomor urut dalam tahun (boleh dengan lebar, mis. {urut:03d})",
    "tahun": "tahun tanggal dokumen",
    "bulan": "bulan tanggal dokumen, dua digit",
    "bulan_romawi": "bulan tanggal dokumen dalam angka Romawi (I–XII)",
}
WAJIB = ("urut", "tahun")

BULAN_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# The kinds seeded by core migration 0003 (and recreated on first use if missing), kode → (nama, format).
# The "800" classification code follows the Permendagri 83/2022 classification for personnel matters;
# BKD edits it per region in the admin.
JENIS_BAWAAN: dict[str, tuple[str, str]] = {
    "sk_mutasi": ("Keputusan mutasi (SK mutasi dan petikannya)", "800/{urut}/BKPSDM/{tahun}"),
    "spmt": ("Surat pernyataan melaksanakan tugas (SPMT)", "800/{urut}/SPMT/BKPSDM/{tahun}"),
    "sk_kgb": ("Surat pemberitahuan kenaikan gaji berkala (KGB)", "800/{urut}/KGB/BKPSDM/{tahun}"),
    "sertifikat_pelatihan": (
        "Sertifikat pelatihan dan e-learning (pembinaan)",
        "800/{urut}/SERT/BKPSDM/{tahun}",
    ),
}


def seed_jenis_bawaan(model=JenisNomor) -> None:
    """Create the kinds of JENIS_BAWAAN that are missing (migration 0003 passes its historical model)."""
    for kode, (nama, fmt) in JENIS_BAWAAN.items():
        model.objects.get_or_create(kode=kode, defaults={"nama": nama, "format": fmt})


# --- format -------------------------------------------------------------------------------------


def format_errors(fmt: str) -> list[str]:
    """What is wrong with a number format, in Indonesian; empty when it is valid."""
    try:
        fields = [
            (name, spec) for _text, name, spec, _conv in string.Formatter().parse(fmt) if name is not None
        ]
    except ValueError as exc:
        return [f"Format nomor tidak sah ({exc}); tanda kurung kurawal harus berpasangan."]
    nama = [name for name, _spec in fields]
    tersedia = ", ".join(f"{{{p}}}" for p in PLACEHOLDER)
    errors = [
        f"Format nomor memuat {{{name}}} yang tidak dikenal; yang tersedia: {tersedia}."
        for name in nama
        if name not in PLACEHOLDER
    ]
    errors.extend(f"Format nomor wajib memuat {{{w}}}." for w in WAJIB if w not in nama)
    if not errors:
        try:
            render_nomor(fmt, urut=1, tanggal=dt.date(2000, 1, 1))
        except (ValueError, TypeError) as exc:
            errors.append(f"Format nomor tidak sah: {exc}.")
    return errors


def render_nomor(fmt: str, *, urut: int, tanggal: dt.date) -> str:
    """The text of number `urut` in the register of `tanggal`'s year."""
    return fmt.format(
        urut=urut,
        tahun=tanggal.year,
        bulan=f"{tanggal.month:02d}",
        bulan_romawi=BULAN_ROMAWI[tanggal.month - 1],
    )


@transaction.atomic
def jenis_nomor_save(*, actor, jenis: JenisNomor, alasan: str = "") -> JenisNomor:
    """Create or change a kind's name or format (superusers, from the admin); audited with the reason."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    alasan = alasan_bersih(alasan)
    jenis.format = (jenis.format or "").strip()
    jenis.full_clean()
    errors = format_errors(jenis.format)
    if errors:
        raise ValidationError({"format": errors})
    catat_riwayat(jenis, actor=actor, alasan=alasan or "Jenis nomor diubah")
    jenis.save()
    return jenis


# --- issuing and cancelling -------------------------------------------------------------------------


def _register_terkunci(jenis: JenisNomor, tahun: int) -> RegisterNomor:
    """The (kind, year) register, locked FOR UPDATE; created on the first number of a year.

    The insert ignores a conflict, so two sessions opening a new year at once both end up locking the
    one row instead of one of them failing on the unique constraint."""
    RegisterNomor.objects.bulk_create([RegisterNomor(jenis=jenis, tahun=tahun)], ignore_conflicts=True)
    return RegisterNomor.objects.select_for_update().get(jenis=jenis, tahun=tahun)


def _jenis(kode: str) -> JenisNomor:
    try:
        return JenisNomor.objects.get(kode=kode)
    except JenisNomor.DoesNotExist:
        if kode not in JENIS_BAWAAN:
            raise ValidationError(f"Jenis nomor dokumen '{kode}' tidak dikenal.") from None
        nama, fmt = JENIS_BAWAAN[kode]
        JenisNomor.objects.bulk_create([JenisNomor(kode=kode, nama=nama, format=fmt)], ignore_conflicts=True)
        return JenisNomor.objects.get(kode=kode)


@transaction.atomic
def terbitkan_nomor(*, jenis: str, tanggal: dt.date, actor, sumber: str = "") -> NomorDokumen:
    """Issue the next number of kind `jenis` in the year of `tanggal`.

    Gap-free and duplicate-free: see the module docstring. Call it inside the transaction that writes
    the numbered document; the number is consumed only if that transaction commits."""
    if not isinstance(tanggal, dt.date):
        raise ValidationError({"tanggal": "Tanggal dokumen wajib diisi."})
    jenis_nomor = _jenis(jenis)
    errors = format_errors(jenis_nomor.format)
    if errors:
        raise ValidationError(f"Format nomor {jenis_nomor.nama} tidak sah: {' '.join(errors)}")
    register = _register_terkunci(jenis_nomor, tanggal.year)
    register.nomor_terakhir += 1
    catat_riwayat(register, actor=actor, alasan=f"Nomor {register.nomor_terakhir} diterbitkan")
    register.save(update_fields=["nomor_terakhir", "diubah"])
    teks = render_nomor(jenis_nomor.format, urut=register.nomor_terakhir, tanggal=tanggal)
    if NomorDokumen.objects.filter(register=register, nomor=teks).exists():
        # Only possible after a format change that drops what made numbers distinct: refuse, nothing kept.
        raise ValidationError(
            f"Nomor {teks} sudah pernah diterbitkan; periksa format nomor {jenis_nomor.nama}."
        )
    nomor = NomorDokumen(
        register=register,
        urut=register.nomor_terakhir,
        nomor=teks,
        tanggal=tanggal,
        sumber=(sumber or "")[:120],
        diterbitkan_oleh=actor if getattr(actor, "is_authenticated", False) else None,
    )
    catat_riwayat(nomor, actor=actor, alasan=f"Diterbitkan untuk {sumber}" if sumber else "Diterbitkan")
    nomor.save()
    return nomor


@transaction.atomic
def batalkan_nomor(nomor: NomorDokumen, *, actor, alasan: str) -> NomorDokumen:
    """Mark an issued number cancelled. It stays in the register and is never issued again."""
    alasan = alasan_bersih(alasan, field="alasan_batal", label="Alasan pembatalan")
    if not alasan:
        raise ValidationError({"alasan_batal": "Alasan pembatalan nomor wajib diisi."})
    nomor = NomorDokumen.objects.select_for_update().get(pk=nomor.pk)
    if nomor.dibatalkan:
        raise ValidationError(f"Nomor {nomor.nomor} sudah dibatalkan.")
    nomor.dibatalkan_pada = timezone.now()
    nomor.dibatalkan_oleh = actor if getattr(actor, "is_authenticated", False) else None
    nomor.alasan_batal = alasan
    catat_riwayat(nomor, actor=actor, alasan=f"Dibatalkan: {alasan}")
    nomor.save(update_fields=["dibatalkan_pada", "dibatalkan_oleh", "alasan_batal", "diubah"])
    return nomor


def nomor_get(*, jenis: str, nomor: str) -> NomorDokumen | None:
    """The issued number with this text (any year), or None: for a petikan that cites its SK's number."""
    return (
        NomorDokumen.objects.filter(register__jenis__kode=jenis, nomor=nomor)
        .select_related("register__jenis")
        .first()
    )
