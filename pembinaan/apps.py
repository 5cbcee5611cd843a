from django.apps import AppConfig


class PembinaanConfig(AppConfig):
    name = "pembinaan"

    def ready(self) -> None:
        from core import menu

        from . import permissions as p

        grup = "Pembinaan"
        menu.daftarkan(
            menu.Entri("JP saya", "pembinaan:saya", p.can_view_jp_saya, grup=grup, urutan=800),
            menu.Entri("Kepatuhan JP", "pembinaan:kepatuhan", p.can_view_kepatuhan, grup=grup, urutan=810),
            menu.Entri("Pegawai & JP", "pembinaan:pegawai", p.can_view_kepatuhan, grup=grup, urutan=820),
            menu.Entri(
                "Verifikasi klaim JP", "pembinaan:klaim_list", p.can_view_verifikasi, grup=grup, urutan=830
            ),
            menu.Entri(
                "Rencana pengembangan",
                "pembinaan:rencana_list",
                p.can_view_kebutuhan_list,
                grup=grup,
                urutan=840,
            ),
            menu.Entri(
                "Kebutuhan pengembangan",
                "pembinaan:kebutuhan_list",
                p.can_view_kebutuhan_list,
                grup=grup,
                urutan=845,
            ),
            menu.Entri(
                "Rencana pengembangan kompetensi",
                "pembinaan:rekap",
                p.can_view_rekap_rencana,
                grup=grup,
                urutan=850,
            ),
            # h6: catalogue, events, e-learning
            menu.Entri("Pelatihan", "pembinaan:pelatihan_list", p.can_view_pelatihan, grup=grup, urutan=860),
            menu.Entri("Katalog program", "pembinaan:katalog", p.can_view_pelatihan, grup=grup, urutan=865),
            menu.Entri("Aturan JP", "pembinaan:aturan_jp", p.can_view_aturan_jp, grup=grup, urutan=867),
            menu.Entri("E-learning", "belajar:beranda", p.can_belajar, grup=grup, urutan=870),
            menu.Entri("Kelola e-learning", "belajar:kelola", p.can_author_modul, grup=grup, urutan=875),
            menu.Entri(
                "Mentoring & coaching", "pembinaan:mentoring", p.can_view_mentoring, grup=grup, urutan=880
            ),
            menu.Entri(
                "Cek penerapan pelatihan",
                "pembinaan:evaluasi_penerapan",
                p.can_view_penerapan,
                grup=grup,
                urutan=885,
            ),
            menu.Entri(
                "Efek pelatihan",
                "pembinaan:evaluasi_program",
                p.can_view_efek_pelatihan,
                grup=grup,
                urutan=890,
            ),
        )

        from pegawai.signals import jabatan_berubah_massal

        from . import tasks_kebutuhan  # noqa: F401  (registers the needs task with Celery)
        from .services_kebutuhan import on_jabatan_berubah_massal

        jabatan_berubah_massal.connect(
            on_jabatan_berubah_massal, dispatch_uid="pembinaan.orientasi_jabatan_baru"
        )

        from pegawai.profil import register_tab

        from .views import jp_profil

        register_tab(
            "jp",
            "JP pengembangan",
            template="pembinaan/_profil_jp.html",
            konteks=jp_profil,
            boleh=p.can_view_jp_pegawai,
        )

        from pegawai.impor import register

        from .impor import PelatihanImporter

        register(
            "pelatihan",
            PelatihanImporter,
            judul="Riwayat pelatihan (JP)",
            contoh=[
                "198804092012032001",
                "Bimtek Pengelolaan Arsip",
                "bimbingan_teknis",
                "BKD",
                "2026-03-02",
                "2026-03-04",
                "24",
                "",
                "BKD/2026/001",
            ],
        )
