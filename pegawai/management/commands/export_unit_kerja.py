from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.xlsx import write_csv, write_xlsx
from pegawai.impor.unit_kerja import COLUMNS, unit_kerja_export_rows
from pegawai.models import UnitKerja


class Command(BaseCommand):
    help = "Ekspor seluruh unit kerja ke .csv atau .xlsx dengan kolom import_unit_kerja."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")

    def handle(self, *args, **options):
        path = Path(options["file"])
        writer = {".csv": write_csv, ".xlsx": write_xlsx}.get(path.suffix.lower())
        if writer is None:
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        path.write_bytes(writer(COLUMNS, unit_kerja_export_rows(UnitKerja.objects.all())))
        self.stdout.write(f"{UnitKerja.objects.count()} unit kerja diekspor ke {path}.")
