from django.db import migrations


def seed(apps, schema_editor):
    from mutasi.reference import seed_all

    seed_all(lambda name: apps.get_model("mutasi", name))


class Migration(migrations.Migration):
    dependencies = [("mutasi", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
