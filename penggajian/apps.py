from django.apps import AppConfig


class PenggajianConfig(AppConfig):
    name = "penggajian"

    def ready(self) -> None:
        # The browser upload with preview (pegawai's import pages) offers the attendance recap too.
        from pegawai.impor import register
        from pegawai.profil import register_tab

        from .impor import KehadiranImporter
        from .impor_penghasilan import PenghasilanSetahunImporter
        from .profil import kgb_profil

        # The employee profile shows the KGB decrees (SK KGB) in a tab of its own.
        register_tab("kgb", "Gaji berkala (KGB)", template="penggajian/_profil_kgb.html", konteks=kgb_profil)

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
