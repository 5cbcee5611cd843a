from django.db import migrations

ROLES = ["Admin BKD", "Operator OPD", "Pimpinan", "Pegawai"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("akun", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
