"""A move taking effect (mutasi point 10): the employee record follows a decree on its TMT.

mutasi calls `perpindahan_apply` when an approved move reaches its TMT, and `import_mutasi` for moves
decided outside the application; both go the same path. Other modules learn of the move through
`pegawai.signals.jabatan_berubah` (sent inside the transaction, see there); pegawai imports none of them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.dates import format_tanggal
from core.history import alasan_bersih, catat_riwayat

from .models import Jabatan, Pegawai, RiwayatJabatan
from .services import atasan_recompute
from .signals import jabatan_berubah

NOMOR_SK_MAKS = RiwayatJabatan._meta.get_field("nomor_sk").max_length


def _pegawai_terdampak(pegawai: Pegawai, jabatan_ids: list[int], unit_paths: list[str]) -> list[int]:
    """Whose derived atasan may change when `pegawai` leaves one post for another: the mover, whoever
    reported to them, whoever's position names the new one as its superior, and everyone in the old and
    new units' subtrees (a unit head leaving or arriving changes who heads them)."""
    ids = {pegawai.pk}
    ids.update(Pegawai.objects.filter(atasan=pegawai).values_list("id", flat=True))
    ids.update(Pegawai.objects.filter(jabatan__atasan_override__in=jabatan_ids).values_list("id", flat=True))
    for path in unit_paths:
        ids.update(Pegawai.objects.filter(unit_kerja__path__startswith=path).values_list("id", flat=True))
    return sorted(ids)


