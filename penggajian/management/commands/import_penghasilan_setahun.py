from pegawai.management.commands._impor import ImportCommand
from penggajian.impor_penghasilan import PenghasilanSetahunImporter


class Command(ImportCommand):
    help = (
        "Impor penghasilan bulan Januari–November yang dibayar sebelum sistem dipakai (nip, tahun, bulan 1–11, "
        "jenis induk/tpp, bruto, iuran_pensiun, pph21) dari .csv/.xlsx untuk PPh 21 Desember; upsert per "
        "(nip, tahun, bulan, jenis); bulan yang run-nya sudah dikunci ditolak."
    )
    importer_class = PenghasilanSetahunImporter
