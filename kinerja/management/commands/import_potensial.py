from functools import partial

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from kinerja.impor_potensial import PotensialImporter
from pegawai.management.commands._impor import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor skor penilaian potensial (nip, tanggal, skor 0–100, berlaku_sampai, keterangan) dari "
        ".csv/.xlsx; upsert per (nip, tanggal); berlaku_sampai kosong = 3 tahun sejak tanggal asesmen."
    )
    importer_class = PotensialImporter

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--user",
            help="nama login yang dicatat sebagai pencatat (wajib kecuali --dry-run; kolom dicatat_oleh)",
        )

    def handle(self, *args, **options):
        username = options.get("user")
        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Pengguna {username} tidak ditemukan.")
        elif not options["dry_run"]:
            raise CommandError("Sebutkan --user NAMA_LOGIN: setiap penilaian potensial mencatat pencatatnya.")
        self.importer_class = partial(PotensialImporter, user=user)
        return super().handle(*args, **options)
