from django.apps import AppConfig


class PenggajianConfig(AppConfig):
    name = "penggajian"

    def ready(self) -> None:
        # The browser upload with preview (pegawai's import pages) offers the attendance recap too.
        from pegawai.impor import register

        from .impor import KehadiranImporter

        register(
            "kehadiran",
            KehadiranImporter,
            judul="Rekap kehadiran (TPP)",
            contoh=[
                "198804092012032001",
                "2026",
                "11",
                "21",
                "0",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "1",
            ],
        )
