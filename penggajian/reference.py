"""Seed the pay rule tables from penggajian/data/*.csv (copied from the project's reference set).

Sources (each CSV's `#` header lines give the details and the verification status):
- gaji_pokok_pns_pp15_2019.csv: Lampiran PP 15/2019, in force 1 Jan 2019 – 31 Dec 2023 (verified, one typo
  corrected and flagged).
- gaji_pokok_pns_pp5_2024.csv: Lampiran PP 5/2024, from 1 Jan 2024 (verified).
- gaji_pokok_pppk_perpres11_2024.csv: Lampiran Perpres 11/2024, from 1 Jan 2024 (internally consistent).
- komponen_gaji_asn.csv: allowance and deduction rates with their legal bases (status per row).
- tunjangan_jabatan_struktural_perpres26_2007.csv: Perpres 26/2007 (II.a corroborated, others unverified).
- tunjangan_fungsional.csv: functional allowances of the demo positions (unverified, editable).
- tpp_aturan_contoh.csv: an example TPP rule for the demo city (not a real Perkada).

Seeding is an upsert keyed by the version's effective date and the row's natural key: running it twice
changes nothing. Functions take a `model(name)` callable so the data migration can pass historical models.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

PP_15_2019 = "PP Nomor 15 Tahun 2019 (Perubahan Kedelapan Belas atas PP 7/1977), Lampiran"
PP_5_2024 = "PP Nomor 5 Tahun 2024 (Perubahan Kesembilan Belas atas PP 7/1977), Lampiran"
PERPRES_11_2024 = "Perpres Nomor 11 Tahun 2024 (Perubahan atas Perpres 98/2020), Lampiran"
KOMPONEN = (
    "PP 7/1977 jo. perubahannya (tunjangan keluarga, CPNS 80 %); Perpres 12/2006 (tunjangan umum); "
    "PP 25/1981 (IWP 8 %); Perpres 82/2018 jo. 64/2020 (BPJS Kesehatan 1 % + 4 %, dasar maks Rp12.000.000); "
    "PP 70/2015 jo. PP 66/2017 (JKK 0,24 %, JKM 0,72 %); Perpres 26/2007 (tunjangan struktural)"
)
BERLAKU_2019 = dt.date(2019, 1, 1)
BERLAKU_2024 = dt.date(2024, 1, 1)
TUNJANGAN_UMUM = {"I": 175000, "II": 180000, "III": 185000, "IV": 190000}
TPP_CONTOH_NAMA = "Peraturan Wali Kota (contoh) tentang Tambahan Penghasilan Pegawai"
TPP_CONTOH_DASAR = "PP 12/2019 Pasal 58; Perkada contoh kota demo (bukan peraturan nyata); PP 94/2021"


def read_csv(name: str) -> Iterator[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines)


def seed_gaji_pokok(model: Callable) -> None:
    Tabel, GajiPokok = model("TabelGajiPokok"), model("GajiPokok")
    sumber = [
        ("gaji_pokok_pns_pp15_2019.csv", "PNS", BERLAKU_2019, PP_15_2019, "golongan"),
        ("gaji_pokok_pns_pp5_2024.csv", "PNS", BERLAKU_2024, PP_5_2024, "golongan"),
        ("gaji_pokok_pppk_perpres11_2024.csv", "PPPK", BERLAKU_2024, PERPRES_11_2024, "golongan_pppk"),
    ]
    for nama_file, jenis, berlaku, dasar, kolom_golongan in sumber:
        tabel, _created = Tabel.objects.get_or_create(
            jenis=jenis,
            berlaku_mulai=berlaku,
            defaults={
                "nama": f"Gaji pokok {jenis} {berlaku.year}",
                "dasar_hukum": dasar,
                "keterangan": nama_file,
            },
        )
        for row in read_csv(nama_file):
            GajiPokok.objects.get_or_create(
                tabel=tabel,
                golongan=row[kolom_golongan],
                mkg_tahun=int(row["mkg_tahun"]),
                defaults={"jumlah": Decimal(row["gaji_pokok_rp"])},
            )


def seed_aturan_gaji(model: Callable) -> None:
    AturanGaji = model("AturanGaji")
    Struktural, Fungsional = model("TunjanganStruktural"), model("TunjanganFungsional")
    aturan, _created = AturanGaji.objects.get_or_create(
        berlaku_mulai=BERLAKU_2019,
        defaults={
            "nama": "Komponen gaji induk ASN daerah",
            "dasar_hukum": KOMPONEN,
            "tunjangan_umum": TUNJANGAN_UMUM,
            "status_dikecualikan": ["PPPK Paruh Waktu"],
            "keterangan": (
                "Tarif dari komponen_gaji_asn.csv. Iuran PPPK 3,25 % hanya terlihat pada satu contoh "
                "daftar gaji (belum diverifikasi): periksa sebelum dipakai."
            ),
        },
    )
    for row in read_csv("tunjangan_jabatan_struktural_perpres26_2007.csv"):
        Struktural.objects.get_or_create(
            aturan=aturan,
            eselon=row["eselon"],
            defaults={
                "jumlah": Decimal(row["tunjangan_rp"]),
                "dasar_hukum": "Perpres 26/2007",
                "terverifikasi": row["status"].startswith("REPO"),
            },
        )
    for row in read_csv("tunjangan_fungsional.csv"):
        Fungsional.objects.get_or_create(
            aturan=aturan,
            nama=row["nama"],
            jenjang=row["jenjang"],
            defaults={"jumlah": Decimal(row["jumlah"]), "dasar_hukum": row["dasar_hukum"]},
        )


def seed_aturan_tpp(model: Callable) -> None:
    AturanTpp = model("AturanTpp")
    Pagu, Persen, Kode = model("PaguTpp"), model("PersenPredikatTpp"), model("KodePotonganTpp")
    aturan, _created = AturanTpp.objects.get_or_create(
        berlaku_mulai=BERLAKU_2024,
        status="berlaku",
        defaults={
            "nama": TPP_CONTOH_NAMA,
            "dasar_hukum": TPP_CONTOH_DASAR,
            "status_dikecualikan": ["PPPK Paruh Waktu"],
            "keterangan": "Aturan contoh untuk data demo. Daerah memasukkan Perkada-nya sebagai versi baru.",
        },
    )
    for row in read_csv("tpp_aturan_contoh.csv"):
        nilai = Decimal(row["nilai"])
        if row["bagian"] == "pagu":
            Pagu.objects.get_or_create(
                aturan=aturan, kelas_jabatan=int(row["kunci"]), defaults={"jumlah": nilai}
            )
        elif row["bagian"] == "predikat":
            Persen.objects.get_or_create(aturan=aturan, predikat=row["kunci"], defaults={"persen": nilai})
        elif row["bagian"] == "kode":
            Kode.objects.get_or_create(
                aturan=aturan,
                kode=row["kunci"],
                defaults={"persen": nilai, "keterangan": row["keterangan"], "satuan": "kejadian"},
            )


# THR and gaji ke-13 for regional civil servants: gaji pokok, tunjangan keluarga, tunjangan pangan,
# tunjangan jabatan or umum, and at most one month of TPP as the region's finances allow (the PP of each
# year: PP 14/2024 for 2024, PP 11/2025 for 2025). A later year's PP is entered on the rule page.
PP_TAMBAHAN = {2024: "PP 14/2024", 2025: "PP 11/2025"}


def seed_aturan_tambahan(model: Callable) -> None:
    AturanTambahan = model("AturanTambahan")
    for tahun, pp in PP_TAMBAHAN.items():
        for jenis in ("thr", "gaji13"):
            AturanTambahan.objects.get_or_create(
                jenis=jenis,
                tahun=tahun,
                defaults={
                    "dasar_hukum": f"{pp} (THR dan gaji ketiga belas aparatur negara tahun {tahun})",
                    "persen_tpp": 100,
                    "catatan": "TPP paling banyak 1 bulan, sesuai kemampuan keuangan daerah: ubah persennya bila "
                    "Perkada menetapkan kurang.",
                },
            )


def seed_all(model: Callable) -> None:
    seed_gaji_pokok(model)
    seed_aturan_gaji(model)
    seed_aturan_tpp(model)
    seed_aturan_tambahan(model)
