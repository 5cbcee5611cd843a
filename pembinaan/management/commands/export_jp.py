from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.xlsx import write_csv, write_xlsx
from pembinaan.impor import EXPORT_COLUMNS, jp_export_rows


class Command(BaseCommand):
    help = (
        "Ekspor JP setahun per pegawai aktif: nip, nama, kode_unit, status_kepegawaian, jp_klasikal, "
        "jp_nonklasikal, jp_total, target_jp, memenuhi (Y/N)."
    )

    def add_arguments(self, parser):
        parser.add_argument("tahun", type=int, help="tahun (kegiatan dihitung pada tahun tanggal selesainya)")
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")

    def handle(self, *args, **options):
        tahun, path = options["tahun"], Path(options["file"])
        if not 1900 <= tahun <= 2100:
            raise CommandError(f"Tahun {tahun} tidak valid.")
        rows = list(jp_export_rows(None, tahun))
        if path.suffix.lower() == ".csv":
            content = write_csv(EXPORT_COLUMNS, rows)
        elif path.suffix.lower() == ".xlsx":
            content = write_xlsx(EXPORT_COLUMNS, rows, title=f"JP {tahun}")
        else:
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        path.write_bytes(content)
        memenuhi = sum(1 for r in rows if r[-1] == "Y")
        self.stdout.write(f"{len(rows)} pegawai diekspor ke {path}; {memenuhi} memenuhi target JP {tahun}.")
