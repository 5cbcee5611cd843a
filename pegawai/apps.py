from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = "Kepegawaian"
