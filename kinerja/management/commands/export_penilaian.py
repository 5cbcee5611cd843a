from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.xlsx import write_csv, write_xlsx
from kinerja.impor import EXPORT_COLUMNS, penilaian_export_rows
from kinerja.models import PERIODE_SEMUA, Penilaian


class Command(BaseCommand):
    help = "Ekspor penilaian kinerja satu periode: nip, nama, kode_unit, rating_hasil_kerja, rating_perilaku_kerja, predikat."

    def add_arguments(self, parser):
        parser.add_argument("tahun", type=int, help="tahun penilaian, mis. 2026")
        parser.add_argument("periode", help="tahunan, triwulan-1 … triwulan-4, bulan-01 … bulan-12")
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")

    def handle(self, *args, **options):
        tahun, periode, path = options["tahun"], options["periode"].lower(), Path(options["file"])
        if periode not in PERIODE_SEMUA:
            raise CommandError(
                f"Periode '{periode}' tidak dikenal; gunakan tahunan, triwulan-N atau bulan-NN."
            )
        rows = penilaian_export_rows(tahun=tahun, periode=periode)
        if path.suffix.lower() == ".csv":
            content = write_csv(EXPORT_COLUMNS, rows)
        elif path.suffix.lower() == ".xlsx":
            content = write_xlsx(EXPORT_COLUMNS, rows, title="penilaian")
        else:
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        path.write_bytes(content)
        jumlah = Penilaian.objects.filter(periode_kinerja__tahun=tahun, periode=periode).count()
        self.stdout.write(f"{jumlah} penilaian {periode} {tahun} diekspor ke {path}.")
