from django.apps import AppConfig


class PenggajianConfig(AppConfig):
    name = "penggajian"
