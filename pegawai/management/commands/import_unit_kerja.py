from pegawai.impor import UnitKerjaImporter

from ._impor import ImportCommand


class Command(ImportCommand):
    help = "Impor unit_kerja dari .csv/.xlsx (kolom sesuai CONTRACT); semua-atau-tidak-sama-sekali, kesalahan per baris."
    importer_class = UnitKerjaImporter
