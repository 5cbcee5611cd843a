"""A move taking effect (mutasi point 10): the employee record follows a decree on its TMT.

mutasi calls `perpindahan_apply` when an approved move reaches its TMT, and `import_mutasi` for moves
decided outside the application; both go the same path. Other modules learn of the move through
`pegawai.signals.jabatan_berubah` (sent inside the transaction, see there); pegawai imports none of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.bulk import update_dengan_riwayat
from core.dates import format_tanggal
from core.history import alasan_bersih, catat_riwayat

from .models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from .services import atasan_recompute
from .signals import jabatan_berubah, jabatan_berubah_massal

NOMOR_SK_MAKS: int = RiwayatJabatan._meta.get_field("nomor_sk").max_length or 100


def _pegawai_terdampak(pegawai_ids: set[int], jabatan_ids: set[int], unit_paths: set[str]) -> list[int]:
    """Whose derived atasan may change when people leave posts for others: the movers, whoever reported
    to them, whoever's position names an old or new post as its superior, and everyone in the old and new
    units' subtrees (a unit head leaving or arriving changes who heads them). One query."""
    q = Q(pk__in=pegawai_ids) | Q(atasan_id__in=pegawai_ids) | Q(jabatan__atasan_override__in=jabatan_ids)
    for path in unit_paths:
        q |= Q(unit_kerja__path__startswith=path)
    return sorted(Pegawai.objects.filter(q).values_list("id", flat=True))


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
    opd = unit.opd if unit.opd_id and unit.opd_id != unit.pk else None
    if not unit.aktif or (opd is not None and not opd.aktif):
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


@dataclass(frozen=True)
class Perpindahan:
    """One move to apply (see perpindahan_apply)."""

    pegawai: Pegawai
    jabatan_baru: Jabatan
    tmt: dt.date
    nomor_sk: str
    tanggal_sk: dt.date
    alasan: str = ""


@dataclass
class _Langkah:
    """One move on its way: the locked employee, what it was, and the history row written."""

    pegawai: Pegawai
    jabatan_baru: Jabatan
    tmt: dt.date
    nomor_sk: str
    tanggal_sk: dt.date
    alasan: str
    riwayat: RiwayatJabatan | None = None
    # (jabatan, unit, atasan) before, set by _tulis for a move that changes the post
    sebelum: tuple[Jabatan, UnitKerja, Pegawai | None] = field(default=None)  # type: ignore[assignment]


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
    return perpindahan_apply_bulk(
        actor=actor,
        daftar=[Perpindahan(pegawai, jabatan_baru, tmt, nomor_sk, tanggal_sk, alasan)],
        sumber=sumber,
    )[0]


