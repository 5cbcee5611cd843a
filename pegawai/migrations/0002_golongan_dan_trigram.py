"""Seed the golongan reference and add the search indexes.

Golongan: PP 99/2000 jo. PP 12/2002 (PNS I/a–IV/e) and Perpres 98/2020 jo. Perpres 11/2024
(PPPK I–XVII), from pegawai/data/golongan_pangkat.csv (copied from the project's reference set).
Search: a trigram GIN index makes `nama ILIKE '%…%'` fast at 50,000+ rows; NIP prefix search uses
a varchar_pattern_ops btree.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from pegawai.reference import seed_golongan as _seed


def seed_golongan(apps, schema_editor):
    _seed(apps.get_model("pegawai", "Golongan"))


class Migration(migrations.Migration):
    dependencies = [("pegawai", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(seed_golongan, migrations.RunPython.noop),
    ]
