"""Seed the kinerja rule tables from kinerja/data/*.csv (copied from the project's reference set).

Sources (each CSV's `#` header lines give the details):
- predikat_kinerja_matriks_permenpanrb6_2022.csv: PermenPANRB 6/2022 Lampiran (verified).
- kurva_distribusi_predikat.csv: PermenPANRB 6/2022 Lampiran via a secondary source (partial → warnings).
- talenta_9box_permenpanrb3_2020.csv: PermenPANRB 3/2020 (verified).
- angka_kredit_per_predikat_permenpanrb1_2023.csv: PermenPANRB 1/2023 (verified).

Each seed function takes the model classes so data migrations can pass their historical models. Seeding
is an upsert keyed by (berlaku_mulai, natural key): running it twice changes nothing, and an edited row
of another effective date is left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

PERMENPANRB_6_2022 = "PermenPANRB Nomor 6 Tahun 2022 (Lampiran)"
PERMENPANRB_3_2020 = "PermenPANRB Nomor 3 Tahun 2020"
PERMENPANRB_1_2023 = "PermenPANRB Nomor 1 Tahun 2023"
BERLAKU_6_2022 = dt.date(2022, 1, 1)
BERLAKU_3_2020 = dt.date(2020, 1, 1)
BERLAKU_1_2023 = dt.date(2023, 1, 1)

# CSV wording → stored values (models.Rating / Predikat / PredikatOrganisasi).
PREDIKAT = {
    "sangat baik": "sangat baik",
    "baik": "baik",
    "butuh perbaikan": "butuh perbaikan",
    "kurang": "kurang",
    "kurang/misconduct": "kurang",
    "sangat kurang": "sangat kurang",
}
KOLOM_ANGKA_KREDIT = {
    "sangat_baik_150pct": "sangat baik",
    "baik_100pct": "baik",
    "butuh_perbaikan_75pct": "butuh perbaikan",
    "kurang_50pct": "kurang",
    "sangat_kurang_25pct": "sangat kurang",
}


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _predikat_list(text: str) -> list[str]:
    """`Butuh Perbaikan atau Kurang` → ["butuh perbaikan", "kurang"]."""
    return [PREDIKAT[part.strip().lower()] for part in text.split(" atau ")]


def seed_matriks(model) -> None:
    for row in read_csv("predikat_kinerja_matriks_permenpanrb6_2022.csv"):
        model.objects.update_or_create(
            berlaku_mulai=BERLAKU_6_2022,
            rating_hasil_kerja=row["rating_hasil_kerja"].lower(),
            rating_perilaku_kerja=row["rating_perilaku_kerja"].lower(),
            defaults={
                "predikat": PREDIKAT[row["predikat_kinerja"].lower()],
                "dasar_hukum": PERMENPANRB_6_2022,
            },
        )


def seed_kurva(model) -> None:
    if model.objects.filter(berlaku_mulai=BERLAKU_6_2022).exists():
        return
    rows = []
    for row in read_csv("kurva_distribusi_predikat.csv"):
        minimum = row["min_pct"].strip()
        min_orang = int(minimum.split()[0]) if minimum.endswith("orang") else None
        rows.append(
            model(
                berlaku_mulai=BERLAKU_6_2022,
                dasar_hukum=PERMENPANRB_6_2022,
                predikat_organisasi=row["predikat_organisasi"].lower(),
                predikat_pegawai=_predikat_list(row["predikat_pegawai"]),
                min_persen=Decimal(minimum) if minimum and min_orang is None else None,
                min_orang=min_orang,
                maks_persen=Decimal(row["max_pct"]) if row["max_pct"].strip() else None,
                catatan=row["catatan"],
            )
        )
    model.objects.bulk_create(rows)


def seed_kotak_talenta(model) -> None:
    for row in read_csv("talenta_9box_permenpanrb3_2020.csv"):
        model.objects.update_or_create(
            berlaku_mulai=BERLAKU_3_2020,
            kotak=int(row["kotak"]),
            defaults={
                "dasar_hukum": PERMENPANRB_3_2020,
                "kinerja": row["kinerja"].lower(),
                "potensial": row["potensial"].lower(),
                "rekomendasi": row["rekomendasi"],
                "kelompok_suksesi": row["kelompok_rencana_suksesi"],
            },
        )


def seed_ambang_talenta(model) -> None:
    """Potential axis thresholds. PermenPANRB 3/2020 leaves them to the agency: editable data."""
    model.objects.get_or_create(
        berlaku_mulai=BERLAKU_3_2020,
        defaults={
            "dasar_hukum": PERMENPANRB_3_2020 + " (ambang ditetapkan instansi)",
            "batas_menengah": Decimal(60),
            "batas_tinggi": Decimal(80),
        },
    )


def seed_angka_kredit(model) -> None:
    for row in read_csv("angka_kredit_per_predikat_permenpanrb1_2023.csv"):
        for kolom, predikat in KOLOM_ANGKA_KREDIT.items():
            model.objects.update_or_create(
                berlaku_mulai=BERLAKU_1_2023,
                jenjang=row["jenjang"].lower(),
                predikat=predikat,
                defaults={
                    "dasar_hukum": PERMENPANRB_1_2023,
                    "koefisien_tahunan": Decimal(row["koefisien_tahunan"]),
                    "angka_kredit": Decimal(row[kolom]),
                },
            )


def seed_all(get_model) -> None:
    """`get_model(name)` returns the model class (apps.get_model in migrations, the real one elsewhere)."""
    seed_matriks(get_model("MatriksPredikat"))
    seed_kurva(get_model("KurvaDistribusi"))
    seed_kotak_talenta(get_model("KotakTalenta"))
    seed_ambang_talenta(get_model("AmbangTalenta"))
    seed_angka_kredit(get_model("AngkaKreditPredikat"))
