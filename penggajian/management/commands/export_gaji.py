from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.xlsx import write_csv, write_xlsx
from penggajian.laporan import KOLOM_REGISTER, register_rows
from penggajian.management.commands.calculate_gaji import parse_bulan
from penggajian.models import RunGaji


class Command(BaseCommand):
    help = "Ekspor daftar gaji satu bulan (satu baris per pegawai, kolom sesuai CONTRACT) ke .csv atau .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("bulan", help="YYYY-MM, mis. 2026-11")
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")
        parser.add_argument(
            "--jenis",
            choices=[j.value for j in RunGaji.Jenis],
            default="induk",
            help="induk (bawaan), tpp, thr atau gaji13",
        )

    def handle(self, *args, **options):
        tahun, bulan = parse_bulan(options["bulan"])
        path = Path(options["file"])
        jenis = options["jenis"]
        run = RunGaji.objects.filter(jenis=jenis, tahun=tahun, bulan=bulan).first()
        label = f"{RunGaji.Jenis(jenis).label} {bulan:02d}-{tahun}"
        if run is None or run.status in (
            RunGaji.Status.DRAF,
            RunGaji.Status.ANTRI,
            RunGaji.Status.MENGHITUNG,
        ):
            raise CommandError(f"{label} belum dihitung: jalankan calculate_gaji {tahun}-{bulan:02d} dulu.")
        if run.status == RunGaji.Status.GAGAL:
            raise CommandError(f"{label} gagal dihitung: {run.pesan_galat}")
        kolom = KOLOM_REGISTER[jenis]
        if path.suffix.lower() == ".csv":
            content = write_csv(kolom, register_rows(run))
        elif path.suffix.lower() == ".xlsx":
            content = write_xlsx(kolom, register_rows(run), title=f"gaji {jenis}")
        else:
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        path.write_bytes(content)
        self.stdout.write(
            f"{run.jumlah_slip} baris {run} ({run.get_status_display().lower()}) diekspor ke {path}."
        )
