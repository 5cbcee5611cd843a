"""import_unit_kerja: upsert by kode; parents may come after children in the file."""

from __future__ import annotations

from django.db import connection

from ..models import Pegawai, UnitKerja
from .base import Importer, ImportReport, RowContext, RowError, choices_of, history_bulk

COLUMNS = ["kode", "nama", "kode_induk", "jenis"]


class UnitKerjaImporter(Importer):
    label = "unit kerja"
    columns = COLUMNS
    required = ["kode", "nama", "jenis"]
    bulk_models = (UnitKerja,)

    def validate(self, table, report: ImportReport):
        existing = {u.kode: u for u in UnitKerja.objects.all()}
        jenis_choices = choices_of(UnitKerja.Jenis)
        rows: dict[str, dict] = {}
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            kode = ctx.text("kode", required=True, max_length=30)
            values = {
                "nama": ctx.text("nama", required=True, max_length=200),
                "jenis": ctx.choice("jenis", jenis_choices, required=True),
                "kode_induk": ctx.text("kode_induk"),
            }
            if kode in rows:
                ctx.error("kode", f"kode {kode} sudah ada di baris {rows[kode]['baris']} berkas ini.")
            if values["jenis"] == UnitKerja.Jenis.OPD and values["kode_induk"]:
                ctx.error("kode_induk", "OPD tidak boleh memiliki unit induk; kosongkan.")
            if values["jenis"] and values["jenis"] != UnitKerja.Jenis.OPD and not values["kode_induk"]:
                ctx.error("kode_induk", "wajib diisi untuk unit selain OPD.")
            if values["kode_induk"] and values["kode_induk"] == kode:
                ctx.error("kode_induk", "unit tidak boleh menjadi induk dirinya sendiri.")
            if not ctx.failed:
                rows[kode] = {"baris": number, **values}
        # Parents: in the file or already stored; no cycles.
        parent_of = {k: u.induk.kode if u.induk_id else "" for k, u in _with_parents(existing).items()}
        parent_of.update({k: v["kode_induk"] for k, v in rows.items()})
        for kode, values in rows.items():
            induk = values["kode_induk"]
            if induk and induk not in parent_of:
                report.errors.append(
                    RowError(
                        values["baris"],
                        "kode_induk",
                        f"unit induk '{induk}' tidak ada di berkas maupun di data.",
                    )
                )
                continue
            seen, cursor = {kode}, induk
            while cursor:
                if cursor in seen:
                    report.errors.append(
                        RowError(values["baris"], "kode_induk", "susunan induk membentuk lingkaran.")
                    )
                    break
                seen.add(cursor)
                cursor = parent_of.get(cursor, "")
        report.contoh = [
            {
                "kode": k,
                "nama": v["nama"],
                "jenis": v["jenis"],
                "induk": v["kode_induk"],
                "baru": k not in existing,
            }
            for k, v in list(rows.items())[:10]
        ]
        if report.errors:
            return None
        report.baru = sum(1 for k in rows if k not in existing)
        report.diperbarui = len(rows) - report.baru
        return rows, existing, parent_of

    def write(self, state, report: ImportReport, *, reason: str) -> None:
        rows, existing, parent_of = state

        def depth(kode: str) -> int:
            d, cursor = 0, parent_of.get(kode, "")
            while cursor:
                d, cursor = d + 1, parent_of.get(cursor, "")
            return d

        created, updated = [], []
        for kode in sorted(rows, key=depth):
            values = rows[kode]
            unit = existing.get(kode)
            before = None if unit is None else (unit.nama, unit.jenis, unit.induk_id)
            if unit is None:
                unit = UnitKerja(kode=kode)
            unit.nama, unit.jenis = values["nama"], values["jenis"]
            unit.induk_id = existing[values["kode_induk"]].id if values["kode_induk"] else None
            unit.path = unit.path or kode
            if before is None:
                unit.save()
                existing[kode] = unit
                created.append(unit)
            elif before != (unit.nama, unit.jenis, unit.induk_id):
                unit.save(update_fields=["nama", "jenis", "induk"])
                updated.append(unit)
        unit_kerja_rebuild_tree()
        history_bulk(
            UnitKerja,
            list(UnitKerja.objects.filter(pk__in=[u.pk for u in created])),
            history_type="+",
            user=self.user,
            reason=reason,
        )
        history_bulk(
            UnitKerja,
            list(UnitKerja.objects.filter(pk__in=[u.pk for u in updated])),
            history_type="~",
            user=self.user,
            reason=reason,
        )
        report.baru, report.diperbarui = len(created), len(updated)
        report.tidak_berubah = len(rows) - len(created) - len(updated)


def _with_parents(existing: dict[str, UnitKerja]) -> dict[str, UnitKerja]:
    by_id = {u.id: u for u in existing.values()}
    for unit in existing.values():
        unit.induk = by_id.get(unit.induk_id)
    return existing


def unit_kerja_rebuild_tree() -> None:
    """Recompute path, depth and OPD of every unit, then the denormalised OPD of every employee."""
    units = list(UnitKerja.objects.all())
    by_id = {u.id: u for u in units}
    changed = []
    for unit in units:
        chain, cursor = [], unit
        while cursor is not None and len(chain) < 50:
            chain.append(cursor)
            cursor = by_id.get(cursor.induk_id)
        chain.reverse()
        path = "/".join(u.kode for u in chain)
        values = (path, len(chain) - 1, chain[0].id)
        if (unit.path, unit.kedalaman, unit.opd_id) != values:
            unit.path, unit.kedalaman, unit.opd_id = values
            changed.append(unit)
    UnitKerja.objects.bulk_update(changed, ["path", "kedalaman", "opd"], batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Pegawai._meta.db_table} AS p SET opd_id = u.opd_id FROM {UnitKerja._meta.db_table} AS u "  # noqa: S608
            "WHERE p.unit_kerja_id = u.id AND p.opd_id IS DISTINCT FROM u.opd_id"
        )


def unit_kerja_export_rows(queryset):
    for unit in queryset.select_related("induk").order_by("path"):
        yield [unit.kode, unit.nama, unit.induk.kode if unit.induk_id else "", unit.jenis]
