"""All-or-nothing imports of master data (CONTRACT.md): unit kerja, pegawai, keluarga; and the export.

Each importer reads every row, validates all of them against lookups loaded once, and either reports
every problem as `baris N, kolom X: pesan` (writing nothing) or writes everything in one transaction
with bulk statements and bulk audit (history) rows.
"""

from .base import ImportReport, RowError, read_table
from .keluarga import KeluargaImporter
from .pegawai import PEGAWAI_COLUMNS, PegawaiImporter, pegawai_export_rows
from .unit_kerja import UnitKerjaImporter

IMPORTERS = {
    "unit-kerja": UnitKerjaImporter,
    "pegawai": PegawaiImporter,
    "keluarga": KeluargaImporter,
}

__all__ = [
    "IMPORTERS",
    "PEGAWAI_COLUMNS",
    "ImportReport",
    "KeluargaImporter",
    "PegawaiImporter",
    "RowError",
    "UnitKerjaImporter",
    "pegawai_export_rows",
    "read_table",
]