def _validate(
    *, pegawai: Pegawai, jabatan_baru: Jabatan, tmt, nomor_sk: str, tanggal_sk, hari_ini: dt.date
) -> None:
    siapa = f"{pegawai.nama} (NIP {pegawai.nip})"
    errors: dict[str, list[str]] = {}
    if not isinstance(tmt, dt.date):
        errors.setdefault("tmt", []).append("TMT wajib diisi.")
    elif tmt > hari_ini:
        errors.setdefault("tmt", []).append(
            f"TMT {format_tanggal(tmt)} belum tiba; perpindahan diterapkan pada TMT-nya."
        )
    if not nomor_sk:
        errors.setdefault("nomor_sk", []).append("Nomor SK wajib diisi.")
    elif len(nomor_sk) > NOMOR_SK_MAKS:
        errors.setdefault("nomor_sk", []).append(f"Nomor SK paling panjang {NOMOR_SK_MAKS} karakter.")
    if not isinstance(tanggal_sk, dt.date):
        errors.setdefault("tanggal_sk", []).append("Tanggal SK wajib diisi.")
    elif tanggal_sk > hari_ini:
        errors.setdefault("tanggal_sk", []).append(f"Tanggal SK {format_tanggal(tanggal_sk)} belum tiba.")
    if not pegawai.aktif:
        errors.setdefault("pegawai", []).append(f"{siapa} tidak aktif; perpindahan tidak dapat diterapkan.")
    elif isinstance(tmt, dt.date) and pegawai.tanggal_pensiun and pegawai.tanggal_pensiun <= tmt:
        errors.setdefault("pegawai", []).append(
            f"{siapa} pensiun sejak {format_tanggal(pegawai.tanggal_pensiun)}; perpindahan dengan TMT "
            f"{format_tanggal(tmt)} tidak dapat diterapkan."
        )
    unit = jabatan_baru.unit_kerja
    if not unit.aktif or (unit.opd_id and unit.opd_id != unit.pk and not unit.opd.aktif):
        # Positions have no status of their own: one in an inactive unit (or OPD) is not open.
        errors.setdefault("jabatan_baru", []).append(
            f"Jabatan {jabatan_baru.nama} pada {unit.nama} tidak aktif (unit kerjanya nonaktif)."
        )
    if jabatan_baru.pk == pegawai.jabatan_id:
        errors.setdefault("jabatan_baru", []).append(
            f"{siapa} sudah menduduki jabatan {jabatan_baru.nama} pada {unit.nama}."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def perpindahan_apply(
    *,
    actor,
    pegawai: Pegawai,
    jabatan_baru: Jabatan,
    tmt: dt.date,
    nomor_sk: str,
    tanggal_sk: dt.date,
    alasan: str = "",
    sumber: str = "mutasi",
) -> RiwayatJabatan:
    """Put `pegawai` in `jabatan_baru` from `tmt` by decree `nomor_sk` of `tanggal_sk`.

    Sets unit, position and TMT jabatan; the atasan is derived again from the organisation chart (a
    move ends a manually set atasan: it was chosen for the old post); writes the position-history row
    with the decree; records the actor and the reason in the history; then sends
    `jabatan_berubah` inside this transaction. Returns the history row.

    Idempotent: the same decree (same employee, number, TMT and position) applied again changes nothing
    and returns the row written the first time. Refused, with an Indonesian message naming the field: an
    inactive or retired employee, a position in an inactive unit, the position already held, a TMT or SK
    date still to come, a missing number. A move older than the position on record (a decree recorded
    late, e.g. by import) only adds its history row: the current post stays and no event is sent.
    """
    nomor_sk = (nomor_sk or "").strip()
    alasan = alasan_bersih(alasan)
    sumber = (sumber or "mutasi").strip()[:60]
    pegawai = Pegawai.objects.select_for_update().select_related("jabatan", "unit_kerja").get(pk=pegawai.pk)
    jabatan_baru = Jabatan.objects.select_related("unit_kerja", "unit_kerja__opd").get(pk=jabatan_baru.pk)

    if nomor_sk and isinstance(tmt, dt.date):
        sudah = RiwayatJabatan.objects.filter(pegawai=pegawai, nomor_sk=nomor_sk, tmt=tmt).first()
        if sudah is not None:
            if sudah.jabatan_id != jabatan_baru.pk:
                raise ValidationError(
                    {
                        "nomor_sk": f"SK {nomor_sk} TMT {format_tanggal(tmt)} sudah diterapkan untuk "
                        f"{pegawai.nama} dengan jabatan {sudah.nama_jabatan}; jabatan berbeda tidak dapat "
                        "diterapkan dengan SK yang sama."
                    }
                )
            return sudah

    _validate(
        pegawai=pegawai,
        jabatan_baru=jabatan_baru,
        tmt=tmt,
        nomor_sk=nomor_sk,
        tanggal_sk=tanggal_sk,
        hari_ini=timezone.localdate(),
    )
    keterangan = f"Pindah jabatan ({sumber}) SK {nomor_sk} TMT {format_tanggal(tmt)}"
    if alasan:
        keterangan = f"{keterangan}: {alasan}"

    if (
        pegawai.tmt_jabatan
        and pegawai.tmt_jabatan < tmt
        and not RiwayatJabatan.objects.filter(pegawai=pegawai, tmt=pegawai.tmt_jabatan).exists()
    ):
        # The post being left gets its history row too (records imported without one), so the position
        # in force on an earlier date (pegawai.selectors.jabatan_pada) is still known after the move.
        lama = RiwayatJabatan(
            pegawai=pegawai,
            tmt=pegawai.tmt_jabatan,
            jabatan=pegawai.jabatan,
            nama_jabatan=pegawai.jabatan.nama,
            nama_unit=pegawai.unit_kerja.nama,
        )
        catat_riwayat(lama, actor=actor, alasan="Jabatan sebelum perpindahan")
        lama.save()

    riwayat = RiwayatJabatan.objects.filter(
        pegawai=pegawai, tmt=tmt, nomor_sk="", jabatan=jabatan_baru
    ).first() or RiwayatJabatan(pegawai=pegawai, tmt=tmt)
    riwayat.jabatan = jabatan_baru
    riwayat.nama_jabatan = jabatan_baru.nama
    riwayat.nama_unit = jabatan_baru.unit_kerja.nama
    riwayat.nomor_sk = nomor_sk
    riwayat.tanggal_sk = tanggal_sk
    catat_riwayat(riwayat, actor=actor, alasan=keterangan[:500])
    riwayat.save()

    if pegawai.tmt_jabatan and tmt < pegawai.tmt_jabatan:
        return riwayat

    jabatan_lama, unit_lama, atasan_lama = pegawai.jabatan, pegawai.unit_kerja, pegawai.atasan
    pegawai.jabatan = jabatan_baru
    pegawai.unit_kerja = jabatan_baru.unit_kerja
    pegawai.tmt_jabatan = tmt
    pegawai.atasan_manual = False
    pegawai.refresh_derived(timezone.localdate())
    catat_riwayat(pegawai, actor=actor, alasan=keterangan[:500])
    pegawai.save(
        update_fields=[
            "jabatan",
            "unit_kerja",
            "opd",
            "tmt_jabatan",
            "atasan_manual",
            "tanggal_pensiun",
            "tanggal_kgb_berikutnya",
            "diubah",
        ]
    )
    atasan_recompute(
        _pegawai_terdampak(
            pegawai, [jabatan_lama.pk, jabatan_baru.pk], [unit_lama.path, jabatan_baru.unit_kerja.path]
        )
    )
    pegawai.refresh_from_db(fields=["atasan"])
    jabatan_berubah.send(
        sender=Pegawai,
        pegawai=pegawai,
        jabatan_lama=jabatan_lama,
        jabatan_baru=jabatan_baru,
        unit_lama=unit_lama,
        unit_baru=jabatan_baru.unit_kerja,
        atasan_lama=atasan_lama,
        atasan_baru=pegawai.atasan,
        tmt=tmt,
        nomor_sk=nomor_sk,
        tanggal_sk=tanggal_sk,
        riwayat=riwayat,
        actor=actor,
        alasan=alasan,
        sumber=sumber,
    )
    return riwayat


# The name the mutasi brief uses.
terapkan_perpindahan = perpindahan_apply
