"""Reads of the kinerja app: scoping, the rule tables in force, and what other modules consume.

Scoping follows pegawai.selectors.Cakupan: Admin BKD and Pimpinan see everything, an Operator OPD their
OPD, an atasan the SKPs they assess (or decide objections for), every employee their own. Anything else
answers 404.

A package by concern (`aturan`: rules and periods, `cakupan`: scoping, `lintas`: what other modules
read, `talenta`: distributions and the 9-box); every name stays importable from `kinerja.selectors`.
"""

from .aturan import (
    HasilKurva,
    berlaku,
    kurva_aturan,
    kurva_check,
    matriks_predikat,
    periode_beku,
    periode_berjalan,
    predikat_for,
    tanggal_acuan,
)
from .cakupan import (
    _aktif_hari_ini,
    is_pejabat_penilai,
    penilaian_get_visible,
    penilaian_list_visible_to,
    skp_get_visible,
    skp_list_visible_to,
)
from .lintas import (
    PREDIKAT_BUTUH_PENGEMBANGAN,
    PREDIKAT_MINIMAL_KENAIKAN,
    SyaratKinerja,
    _akhir_periode,
    _akhir_periode_sql,
    angka_kredit_for,
    kebutuhan_pengembangan,
    periode_untuk_bulan,
    predikat_per_pegawai,
    predikat_untuk_bulan,
    q_skp_mencakup_periode,
    skp_mencakup_periode,
    syarat_kinerja_kenaikan,
    tahun_syarat_kinerja,
    tanggal_akhir_periode,
)
from .talenta import (
    PREDIKAT_KE_KINERJA_TALENTA,
    AturanTalenta,
    _potensial_terakhir,
    distribusi_predikat,
    hitung_kotak,
    penilaian_tahunan_dengan_potensial,
    predikat_organisasi_ke_rating,
)

__all__ = [
    "PREDIKAT_BUTUH_PENGEMBANGAN",
    "PREDIKAT_KE_KINERJA_TALENTA",
    "PREDIKAT_MINIMAL_KENAIKAN",
    "AturanTalenta",
    "HasilKurva",
    "SyaratKinerja",
    "_akhir_periode",
    "_akhir_periode_sql",
    "_aktif_hari_ini",
    "_potensial_terakhir",
    "angka_kredit_for",
    "berlaku",
    "distribusi_predikat",
    "hitung_kotak",
    "is_pejabat_penilai",
    "kebutuhan_pengembangan",
    "kurva_aturan",
    "kurva_check",
    "matriks_predikat",
    "penilaian_get_visible",
    "penilaian_list_visible_to",
    "penilaian_tahunan_dengan_potensial",
    "periode_beku",
    "periode_berjalan",
    "periode_untuk_bulan",
    "predikat_for",
    "predikat_organisasi_ke_rating",
    "predikat_per_pegawai",
    "predikat_untuk_bulan",
    "q_skp_mencakup_periode",
    "skp_get_visible",
    "skp_list_visible_to",
    "skp_mencakup_periode",
    "syarat_kinerja_kenaikan",
    "tahun_syarat_kinerja",
    "tanggal_acuan",
    "tanggal_akhir_periode",
]
