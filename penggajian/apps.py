from django.apps import AppConfig


class PenggajianConfig(AppConfig):
    name = "penggajian"

    def ready(self) -> None:
        from core import menu

        from . import permissions as p

        grup = "Gaji"
        menu.daftarkan(
            menu.Entri("Slip saya", "penggajian:slip_saya", p.can_view_slip_saya, grup=grup, urutan=600),
            menu.Entri("Run gaji", "penggajian:run_list", p.can_view_run_gaji, grup=grup, urutan=610),
            menu.Entri(
                "Penyesuaian (koreksi)",
                "penggajian:penyesuaian_list",
                p.can_view_run_gaji,
                grup=grup,
                urutan=620,
            ),
            menu.Entri(
                "Rapel (koreksi massal)", "penggajian:rapel_list", p.can_view_run_gaji, grup=grup, urutan=630
            ),
            menu.Entri(
                "Aturan TPP", "penggajian:aturan_tpp_list", p.can_view_run_gaji, grup=grup, urutan=640
            ),
            menu.Entri(
                "Tunjangan fungsional",
                "penggajian:tunjangan_fungsional",
                p.can_view_run_gaji,
                grup=grup,
                urutan=650,
            ),
            menu.Entri(
                "Aturan THR & gaji ke-13",
                "penggajian:aturan_tambahan",
                p.can_view_run_gaji,
                grup=grup,
                urutan=660,
            ),
            menu.Entri(
                "Rekap kehadiran", "penggajian:kehadiran_list", p.can_view_kehadiran, grup=grup, urutan=670
            ),
            menu.Entri("Kenaikan gaji berkala", "penggajian:kgb_list", p.can_view_kgb, grup=grup, urutan=680),
        )

        # mutasi shows the monthly TPP effect of a move from the ceilings of the rule in force (it may not
        # import penggajian: the reader is registered one layer down).
        from pegawai import biaya_tpp

        from .selectors import pagu_tpp_untuk_tanggal

        biaya_tpp.daftarkan(pagu_tpp_untuk_tanggal)

        # The browser upload with preview (pegawai's import pages) offers the attendance recap too.
        from pegawai.impor import register
        from pegawai.profil import register_tab

        from .impor import KehadiranImporter
        from .impor_penghasilan import PenghasilanSetahunImporter
        from .profil import kgb_profil

        # The employee profile shows the KGB decrees (SK KGB) in a tab of its own.
        register_tab(
            "kgb",
            "Gaji berkala (KGB)",
            template="penggajian/_profil_kgb.html",
            konteks=kgb_profil,
            boleh=p.can_view_kgb_pegawai,
        )

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
