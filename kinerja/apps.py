from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"

    def ready(self) -> None:
        # The browser upload with preview (pegawai's import pages) offers the penilaian import too.
        from pegawai.impor import register

        from .impor import PenilaianImporter

        register(
            "penilaian",
            PenilaianImporter,
            judul="Penilaian kinerja",
            contoh=["198804092012032001", "2026", "triwulan-1", "di atas ekspektasi", "sesuai ekspektasi"],
        )
