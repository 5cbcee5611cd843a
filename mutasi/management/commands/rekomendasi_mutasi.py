from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.dates import parse_tanggal
from core.xlsx import write_csv, write_xlsx
from mutasi.rekomendasi import JUMLAH_BAWAAN, KOLOM, TanpaBobot, baris_berkas, daftar_pendek
from pegawai.models import Jabatan


class Command(BaseCommand):
    help = (
        "Daftar kandidat berperingkat untuk satu jabatan (CONTRACT, format rekomendasi): peringkat, nip, nama, "
        "kode_unit, jabatan, skor, memenuhi_syarat, alasan."
    )

    def add_arguments(self, parser):
        parser.add_argument("kode_unit", help="kode unit kerja jabatan tujuan")
        parser.add_argument("jabatan", help="nama jabatan di unit itu")
        parser.add_argument("file", help="berkas tujuan, .csv atau .xlsx")
        parser.add_argument(
            "--jumlah",
            type=int,
            default=JUMLAH_BAWAAN,
            help=f"jumlah kandidat (bawaan {JUMLAH_BAWAAN}; 0 = semua)",
        )
        parser.add_argument("--tanggal", help="tanggal acuan YYYY-MM-DD (bawaan hari ini)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise CommandError("Nama berkas harus berakhiran .csv atau .xlsx.")
        if options["jumlah"] < 0:
            raise CommandError("--jumlah tidak boleh negatif (0 = semua kandidat).")
        tanggal = timezone.localdate()
        if options["tanggal"]:
            try:
                tanggal = parse_tanggal(options["tanggal"])
            except ValueError as exc:
                raise CommandError(
                    f"--tanggal '{options['tanggal']}' tidak dikenal; gunakan YYYY-MM-DD."
                ) from exc
        kode, nama = options["kode_unit"].strip(), options["jabatan"].strip()
        jabatan = (
            Jabatan.objects.select_related("unit_kerja", "unit_kerja__opd", "syarat_golongan")
            .filter(unit_kerja__kode=kode, nama__iexact=nama)
            .first()
        )
        if jabatan is None:
            raise CommandError(f"Jabatan '{nama}' di unit kerja '{kode}' tidak ditemukan.")
        try:
            daftar = daftar_pendek(jabatan, tanggal)
        except TanpaBobot as exc:
            raise CommandError(str(exc)) from exc
        rows = baris_berkas(daftar.teratas(options["jumlah"]))
        content = write_csv(KOLOM, rows) if suffix == ".csv" else write_xlsx(KOLOM, rows, title="rekomendasi")
        path.write_bytes(content)
        self.stdout.write(
            f"{len(rows)} dari {daftar.jumlah} kandidat ({daftar.jumlah_memenuhi} memenuhi syarat) "
            f"untuk {jabatan.nama} ({kode}) ditulis ke {path}."
        )
