"""Developer settings: `make run` and management commands on a laptop."""

import os

from asn_portal.embedded import embedded_broker_settings, embedded_database_url, ensure_database

from .base import *

DEBUG = env.bool("DJANGO_DEBUG", default=True)
os.environ.setdefault("DJANGO_DEBUG", "1" if DEBUG else "0")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "0.0.0.0"])  # noqa: S104

if not env("DATABASE_URL", default=""):
    _url = embedded_database_url()
    ensure_database(_url)
    DATABASES = {"default": {**env.db_url_config(_url), "CONN_MAX_AGE": 0}}

if not env("REDIS_URL", default=""):
    _broker = embedded_broker_settings()
    CELERY_BROKER_URL = _broker["broker_url"]
    CELERY_BROKER_TRANSPORT_OPTIONS = _broker["broker_transport_options"]

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
