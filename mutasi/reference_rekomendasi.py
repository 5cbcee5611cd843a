"""The first version of the shortlist weights, seeded by a data migration and edited afterwards by the
Admin BKD (a new version with its own start date; the old one stays for the dates it covered).

Peraturan BKN 5/2019 (tata cara mutasi) lists what a move is planned on: qualification and education,
competence, performance, the talent pool and succession plan, development, experience, and the
employee's interest; it sets no numeric weights. The numbers below are the regional default (🟡),
summing to 100, meant to be edited. Training (pelatihan) starts at 0: the pembinaan module that
records training does not exist yet; give it points once it does.
"""

from __future__ import annotations

import datetime as dt

BOBOT_AWAL = {
    "berlaku_mulai": dt.date(2019, 4, 8),
    "dasar_hukum": "Peraturan BKN 5/2019 tentang Tata Cara Pelaksanaan Mutasi (aspek perencanaan); "
    "bobot ditetapkan pemerintah daerah",
    "pendidikan": 20,
    "kompetensi": 15,
    "kinerja": 25,
    "talenta": 15,
    "pelatihan": 0,
    "pengalaman": 10,
    "keinginan": 10,
    "masa_jabatan": 5,
    "keterangan": "Bobot awal. Pelatihan 0 sampai data pelatihan (pembinaan) tersedia.",
}


def seed_bobot_rekomendasi(get_model) -> None:
    """Idempotent: adds the first version when no version starts on its date."""
    Bobot = get_model("BobotRekomendasi")
    data = dict(BOBOT_AWAL)
    Bobot.objects.get_or_create(berlaku_mulai=data.pop("berlaku_mulai"), defaults=data)
