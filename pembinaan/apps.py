from django.apps import AppConfig


class PembinaanConfig(AppConfig):
    name = "pembinaan"
