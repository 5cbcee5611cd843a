from pegawai.impor import JabatanImporter

from ._impor import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor jabatan dengan kebutuhan (ABK) dan syarat jabatan dari .csv/.xlsx (kolom sesuai CONTRACT), "
        "upsert menurut (kode_unit, nama); semua-atau-tidak-sama-sekali, kesalahan per baris."
    )
    importer_class = JabatanImporter
