"""import_hukuman_disiplin (CONTRACT.md): disciplinary punishments (PP 94/2021), upsert by (nip, tmt, jenis).

Columns: nip*, tingkat* (ringan, sedang, berat), jenis* (the punishment as written in the SK), nomor_sk,
tmt*, tanggal_selesai (blank: in force until further notice). All-or-nothing; every problem reported as
`baris N, kolom X: pesan`. The TPP cut reads these records (penggajian.selectors.masukan_pegawai).
"""

from __future__ import annotations

import datetime as dt

from ..models import RiwayatHukumanDisiplin
from .base import ImportReport, RowContext, UpsertImporter, choices_of

COLUMNS = ["nip", "tingkat", "jenis", "nomor_sk", "tmt", "tanggal_selesai"]
FIELDS = ["tingkat", "nomor_sk", "tanggal_selesai"]  # what an upsert may change (the key stays)

Key = tuple[int, dt.date, str]


def normalise_jenis(text: str) -> str:
    """The key compares the punishment text with runs of whitespace collapsed (as typed from an SK)."""
    return " ".join(text.split())


class HukumanDisiplinImporter(UpsertImporter):
    label = "hukuman disiplin"
    columns = COLUMNS
    required = ["nip", "tingkat", "jenis", "tmt"]
    model = RiwayatHukumanDisiplin
    upsert_fields = FIELDS
    bulk_models = (RiwayatHukumanDisiplin,)

    def validate(self, table, report: ImportReport):
        pegawai, unit_of = self.nip_index()
        tingkat_choices = choices_of(RiwayatHukumanDisiplin.Tingkat)
        rows: dict[Key, dict] = {}
        seen: dict[Key, int] = {}
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            values = {
                "tingkat": ctx.choice("tingkat", tingkat_choices, required=True),
                "jenis": normalise_jenis(ctx.text("jenis", required=True, max_length=200)),
                "nomor_sk": ctx.text("nomor_sk", max_length=100),
                "tmt": ctx.date("tmt", required=True),
                "tanggal_selesai": ctx.date("tanggal_selesai"),
            }
            pegawai_id = pegawai.get(nip)
            if nip and pegawai_id is None:
                ctx.error("nip", f"tidak ada pegawai dengan NIP {nip}; impor pegawai dulu.")
            elif nip and self.allowed_unit_ids is not None and unit_of.get(nip) not in self.allowed_unit_ids:
                ctx.error("nip", f"pegawai {nip} di luar cakupan Anda.")
            tmt, selesai = values["tmt"], values["tanggal_selesai"]
            if tmt and selesai and selesai < tmt:
                ctx.error("tanggal_selesai", f"{selesai:%Y-%m-%d} sebelum TMT {tmt:%Y-%m-%d}.")
            if pegawai_id and tmt and values["jenis"]:
                key = (pegawai_id, tmt, values["jenis"])
                if key in seen:
                    ctx.error(
                        "jenis",
                        f"hukuman '{values['jenis']}' NIP {nip} TMT {tmt:%Y-%m-%d} sudah ada di baris {seen[key]}.",
                    )
                else:
                    seen[key] = number
            if ctx.failed:
                continue
            rows[(pegawai_id, tmt, values["jenis"])] = {"nip": nip, **values}
        if report.errors:
            return None
        existing: dict[Key, RiwayatHukumanDisiplin] = {}
        for obj in RiwayatHukumanDisiplin.objects.filter(pegawai_id__in={k[0] for k in rows}):
            existing[(obj.pegawai_id, obj.tmt, normalise_jenis(obj.jenis))] = obj
        return self.plan(rows, existing, report)

    def new_object(self, key: Key, values: dict) -> RiwayatHukumanDisiplin:
        return RiwayatHukumanDisiplin(
            pegawai_id=key[0], jenis=values["jenis"], tmt=values["tmt"], **{f: values[f] for f in FIELDS}
        )

    def preview(self, key: Key, values: dict, baru: bool) -> dict:
        selesai = values["tanggal_selesai"]
        return {
            "nip": values["nip"],
            "tingkat": values["tingkat"],
            "jenis": values["jenis"],
            "tmt": values["tmt"].isoformat(),
            "tanggal_selesai": selesai.isoformat() if selesai else "sampai ada keputusan lain",
            "baru": baru,
        }
