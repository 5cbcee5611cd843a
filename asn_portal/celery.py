import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")

app = Celery("asn_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["asn_portal"])  # asn_portal.tasks: work that spans apps
