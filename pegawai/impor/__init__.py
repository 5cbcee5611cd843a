"""All-or-nothing imports of master data (CONTRACT.md): unit kerja, pegawai, keluarga; and the export.

Each importer reads every row, validates all of them against lookups loaded once, and either reports
every problem as `baris N, kolom X: pesan` (writing nothing) or writes everything in one transaction
with bulk statements and bulk audit (history) rows.
"""

from .base import ImportReport, RowError, read_table
from .hukuman_disiplin import HukumanDisiplinImporter
from .jabatan import JABATAN_COLUMNS, JabatanImporter
from .keluarga import KeluargaImporter
from .pegawai import PEGAWAI_COLUMNS, PegawaiImporter, pegawai_export_rows
from .unit_kerja import UnitKerjaImporter

IMPORTERS = {
    "unit-kerja": UnitKerjaImporter,
    "pegawai": PegawaiImporter,
    "keluarga": KeluargaImporter,
    "hukuman-disiplin": HukumanDisiplinImporter,
    "jabatan": JabatanImporter,
}

CONTOH = {
    "unit-kerja": ["01.02", "Bidang Mutasi dan Promosi", "01", "bidang"],
    "pegawai": [
        "198804092012032001",
        "Rahmawati",
        "",
        "S.E.",
        "Palu",
        "1988-04-09",
        "P",
        "Islam",
        "kawin",
        "PNS",
        "III/b",
        "2016-04-01",
        "4",
        "0",
        "2012-03-01",
        "01.02",
        "Analis Sumber Daya Manusia Aparatur",
        "fungsional",
        "",
        "ahli pertama",
        "8",
        "2020-01-02",
        "",
        "S1",
        "Manajemen",
        "",
        "Bank Sulteng",
        "0012345678",
        "rahmawati@palukota.go.id",
        "081234567890",
    ],
    "keluarga": ["198804092012032001", "suami", "Arif Hidayat", "1986-02-11", "Y"],
    "jabatan": [
        "01.02",
        "Perawat Ahli Pertama",
        "fungsional",
        "",
        "ahli pertama",
        "8",
        "4",
        "S1",
        "Keperawatan; Ners",
        "III/a",
        "Asuhan keperawatan; Pencegahan infeksi",
    ],
    "hukuman-disiplin": [
        "198804092012032001",
        "sedang",
        "Pemotongan tunjangan kinerja 25% selama 6 bulan",
        "800.1.6/12/BKPSDM/2026",
        "2026-06-01",
        "2026-11-30",
    ],
}
JUDUL = {
    "unit-kerja": "Unit kerja",
    "pegawai": "Pegawai",
    "keluarga": "Keluarga",
    "hukuman-disiplin": "Hukuman disiplin",
    "jabatan": "Jabatan (kebutuhan ABK dan syarat)",
}


def register(jenis: str, importer, *, judul: str, contoh: list[str]) -> None:
    """Another app offers its import in the browser upload pages (called from its AppConfig.ready)."""
    IMPORTERS[jenis] = importer
    JUDUL[jenis] = judul
    CONTOH[jenis] = contoh


__all__ = [
    "CONTOH",
    "IMPORTERS",
    "JABATAN_COLUMNS",
    "JUDUL",
    "PEGAWAI_COLUMNS",
    "HukumanDisiplinImporter",
    "ImportReport",
    "JabatanImporter",
    "KeluargaImporter",
    "PegawaiImporter",
    "RowError",
    "UnitKerjaImporter",
    "pegawai_export_rows",
    "read_table",
    "register",
]
