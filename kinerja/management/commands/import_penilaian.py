from kinerja.impor import PenilaianImporter
from pegawai.management.commands._impor import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor rating penilaian kinerja (nip, tahun, periode, rating_hasil_kerja, rating_perilaku_kerja) dari "
        ".csv/.xlsx; upsert per (nip, tahun, periode); predikat dihitung dari matriks, tidak diimpor."
    )
    importer_class = PenilaianImporter
