"""The shortlist for a vacancy (issue 13 point 4): hard requirements, then a transparent weighted score.

Set-based: `muat_fakta` reads what the score needs about every candidate in a handful of bulk queries
(values()), `nilai_kandidat` is pure Python over those facts. One shortlist over the whole government
(50,000 employees) costs about a dozen queries whatever the number of candidates.

Hard requirements (each shown met or not, in this order):
- the position's syarat (pegawai.syarat.cek_syarat: education level and field, golongan);
- active status (only active employees are candidates, CONTRACT **rekomendasi**: always met, shown);
- the guards in force for a move within the government on the date (mutasi.guard.evaluasi_guard: time
  in post, CPNS pledge, JPT two-year rule, freeze windows, punishment in force);
- not retiring within one year of the date (tanggal_pensiun).
Study leave (tugas belajar, Pegawai.tugas_belajar_mulai/selesai) is one of the guards (KodeGuard.TUGAS_BELAJAR).

The score: each factor (models.rekomendasi.FAKTOR) gives a fraction 0–1 of its weight in the version of
BobotRekomendasi in force on the date; points = weight × fraction rounded to 2 decimals, the score their
sum. The fractions, in plain terms:
- pendidikan: 1 when the employee's field is among the accepted fields, 0 when not or not recorded,
  ½ when the position names no field;
- kompetensi: the potential/competence assessment score valid on the date ÷ 100 (0 without one);
- kinerja: mean over the last two closed appraisal years (PeriodeKinerja ditutup, year before the date's)
  of the final annual predikat: Sangat Baik 1, Baik ¾, Butuh Perbaikan ¼, Kurang/Sangat Kurang 0, missing 0.
  A year still open is never read;
- talenta: the 9-box number ÷ 9 (box of the last closed year's predikat and the assessment score);
- pelatihan: 0 (no training data until pembinaan exists; its weight starts at 0);
- pengalaman: 1 when the employee held a position of the same name, ½ when they held (or hold) a position
  in the destination OPD (RiwayatJabatan), else 0;
- keinginan: a wish for this position in a round open on the date: 1st choice 1, 2nd 0.8, 3rd 0.6; a wish
  for its unit: 0.5 / 0.4 / 0.3; none, or a request to stay: 0;
- masa_jabatan: months in the current post ÷ 60, at most 1 (the longer in post, the more due to rotate).

Package layout (import paths stay `mutasi.rekomendasi.<name>`):
- dasar: factor values, Syarat / Faktor / Kandidat, angka, poin;
- fakta: FaktaKandidat and muat_fakta (bulk reads, the rotation round's source too);
- nilai: judging one candidate in Python (requirements, fractions, evidence texts);
- peringkat: the shortlist's requirements and score over the whole government in one SQL statement;
- daftar: DaftarPendek / daftar_pendek and the file rows.
"""

from .daftar import (
    KOLOM,
    DaftarPendek,
    baris_berkas,
    daftar_pendek,
    daftar_pendek_python,
    jabatan_untuk_rekomendasi,
)
from .dasar import (
    BULAN_PENUH,
    JUMLAH_BAWAAN,
    LABEL_FAKTOR,
    LABEL_PREDIKAT,
    NILAI_PILIHAN_JABATAN,
    NILAI_PILIHAN_UNIT,
    NILAI_PREDIKAT,
    Faktor,
    Kandidat,
    Syarat,
    TanpaBobot,
    angka,
    poin,
)
from .fakta import PEGAWAI_KOLOM, FaktaKandidat, bobot_berlaku, muat_fakta, tahun_kinerja_ditutup
from .nilai import (
    SYARAT_AKTIF,
    _detail,
    _fraksi,
    _guard,
    _guard_lulus,
    _kandidat,
    _siapkan,
    _syarat_jabatan,
    nama_lengkap,
    nilai_cepat,
    nilai_kandidat,
    syarat_kandidat,
    urutkan,
)

__all__ = [
    "BULAN_PENUH",
    "JUMLAH_BAWAAN",
    "KOLOM",
    "LABEL_FAKTOR",
    "LABEL_PREDIKAT",
    "NILAI_PILIHAN_JABATAN",
    "NILAI_PILIHAN_UNIT",
    "NILAI_PREDIKAT",
    "PEGAWAI_KOLOM",
    "SYARAT_AKTIF",
    "DaftarPendek",
    "FaktaKandidat",
    "Faktor",
    "Kandidat",
    "Syarat",
    "TanpaBobot",
    "_detail",
    "_fraksi",
    "_guard",
    "_guard_lulus",
    "_kandidat",
    "_siapkan",
    "_syarat_jabatan",
    "angka",
    "baris_berkas",
    "bobot_berlaku",
    "daftar_pendek",
    "daftar_pendek_python",
    "jabatan_untuk_rekomendasi",
    "muat_fakta",
    "nama_lengkap",
    "nilai_cepat",
    "nilai_kandidat",
    "poin",
    "syarat_kandidat",
    "tahun_kinerja_ditutup",
    "urutkan",
]
