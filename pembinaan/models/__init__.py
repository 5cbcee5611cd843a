"""pembinaan's models, one module per sub-domain; every model is importable from ``pembinaan.models``.

- ``jp``: JP rules, targets, the programme catalogue, the ledger of development activities and the yearly JP totals.
- ``pelatihan``: runs of a programme (angkatan) with sessions, quotas, participants, attendance, results.
- ``belajar``: e-learning modules, lessons, quizzes and each employee's progress.
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

# h6: events (pelatihan) and e-learning (belajar)
from .belajar import IkutModul, Modul, Pelajaran, PercobaanKuis, Pilihan, Soal
from .pelatihan import Kehadiran, KuotaOPD, Pelaksanaan, Peserta, Sesi

__all__ += [
    "IkutModul",
    "Kehadiran",
    "KuotaOPD",
    "Modul",
    "Pelajaran",
    "Pelaksanaan",
    "PercobaanKuis",
    "Peserta",
    "Pilihan",
    "Sesi",
    "Soal",
]
