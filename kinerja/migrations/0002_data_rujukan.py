"""Seed the kinerja rule tables (matrix, curve, 9-box, thresholds, credit points); see kinerja/reference.py."""

from django.db import migrations

from kinerja.reference import seed_all


def seed(apps, schema_editor):
    seed_all(lambda name: apps.get_model("kinerja", name))


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
