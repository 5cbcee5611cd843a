from pegawai.management.commands._impor import ImportCommand
from pembinaan.impor import PelatihanImporter


class Command(ImportCommand):
    help = (
        "Impor kegiatan pengembangan kompetensi yang sudah selesai (nip, nama_pelatihan, bentuk, penyelenggara, "
        "tanggal_mulai, tanggal_selesai, jp, durasi_menit, nomor_sertifikat) dari .csv/.xlsx; upsert per "
        "(nip, nama_pelatihan, tanggal_mulai); JP diakui = jp bila ada, selain itu menurut aturan JP bentuknya."
    )
    importer_class = PelatihanImporter
