from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from mutasi.impor import SISTEM, MutasiImporter
from pegawai.management.commands._impor import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor mutasi yang sudah diputuskan (SK ditandatangani) dari .csv/.xlsx: nip, jenis (dalam_pemda, masuk, "
        "keluar), kode_unit_tujuan, jabatan_tujuan, tmt, nomor_sk, tanggal_sk, pejabat_penetap, instansi, "
        "nomor_pertek, tanggal_pertek; upsert per (nip, nomor_sk). TMT sampai hari ini langsung berlaku, TMT "
        f"kemudian berlaku pada harinya. Tanpa --user dicatat atas nama akun {SISTEM}."
    )
    importer_class = MutasiImporter

    def handle(self, *args, **options):
        try:
            return super().handle(*args, **options)
        except ValidationError as exc:  # a move refused when it takes effect: nothing was written
            for pesan in exc.messages:
                self.stderr.write(pesan)
            raise CommandError("Mutasi tidak dapat diterapkan; tidak ada data yang disimpan.") from None
