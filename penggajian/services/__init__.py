"""Writes of the penggajian app. Each service checks permission (permissions.py), validates, writes and
leaves an audit row (django-simple-history, with the actor and the reason). Split by sub-domain; import
from here. Work that runs on Celery (computing a run, a rapel, bulk printing, the TPP what-if) is a
service too, called by penggajian.tasks; services queue tasks through `_common.enqueue` only."""

from .aturan import (
    PREDIKAT,
    aturan_tambahan_simpan,
    aturan_tpp_berlakukan,
    aturan_tpp_hapus,
    aturan_tpp_periksa,
    aturan_tpp_salin,
    aturan_tpp_simpan,
    bulan_banding,
    persen_teks,
    tunjangan_fungsional_simpan,
    whatif_hitung,
    whatif_jalankan,
    whatif_minta,
)
from .cetak import STATUS_BOLEH_CETAK, cetak_execute, cetak_minta, slip_massal_pdf
from .kehadiran import rekap_kehadiran_simpan
from .kgb import (
    JENDELA_BULAN,
    PENANDA_NOMOR,
    UsulanKgb,
    kgb_daftar,
    kgb_tetapkan,
    kgb_tetapkan_opd,
    kgb_tunda,
    nomor_sk_berurutan,
    usulan_untuk,
)
from .penyesuaian import penyesuaian_buat
from .persetujuan import notifikasi_slip, run_kembalikan, run_kunci, run_setujui, run_verifikasi
from .rapel import (
    dibayar_per_slip,
    penyesuaian_baru,
    rapel_bagian,
    rapel_batalkan,
    rapel_jalankan,
    rapel_lanjutkan,
    rapel_minta,
)
from .run import LOCK_TRIGGERS, SLIP_FIELDS, hitung_opd, run_execute, run_hitung, slip_lock_guard_active

__all__ = [
    "JENDELA_BULAN",
    "LOCK_TRIGGERS",
    "PENANDA_NOMOR",
    "PREDIKAT",
    "SLIP_FIELDS",
    "STATUS_BOLEH_CETAK",
    "UsulanKgb",
    "aturan_tambahan_simpan",
    "aturan_tpp_berlakukan",
    "aturan_tpp_hapus",
    "aturan_tpp_periksa",
    "aturan_tpp_salin",
    "aturan_tpp_simpan",
    "bulan_banding",
    "cetak_execute",
    "cetak_minta",
    "dibayar_per_slip",
    "hitung_opd",
    "kgb_daftar",
    "kgb_tetapkan",
    "kgb_tetapkan_opd",
    "kgb_tunda",
    "nomor_sk_berurutan",
    "notifikasi_slip",
    "penyesuaian_baru",
    "penyesuaian_buat",
    "persen_teks",
    "rapel_bagian",
    "rapel_batalkan",
    "rapel_jalankan",
    "rapel_lanjutkan",
    "rapel_minta",
    "rekap_kehadiran_simpan",
    "run_execute",
    "run_hitung",
    "run_kembalikan",
    "run_kunci",
    "run_setujui",
    "run_verifikasi",
    "slip_lock_guard_active",
    "slip_massal_pdf",
    "tunjangan_fungsional_simpan",
    "usulan_untuk",
    "whatif_hitung",
    "whatif_jalankan",
    "whatif_minta",
]
