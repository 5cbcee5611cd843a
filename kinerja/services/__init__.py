"""Writes of the kinerja app (PermenPANRB 6/2022). Each service checks permission, validates, writes and
leaves an audit row (django-simple-history, with the reason). Split by sub-domain; import from here."""

from ._common import periode_open
from .pelaksanaan import (
    BUKTI_EKSTENSI,
    BUKTI_MAKS_BYTES,
    bukti_upload,
    log_harian_create,
    log_harian_review,
    respon_survei_submit,
    sesi_pembinaan_create,
    survei_create,
    survei_set_aktif,
    umpan_balik_create,
    umpan_balik_rekan_create,
)
from .penilaian import (
    keberatan_decide,
    keberatan_submit,
    penilaian_acknowledge,
    penilaian_rate,
    potensial_save,
    predikat_unit_set,
    realisasi_save,
    sasaran_unit_create,
)
from .penutupan import penutupan_execute, penutupan_reopen, penutupan_start
from .skp import (
    hasil_kerja_delete,
    hasil_kerja_save,
    perilaku_set_ekspektasi,
    skp_approve,
    skp_create,
    skp_return,
    skp_submit,
)

__all__ = [
    "BUKTI_EKSTENSI",
    "BUKTI_MAKS_BYTES",
    "bukti_upload",
    "hasil_kerja_delete",
    "hasil_kerja_save",
    "keberatan_decide",
    "keberatan_submit",
    "log_harian_create",
    "log_harian_review",
    "penilaian_acknowledge",
    "penilaian_rate",
    "penutupan_execute",
    "penutupan_reopen",
    "penutupan_start",
    "perilaku_set_ekspektasi",
    "periode_open",
    "potensial_save",
    "predikat_unit_set",
    "realisasi_save",
    "respon_survei_submit",
    "sasaran_unit_create",
    "sesi_pembinaan_create",
    "skp_approve",
    "skp_create",
    "skp_return",
    "skp_submit",
    "survei_create",
    "survei_set_aktif",
    "umpan_balik_create",
    "umpan_balik_rekan_create",
]
