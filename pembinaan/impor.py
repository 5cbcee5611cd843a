"""import_pelatihan / export_jp (CONTRACT.md `pelatihan` and `jp`).

The import takes SIASN-shaped course records: upsert by (nip, nama_pelatihan, tanggal_mulai), JP credited
from `jp` when given, otherwise by the form's rule in force on the end date. All-or-nothing; every bad
row is reported as `baris N, kolom X: pesan`. Set-based: lookups loaded once, rows written in bulk, the
yearly recap rewritten by one statement for every (employee, year) touched.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import connection
from django.utils import timezone

from core.db import copy_rows, reserve_ids
from pegawai.impor.base import (
    Importer,
    ImportReport,
    RowContext,
    RowError,
    history_bulk,
    nip_unknown_message,
)
from pegawai.models import Pegawai

from . import selectors
from .models import Bentuk, KegiatanPengembangan, jalur_bentuk
from .services import periksa_kegiatan, rekap_hitung_ulang

COLUMNS = [
    "nip",
    "nama_pelatihan",
    "bentuk",
    "penyelenggara",
    "tanggal_mulai",
    "tanggal_selesai",
    "jp",
    "durasi_menit",
    "nomor_sertifikat",
]
REQUIRED = ["nip", "nama_pelatihan", "bentuk", "tanggal_mulai", "tanggal_selesai"]
EXPORT_COLUMNS = [
    "nip",
    "nama",
    "kode_unit",
    "status_kepegawaian",
    "jp_klasikal",
    "jp_nonklasikal",
    "jp_total",
    "target_jp",
    "memenuhi",
]
# COPY order: id, the key, the upserted values (as `values` in validate), then the rest.
COPY_FIELDS = [
    "id",
    "pegawai_id",
    "nama_pelatihan",
    "tanggal_mulai",
    "bentuk",
    "jalur",
    "penyelenggara",
    "tanggal_selesai",
    "tahun",
    "jp_tertera",
    "durasi_menit",
    "nomor_sertifikat",
    "sumber",
    "status",
    "jp_diakui",
    "aturan_id",
    "dibuat",
    "diubah",
    "jenis_penyelenggara",
    "bukti",
    "catatan",
    "jumlah_sesi",
    "program_id",
    "diajukan_oleh_id",
    "diverifikasi_oleh_id",
]
# The upserted values, in the order validate() builds them.
COMPARE_FIELDS = (
    "bentuk",
    "jalur",
    "penyelenggara",
    "tanggal_selesai",
    "tahun",
    "jp_tertera",
    "durasi_menit",
    "nomor_sertifikat",
    "sumber",
    "status",
    "jp_diakui",
    "aturan_id",
)
UPDATE_FIELDS = [
    "bentuk",
    "jalur",
    "penyelenggara",
    "tanggal_selesai",
    "tahun",
    "jp_tertera",
    "durasi_menit",
    "nomor_sertifikat",
    "sumber",
    "status",
    "jp_diakui",
    "aturan",
    "diubah",
]


def _desimal(ctx: RowContext, kolom: str) -> Decimal | None:
    value = ctx.text(kolom)
    if not value:
        return None
    try:
        angka = Decimal(value.replace(",", "."))
    except InvalidOperation:
        ctx.error(kolom, f"'{value}' bukan angka.")
        return None
    if not angka.is_finite() or angka < 0 or angka > 9999:
        ctx.error(kolom, "harus antara 0 dan 9999.")
        return None
    return angka.quantize(Decimal("0.01"))


class PelatihanImporter(Importer):
    label = "pelatihan"
    columns = COLUMNS
    required = REQUIRED
    bulk_models = (KegiatanPengembangan,)
    # A government's course history (SIASN) runs to several records per employee: 200,000 rows for
    # 50,000 employees is the benchmark size, above the 100,000 of master-data imports.
    max_rows = 250_000

    def validate(self, table, report: ImportReport):
        pegawai = {
            nip: (pid, unit) for nip, pid, unit in Pegawai.objects.values_list("nip", "id", "unit_kerja_id")
        }
        index = selectors.aturan_index()
        hari_ini = timezone.localdate()
        bentuk_valid = {b.lower(): b for b in Bentuk.values}
        # The file is read first; the ledger is then read for the file's employees and certificate numbers only
        # (a government's ledger holds hundreds of thousands of rows: loading all of it cost ~200 MB).
        seen: dict[tuple[int, str, object], int] = {}
        sertifikat_file: dict[str, tuple[int, tuple | None]] = {}  # number -> (row, the row's key)
        rows: list[tuple] = []
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            nama = ctx.text("nama_pelatihan", required=True, max_length=300)
            kode = ctx.text("bentuk", required=True).lower()
            penyelenggara = ctx.text("penyelenggara", max_length=200)
            mulai = ctx.date("tanggal_mulai", required=True)
            selesai = ctx.date("tanggal_selesai", required=True)
            jp = _desimal(ctx, "jp")
            durasi = ctx.integer("durasi_menit", minimum=0, maximum=1_000_000)
            nomor = ctx.text("nomor_sertifikat", max_length=100)
            info = pegawai.get(nip)
            if info and self.allowed_unit_ids is not None and info[1] not in self.allowed_unit_ids:
                info = None
            if nip and info is None:
                ctx.error("nip", nip_unknown_message(nip, scoped=self.allowed_unit_ids is not None))
            bentuk = bentuk_valid.get(kode, kode)
            if ctx.failed or not (mulai and selesai and kode):
                continue
            salah, jp_diakui, aturan = periksa_kegiatan(
                bentuk=bentuk,
                tanggal_mulai=mulai,
                tanggal_selesai=selesai,
                jp_tertera=jp,
                durasi_menit=durasi,
                index=index,
                hari_ini=hari_ini,
            )
            for kolom, pesan in salah:
                ctx.error({"jp": "jp"}.get(kolom, kolom), pesan)
            key = (info[0], nama, mulai)
            if key in seen:
                ctx.error(
                    "nama_pelatihan",
                    f"kegiatan yang sama (NIP, nama, tanggal mulai) sudah ada di baris {seen[key]}.",
                )
            else:
                seen[key] = number
            if nomor:
                if nomor in sertifikat_file:
                    ctx.error(
                        "nomor_sertifikat",
                        f"nomor sertifikat {nomor} sudah dipakai di baris {sertifikat_file[nomor][0]}.",
                    )
                else:
                    sertifikat_file[nomor] = (number, key)
            if ctx.failed:
                continue
            rows.append((key, nip, penyelenggara, selesai, jp, durasi, nomor, bentuk, jp_diakui, aturan))
        existing = _kegiatan_ada(seen)
        del seen
        for nomor, pk in _sertifikat_terpakai(list(sertifikat_file)):
            number, key = sertifikat_file[nomor]
            if pk != existing.get(key):
                report.errors.append(
                    RowError(
                        number, "nomor_sertifikat", f"nomor sertifikat {nomor} sudah dipakai kegiatan lain."
                    )
                )
        del sertifikat_file
        if report.errors:
            report.errors.sort(key=lambda e: e.baris)  # the certificate checks come after the file's
            return None
        # Existing rows are compared as value tuples (no model instance; only changed ones are loaded), per
        # chunk of the file with their values read for that chunk only; the file's parsed rows are let go
        # chunk by chunk as they become COPY rows.
        banding = list(COMPARE_FIELDS)
        create, berubah, pasangan = [], {}, set()
        rows.reverse()
        while rows:
            chunk = [rows.pop() for _ in range(min(20000, len(rows)))]
            ubah_ids = [existing[r[0]] for r in chunk if r[0] in existing]
            lama = {
                pk: tuple(nilai)
                for pk, *nilai in KegiatanPengembangan.objects.filter(pk__in=ubah_ids).values_list(
                    "pk", *banding
                )
            }
            for key, nip, penyelenggara, selesai, jp, durasi, nomor, bentuk, jp_diakui, aturan in chunk:
                pid, nama, mulai = key
                values = {
                    "bentuk": bentuk,
                    "jalur": jalur_bentuk(bentuk),
                    "penyelenggara": penyelenggara,
                    "tanggal_selesai": selesai,
                    "tahun": selesai.year,
                    "jp_tertera": jp,
                    "durasi_menit": durasi,
                    "nomor_sertifikat": nomor,
                    "sumber": KegiatanPengembangan.Sumber.IMPOR,
                    "status": KegiatanPengembangan.Status.DIVERIFIKASI,
                    "jp_diakui": jp_diakui,
                    "aturan_id": aturan.pk,
                }
                pk = existing.get(key)
                sebelumnya = lama.get(pk) if pk is not None else None
                if sebelumnya is None:
                    create.append((pid, nama, mulai, *values.values()))
                else:
                    pasangan.add((pid, sebelumnya[banding.index("tahun")]))
                    if sebelumnya != tuple(values.values()):
                        berubah[pk] = values
                    else:
                        report.tidak_berubah += 1
                pasangan.add((pid, selesai.year))
                if len(report.contoh) < 10:
                    report.contoh.append(
                        {
                            "nip": nip,
                            "nama_pelatihan": nama,
                            "bentuk": bentuk,
                            "jp": jp_diakui,
                            "baru": sebelumnya is None,
                        }
                    )
        update = []
        now = timezone.now()
        if berubah:
            for obj in KegiatanPengembangan.objects.filter(pk__in=list(berubah)):
                for f, v in berubah[obj.pk].items():
                    setattr(obj, f, v)
                obj.diubah = now
                update.append(obj)
        report.baru, report.diperbarui = len(create), len(update) + report.tidak_berubah
        return create, update, pasangan

    def write(self, state, report: ImportReport, *, reason: str) -> None:
        create, update, pasangan = state
        # New rows by COPY with ids reserved beforehand, their history rows by one INSERT … SELECT:
        # no model instance per row (200,000 rows in the benchmark).
        ids = reserve_ids(KegiatanPengembangan, len(create))
        now = timezone.now()
        copy_rows(
            KegiatanPengembangan,
            COPY_FIELDS,
            (
                (i, *row, now, now, "", "", "", None, None, None, None)
                for i, row in zip(ids, create, strict=True)
            ),
        )
        history_insert_select(KegiatanPengembangan, ids, history_type="+", user=self.user, reason=reason)
        KegiatanPengembangan.objects.bulk_update(update, UPDATE_FIELDS, batch_size=5000)
        history_bulk(KegiatanPengembangan, update, history_type="~", user=self.user, reason=reason)
        rekap_hitung_ulang(pasangan)
        report.baru, report.diperbarui = len(create), len(update)


def _kegiatan_ada(keys: dict) -> dict[tuple[int, str, object], int]:
    """The ledger rows with the file's keys (employee, name, start date) -> id: read per chunk of the file's
    employees, streamed, keeping only the matches."""
    pegawai_ids = sorted({k[0] for k in keys})
    ada: dict[tuple[int, str, object], int] = {}
    for start in range(0, len(pegawai_ids), 5000):
        for pk, *key in (
            KegiatanPengembangan.objects.filter(pegawai_id__in=pegawai_ids[start : start + 5000])
            .values_list("id", "pegawai_id", "nama_pelatihan", "tanggal_mulai")
            .iterator(chunk_size=10000)
        ):
            if tuple(key) in keys:
                ada[tuple(key)] = pk
    return ada


def _sertifikat_terpakai(nomor: list[str]):
    """(number, id) of the ledger's rows (not rejected) carrying one of these certificate numbers."""
    for start in range(0, len(nomor), 10000):
        yield from (
            KegiatanPengembangan.objects.filter(nomor_sertifikat__in=nomor[start : start + 10000])
            .exclude(status=KegiatanPengembangan.Status.DITOLAK)
            .values_list("nomor_sertifikat", "id")
        )


