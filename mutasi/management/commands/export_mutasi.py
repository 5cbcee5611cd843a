from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.xlsx import write_csv, write_xlsx
from mutasi.impor import EXPORT_COLUMNS, mutasi_export_rows


class Command(BaseCommand):
    help = (
        "Ekspor setiap mutasi yang TMT-nya jatuh pada TAHUN ke .csv atau .xlsx: kolom import_mutasi ditambah "
        "nama, kode_unit_asal, jabatan_asal dan status."
    )

    def add_arguments(self, parser):
        parser.add_argument("tahun", type=int, help="tahun TMT, mis. 2026")
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")

    def handle(self, *args, **options):
        path = Path(options["file"])
        writer = {".csv": write_csv, ".xlsx": write_xlsx}.get(path.suffix.lower())
        if writer is None:
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        tahun = options["tahun"]
        if not 1900 <= tahun <= 2100:
            raise CommandError(f"Tahun {tahun} tidak valid.")
        rows = list(mutasi_export_rows(tahun))
        path.write_bytes(writer(EXPORT_COLUMNS, rows))
        self.stdout.write(f"{len(rows)} mutasi dengan TMT tahun {tahun} diekspor ke {path}.")
