"""pembinaan's models, one module per sub-domain; every model is importable from ``pembinaan.models``.

- ``jp``: JP rules, targets, the programme catalogue, the ledger of development activities and the yearly JP totals.
- ``mentoring``: mentoring/coaching pairs, mentor capacity, sessions (JP through the ledger).
- ``evaluasi``: evaluation and follow-up of completed ledger activities.
"""

# evaluation and follow-up (issue 14 point 7)
from .evaluasi import EvaluasiKegiatan
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

# mentoring and coaching (issue 14 point 5)
from .mentoring import JenisMentoring, KapasitasMentor, PasanganMentoring, SesiMentoring

__all__ = [
    "BENTUK_KLASIKAL",
    "AturanJP",
    "Bentuk",
    "EvaluasiKegiatan",
    "Jalur",
    "JenisMentoring",
    "JenisPenyelenggara",
    "KapasitasMentor",
    "KegiatanPengembangan",
    "PasanganMentoring",
    "Program",
    "RekapJP",
    "SesiMentoring",
    "TargetJP",
    "bukti_kegiatan_upload_to",
    "jalur_bentuk",
]
