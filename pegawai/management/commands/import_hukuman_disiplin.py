from pegawai.impor import HukumanDisiplinImporter

from ._impor import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor hukuman disiplin (PP 94/2021) dari .csv/.xlsx: nip, tingkat (ringan/sedang/berat), jenis, "
        "nomor_sk, tmt, tanggal_selesai (kosong: sampai ada keputusan lain); upsert per (nip, tmt, jenis)."
    )
    importer_class = HukumanDisiplinImporter
