from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = "Kepegawaian"

    def ready(self) -> None:
        from core import menu

        from . import permissions as p

        menu.daftarkan(
            menu.Entri("Pegawai", "pegawai:list", p.can_view_pegawai_list, urutan=100),
            menu.Entri("Organisasi", "pegawai:organisasi", p.can_view_organisasi, urutan=200),
            menu.Entri(
                "Daftar Urut Kepangkatan (DUK)",
                "pegawai:duk",
                p.can_view_organisasi,
                grup="Laporan",
                urutan=300,
            ),
            menu.Entri(
                "Daftar Nominatif", "pegawai:nominatif", p.can_view_organisasi, grup="Laporan", urutan=310
            ),
            menu.Entri(
                "Penandatangan dokumen",
                "pegawai:penandatangan_list",
                p.can_manage_penandatangan,
                grup="Laporan",
                urutan=320,
            ),
            menu.Entri("Impor data", "pegawai:impor_index", p.can_import_data, urutan=400),
            menu.Entri(
                "Usulan perubahan data", "pegawai:usulan_list", p.can_view_usulan_perubahan, urutan=900
            ),
            menu.Entri("Profil saya", "pegawai:saya", p.can_view_profil_saya, tempat="akun"),
        )
