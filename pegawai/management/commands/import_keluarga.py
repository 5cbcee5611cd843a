from pegawai.impor import KeluargaImporter

from ._impor import ImportCommand


class Command(ImportCommand):
    help = "Impor keluarga dari .csv/.xlsx (kolom sesuai CONTRACT); semua-atau-tidak-sama-sekali, kesalahan per baris."
    importer_class = KeluargaImporter
