"""Files of a pay run: the payroll register (CONTRACT columns), the recap per OPD and the bank transfer
file. Rows are streamed from the slips (iterator), so 50,000 employees stay in constant memory."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Count, Sum

from .hitung import KOLOM_INDUK, KOLOM_TAMBAHAN, KOLOM_TPP
from .models import RunGaji, Slip

KOLOM_REGISTER = {
    "induk": [
        "nip",
        "nama",
        "kode_unit",
        "golongan",
        "mkg_tahun",
        *KOLOM_INDUK,
        "nama_bank",
        "nomor_rekening",
    ],
    "tpp": ["nip", "nama", "kode_unit", "kelas_jabatan", *KOLOM_TPP],
    "thr": ["nip", "nama", "kode_unit", "golongan", *KOLOM_TAMBAHAN, "nama_bank", "nomor_rekening"],
    "gaji13": ["nip", "nama", "kode_unit", "golongan", *KOLOM_TAMBAHAN, "nama_bank", "nomor_rekening"],
}
KOLOM_BANK = ["nomor_rekening", "nama", "nama_bank", "jumlah", "keterangan"]


def _angka(value):
    if value is None:
        return 0
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else d


def register_rows(run: RunGaji) -> Iterator[list]:
    kolom = {RunGaji.Jenis.INDUK: KOLOM_INDUK, RunGaji.Jenis.TPP: KOLOM_TPP}.get(run.jenis, KOLOM_TAMBAHAN)
    qs = (
        Slip.objects.filter(run=run)
        .order_by("kode_unit", "nama", "id")
        .values_list("nip", "nama", "kode_unit", "golongan", "masukan__mkg_tahun", "masukan__kelas_jabatan", "kolom",
                     "nama_bank", "nomor_rekening")
    )  # fmt: skip
    for nip, nama, kode_unit, golongan, mkg, kelas, nilai, bank, rekening in qs.iterator(chunk_size=5000):
        angka = [_angka(nilai.get(k)) for k in kolom]
        if run.jenis == RunGaji.Jenis.INDUK:
            yield [nip, nama, kode_unit, golongan, mkg, *angka, bank, rekening]
        elif run.jenis == RunGaji.Jenis.TPP:
            yield [nip, nama, kode_unit, kelas, *angka]
        else:
            yield [nip, nama, kode_unit, golongan, *angka, bank, rekening]


def rekap_opd_rows(run: RunGaji) -> tuple[list[str], list[list]]:
    """Totals per OPD (one aggregate query) plus the grand total."""
    header = ["kode_unit", "unit_kerja", "jumlah_pegawai", "jumlah_kotor", "jumlah_potongan", "jumlah_bersih"]
    rows = []
    total = [0, 0, 0, 0]
    for r in (
        Slip.objects.filter(run=run)
        .values("opd__kode", "opd__nama")
        .annotate(
            n=Count("id"),
            kotor=Sum("jumlah_kotor"),
            potongan=Sum("jumlah_potongan"),
            bersih=Sum("jumlah_bersih"),
        )
        .order_by("opd__kode")
    ):
        vals = [r["n"], int(r["kotor"]), int(r["potongan"]), int(r["bersih"])]
        rows.append([r["opd__kode"], r["opd__nama"], *vals])
        total = [a + b for a, b in zip(total, vals, strict=True)]
    rows.append(["", "JUMLAH", *total])
    return header, rows


def bank_rows(run: RunGaji) -> Iterator[list]:
    """One transfer per employee, grouped by bank, with the month in the description."""
    keterangan = f"{run.get_jenis_display()} {run.bulan_label}"
    qs = (
        Slip.objects.filter(run=run, jumlah_bersih__gt=0)
        .order_by("nama_bank", "nomor_rekening")
        .values_list("nomor_rekening", "nama", "nama_bank", "jumlah_bersih")
    )
    for rekening, nama, bank, jumlah in qs.iterator(chunk_size=5000):
        yield [rekening, nama, bank, int(jumlah), keterangan]
