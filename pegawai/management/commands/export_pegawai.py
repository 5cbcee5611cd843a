from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.xlsx import write_csv, write_xlsx
from pegawai.impor import PEGAWAI_COLUMNS, pegawai_export_rows
from pegawai.models import Pegawai


class Command(BaseCommand):
    help = "Ekspor seluruh pegawai ke .csv atau .xlsx dengan kolom import_pegawai (ekspor lalu impor = tidak berubah)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")

    def handle(self, *args, **options):
        path = Path(options["file"])
        rows = pegawai_export_rows(Pegawai.objects.all())
        if path.suffix.lower() == ".csv":
            content = write_csv(PEGAWAI_COLUMNS, rows)
        elif path.suffix.lower() == ".xlsx":
            content = write_xlsx(PEGAWAI_COLUMNS, rows, title="pegawai")
        else:
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        path.write_bytes(content)
        self.stdout.write(f"{Pegawai.objects.count()} pegawai diekspor ke {path}.")
