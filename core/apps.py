from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from . import menu

        menu.daftarkan(
            menu.Entri("Dasbor", "/", lambda user: True, urutan=0),
            menu.Entri("Admin sistem", "/admin/", lambda user: user.is_superuser, tempat="kanan"),
        )
