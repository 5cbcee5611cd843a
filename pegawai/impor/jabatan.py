"""import_jabatan: positions with their ABK need and requirements, upsert by (kode_unit, nama).

A column left out of the file keeps the stored value; a column present but blank clears an optional
requirement (blank syarat_jurusan: any field accepted). A blank `kebutuhan` keeps the stored need (1 for a
new position). A position whose need is computed from its ABK task rows refuses a different `kebutuhan`:
the rows decide (delete them first to set it by hand or by file).
"""

from __future__ import annotations

from ..models import Golongan, Jabatan, Pendidikan, UnitKerja, UraianTugasJabatan
from ..services import atasan_recompute
from .base import Importer, ImportReport, RowContext, choices_of, history_bulk

JABATAN_COLUMNS = [
    "kode_unit",
    "nama",
    "jenis_jabatan",
    "eselon",
    "jenjang_fungsional",
    "kelas_jabatan",
    "kebutuhan",
    "syarat_pendidikan",
    "syarat_jurusan",
    "syarat_golongan",
    "kompetensi",
]
REQUIRED = ["kode_unit", "nama", "jenis_jabatan"]
FIELDS = [
    "jenis",
    "eselon",
    "jenjang_fungsional",
    "kelas_jabatan",
    "kebutuhan",
    "sumber_kebutuhan",
    "syarat_pendidikan",
    "syarat_jurusan",
    "syarat_golongan_id",
    "kompetensi",
]
PENDIDIKAN = choices_of(Pendidikan, ("sma/smk", "SMA"), ("smk", "SMA"), ("d-iii", "D3"), ("d-iv", "D4"))


