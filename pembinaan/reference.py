"""Reference rows of pembinaan, seeded by a data migration and kept as editable, dated data.

Copied from ../shared/reference/mutasi_pembinaan.md §2 (with its markers):
- Forms (bentuk) of development by training: Peraturan LAN 10/2018 ✅, 11 klasikal and 12 nonklasikal.
- Counting JP (§2.3): "No national table converts nonklasikal forms into JP ⚠️. Practice: 1 JP = 45
  minutes as the default 🟡; some regions set 60 minutes. A certificate normally states its JP." So every
  form starts with the same rule — the JP on the certificate when stated, otherwise one JP per full 45
  minutes — marked `perlu_ditinjau` for the BKD to set its own values (a new dated row, never an edit).
- Target (§2.1): every PNS at least 20 JP a year, PP 11/2017 jo. PP 17/2020 Pasal 203(4) ✅. CPNS are
  PNS candidates in their basic training year: the same 20 JP, marked for review. PPPK: Peraturan LAN
  15/2020; the reference notes one sector capping PPPK development at 24 JP per contract year 🟡 — no
  national minimum is stated, so the PPPK target starts at 20 JP like a PNS and is marked for review.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

BERLAKU_AWAL = dt.date(2000, 1, 1)  # the default rule covers every imported history (SIASN records)
DASAR_BENTUK = "Peraturan LAN 10/2018 (bentuk pengembangan kompetensi)"
DASAR_JP = "1 JP = 45 menit: praktik umum, belum ada tabel konversi nasional (rujukan §2.3)"

BENTUK_KLASIKAL = [
    "pelatihan_kepemimpinan",
    "pelatihan_manajerial",
    "pelatihan_teknis",
    "pelatihan_fungsional",
    "pelatihan_sosial_kultural",
    "seminar",
    "workshop",
    "kursus",
    "penataran",
    "bimbingan_teknis",
    "sosialisasi",
]
BENTUK_NONKLASIKAL = [
    "coaching",
    "mentoring",
    "e_learning",
    "pelatihan_jarak_jauh",
    "detasering",
    "pembelajaran_alam_terbuka",
    "patok_banding",
    "pertukaran_pegawai",
    "belajar_mandiri",
    "komunitas_belajar",
    "bimbingan_di_tempat_kerja",
    "magang",
]

TARGET = [
    # status, target, dasar hukum, perlu_ditinjau, keterangan
    ("PNS", 20, "PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4)", False, "Paling sedikit 20 JP per tahun."),
    (
        "CPNS",
        20,
        "PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4)",
        True,
        "Disamakan dengan PNS; pelatihan dasar CPNS dicatat sebagai kegiatan tersendiri.",
    ),
    (
        "PPPK",
        20,
        "Peraturan LAN 15/2020",
        True,
        "Tidak ada batas minimal nasional; satu sektor membatasi 24 JP per tahun masa perjanjian kerja. "
        "Sesuaikan dengan kebijakan pemerintah daerah.",
    ),
    (
        "PPPK Paruh Waktu",
        20,
        "Peraturan LAN 15/2020",
        True,
        "Mengikuti PPPK; sesuaikan dengan kebijakan pemerintah daerah.",
    ),
]


def seed_all(get_model) -> None:
    """Idempotent: rows already present (same key) are left as the BKD edited them."""
    AturanJP = get_model("AturanJP")
    TargetJP = get_model("TargetJP")
    for jalur, daftar in (("klasikal", BENTUK_KLASIKAL), ("nonklasikal", BENTUK_NONKLASIKAL)):
        for bentuk in daftar:
            AturanJP.objects.get_or_create(
                bentuk=bentuk,
                berlaku_mulai=BERLAKU_AWAL,
                defaults={
                    "jalur": jalur,
                    "basis": "menit",
                    "nilai": Decimal(45),
                    "maks_per_tahun": None,
                    "wajib_bukti": True,
                    "dasar_hukum": f"{DASAR_BENTUK}; {DASAR_JP}",
                    "keterangan": "JP tertera pada sertifikat dipakai bila ada; tanpa JP, 1 JP per 45 menit penuh.",
                    "perlu_ditinjau": True,
                },
            )
    for status, target, dasar, ditinjau, keterangan in TARGET:
        TargetJP.objects.get_or_create(
            status_kepegawaian=status,
            berlaku_mulai=dt.date(2020, 1, 1),
            defaults={
                "target_jp": target,
                "dasar_hukum": dasar,
                "perlu_ditinjau": ditinjau,
                "keterangan": keterangan,
            },
        )
