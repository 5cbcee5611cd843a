from django.apps import AppConfig


class MutasiConfig(AppConfig):
    name = "mutasi"