class JabatanImporter(Importer):
    label = "jabatan"
    columns = JABATAN_COLUMNS
    required = REQUIRED
    bulk_models = (Jabatan,)

    def validate(self, table, report: ImportReport):
        units = {u.kode: u for u in UnitKerja.objects.only("id", "kode", "nama")}
        golongan = {g.kode.upper(): g for g in Golongan.objects.all()}
        existing = {(j.unit_kerja_id, j.nama.lower()): j for j in Jabatan.objects.all()}
        dengan_abk = set(UraianTugasJabatan.objects.values_list("jabatan_id", flat=True).distinct())
        jenis_choices = choices_of(Jabatan.Jenis)
        eselon_choices = choices_of(Jabatan.Eselon)
        jenjang_choices = choices_of(Jabatan.Jenjang)
        ada = set(table.index)
        seen: dict[tuple[int, str], int] = {}
        plans = []
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            kode_unit = ctx.text("kode_unit", required=True)
            nama = ctx.text("nama", required=True, max_length=200)
            unit = units.get(kode_unit)
            if kode_unit and unit is None:
                ctx.error(
                    "kode_unit", f"unit kerja dengan kode '{kode_unit}' tidak ada; impor unit kerja dulu."
                )
            elif (
                unit is not None
                and self.allowed_unit_ids is not None
                and unit.id not in self.allowed_unit_ids
            ):
                ctx.error("kode_unit", f"unit kerja '{kode_unit}' di luar cakupan Anda.")
            key = (unit.id, nama.lower()) if unit is not None else None
            current = existing.get(key) if key else None
            if key and nama:
                if key in seen:
                    ctx.error(
                        "nama",
                        f"jabatan {nama} di unit {kode_unit} sudah ada di baris {seen[key]} berkas ini.",
                    )
                else:
                    seen[key] = number

            def nilai(kolom: str, parsed, bawaan):
                return parsed if kolom in ada else bawaan

            values = {
                "jenis": ctx.choice("jenis_jabatan", jenis_choices, required=True),
                "eselon": nilai(
                    "eselon", ctx.choice("eselon", eselon_choices), getattr(current, "eselon", "")
                ),
                "jenjang_fungsional": nilai(
                    "jenjang_fungsional",
                    ctx.choice("jenjang_fungsional", jenjang_choices),
                    getattr(current, "jenjang_fungsional", ""),
                ),
                "kelas_jabatan": nilai(
                    "kelas_jabatan",
                    ctx.integer("kelas_jabatan", minimum=1, maximum=17),
                    getattr(current, "kelas_jabatan", None),
                ),
                "syarat_pendidikan": nilai(
                    "syarat_pendidikan",
                    ctx.choice("syarat_pendidikan", PENDIDIKAN),
                    getattr(current, "syarat_pendidikan", ""),
                ),
                "syarat_jurusan": nilai(
                    "syarat_jurusan",
                    ctx.text("syarat_jurusan", max_length=500),
                    getattr(current, "syarat_jurusan", ""),
                ),
                "kompetensi": nilai(
                    "kompetensi", ctx.text("kompetensi", max_length=500), getattr(current, "kompetensi", "")
                ),
            }
            kode_gol = ctx.text("syarat_golongan")
            gol = golongan.get(kode_gol.upper()) if kode_gol else None
            if kode_gol and gol is None:
                ctx.error(
                    "syarat_golongan",
                    f"golongan '{kode_gol}' tidak dikenal (contoh: II/c untuk PNS, IX untuk PPPK).",
                )
            values["syarat_golongan_id"] = nilai(
                "syarat_golongan", gol.id if gol else None, getattr(current, "syarat_golongan_id", None)
            )
            kebutuhan = ctx.integer("kebutuhan", minimum=0, maximum=100_000)
            if kebutuhan is None:
                values["kebutuhan"] = current.kebutuhan if current else 1
                values["sumber_kebutuhan"] = (
                    current.sumber_kebutuhan if current else Jabatan.SumberKebutuhan.ISIAN
                )
            elif current is not None and current.kebutuhan == kebutuhan:
                values["kebutuhan"], values["sumber_kebutuhan"] = kebutuhan, current.sumber_kebutuhan
            elif current is not None and current.pk in dengan_abk:
                ctx.error(
                    "kebutuhan",
                    f"kebutuhan jabatan ini dihitung dari uraian tugas (ABK) = {current.kebutuhan}; "
                    "kosongkan kolom ini atau hapus dulu uraian tugasnya.",
                )
            else:
                values["kebutuhan"], values["sumber_kebutuhan"] = kebutuhan, Jabatan.SumberKebutuhan.IMPOR
            if values["jenis"] in Jabatan.STRUKTURAL and not values["eselon"]:
                ctx.error("eselon", "wajib diisi untuk jabatan struktural (jpt, administrator, pengawas).")
            if values["jenis"] == Jabatan.Jenis.FUNGSIONAL and not values["jenjang_fungsional"]:
                ctx.error("jenjang_fungsional", "wajib diisi untuk jabatan fungsional.")
            if ctx.failed:
                continue
            plans.append({"baris": number, "unit": unit, "nama": nama, "values": values, "existing": current})
        report.contoh = [
            {
                "kode": p["unit"].kode,
                "nama": p["nama"],
                "unit": p["unit"].nama,
                "kebutuhan": p["values"]["kebutuhan"],
                "baru": p["existing"] is None,
            }
            for p in plans[:10]
        ]
        report.baru = sum(1 for p in plans if p["existing"] is None)
        report.diperbarui = len(plans) - report.baru
        return plans

    def write(self, plans, report: ImportReport, *, reason: str) -> None:
        created, updated = [], []
        for plan in plans:
            values = plan["values"]
            current = plan["existing"]
            if current is None:
                created.append(
                    Jabatan(
                        unit_kerja_id=plan["unit"].id,
                        nama=plan["nama"],
                        is_kepala=values["jenis"] in Jabatan.STRUKTURAL,
                        **values,
                    )
                )
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                updated.append(current)
        Jabatan.objects.bulk_create(created, batch_size=2000)
        if updated:
            Jabatan.objects.bulk_update(updated, FIELDS, batch_size=2000)
        history_bulk(Jabatan, created, history_type="+", user=self.user, reason=reason)
        history_bulk(Jabatan, updated, history_type="~", user=self.user, reason=reason)
        if created:
            atasan_recompute()
        report.baru, report.diperbarui = len(created), len(updated)
        report.tidak_berubah = len(plans) - len(created) - len(updated)
