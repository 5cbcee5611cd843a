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
                "Mentoring & coaching", "pembinaan:mentoring", p.can_view_mentoring, grup=grup, urutan=870
            ),
            menu.Entri(
                "Cek penerapan pelatihan",
                "pembinaan:evaluasi_penerapan",
                p.can_view_penerapan,
                grup=grup,
                urutan=875,
            ),
            menu.Entri(
                "Efek pelatihan",
                "pembinaan:evaluasi_program",
                p.can_view_efek_pelatihan,
                grup=grup,
                urutan=880,
            ),
        )

        from pegawai.profil import register_tab

        from .views import jp_profil

        register_tab("jp", "JP pengembangan", template="pembinaan/_profil_jp.html", konteks=jp_profil)

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
