"""JP rules per form and yearly targets per status (pembinaan/reference.py, with their sources)."""

from django.db import migrations


def seed(apps, schema_editor):
    from pembinaan.reference import seed_all

    seed_all(lambda name: apps.get_model("pembinaan", name))


class Migration(migrations.Migration):
    dependencies = [("pembinaan", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
