from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"

    def ready(self) -> None:
        from core import menu

        from . import permissions as p

        grup = "Kinerja"
        menu.daftarkan(
            menu.Entri("SKP saya", "kinerja:skp_saya", p.can_have_skp, grup=grup, urutan=500),
            menu.Entri("Umpan balik rekan kerja", "kinerja:rekan", p.can_have_skp, grup=grup, urutan=510),
            menu.Entri("Kinerja tim", "kinerja:tim", p.can_view_tim, grup=grup, urutan=520),
            menu.Entri(
                "Sebaran predikat per OPD", "kinerja:sebaran", p.can_view_sebaran, grup=grup, urutan=530
            ),
            menu.Entri(
                "Manajemen talenta (9-box)", "kinerja:talenta", p.can_view_sebaran, grup=grup, urutan=540
            ),
            menu.Entri(
                "Survei kepuasan layanan", "kinerja:survei_list", p.can_view_survei, grup=grup, urutan=550
            ),
            menu.Entri(
                "Sasaran unit kerja", "kinerja:sasaran_unit", p.can_view_kinerja_unit, grup=grup, urutan=560
            ),
            menu.Entri(
                "Predikat unit kerja", "kinerja:predikat_unit", p.can_view_kinerja_unit, grup=grup, urutan=570
            ),
            menu.Entri(
                "Periode kinerja",
                "kinerja:periode_list",
                p.can_manage_periode,
                grup=grup,
                urutan=590,
                pemisah=True,
            ),
        )

        # The SKP follows a move (the event pegawai sends inside the move's transaction).
        # The bulk form carries every move (pegawai.signals); one statement set for a collective SK.
        from pegawai.signals import jabatan_berubah_massal

        from .services.perpindahan import on_jabatan_berubah_massal

        jabatan_berubah_massal.connect(
            on_jabatan_berubah_massal, dispatch_uid="kinerja.skp_ikuti_perpindahan"
        )

        # The browser upload with preview (pegawai's import pages) offers the penilaian import too.
        from pegawai.impor import register

        from .impor import PenilaianImporter

        register(
            "penilaian",
            PenilaianImporter,
            judul="Penilaian kinerja",
            contoh=["198804092012032001", "2026", "triwulan-1", "di atas ekspektasi", "sesuai ekspektasi"],
        )
