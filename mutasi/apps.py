from django.apps import AppConfig


class MutasiConfig(AppConfig):
    name = "mutasi"
    verbose_name = "Mutasi"

    def ready(self) -> None:
        from core import menu

        from . import permissions as p

        grup = "Mutasi"
        menu.daftarkan(
            menu.Entri(
                "Kebutuhan pegawai (bezetting)",
                "mutasi:kebutuhan",
                p.can_view_kebutuhan,
                grup=grup,
                urutan=700,
            ),
        )
