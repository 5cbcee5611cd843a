"""Files of a pay run: the payroll register (CONTRACT columns for `export_gaji`, a formatted report for
the browser), the recap per OPD and the bank transfer file. Rows are streamed from the slips (iterator),
so 50,000 employees stay in constant memory."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

from django.conf import settings
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.xlsx import xlsx_cell

from . import selectors
from .hitung import KOLOM_INDUK, KOLOM_PERSEN, KOLOM_TAMBAHAN, KOLOM_TPP, LABEL_KOLOM
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
        .annotate(**selectors.jumlah_slip())
        .order_by("opd__kode")
    ):
        vals = [r["jumlah"], int(r["kotor"]), int(r["potongan"]), int(r["bersih"])]
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


# --- the register as a report (browser download) ---------------------------------------------------------

JUDUL_KOLOM = {
    "nip": "NIP", "nama": "Nama", "kode_unit": "Kode unit", "golongan": "Gol.", "mkg_tahun": "MKG (tahun)",
    "kelas_jabatan": "Kelas jabatan", "nama_bank": "Bank", "nomor_rekening": "Nomor rekening",
    "jumlah_kotor": "Jumlah kotor", "jumlah_potongan": "Jumlah potongan", "jumlah_bersih": "Jumlah bersih",
    "persen_kinerja": "Kinerja (%)", "persen_disiplin": "Disiplin (%)", "tpp_bruto": "TPP bruto",
    "tpp_bersih": "TPP bersih", "potongan_iwp": "Potongan IWP", "potongan_bpjs": "Potongan BPJS Kesehatan",
    "potongan_pph": "Potongan PPh 21",
    **{k: v for k, v in LABEL_KOLOM.items() if k not in ("potongan_iwp", "potongan_bpjs", "potongan_pph")},
}  # fmt: skip
TEKS_REGISTER = {"nip", "nama", "kode_unit", "golongan", "nama_bank", "nomor_rekening"}
TANPA_JUMLAH = {*KOLOM_PERSEN, "mkg_tahun", "kelas_jabatan"}
"""Numbers of the register that are not summed: percentages, and the MKG and kelas jabatan."""
FORMAT_RUPIAH = "#,##0"
"""Whole rupiah with thousands separators (a spreadsheet with Indonesian settings shows 1.234.567)."""
FORMAT_PERSEN = '0.##" %"'
_TEBAL = Font(bold=True)
_ISI_JUDUL = PatternFill("solid", fgColor="DDEBF7")
_ISI_JUMLAH = PatternFill("solid", fgColor="F2F2F2")


def _teks(sheet, value, **gaya) -> WriteOnlyCell:
    """A text cell stored as text (never read as a formula, whatever it starts with)."""
    cell = xlsx_cell(sheet, "" if value is None else str(value))  # the one formula-injection guard
    for key, val in gaya.items():
        setattr(cell, key, val)
    return cell


def _angka_sel(sheet, value, *, kolom: str = "", **gaya) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = (
        FORMAT_PERSEN if kolom in KOLOM_PERSEN else "0" if kolom in TANPA_JUMLAH else FORMAT_RUPIAH
    )
    for key, val in gaya.items():
        setattr(cell, key, val)
    return cell


def register_laporan_xlsx(run: RunGaji) -> bytes:
    """The payroll register as a report for people: title rows with the kind and month, Indonesian column
    headers, amounts with thousands separators, the employees grouped by OPD with a total row after each
    OPD and the overall total at the end. Streamed (write-only workbook, slips read in chunks)."""
    kolom = KOLOM_REGISTER[run.jenis]
    nomor_uang = [i for i, k in enumerate(kolom) if k not in TEKS_REGISTER]
    jumlahkan = [i for i in nomor_uang if kolom[i] not in TANPA_JUMLAH]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"Daftar {run.get_jenis_display()}"[:31])
    lebar = {"nama": 32, "nip": 21, "nama_bank": 16, "nomor_rekening": 18, "kode_unit": 12}
    for i, k in enumerate(kolom, start=2):
        sheet.column_dimensions[get_column_letter(i)].width = lebar.get(k, 14)
    sheet.column_dimensions["A"].width = 6
    sheet.freeze_panes = "C6"
    judul = f"DAFTAR {run.get_jenis_display().upper()} BULAN {run.bulan_label.upper()}"
    sheet.append([_teks(sheet, judul, font=Font(bold=True, size=14))])
    sheet.append([_teks(sheet, settings.ASN_NAMA_PEMDA, font=_TEBAL)])
    sheet.append([_teks(sheet, f"Status run: {run.get_status_display()} · {run.jumlah_slip} pegawai")])
    sheet.append([])
    sheet.append(
        [
            _teks(sheet, judul_kolom, font=_TEBAL, fill=_ISI_JUDUL, alignment=Alignment(wrap_text=True))
            for judul_kolom in ["No.", *(JUDUL_KOLOM.get(k, k) for k in kolom)]
        ]
    )
    total = [0] * len(kolom)
    per_opd = [0] * len(kolom)
    opd_berjalan = None

    def baris_jumlah(label: str, angka: list) -> list:
        cells = [_teks(sheet, "", fill=_ISI_JUMLAH), _teks(sheet, "", fill=_ISI_JUMLAH)]
        cells.append(_teks(sheet, label, font=_TEBAL, fill=_ISI_JUMLAH))
        for i in range(2, len(kolom)):
            if i in jumlahkan:
                cells.append(_angka_sel(sheet, angka[i], font=_TEBAL, fill=_ISI_JUMLAH))
            else:
                cells.append(_teks(sheet, "", fill=_ISI_JUMLAH))
        return cells

    for nomor, (opd_nama, row) in enumerate(_register_rows_per_opd(run), start=1):
        if opd_nama != opd_berjalan:
            if opd_berjalan is not None:
                sheet.append(baris_jumlah(f"Jumlah {opd_berjalan}", per_opd))
                sheet.append([])
            sheet.append([_teks(sheet, ""), _teks(sheet, opd_nama, font=_TEBAL)])
            opd_berjalan, per_opd = opd_nama, [0] * len(kolom)
        cells = [WriteOnlyCell(sheet, value=nomor)]
        for i, value in enumerate(row):
            if i in nomor_uang:
                cells.append(_angka_sel(sheet, value, kolom=kolom[i]))
                if i in jumlahkan:
                    per_opd[i] += value or 0
                    total[i] += value or 0
            else:
                cells.append(_teks(sheet, value))
        sheet.append(cells)
    if opd_berjalan is not None:
        sheet.append(baris_jumlah(f"Jumlah {opd_berjalan}", per_opd))
        sheet.append([])
    sheet.append(baris_jumlah("JUMLAH SELURUHNYA", total))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _register_rows_per_opd(run: RunGaji) -> Iterator[tuple[str, list]]:
    """(OPD name, CONTRACT register row), ordered by OPD then unit and name."""
    kolom = {RunGaji.Jenis.INDUK: KOLOM_INDUK, RunGaji.Jenis.TPP: KOLOM_TPP}.get(run.jenis, KOLOM_TAMBAHAN)
    qs = (
        Slip.objects.filter(run=run)
        .order_by("opd__nama", "opd_id", "kode_unit", "nama", "id")
        .values_list("opd__nama", "nip", "nama", "kode_unit", "golongan", "masukan__mkg_tahun",
                     "masukan__kelas_jabatan", "kolom", "nama_bank", "nomor_rekening")
    )  # fmt: skip
    for opd, nip, nama, kode_unit, golongan, mkg, kelas, nilai, bank, rekening in qs.iterator(
        chunk_size=5000
    ):
        angka = [_angka(nilai.get(k)) for k in kolom]
        if run.jenis == RunGaji.Jenis.INDUK:
            yield opd, [nip, nama, kode_unit, golongan, mkg, *angka, bank, rekening]
        elif run.jenis == RunGaji.Jenis.TPP:
            yield opd, [nip, nama, kode_unit, kelas, *angka]
        else:
            yield opd, [nip, nama, kode_unit, golongan, *angka, bank, rekening]
