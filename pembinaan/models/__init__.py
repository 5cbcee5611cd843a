"""pembinaan's models, one module per sub-domain; every model is importable from ``pembinaan.models``.

- ``jp``: JP rules, targets, the programme catalogue, the ledger of development activities and the yearly JP totals.
- ``kebutuhan``: competency profile, development needs, the employee's yearly plan and the PPK's roll-up.
- ``pelatihan``: runs of a programme (angkatan) with sessions, quotas, participants, attendance, results.
- ``belajar``: e-learning modules, lessons, quizzes and each employee's progress.
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

# mentoring and coaching (issue 14 point 5)
from .mentoring import JenisMentoring, KapasitasMentor, PasanganMentoring, SesiMentoring

__all__ = [
    "BENTUK_KLASIKAL",
    "AturanJP",
    "Bentuk",
    "EvaluasiKegiatan",
    "GenerasiKebutuhan",
    "Jalur",
    "JenisMentoring",
    "JenisPenyelenggara",
    "KapasitasMentor",
    "KebutuhanPengembangan",
    "KegiatanPengembangan",
    "KegiatanRencana",
    "KompetensiPegawai",
    "PasanganMentoring",
    "Program",
    "RekapJP",
    "RencanaKompetensi",
    "RencanaPengembangan",
    "SesiMentoring",
    "SumberDana",
    "SumberKebutuhan",
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
