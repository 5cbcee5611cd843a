"""Dashboard figures (reads only). Every figure is one aggregate query, independent of headcount."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from core.dates import add_months

from .models import Pegawai


def _scope(opd: int | None):
    qs = Pegawai.objects.filter(aktif=True)
    return qs if opd is None else qs.filter(opd_id=opd)


def dasbor_instansi(*, opd: int | None) -> dict:
    today = timezone.localdate()
    qs = _scope(opd)
    return {
        "total": qs.count(),
        "per_opd": list(qs.values("opd__nama").annotate(n=Count("id")).order_by("-n")[:40]),
        "per_golongan": list(
            qs.values("golongan__kode", "golongan__jenis", "golongan__urutan")
            .annotate(n=Count("id"))
            .order_by("golongan__jenis", "golongan__urutan")
        ),
        "pensiun": list(
            qs.filter(tanggal_pensiun__gte=today, tanggal_pensiun__lt=add_months(today, 12))
            .select_related("jabatan", "opd", "golongan")
            .order_by("tanggal_pensiun")[:50]
        ),
        "kgb": list(
            qs.filter(tanggal_kgb_berikutnya__gte=today, tanggal_kgb_berikutnya__lt=add_months(today, 3))
            .select_related("opd", "golongan")
            .order_by("tanggal_kgb_berikutnya")[:50]
        ),
        "status": list(
            qs.values("status_kepegawaian").annotate(n=Count("id")).order_by("status_kepegawaian")
        ),
        "laki": qs.filter(Q(jenis_kelamin="L")).count(),
    }


def dasbor_atasan(*, atasan_id: int) -> dict:
    tim = list(
        Pegawai.objects.filter(atasan_id=atasan_id, aktif=True)
        .select_related("jabatan", "golongan")
        .order_by("nama")
    )
    return {"tim": tim}


def dasbor_pegawai(*, pegawai: Pegawai | None) -> dict:
    return {"me": pegawai}
