"""import_penghasilan_setahun (CONTRACT.md): the pay of January–November months paid before the system was
in use, for the December PPh 21 of a mid-year start; upsert by (nip, tahun, bulan, jenis).

Columns: nip*, tahun*, bulan* (1–11), jenis* (induk, tpp), bruto* (gross taxable income of that month),
iuran_pensiun (the employee's deductible pension contribution), pph21* (withheld). Money in whole rupiah,
digits only. A month whose run of that kind is locked in the system is refused: its pay is already known.
All-or-nothing; every problem reported as `baris N, kolom X: pesan`.
"""

from __future__ import annotations

from decimal import Decimal

from pegawai.impor.base import ImportReport, RowContext, UpsertImporter, choices_of

from .models import PenghasilanLuarSistem, RunGaji, bulan_label

COLUMNS = ["nip", "tahun", "bulan", "jenis", "bruto", "iuran_pensiun", "pph21"]
FIELDS = ["bruto", "iuran_pensiun", "pph21"]
RUN_JENIS = {
    PenghasilanLuarSistem.Jenis.INDUK: RunGaji.Jenis.INDUK,
    PenghasilanLuarSistem.Jenis.TPP: RunGaji.Jenis.TPP,
}


def _rupiah(ctx: RowContext, kolom: str, *, required: bool = False) -> Decimal | None:
    value = ctx.text(kolom, required=required)
    if not value:
        return None
    if not value.isdigit():
        ctx.error(kolom, f"'{value}' bukan jumlah rupiah; tulis angka bulat tanpa titik, koma atau Rp.")
        return None
    if len(value) > 13:
        ctx.error(kolom, f"'{value}' terlalu besar.")
        return None
    return Decimal(value)


class PenghasilanSetahunImporter(UpsertImporter):
    label = "penghasilan setahun"
    columns = COLUMNS
    required = ["nip", "tahun", "bulan", "jenis", "bruto", "pph21"]
    model = PenghasilanLuarSistem
    upsert_fields = FIELDS
    bulk_models = (PenghasilanLuarSistem,)

    def validate(self, table, report: ImportReport):
        pegawai, unit = self.nip_index()
        terkunci = set(
            RunGaji.objects.filter(
                status=RunGaji.Status.DIKUNCI, jenis__in=list(RUN_JENIS.values())
            ).values_list("tahun", "bulan", "jenis")
        )
        jenis_choices = choices_of(PenghasilanLuarSistem.Jenis)
        seen: dict[tuple, int] = {}
        rows: dict[tuple, dict] = {}
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            tahun = ctx.integer("tahun", required=True, minimum=2000, maximum=2100)
            bulan = ctx.integer("bulan", required=True, minimum=1, maximum=12)
            if bulan == 12:
                ctx.error("bulan", "Desember tidak diimpor: PPh 21 setahunnya dihitung oleh run Desember.")
                bulan = None
            jenis = ctx.choice("jenis", jenis_choices, required=True)
            bruto = _rupiah(ctx, "bruto", required=True)
            iuran = _rupiah(ctx, "iuran_pensiun")
            pph = _rupiah(ctx, "pph21", required=True)
            pid = pegawai.get(nip)
            if nip and pid is None:
                ctx.error("nip", f"tidak ada pegawai dengan NIP {nip}.")
            elif pid and self.allowed_unit_ids is not None and unit.get(nip) not in self.allowed_unit_ids:
                ctx.error("nip", f"pegawai {nip} di luar cakupan Anda.")
            if jenis == PenghasilanLuarSistem.Jenis.TPP and iuran:
                ctx.error(
                    "iuran_pensiun",
                    "iuran pensiun dipotong dari gaji induk, bukan TPP; kosongkan atau isi 0.",
                )
            elif bruto is not None and iuran is not None and iuran > bruto:
                ctx.error("iuran_pensiun", "melebihi bruto bulan itu.")
            if bruto is not None and pph is not None and pph > bruto:
                ctx.error("pph21", "melebihi bruto bulan itu.")
            if tahun and bulan and jenis and (tahun, bulan, RUN_JENIS[jenis]) in terkunci:
                ctx.error(
                    "bulan",
                    f"run {RunGaji.Jenis(RUN_JENIS[jenis]).label} {bulan_label(tahun, bulan)} sudah dikunci di "
                    "sistem: penghasilan bulan itu diambil dari run tersebut, tidak diimpor.",
                )
            key = (pid, tahun, bulan, jenis)
            if pid and tahun and bulan and jenis:
                if key in seen:
                    ctx.error(
                        "nip", f"NIP {nip} {jenis} bulan {bulan:02d}-{tahun} sudah ada di baris {seen[key]}."
                    )
                else:
                    seen[key] = number
            if ctx.failed:
                continue
            rows[key] = {"nip": nip, "bruto": bruto, "iuran_pensiun": iuran or Decimal(0), "pph21": pph}
        if report.errors:
            return None
        existing = {}
        for tahun in {k[1] for k in rows}:
            for obj in PenghasilanLuarSistem.objects.filter(
                tahun=tahun, pegawai_id__in={k[0] for k in rows if k[1] == tahun}
            ):
                existing[(obj.pegawai_id, obj.tahun, obj.bulan, obj.jenis)] = obj
        return self.plan(rows, existing, report)

    def new_object(self, key: tuple, values: dict) -> PenghasilanLuarSistem:
        pid, tahun, bulan, jenis = key
        return PenghasilanLuarSistem(
            pegawai_id=pid, tahun=tahun, bulan=bulan, jenis=jenis, **{f: values[f] for f in FIELDS}
        )

    def preview(self, key: tuple, values: dict, baru: bool) -> dict:
        return {
            "nip": values["nip"],
            "bulan": bulan_label(key[1], key[2]),
            "jenis": key[3],
            "bruto": int(values["bruto"]),
            "iuran_pensiun": int(values["iuran_pensiun"]),
            "pph21": int(values["pph21"]),
            "baru": baru,
        }