@transaction.atomic
def perpindahan_apply_bulk(
    *, actor, daftar: list[Perpindahan], sumber: str = "mutasi"
) -> list[RiwayatJabatan]:
    """perpindahan_apply for many moves at once (a collective SK on its TMT, import_mutasi), all or
    nothing: every move is checked first and any refusal is raised with every problem, each message
    prefixed with the employee's NIP (a single move keeps its field-keyed message); the atasan is derived
    once for everyone affected; then one `jabatan_berubah` per move that changed a post. Returns the
    history rows in the order given."""
    sumber = (sumber or "mutasi").strip()[:60]
    hari_ini = timezone.localdate()
    ids = [p.pegawai.pk for p in daftar]
    if len(set(ids)) != len(ids):
        ganda = sorted({p.pegawai.nip for p in daftar if ids.count(p.pegawai.pk) > 1})
        raise ValidationError(
            f"Pegawai dengan NIP {', '.join(ganda)} muncul lebih dari sekali dalam satu penerapan."
        )
    pegawai_by_id = (
        Pegawai.objects.select_for_update(of=("self",))
        .select_related("jabatan", "unit_kerja", "atasan")
        .in_bulk(ids)
    )
    jabatan_by_id = Jabatan.objects.select_related("unit_kerja", "unit_kerja__opd").in_bulk(
        {p.jabatan_baru.pk for p in daftar}
    )
    langkah = []
    errors: list[tuple[str, ValidationError]] = []
    sudah = _sudah_diterapkan_semua(daftar)
    for p in daftar:
        item = _Langkah(
            pegawai=pegawai_by_id[p.pegawai.pk],
            jabatan_baru=jabatan_by_id[p.jabatan_baru.pk],
            tmt=p.tmt,
            nomor_sk=(p.nomor_sk or "").strip(),
            tanggal_sk=p.tanggal_sk,
            alasan="",
        )
        try:
            item.alasan = alasan_bersih(p.alasan)
            item.riwayat = _sudah_diterapkan(item, sudah)
            if item.riwayat is None:
                _validate(
                    pegawai=item.pegawai,
                    jabatan_baru=item.jabatan_baru,
                    tmt=item.tmt,
                    nomor_sk=item.nomor_sk,
                    tanggal_sk=item.tanggal_sk,
                    hari_ini=hari_ini,
                )
        except ValidationError as exc:
            errors.append((item.pegawai.nip, exc))
        langkah.append(item)
    if errors:
        if len(daftar) == 1:
            raise errors[0][1]
        raise ValidationError([f"NIP {nip}: {pesan}" for nip, exc in errors for pesan in exc.messages])

    pindah = _tulis_semua([item for item in langkah if item.riwayat is None], actor=actor, sumber=sumber)
    if pindah:
        atasan_recompute(
            _pegawai_terdampak(
                {i.pegawai.pk for i in pindah},
                {j.pk for i in pindah for j in (i.sebelum[0], i.jabatan_baru)},
                {path for i in pindah for path in (i.sebelum[1].path, i.jabatan_baru.unit_kerja.path)},
            )
        )
        atasan = dict(
            Pegawai.objects.filter(pk__in=[i.pegawai.pk for i in pindah]).values_list("id", "atasan_id")
        )
        atasan_obj = Pegawai.objects.in_bulk({a for a in atasan.values() if a})
    muatan = []
    for item in pindah:
        pegawai = item.pegawai
        pegawai.atasan = atasan_obj.get(atasan[pegawai.pk])
        jabatan_lama, unit_lama, atasan_lama = item.sebelum
        muatan.append(
            {
                "pegawai": pegawai,
                "jabatan_lama": jabatan_lama,
                "jabatan_baru": item.jabatan_baru,
                "unit_lama": unit_lama,
                "unit_baru": item.jabatan_baru.unit_kerja,
                "atasan_lama": atasan_lama,
                "atasan_baru": pegawai.atasan,
                "tmt": item.tmt,
                "nomor_sk": item.nomor_sk,
                "tanggal_sk": item.tanggal_sk,
                "riwayat": item.riwayat,
                "actor": actor,
                "alasan": item.alasan,
                "sumber": sumber,
            }
        )
    if muatan:
        # The bulk form first (kinerja answers it with a few statements for all the moves), then the
        # per-move form for receivers that listen to one move at a time.
        jabatan_berubah_massal.send(sender=Pegawai, perpindahan=muatan, actor=actor, sumber=sumber)
        for m in muatan:
            jabatan_berubah.send(sender=Pegawai, **m)
    return [item.riwayat for item in langkah if item.riwayat is not None]  # every one is set by now


def _sudah_diterapkan_semua(daftar: list[Perpindahan]) -> dict[tuple, RiwayatJabatan]:
    """The history rows of these decrees already written, by (employee, number, TMT): one query."""
    nomor = {(p.nomor_sk or "").strip() for p in daftar} - {""}
    if not nomor:
        return {}
    hasil: dict[tuple, RiwayatJabatan] = {}
    for r in RiwayatJabatan.objects.filter(
        pegawai_id__in=[p.pegawai.pk for p in daftar], nomor_sk__in=nomor
    ).order_by("pegawai_id", "-tmt", "pk"):
        hasil.setdefault((r.pegawai_id, r.nomor_sk, r.tmt), r)
    return hasil


