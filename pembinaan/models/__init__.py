"""pembinaan's models, one module per sub-domain; every model is importable from ``pembinaan.models``.

- ``jp``: JP rules, targets, the programme catalogue, the ledger of development activities and the yearly JP totals.
"""

from .jp import (
    BENTUK_KLASIKAL,
    AturanJP,
    Bentuk,
    Jalur,
    JenisPenyelenggara,
    KegiatanPengembangan,
    Program,
    RekapJP,
    TargetJP,
    bukti_kegiatan_upload_to,
    jalur_bentuk,
)

__all__ = [
    "BENTUK_KLASIKAL",
    "AturanJP",
    "Bentuk",
    "Jalur",
    "JenisPenyelenggara",
    "KegiatanPengembangan",
    "Program",
    "RekapJP",
    "TargetJP",
    "bukti_kegiatan_upload_to",
    "jalur_bentuk",
]
