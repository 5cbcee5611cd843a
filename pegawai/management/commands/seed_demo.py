import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from core.db import analyze_after_bulk_write
from pegawai.demo import DemoBuilder, demo_reset
from pegawai.models import Jabatan, Keluarga, Pegawai, UnitKerja

# kinerja and penggajian sit above pegawai in the import-linter layers; this command composes the apps'
# demo data, so it names their builders instead of importing them.
KINERJA_DEMO = "kinerja.demo.KinerjaDemoBuilder"
GAJI_DEMO = "penggajian.demo.GajiDemoBuilder"
MUTASI_DEMO = "mutasi.demo.MutasiDemoBuilder"
PEMBINAAN_DEMO = "pembinaan.demo.PembinaanDemoBuilder"


class Command(BaseCommand):
    help = (
        "Membuat data demo pemerintah kota (OPD, unit, jabatan, N pegawai, keluarga, riwayat) dan satu login "
        "per peran: admin_bkd, operator_opd, atasan, pegawai, pimpinan, superuser. Seed yang sama memberi data "
        "yang sama. Menolak bila DJANGO_DEBUG mati kecuali --force; menolak bila data pegawai sudah ada kecuali --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=2000, help="jumlah pegawai (bawaan 2000)")
        parser.add_argument("--seed", type=int, default=2026, help="seed acak (bawaan 2026)")
        parser.add_argument(
            "--password", default="demo12345", help="kata sandi semua login demo (bawaan demo12345)"
        )
        parser.add_argument("--force", action="store_true", help="jalankan walaupun DJANGO_DEBUG mati")
        parser.add_argument(
            "--reset", action="store_true", help="hapus dulu seluruh data organisasi dan pegawai"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="lewati tanpa galat bila data pegawai sudah ada (dipakai make run)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo hanya untuk lingkungan pengembangan (DJANGO_DEBUG mati); pakai --force bila yakin."
            )
        if options["pegawai"] < 10:
            raise CommandError("--pegawai minimal 10.")
        if Pegawai.objects.exists():
            if options["if_empty"] and not options["reset"]:
                self.stdout.write("Data pegawai sudah ada; data demo tidak dibuat ulang.")
                return
            if not options["reset"]:
                raise CommandError(
                    "Data pegawai sudah ada; pakai --reset untuk menghapus dan membuat ulang data demo."
                )
            demo_reset()
        started = time.monotonic()
        result = DemoBuilder(
            pegawai=options["pegawai"], seed=options["seed"], password=options["password"]
        ).run()
        analyze_after_bulk_write(Pegawai, Keluarga, UnitKerja, Jabatan)
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Data demo dibuat dalam {elapsed:.1f} detik: {result.opd} OPD, {result.unit} unit kerja, "
            f"{result.jabatan} jabatan, {result.pegawai} pegawai."
        )
        started = time.monotonic()
        kinerja = import_string(KINERJA_DEMO)(options["seed"]).run()
        self.stdout.write(
            f"Data kinerja dibuat dalam {time.monotonic() - started:.1f} detik: {sum(kinerja.skp.values())} SKP "
            f"({kinerja.skp['disetujui']} disetujui), {kinerja.penilaian} penilaian, "
            f"{kinerja.potensial} penilaian potensial; predikat tahun lalu: "
            + ", ".join(f"{n} {p}" for p, n in kinerja.predikat_tahun_lalu.most_common())
            + "."
        )
        started = time.monotonic()
        gaji = import_string(GAJI_DEMO)(options["seed"]).run()
        self.stdout.write(
            f"Data gaji dibuat dalam {time.monotonic() - started:.1f} detik: {gaji.rekap} rekap kehadiran "
            f"(3 bulan terakhir), {gaji.kgb} SK KGB sejak SK pangkat terakhir."
        )
        started = time.monotonic()
        mutasi = import_string(MUTASI_DEMO)(options["seed"]).run()
        self.stdout.write(
            f"Data mutasi dibuat dalam {time.monotonic() - started:.1f} detik: "
            f"{sum(mutasi.usulan.values())} usulan mutasi di berbagai tahap, {mutasi.preferensi} keinginan "
            "pegawai pada putaran rotasi yang sedang dibuka."
        )
        started = time.monotonic()
        pembinaan = import_string(PEMBINAAN_DEMO)(options["seed"]).run()
        self.stdout.write(
            f"Data pembinaan dibuat dalam {time.monotonic() - started:.1f} detik: "
            + import_string("pembinaan.demo.ringkas")(pembinaan)
        )
        for username, who in result.logins.items():
            self.stdout.write(f"  login {username:<13} kata sandi {options['password']}  — {who}")
