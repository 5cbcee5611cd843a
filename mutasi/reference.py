"""Reference rows of mutasi, seeded by a data migration and kept as editable data afterwards.

Guards: reference §1.4 (../shared/reference/mutasi_pembinaan.md, copied here with their basis).
Document checklists: reference §1.3 for moves between governments (Peraturan BKN 5/2019); the list
for moves within the government is regional practice (🟡) and meant to be edited.
"""

from __future__ import annotations

import datetime as dt

GUARD = [
    # kode, bulan_minimal, bulan_maksimal, berlaku_mulai, dasar_hukum, keterangan
    (
        "masa_jabatan",
        24,
        60,
        dt.date(2017, 3, 30),
        "PP 11/2017 Pasal 190 jo. PP 17/2020; Peraturan BKN 5/2019 Pasal 2 ayat (3)",
        "Paling singkat 2 tahun dan paling lama 5 tahun dalam satu jabatan. Pernyataan Kepala BKN 2025 tentang "
        "6 bulan belum ditemukan dalam peraturan; bila terbit, catat sebagai versi baru.",
    ),
    (
        "ikatan_cpns",
        120,
        0,
        dt.date(2021, 1, 1),
        "PermenPANRB 27/2021 Pasal 52",
        "Pernyataan CPNS tidak mengajukan pindah paling singkat 10 tahun; berlaku bagi CPNS yang TMT-nya sejak "
        "ketentuan ini (tanggal awal diisi awal tahun peraturan — sesuaikan bila perlu). Diperiksa untuk "
        "permintaan sendiri (APS) dan mutasi keluar.",
    ),
    (
        "jpt_dua_tahun",
        24,
        0,
        dt.date(2014, 1, 15),
        "UU 5/2014 Pasal 116 ayat (1), sebagaimana dilanjutkan KemenPANRB",
        "Pejabat pimpinan tinggi tidak diganti dalam 2 tahun sejak pelantikan tanpa persetujuan.",
    ),
    (
        "masa_larangan",
        0,
        0,
        dt.date(2016, 7, 1),
        "UU 10/2016 Pasal 71 ayat (2) dan Pasal 162 ayat (3); PP 49/2008 Pasal 132A; Perpres 116/2022",
        "Dalam masa larangan (tanggal di daftar masa larangan) penggantian pejabat memerlukan persetujuan "
        "tertulis Mendagri.",
    ),
    (
        "hukuman_disiplin",
        0,
        0,
        dt.date(2019, 1, 1),
        "Peraturan BKN 5/2019 (pernyataan tidak sedang dijatuhi hukuman disiplin); PP 94/2021",
        "Pegawai yang sedang menjalani hukuman disiplin tidak dimutasi.",
    ),
    (
        "tugas_belajar",
        0,
        0,
        dt.date(2019, 1, 1),
        "Peraturan BKN 5/2019 (persyaratan berkas mutasi: pernyataan tidak sedang tugas belajar)",
        "Pegawai yang sedang tugas belajar (Pegawai.tugas_belajar_mulai/selesai) tidak dimutasi.",
    ),
]

MASA_LARANGAN = [
    # jenis, nama, mulai, selesai, dasar_hukum — dates of the 2024 simultaneous election; edit per region.
    (
        "pilkada",
        "Pilkada serentak 2024: 6 bulan sebelum penetapan calon (22 September 2024) s.d. pelantikan",
        dt.date(2024, 3, 22),
        dt.date(2025, 2, 19),
        "UU 10/2016 Pasal 71 ayat (2); SE Mendagri 100.2.1.3/1575/SJ (2024)",
    ),
    (
        "pelantikan",
        "6 bulan sejak pelantikan kepala daerah hasil Pilkada 2024 (20 Februari 2025)",
        dt.date(2025, 2, 20),
        dt.date(2025, 8, 20),
        "UU 10/2016 Pasal 162 ayat (3)",
    ),
]

_BKN = "Peraturan BKN 5/2019"
_ANTAR_INSTANSI = [
    # nama, keterangan, hanya_aps
    ("Analisis jabatan dan analisis beban kerja jabatan tujuan", "", False),
    ("Surat permohonan pindah dari pegawai (APS)", "", False),
    ("Surat usul PPK instansi penerima", "Menyebutkan jabatan yang akan diduduki.", False),
    ("Surat persetujuan PPK instansi asal", "Menyebutkan jabatan yang akan diduduki.", False),
    ("Surat pernyataan tidak sedang dijatuhi hukuman disiplin dan tidak dalam proses peradilan", "", False),
    ("SK pangkat terakhir", "", False),
    ("SK jabatan terakhir", "", False),
    ("Penilaian kinerja paling rendah bernilai baik dalam 2 tahun terakhir", "", False),
    ("Surat pernyataan tidak sedang tugas belajar atau ikatan dinas", "", False),
    ("Surat keterangan bebas temuan dari Inspektorat", "", False),
]
_DALAM_PEMDA = [
    # nama, keterangan, hanya_aps, hanya_antar_opd
    ("SK jabatan terakhir", "", False, False),
    ("Penilaian kinerja 2 tahun terakhir", "", False, False),
    ("Surat permohonan pindah dari pegawai (APS)", "", True, False),
    ("Rekomendasi atasan langsung", "", False, False),
    ("Rekomendasi kepala OPD asal", "Praktik daerah untuk mutasi antar OPD.", False, True),
    ("Persetujuan kepala OPD tujuan", "Praktik daerah untuk mutasi antar OPD.", False, True),
]


def syarat_dokumen() -> list[dict]:
    rows = []
    for jenis in ("masuk", "keluar"):
        for i, (nama, ket, aps) in enumerate(_ANTAR_INSTANSI, start=1):
            rows.append(
                {
                    "jenis": jenis,
                    "nama": nama,
                    "keterangan": ket,
                    "dasar_hukum": _BKN,
                    "hanya_aps": aps,
                    "urutan": i,
                }
            )
    for i, (nama, ket, aps, antar_opd) in enumerate(_DALAM_PEMDA, start=1):
        rows.append(
            {
                "jenis": "dalam_pemda",
                "nama": nama,
                "keterangan": ket,
                "dasar_hukum": "Praktik daerah; sesuaikan dengan peraturan kepala daerah",
                "hanya_aps": aps,
                "hanya_antar_opd": antar_opd,
                "urutan": i,
            }
        )
    return rows


def seed_all(get_model) -> None:
    """Idempotent: adds the rows that are missing (by their natural key), never changes edited ones."""
    AturanGuard = get_model("AturanGuard")
    for kode, bmin, bmaks, mulai, dasar, ket in GUARD:
        AturanGuard.objects.get_or_create(
            kode=kode,
            berlaku_mulai=mulai,
            defaults={
                "bulan_minimal": bmin,
                "bulan_maksimal": bmaks,
                "dasar_hukum": dasar,
                "keterangan": ket,
            },
        )
    MasaLarangan = get_model("MasaLarangan")
    for jenis, nama, mulai, selesai, dasar in MASA_LARANGAN:
        MasaLarangan.objects.get_or_create(
            jenis=jenis, mulai=mulai, defaults={"nama": nama, "selesai": selesai, "dasar_hukum": dasar}
        )
    SyaratDokumen = get_model("SyaratDokumen")
    for row in syarat_dokumen():
        SyaratDokumen.objects.get_or_create(jenis=row.pop("jenis"), nama=row.pop("nama"), defaults=row)
