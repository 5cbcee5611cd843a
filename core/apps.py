from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from . import (
            lookups,  # noqa: F401  (registers field__any)
            menu,
        )

        menu.daftarkan(
            menu.Entri("Dasbor", "/", lambda user: True, urutan=0),
            menu.Entri("Admin sistem", "/admin/", lambda user: user.is_superuser, tempat="kanan"),
        )
