from django.apps import AppConfig


class PenggajianConfig(AppConfig):
    name = "penggajian"

    def ready(self) -> None:
        # The browser upload with preview (pegawai's import pages) offers the attendance recap too.
        from pegawai.impor import register

        from .impor import KehadiranImporter
        from .impor_penghasilan import PenghasilanSetahunImporter

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
        register(
            "penghasilan-setahun",
            PenghasilanSetahunImporter,
            judul="Penghasilan sebelum sistem dipakai (PPh 21 Desember)",
            contoh=["198804092012032001", "2026", "1", "induk", "4534406", "309214", "0"],
        )