def _sudah_diterapkan(item: _Langkah, sudah: dict[tuple, RiwayatJabatan]) -> RiwayatJabatan | None:
    """The history row of this very decree if it was applied before (idempotency), else None."""
    if not item.nomor_sk or not isinstance(item.tmt, dt.date):
        return None
    ada = sudah.get((item.pegawai.pk, item.nomor_sk, item.tmt))
    if ada is not None and ada.jabatan_id != item.jabatan_baru.pk:
        raise ValidationError(
            {
                "nomor_sk": f"SK {item.nomor_sk} TMT {format_tanggal(item.tmt)} sudah diterapkan untuk "
                f"{item.pegawai.nama} dengan jabatan {ada.nama_jabatan}; jabatan berbeda tidak dapat "
                "diterapkan dengan SK yang sama."
            }
        )
    return ada


PEGAWAI_FIELDS = [
    "jabatan",
    "unit_kerja",
    "opd",
    "tmt_jabatan",
    "atasan_manual",
    "tanggal_pensiun",
    "tanggal_kgb_berikutnya",
    "diubah",
]
RIWAYAT_FIELDS = ["jabatan", "nama_jabatan", "nama_unit", "nomor_sk", "tanggal_sk", "diubah"]


def _tulis_semua(items: list[_Langkah], *, actor, sumber: str) -> list[_Langkah]:
    """Write the checked moves in bulk: the history rows (with a row for the post being left when the
    record has none), and the record unless the decree is older than the post on record, each with its
    history row (actor and reason, simple_history's bulk helpers). Two reads and at most five writes
    whatever the number of moves. Returns the moves that changed a post (the atasan is then derived
    again and the event sent)."""
    if not items:
        return []
    sekarang = timezone.now()
    hari_ini = timezone.localdate()
    ada_tmt: set[tuple[int, dt.date]] = set()
    kosong: dict[tuple, RiwayatJabatan] = {}  # rows without a number to complete: (employee, TMT, post)
    kosong_pk: dict[tuple, int] = {}
    for pk, pid, tmt_r, nomor, jid in (
        RiwayatJabatan.objects.filter(pegawai_id__in=[i.pegawai.pk for i in items])
        .order_by("pk")
        .values_list("pk", "pegawai_id", "tmt", "nomor_sk", "jabatan_id")
    ):
        ada_tmt.add((pid, tmt_r))
        if nomor == "":
            kosong_pk.setdefault((pid, tmt_r, jid), pk)
    if kosong_pk:
        # Only the rows a move may complete (a post recorded without its decree) are loaded whole.
        wanted = {(i.pegawai.pk, i.tmt, i.jabatan_baru.pk) for i in items}
        muat = {k: v for k, v in kosong_pk.items() if k in wanted}
        baris = RiwayatJabatan.objects.in_bulk(list(muat.values()))
        kosong = {k: baris[v] for k, v in muat.items()}
    baru: list[RiwayatJabatan] = []
    diubah: list[RiwayatJabatan] = []
    pegawai_diubah: list[Pegawai] = []
    pindah: list[_Langkah] = []
    for item in items:
        pegawai, jabatan_baru, tmt = item.pegawai, item.jabatan_baru, item.tmt
        keterangan = f"Pindah jabatan ({sumber}) SK {item.nomor_sk} TMT {format_tanggal(tmt)}"
        if item.alasan:
            keterangan = f"{keterangan}: {item.alasan}"
        keterangan = keterangan[:500]

        if (
            pegawai.tmt_jabatan
            and pegawai.tmt_jabatan < tmt
            and (pegawai.pk, pegawai.tmt_jabatan) not in ada_tmt
        ):
            # The post being left gets its history row too (records imported without one), so the
            # position in force on an earlier date (pegawai.selectors.jabatan_pada) is still known.
            lama = RiwayatJabatan(
                pegawai=pegawai,
                tmt=pegawai.tmt_jabatan,
                jabatan=pegawai.jabatan,
                nama_jabatan=pegawai.jabatan.nama,
                nama_unit=pegawai.unit_kerja.nama,
            )
            catat_riwayat(lama, actor=actor, alasan="Jabatan sebelum perpindahan")
            baru.append(lama)

        riwayat = kosong.get((pegawai.pk, tmt, jabatan_baru.pk))
        if riwayat is None:
            riwayat = RiwayatJabatan(pegawai=pegawai, tmt=tmt)
            baru.append(riwayat)
        else:
            riwayat.diubah = sekarang
            diubah.append(riwayat)
        riwayat.jabatan = jabatan_baru
        riwayat.nama_jabatan = jabatan_baru.nama
        riwayat.nama_unit = jabatan_baru.unit_kerja.nama
        riwayat.nomor_sk = item.nomor_sk
        riwayat.tanggal_sk = item.tanggal_sk
        catat_riwayat(riwayat, actor=actor, alasan=keterangan)
        item.riwayat = riwayat

        if pegawai.tmt_jabatan and tmt < pegawai.tmt_jabatan:
            continue
        item.sebelum = (pegawai.jabatan, pegawai.unit_kerja, pegawai.atasan)
        pegawai.jabatan = jabatan_baru
        pegawai.unit_kerja = jabatan_baru.unit_kerja
        pegawai.tmt_jabatan = tmt
        pegawai.atasan_manual = False
        pegawai.refresh_derived(hari_ini)
        pegawai.diubah = sekarang
        catat_riwayat(pegawai, actor=actor, alasan=keterangan)
        pegawai_diubah.append(pegawai)
        pindah.append(item)

    if baru:
        bulk_create_with_history(baru, RiwayatJabatan, batch_size=1000)
    if diubah:
        update_dengan_riwayat(diubah, RiwayatJabatan, RIWAYAT_FIELDS, batch_size=1000)
    if pegawai_diubah:
        update_dengan_riwayat(pegawai_diubah, Pegawai, PEGAWAI_FIELDS, batch_size=1000)
    return pindah


