"""Test settings: always PostgreSQL (DATABASE_URL, else the embedded server)."""

from asn_portal.embedded import embedded_broker_settings, embedded_database_url, ensure_database

from .base import *

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

if not env("DATABASE_URL", default=""):
    _url = embedded_database_url()
    ensure_database(_url)
    DATABASES = {"default": env.db_url_config(_url)}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default="test_asn_portal")}

if not env("REDIS_URL", default=""):
    _broker = embedded_broker_settings()
    CELERY_BROKER_URL = _broker["broker_url"]
    CELERY_BROKER_TRANSPORT_OPTIONS = _broker["broker_transport_options"]

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
AXES_FAILURE_LIMIT = 3
ASN_DASBOR_CACHE_DETIK = (
    0  # tests count each dashboard's queries; tests/pegawai/test_dasbor_cache.py turns it on
)

# A worker started as a subprocess by a test works on that test's database.
if env("ASN_TEST_WORKER_DB", default=""):
    DATABASES["default"]["NAME"] = env("ASN_TEST_WORKER_DB")
