"""Models of mutasi, by sub-domain: proposals (usulan), guards, the placement team (tpk), wishes."""

from .guard import AturanGuard, KodeGuard, MasaLarangan
from .preferensi import PilihanTujuan, PreferensiMutasi, PutaranRotasi, bukti_preferensi_upload_to
from .rekomendasi import FAKTOR, BobotRekomendasi, HasilRotasi, SnapshotRekomendasi
from .sk import PegawaiSKMutasi, SKMutasi
from .tpk import AnggotaTPK, RekomendasiTPK, SidangTPK, notulen_upload_to
from .usulan import (
    DokumenUsulan,
    JenisUsulan,
    PengecualianGuard,
    SyaratDokumen,
    UsulanMutasi,
    dokumen_upload_to,
)

__all__ = [
    "FAKTOR",
    "AnggotaTPK",
    "AturanGuard",
    "BobotRekomendasi",
    "DokumenUsulan",
    "HasilRotasi",
    "JenisUsulan",
    "KodeGuard",
    "MasaLarangan",
    "PegawaiSKMutasi",
    "PengecualianGuard",
    "PilihanTujuan",
    "PreferensiMutasi",
    "PutaranRotasi",
    "RekomendasiTPK",
    "SKMutasi",
    "SidangTPK",
    "SnapshotRekomendasi",
    "SyaratDokumen",
    "UsulanMutasi",
    "bukti_preferensi_upload_to",
    "dokumen_upload_to",
    "notulen_upload_to",
]
