"""pembinaan's models, one module per sub-domain; every model is importable from ``pembinaan.models``.

- ``jp``: JP rules, targets, the programme catalogue, the ledger of development activities and the yearly JP totals.
- ``kebutuhan``: competency profile, development needs, the employee's yearly plan and the PPK's roll-up.
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
from .kebutuhan import (
    GenerasiKebutuhan,
    KebutuhanPengembangan,
    KegiatanRencana,
    KompetensiPegawai,
    RencanaKompetensi,
    RencanaPengembangan,
    SumberDana,
    SumberKebutuhan,
)

__all__ = [
    "BENTUK_KLASIKAL",
    "AturanJP",
    "Bentuk",
    # kebutuhan
    "GenerasiKebutuhan",
    "Jalur",
    "JenisPenyelenggara",
    "KebutuhanPengembangan",
    "KegiatanPengembangan",
    "KegiatanRencana",
    "KompetensiPegawai",
    "Program",
    "RekapJP",
    "RencanaKompetensi",
    "RencanaPengembangan",
    "SumberDana",
    "SumberKebutuhan",
    "TargetJP",
    "bukti_kegiatan_upload_to",
    "jalur_bentuk",
]
