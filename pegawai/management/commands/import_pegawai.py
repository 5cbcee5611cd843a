from pegawai.impor import PegawaiImporter

from ._impor import ImportCommand


class Command(ImportCommand):
    help = "Impor pegawai dari .csv/.xlsx (kolom sesuai CONTRACT); semua-atau-tidak-sama-sekali, kesalahan per baris."
    importer_class = PegawaiImporter
