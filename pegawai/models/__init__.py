"""pegawai's models, by sub-domain; every name is importable from `pegawai.models` as before."""

from .dokumen import CetakLaporan, Penandatangan
from .organisasi import (
    AksesOpd,
    Golongan,
    Jabatan,
    Keluarga,
    Pegawai,
    Pendidikan,
    RiwayatHukumanDisiplin,
    RiwayatJabatan,
    RiwayatPangkat,
    RiwayatPendidikan,
    UnitKerja,
    UraianTugasJabatan,
    tmt_kgb_ke,
)
from .usulan import UsulanPerubahanData, bukti_upload_to

__all__ = [
    "AksesOpd",
    "CetakLaporan",
    "Golongan",
    "Jabatan",
    "Keluarga",
    "Pegawai",
    "Penandatangan",
    "Pendidikan",
    "RiwayatHukumanDisiplin",
    "RiwayatJabatan",
    "RiwayatPangkat",
    "RiwayatPendidikan",
    "UnitKerja",
    "UraianTugasJabatan",
    "UsulanPerubahanData",
    "bukti_upload_to",
    "tmt_kgb_ke",
]
