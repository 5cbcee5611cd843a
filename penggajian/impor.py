"""import_kehadiran (CONTRACT.md): monthly discipline recaps, upsert by (nip, tahun, bulan).

Columns: nip*, tahun*, bulan*, hari_kerja, tanpa_keterangan, and one count column per deduction code of
the TPP rule in force for that month (TL1 … TL4, PSW1 … PSW4, APEL in the example rule). All-or-nothing;
every problem reported as `baris N, kolom X: pesan`.
"""

from __future__ import annotations

from django.utils import timezone

from pegawai.impor.base import Importer, ImportReport, RowContext, RowError, history_bulk, nip_unknown_message
from pegawai.models import Pegawai

from . import selectors
from .models import AturanTpp, KodePotonganTpp, RekapKehadiran

DASAR = ["nip", "tahun", "bulan", "hari_kerja", "tanpa_keterangan"]


def semua_kode() -> list[str]:
    """Deduction codes of every TPP rule in force (any month), in a stable order."""
    return sorted(
        set(
            KodePotonganTpp.objects.filter(aturan__status=AturanTpp.Status.BERLAKU).values_list(
                "kode", flat=True
            )
        )
    )


class KehadiranImporter(Importer):
    label = "kehadiran"
    required = ["nip", "tahun", "bulan"]
    bulk_models = (RekapKehadiran,)

    # The template's header: the base columns and the codes of the example rule (tpp_aturan_contoh.csv);
    # a region's own rule may have other codes, which the file then carries as columns.
    columns = [*DASAR, "TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "APEL"]

    def validate(self, table, report: ImportReport):
        dikenal = set(DASAR) | {k.lower() for k in semua_kode()}
        for kolom in table.header:
            if kolom and kolom not in dikenal:
                report.errors.append(
                    RowError(
                        1, kolom, "kolom tidak dikenal: bukan kolom dasar dan bukan kode potongan aturan TPP."
                    )
                )
        if report.errors:
            return None
        kode_kolom = [k for k in table.header if k and k not in DASAR]
        pegawai = dict(Pegawai.objects.values_list("nip", "id"))
        unit = (
            dict(Pegawai.objects.values_list("nip", "unit_kerja_id"))
            if self.allowed_unit_ids is not None
            else {}
        )
        kode_bulan: dict[tuple[int, int], set[str] | None] = {}
        seen: dict[tuple[str, int, int], int] = {}
        rows = []
        for number, row in table.rows:
            ctx = RowContext(table, number, row, report.errors)
            nip = ctx.text("nip", required=True).replace(" ", "")
            tahun = ctx.integer("tahun", required=True, minimum=2000, maximum=2100)
            bulan = ctx.integer("bulan", required=True, minimum=1, maximum=12)
            hari_kerja = ctx.integer("hari_kerja", minimum=0, maximum=31)
            tk = ctx.integer("tanpa_keterangan", minimum=0, maximum=31)
            pid = pegawai.get(nip)
            if pid and self.allowed_unit_ids is not None and unit.get(nip) not in self.allowed_unit_ids:
                pid = None  # outside the scope reads exactly like a NIP that does not exist
            if nip and pid is None:
                ctx.error("nip", nip_unknown_message(nip, scoped=self.allowed_unit_ids is not None))
            if hari_kerja is not None and tk is not None and tk > hari_kerja:
                ctx.error("tanpa_keterangan", f"{tk} hari melebihi hari kerja ({hari_kerja}).")
            jumlah = {}
            if tahun and bulan:
                if (tahun, bulan) not in kode_bulan:
                    try:
                        aturan = selectors.aturan_tpp_model(tahun, bulan)
                        kode_bulan[(tahun, bulan)] = {
                            k.lower(): k for k in aturan.kode_potongan.values_list("kode", flat=True)
                        }
                    except selectors.AturanTidakAda:
                        kode_bulan[(tahun, bulan)] = None
                kode_aturan = kode_bulan[(tahun, bulan)]
                if kode_aturan is None:
                    ctx.error("bulan", f"belum ada aturan TPP yang berlaku untuk {bulan:02d}-{tahun}.")
                else:
                    for kolom in kode_kolom:
                        n = ctx.integer(kolom, minimum=0, maximum=999)
                        if not n:
                            continue
                        if kolom not in kode_aturan:
                            ctx.error(
                                kolom,
                                f"kode {kolom.upper()} tidak ada di aturan TPP yang berlaku {bulan:02d}-{tahun}.",
                            )
                        else:
                            jumlah[kode_aturan[kolom]] = n
            key = (nip, tahun, bulan)
            if nip and tahun and bulan:
                if key in seen:
                    ctx.error("nip", f"NIP {nip} bulan {bulan:02d}-{tahun} sudah ada di baris {seen[key]}.")
                else:
                    seen[key] = number
            if ctx.failed:
                continue
            if len(report.contoh) < 5:
                report.contoh.append(
                    {"nip": nip, "tahun": tahun, "bulan": bulan, "tanpa_keterangan": tk or 0, **jumlah}
                )
            rows.append((pid, tahun, bulan, hari_kerja or 0, tk or 0, jumlah))
        if report.errors:
            return None
        bulan_set = {(r[1], r[2]) for r in rows}
        existing = {}
        for tahun, bulan in bulan_set:
            for rekap in RekapKehadiran.objects.filter(
                tahun=tahun,
                bulan=bulan,
                pegawai_id__in=[r[0] for r in rows if (r[1], r[2]) == (tahun, bulan)],
            ):
                existing[(rekap.pegawai_id, rekap.tahun, rekap.bulan)] = rekap
        create, update = [], []
        now = timezone.now()
        for pid, tahun, bulan, hari_kerja, tk, jumlah in rows:
            obj = existing.get((pid, tahun, bulan))
            if obj is not None:
                if (obj.hari_kerja, obj.tanpa_keterangan, obj.jumlah) == (hari_kerja, tk, jumlah):
                    report.tidak_berubah += 1
                    continue
                obj.hari_kerja, obj.tanpa_keterangan, obj.jumlah, obj.diubah = hari_kerja, tk, jumlah, now
                update.append(obj)
            else:
                create.append(
                    RekapKehadiran(
                        pegawai_id=pid, tahun=tahun, bulan=bulan, hari_kerja=hari_kerja, tanpa_keterangan=tk,
                        jumlah=jumlah, dibuat=now, diubah=now,
                    )
                )  # fmt: skip
        report.baru, report.diperbarui = len(create), len(update)
        return create, update

    def write(self, state, report: ImportReport, *, reason: str) -> None:
        create, update = state
        RekapKehadiran.objects.bulk_create(create, batch_size=5000)
        RekapKehadiran.objects.bulk_update(
            update, ["hari_kerja", "tanpa_keterangan", "jumlah", "diubah"], batch_size=5000
        )
        history_bulk(RekapKehadiran, create, history_type="+", user=self.user, reason=reason)
        history_bulk(RekapKehadiran, update, history_type="~", user=self.user, reason=reason)


def kehadiran_export_rows(*, tahun: int, bulan: int, kode: list[str]):
    qs = (
        RekapKehadiran.objects.filter(tahun=tahun, bulan=bulan)
        .select_related("pegawai")
        .order_by("pegawai__nip")
        .values_list("pegawai__nip", "tahun", "bulan", "hari_kerja", "tanpa_keterangan", "jumlah")
    )
    for nip, t, b, hk, tk, jumlah in qs.iterator(chunk_size=5000):
        yield [nip, t, b, hk, tk, *[(jumlah or {}).get(k, 0) for k in kode]]