def history_insert_select(model, ids: list[int], *, history_type: str, user, reason: str) -> None:
    """History rows for rows just written in bulk, copied from the table by the database itself."""
    if not ids:
        return
    history_model = model.history.model
    cols = [f.column for f in history_model.tracked_fields]
    quote = connection.ops.quote_name
    kolom = ", ".join(quote(c) for c in cols)
    sql = (
        f"INSERT INTO {quote(history_model._meta.db_table)} ({kolom}, history_date, history_type, "  # noqa: S608 - names are ours
        f"history_user_id, history_change_reason) SELECT {kolom}, %s, %s, %s, %s "
        f"FROM {quote(model._meta.db_table)} WHERE id = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), history_type, getattr(user, "pk", None), reason or None, ids])


def _angka(value: Decimal) -> Decimal | int:
    return int(value) if value == value.to_integral_value() else value.normalize()


def jp_rows(qs):
    """The `jp` export rows of an annotated selectors.pegawai_jp queryset (streamed)."""
    for p in qs.select_related("unit_kerja").order_by("opd__nama", "nama", "nip").iterator(chunk_size=2000):
        yield [
            p.nip,
            p.nama_lengkap,
            p.unit_kerja.kode,
            p.status_kepegawaian,
            _angka(p.jp_klasikal),
            _angka(p.jp_nonklasikal),
            _angka(p.jp_total),
            p.target_jp,
            "Y" if p.jp_total >= p.target_jp else "N",
        ]


def jp_export_rows(user, tahun: int):
    """One row per active employee (in the user's scope; user None = every one) — one query."""
    return jp_rows(selectors.pegawai_jp(user, tahun))
