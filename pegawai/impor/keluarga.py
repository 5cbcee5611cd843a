"""import_keluarga: replaces the whole family list of every NIP in the file."""

from __future__ import annotations

from collections import defaultdict

from ..models import Keluarga, Pegawai
from .base import Importer, ImportReport, RowContext, choices_of, history_bulk, nip_unknown_message

COLUMNS = ["nip", "hubungan", "nama", "tanggal_lahir", "dapat_tunjangan"]


class KeluargaImporter(Importer):
    label = "keluarga"
    columns = COLUMNS
    required = ["nip", "hubungan", "nama", "dapat_tunjangan"]
    bulk_models = (Keluarga,)

    def validate(self, table, report: ImportReport):
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
            scoped = self.allowed_unit_ids is not None
            if pegawai_id and scoped and unit_of.get(nip) not in self.allowed_unit_ids:
                pegawai_id = None  # outside the scope reads exactly like a NIP that does not exist
            if nip and pegawai_id is None:
                pesan = f"tidak ada pegawai dengan NIP {nip}; impor pegawai dulu."
                ctx.error("nip", nip_unknown_message(nip, scoped=True) if scoped else pesan)
            if pegawai_id and values["hubungan"] in ("suami", "istri") and values["dapat_tunjangan"]:
                spouses[pegawai_id] += 1
                if spouses[pegawai_id] > 1:
                    ctx.error(
                        "dapat_tunjangan", "tunjangan suami/istri hanya untuk satu pasangan per pegawai."
                    )
            if ctx.failed:
                continue
            members[pegawai_id].append(Keluarga(pegawai_id=pegawai_id, **values))
        if report.errors:
            return None
        nip_of = {v: k for k, v in pegawai.items()}
        report.contoh = [
            {"nip": nip_of[m.pegawai_id], "nama": m.nama, "hubungan": m.hubungan, "baru": True}
            for group in list(members.values())[:5]
            for m in group
        ][:10]
        report.baru = sum(len(group) for group in members.values())
        report.diperbarui = len(members)
        return members

    def write(self, members: dict[int, list[Keluarga]], report: ImportReport, *, reason: str) -> None:
        old = list(Keluarga.objects.filter(pegawai_id__in=list(members)))
        history_bulk(Keluarga, old, history_type="-", user=self.user, reason=reason)
        Keluarga.objects.filter(pk__in=[k.pk for k in old]).delete()
        new = [m for group in members.values() for m in group]
        Keluarga.objects.bulk_create(new, batch_size=5000)
        history_bulk(Keluarga, new, history_type="+", user=self.user, reason=reason)
        report.baru = len(new)
        report.diperbarui = len(members)
