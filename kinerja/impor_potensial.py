"""import_potensial: potential assessment scores (0–100) for the 9-box grid (PermenPANRB 3/2020).

Upsert by (nip, tanggal): importing the same file twice changes nothing. All-or-nothing: every bad row is
reported as `baris N, kolom X: pesan`. A row without `berlaku_sampai` is valid for three years from the
assessment, the validity of a competency assessment result (Peraturan BKN 26/2019 Pasal 29 ayat (4)).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from core.dates import add_months, format_tanggal
from pegawai.impor.base import Importer, ImportReport, RowContext, history_bulk, nip_unknown_message
from pegawai.models import Pegawai

from .models import PenilaianPotensial

COLUMNS = ["nip", "tanggal", "skor", "berlaku_sampai", "keterangan"]
REQUIRED = ["nip", "tanggal", "skor"]
MASA_BERLAKU_BULAN = 36  # Peraturan BKN 26/2019 Pasal 29 ayat (4): berlaku selama 3 tahun
SKOR_MAKS = Decimal(100)


def berlaku_sampai_default(tanggal: dt.date) -> dt.date:
    """The last day of the three years a potential/competency assessment stays valid."""
    return add_months(tanggal, MASA_BERLAKU_BULAN) - dt.timedelta(days=1)


def _skor(ctx: RowContext) -> Decimal | None:
    """A score 0–100 with at most two decimals; a decimal comma is accepted (78,5)."""
    value = ctx.text("skor", required=True)
    if not value:
        return None
    try:
        skor = Decimal(value.replace(",", "."))
    except InvalidOperation:
        ctx.error("skor", f"'{value}' bukan angka.")
        return None
    if not skor.is_finite() or not Decimal(0) <= skor <= SKOR_MAKS:
        ctx.error("skor", "harus antara 0 dan 100.")
        return None
    if skor != skor.quantize(Decimal("0.01")):
        ctx.error("skor", "paling banyak dua angka di belakang koma.")
        return None
    return skor.quantize(Decimal("0.01"))


class PotensialImporter(Importer):
    label = "penilaian potensial"
    columns = COLUMNS
    required = REQUIRED
    bulk_models = (PenilaianPotensial,)

    def validate(self, table, report: ImportReport):
        pegawai = {
            nip: (pid, unit_id, nama)
            for nip, pid, unit_id, nama in Pegawai.objects.values_list("nip", "id", "unit_kerja_id", "nama")
        }
        seen: dict[tuple[str, dt.date], int] = {}
        rows = []
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            tanggal = ctx.date("tanggal", required=True)
            skor = _skor(ctx)
            berlaku_sampai = ctx.date("berlaku_sampai")
            keterangan = ctx.text("keterangan", max_length=200)
            info = pegawai.get(nip)
            if info and self.allowed_unit_ids is not None and info[1] not in self.allowed_unit_ids:
                info = None  # outside the scope reads exactly like a NIP that does not exist
            if nip and info is None:
                ctx.error("nip", nip_unknown_message(nip, scoped=self.allowed_unit_ids is not None))
            if tanggal and berlaku_sampai and berlaku_sampai < tanggal:
                ctx.error(
                    "berlaku_sampai", f"tidak boleh sebelum tanggal asesmen ({format_tanggal(tanggal)})."
                )
            if nip and tanggal:
                key = (nip, tanggal)
                if key in seen:
                    ctx.error(
                        "tanggal",
                        f"NIP {nip} tanggal {format_tanggal(tanggal)} sudah ada di baris {seen[key]}.",
                    )
                else:
                    seen[key] = number
            if ctx.failed:
                continue
            rows.append(
                (nip, info, tanggal, skor, berlaku_sampai or berlaku_sampai_default(tanggal), keterangan)
            )
        if report.errors:
            return None
        existing: dict[tuple[int, dt.date], PenilaianPotensial] = {
            (p.pegawai_id, p.tanggal): p  # the latest row of a day wins (ordered by id)
            for p in PenilaianPotensial.objects.filter(pegawai_id__in={r[1][0] for r in rows}).order_by("id")
        }
        create, update = [], []
        unchanged = 0
        now = timezone.now()
        for nip, (pid, _unit, nama), tanggal, skor, berlaku_sampai, keterangan in rows:
            obj = existing.get((pid, tanggal))
            if obj is not None and (obj.skor, obj.berlaku_sampai, obj.sumber) == (
                skor,
                berlaku_sampai,
                keterangan,
            ):
                unchanged += 1
            else:
                target = obj or PenilaianPotensial(pegawai_id=pid, tanggal=tanggal)
                target.skor = skor
                target.berlaku_sampai = berlaku_sampai
                target.sumber = keterangan
                target.dicatat_oleh = self.user
                target.diubah = now
                (update if obj is not None else create).append(target)
            if len(report.contoh) < 10:
                report.contoh.append(
                    {
                        "nip": nip,
                        "nama": nama,
                        "tanggal": format_tanggal(tanggal),
                        "skor": skor,
                        "berlaku sampai": format_tanggal(berlaku_sampai),
                        "baru": obj is None,
                    }
                )
        report.baru = len(create)
        report.diperbarui = len(update) + unchanged
        return create, update, unchanged

    def write(self, state, report: ImportReport, *, reason: str) -> None:
        create, update, unchanged = state
        PenilaianPotensial.objects.bulk_create(create, batch_size=5000)
        PenilaianPotensial.objects.bulk_update(
            update, ["skor", "berlaku_sampai", "sumber", "dicatat_oleh", "diubah"], batch_size=5000
        )
        history_bulk(PenilaianPotensial, create, history_type="+", user=self.user, reason=reason)
        history_bulk(PenilaianPotensial, update, history_type="~", user=self.user, reason=reason)
        report.baru, report.diperbarui, report.tidak_berubah = len(create), len(update), unchanged
