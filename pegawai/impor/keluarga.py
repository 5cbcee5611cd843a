"""import_keluarga: replaces the whole family list of every NIP in the file."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from ..models import Keluarga, Pegawai
from .base import ImportReport, RowContext, choices_of, history_bulk, missing_columns, read_table

COLUMNS = ["nip", "hubungan", "nama", "tanggal_lahir", "dapat_tunjangan"]


class KeluargaImporter:
    label = "keluarga"
    columns = COLUMNS
    required = ["nip", "hubungan", "nama", "dapat_tunjangan"]

    def __init__(self, *, user=None, units=None) -> None:
        self.user = user
        self.allowed_unit_ids = None if units is None else set(units.values_list("id", flat=True))

    def run(
        self, source, *, filename: str, dry_run: bool = False, max_bytes: int | None = None
    ) -> ImportReport:
        table = read_table(source, filename=filename, max_bytes=max_bytes)
        report = ImportReport(errors=missing_columns(table, self.required))
        if report.errors:
            return report
        pegawai = dict(Pegawai.objects.values_list("nip", "id"))
        unit_of = (
            dict(Pegawai.objects.values_list("nip", "unit_kerja_id"))
            if self.allowed_unit_ids is not None
            else {}
        )
        hubungan = choices_of(Keluarga.Hubungan)
        members: dict[int, list[Keluarga]] = defaultdict(list)
        spouses: dict[int, int] = defaultdict(int)
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            values = {
                "hubungan": ctx.choice("hubungan", hubungan, required=True),
                "nama": ctx.text("nama", required=True, max_length=150),
                "tanggal_lahir": ctx.date("tanggal_lahir"),
                "dapat_tunjangan": ctx.yes_no("dapat_tunjangan", required=True),
            }
            pegawai_id = pegawai.get(nip)
            if nip and pegawai_id is None:
                ctx.error("nip", f"tidak ada pegawai dengan NIP {nip}; impor pegawai dulu.")
            elif nip and self.allowed_unit_ids is not None and unit_of.get(nip) not in self.allowed_unit_ids:
                ctx.error("nip", f"pegawai {nip} di luar cakupan Anda.")
            if pegawai_id and values["hubungan"] in ("suami", "istri") and values["dapat_tunjangan"]:
                spouses[pegawai_id] += 1
                if spouses[pegawai_id] > 1:
                    ctx.error(
                        "dapat_tunjangan", "tunjangan suami/istri hanya untuk satu pasangan per pegawai."
                    )
            if ctx.failed:
                continue
            members[pegawai_id].append(Keluarga(pegawai_id=pegawai_id, **values))
        report.jumlah_baris = table.count
        if report.errors:
            report.errors.sort(key=lambda e: (e.baris, e.kolom))
            return report
        nip_of = {v: k for k, v in pegawai.items()}
        report.contoh = [
            {"nip": nip_of[m.pegawai_id], "nama": m.nama, "hubungan": m.hubungan, "baru": True}
            for group in list(members.values())[:5]
            for m in group
        ][:10]
        report.baru = sum(len(group) for group in members.values())
        report.diperbarui = len(members)
        if not dry_run:
            self._write(members, report, filename)
        return report

    @transaction.atomic
    def _write(self, members: dict[int, list[Keluarga]], report: ImportReport, filename: str) -> None:
        reason = f"Impor berkas {filename}"
        old = list(Keluarga.objects.filter(pegawai_id__in=list(members)))
        history_bulk(Keluarga, old, history_type="-", user=self.user, reason=reason)
        Keluarga.objects.filter(pk__in=[k.pk for k in old]).delete()
        new = [m for group in members.values() for m in group]
        Keluarga.objects.bulk_create(new, batch_size=5000)
        history_bulk(Keluarga, new, history_type="+", user=self.user, reason=reason)
        report.baru = len(new)
        report.diperbarui = len(members)
        report.ditulis = True
