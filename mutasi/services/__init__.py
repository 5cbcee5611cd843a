"""Writes of mutasi, by sub-domain. Every service takes the actor and records it in the history."""

from .aturan import aturan_guard_create, masa_larangan_create, syarat_dokumen_save
from .preferensi import preferensi_mutasi_save, putaran_rotasi_open
from .rekomendasi import (
    bobot_rekomendasi_save,
    hasil_rotasi_create,
    hasil_rotasi_hitung,
    hasil_rotasi_jadikan_usulan,
    hasil_rotasi_ubah_rencana,
    usulan_dari_rekomendasi,
)
from .tpk import anggota_tpk_save, rekomendasi_tpk_record, sidang_tpk_create, sidang_tpk_upload_notulen
from .usulan import (
    aps_create,
    guard_terbuka,
    guard_usulan,
    kekurangan_berkas,
    usulan_mutasi_approve,
    usulan_mutasi_create,
    usulan_mutasi_override_guard,
    usulan_mutasi_reject,
    usulan_mutasi_respond,
    usulan_mutasi_return,
    usulan_mutasi_submit,
    usulan_mutasi_update,
    usulan_mutasi_upload_dokumen,
    usulan_mutasi_verify,
)

__all__ = [
    "anggota_tpk_save",
    "aps_create",
    "aturan_guard_create",
    "bobot_rekomendasi_save",
    "guard_terbuka",
    "guard_usulan",
    "hasil_rotasi_create",
    "hasil_rotasi_hitung",
    "hasil_rotasi_jadikan_usulan",
    "hasil_rotasi_ubah_rencana",
    "kekurangan_berkas",
    "masa_larangan_create",
    "preferensi_mutasi_save",
    "putaran_rotasi_open",
    "rekomendasi_tpk_record",
    "sidang_tpk_create",
    "sidang_tpk_upload_notulen",
    "syarat_dokumen_save",
    "usulan_dari_rekomendasi",
    "usulan_mutasi_approve",
    "usulan_mutasi_create",
    "usulan_mutasi_override_guard",
    "usulan_mutasi_reject",
    "usulan_mutasi_respond",
    "usulan_mutasi_return",
    "usulan_mutasi_submit",
    "usulan_mutasi_update",
    "usulan_mutasi_upload_dokumen",
    "usulan_mutasi_verify",
]
