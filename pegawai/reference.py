"""Reference data shipped with the app (copied from the project's regulation set, with sources)."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def seed_golongan(golongan_model) -> None:
    """Upsert golongan/pangkat from data/golongan_pangkat.csv (PP 99/2000; Perpres 11/2024 for PPPK).

    Takes the model class so the data migration can pass its historical model.
    """
    with (DATA_DIR / "golongan_pangkat.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            golongan_model.objects.update_or_create(
                kode=row["golongan"],
                defaults={"jenis": row["jenis"], "pangkat": row["pangkat"], "urutan": int(row["urutan"])},
            )
