"""Settings shared by every environment; all deployment facts come from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "axes",
    "core",
    "akun",
    "pegawai",
    "kinerja",
    "penggajian",
    "mutasi",
    "pembinaan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "asn_portal.urls"
WSGI_APPLICATION = "asn_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pegawai.context_processors.peran",
                "core.menu.menu",
            ],
            "builtins": ["core.templatetags.asn"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/asn_portal")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "akun.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Idle sessions expire: every request renews the cookie, silence for SESSION_COOKIE_AGE ends it.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address as the rest of the app reads it (ASN_PROXY_HOPS): behind a reverse proxy the
# lockout is per client, not per proxy (one attacker locking a username for everyone behind it).
AXES_CLIENT_IP_CALLABLE = "core.request.client_ip"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Asia/Makassar")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# Largest spreadsheet accepted by the import pages and commands.
ASN_IMPORT_MAX_BYTES = env.int("ASN_IMPORT_MAX_BYTES", default=25 * 1024 * 1024)
ASN_BUKTI_MAX_BYTES = env.int("ASN_BUKTI_MAX_BYTES", default=5 * 1024 * 1024)
# Government-wide and per-OPD dashboard figures are kept this long (0: computed on every view).
ASN_DASBOR_CACHE_DETIK = env.int("ASN_DASBOR_CACHE_DETIK", default=120)
# A hostile import cannot hold a worker for minutes: reading stops past this many data rows, and
# validation after this many listed errors.
ASN_IMPORT_MAX_ROWS = env.int("ASN_IMPORT_MAX_ROWS", default=100_000)
ASN_IMPORT_MAX_ERRORS = env.int("ASN_IMPORT_MAX_ERRORS", default=1_000)
# Public satisfaction survey, per survey and day: answers from one network (IP; a service office's
# Wi-Fi or a carrier's NAT is shared, hence not 1) and in total. One per device is a constraint.
ASN_SURVEI_MAKS_PER_JARINGAN = env.int("ASN_SURVEI_MAKS_PER_JARINGAN", default=20)
ASN_SURVEI_MAKS_PER_HARI = env.int("ASN_SURVEI_MAKS_PER_HARI", default=500)
# Workload analysis (ABK): effective working time of one employee per year, in minutes. 75,000 is the
# figure of PermenPAN-RB 26/2011 and Peraturan BKN 9/2022 practice (1,250 hours); some regional guides use
# 72,000 (1,200 hours) — set it to the one your government's ABK uses.
ASN_WAKTU_KERJA_EFEKTIF_MENIT = env.int("ASN_WAKTU_KERJA_EFEKTIF_MENIT", default=75_000)
# Reverse proxies in front of gunicorn whose X-Forwarded-For is trusted (0: use REMOTE_ADDR).
ASN_PROXY_HOPS = env.int("ASN_PROXY_HOPS", default=0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Deployment identity printed on documents.
ASN_NAMA_PEMDA = env("ASN_NAMA_PEMDA", default="Pemerintah Kota Palu")
ASN_NAMA_INSTANSI = env("ASN_NAMA_INSTANSI", default="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
ASN_NAMA_INSTANSI_SINGKAT = env("ASN_NAMA_INSTANSI_SINGKAT", default="BKPSDM")
ASN_KOTA = env("ASN_KOTA", default="Palu")
ASN_BASE_URL = env("ASN_BASE_URL", default="http://127.0.0.1:8000")

# Celery
CELERY_BROKER_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Pause after each OPD of a pay run (seconds): spreads the load on a busy server; tests use it to stop a
# run halfway.
PENGGAJIAN_JEDA_OPD_DETIK = env.float("PENGGAJIAN_JEDA_OPD_DETIK", default=0)
CELERY_BEAT_SCHEDULE = {
    "pegawai-refresh-derived": {
        "task": "pegawai.tasks.pegawai_refresh_derived_task",
        "schedule": crontab(hour=1, minute=0),
    },
    # Moves whose TMT has come take effect (issue 13 point 10); idempotent, so a missed night catches up.
    "mutasi-terapkan-tmt": {
        "task": "mutasi.tasks.mutasi_apply_due_task",
        "schedule": crontab(hour=0, minute=15),
    },
}
if ASN_DASBOR_CACHE_DETIK:
    # The government-wide dashboard figures, recomputed before they expire (asn_portal.views.dasbor_segarkan).
    CELERY_BEAT_SCHEDULE["dasbor-segarkan"] = {
        "task": "asn_portal.tasks.dasbor_segarkan_task",
        "schedule": max(ASN_DASBOR_CACHE_DETIK // 2, 10),
        "options": {"expires": max(ASN_DASBOR_CACHE_DETIK // 2, 10)},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# History: a change reason is free text (a returned SKP's note, a reopening's reason …), so it is stored as
# text rather than django-simple-history's default varchar(100). Forms cap free text at MAX_ALASAN (500).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