@dataclass(frozen=True)
class Keluar:
    """One move out to another government (mutasi keluar) taking effect on its TMT."""

    pegawai: Pegawai
    tmt: dt.date
    nomor_sk: str
    tanggal_sk: dt.date
    instansi: str = ""


@transaction.atomic
def pegawai_keluar_bulk(*, actor, daftar: list[Keluar], sumber: str = "mutasi") -> list[Pegawai]:
    """The employees moved out to another government leave on the TMT: aktif=False, with a history row
    (actor, and the reason: the destination, the decree and the TMT). All or nothing; refused with the
    NIP when a TMT is still to come. Idempotent: an employee already inactive is left as is. Returns the
    employees deactivated now."""
    sumber = (sumber or "mutasi").strip()[:60]
    hari_ini = timezone.localdate()
    salah = [
        f"NIP {k.pegawai.nip}: TMT {format_tanggal(k.tmt)} belum tiba; mutasi keluar diterapkan pada TMT-nya."
        for k in daftar
        if not isinstance(k.tmt, dt.date) or k.tmt > hari_ini
    ]
    if salah:
        raise ValidationError(salah)
    pegawai_by_id = Pegawai.objects.select_for_update(of=("self",)).in_bulk([k.pegawai.pk for k in daftar])
    sekarang = timezone.now()
    keluar = []
    for k in daftar:
        pegawai = pegawai_by_id[k.pegawai.pk]
        if not pegawai.aktif:
            continue
        tujuan = f" ke {k.instansi}" if k.instansi else " ke instansi lain"
        alasan = (
            f"Mutasi keluar{tujuan} ({sumber}) SK {k.nomor_sk} TMT {format_tanggal(k.tmt)}; tidak aktif lagi"
        )
        pegawai.aktif = False
        pegawai.diubah = sekarang
        catat_riwayat(pegawai, actor=actor, alasan=alasan[:500])
        k.pegawai.aktif = False
        keluar.append(pegawai)
    if keluar:
        update_dengan_riwayat(keluar, Pegawai, ["aktif", "diubah"], batch_size=1000)
    return keluar


# The name the mutasi brief uses.
terapkan_perpindahan = perpindahan_apply
