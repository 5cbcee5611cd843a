from kinerja.impor_potensial import PotensialImporter
from pegawai.management.commands._impor import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor skor penilaian potensial (nip, tanggal, skor 0–100, berlaku_sampai, keterangan) dari "
        ".csv/.xlsx; upsert per (nip, tanggal); berlaku_sampai kosong = 3 tahun sejak tanggal asesmen. "
        "--user wajib kecuali --dry-run (kolom dicatat_oleh)."
    )
    importer_class = PotensialImporter
    user_wajib = "Sebutkan --user NAMA_LOGIN: setiap penilaian potensial mencatat pencatatnya."
