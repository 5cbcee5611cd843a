from pegawai.management.commands._impor import ImportCommand
from penggajian.impor import KehadiranImporter


class Command(ImportCommand):
    help = (
        "Impor rekap kehadiran bulanan (nip, tahun, bulan, hari_kerja, tanpa_keterangan, satu kolom per kode "
        "potongan aturan TPP yang berlaku) dari .csv/.xlsx; upsert per (nip, tahun, bulan)."
    )
    importer_class = KehadiranImporter
