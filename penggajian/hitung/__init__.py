"""The pay calculation: pure functions from an employee's inputs and the rule versions in force to the
register columns and the slip lines, each with a plain-language explanation. No database access here:
the run service loads the inputs in bulk (selectors) and stores the results.

Rounding: every component is rounded half up to whole rupiah where it is computed (core.money); PPh is
rounded down (pph21.py); the pembulatan line (0 … kelipatan−1 rupiah) makes the net a multiple of the
rule's kelipatan (Rp100).
"""

from .dasar import (  # noqa: F401
    JABATAN_STRUKTURAL,
    KOLOM_INDUK,
    KOLOM_TAMBAHAN,
    KOLOM_TPP,
    NOL,
    PPPK,
    SERATUS,
    SETAHUN_KUNCI,
    AturanGajiData,
    AturanTambahanData,
    AturanTppData,
    Baris,
    GalatHitung,
    Hasil,
    MasukanPegawai,
    golongan_ruang,
    kali_persen,
    persen,
    rp,
    wajib_rekening,
)
from .induk import hitung_induk, ptkp  # noqa: F401
from .koreksi import (  # noqa: F401
    KOLOM_PERSEN,
    KOLOM_TOTAL,
    KUNCI_BRUTO_PPH,
    LABEL_KOLOM,
    kolom_uang,
    penjelasan_selisih,
    selisih_kolom,
    terapkan_penyesuaian,
)
from .tambahan import hitung_tambahan  # noqa: F401
from .tpp import capaian_disiplin, hitung_tpp  # noqa: F401
