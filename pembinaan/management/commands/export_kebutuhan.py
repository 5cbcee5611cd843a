from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.xlsx import write_csv, write_xlsx
from pembinaan.selectors_kebutuhan import KOLOM_EKSPOR, ekspor_rows


class Command(BaseCommand):
    help = (
        "Ekspor kebutuhan pengembangan rencana satu tahun, satu baris per kebutuhan: nip, nama, kode_unit, "
        "sumber, uraian, status (aman dari formula injection)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "tahun", type=int, help="tahun rencana (kebutuhan dari penilaian masuk tahun berikutnya)"
        )
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")

    def handle(self, *args, **options):
        tahun, path = options["tahun"], Path(options["file"])
        if not 1900 <= tahun <= 2100:
            raise CommandError(f"Tahun {tahun} tidak valid.")
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        rows = list(ekspor_rows(tahun))
        if suffix == ".csv":
            content = write_csv(KOLOM_EKSPOR, rows)
        else:
            content = write_xlsx(KOLOM_EKSPOR, rows, title=f"Kebutuhan {tahun}")
        path.write_bytes(content)
        pegawai = len({r[0] for r in rows})
        self.stdout.write(f"{len(rows)} kebutuhan dari {pegawai} pegawai diekspor ke {path}.")
