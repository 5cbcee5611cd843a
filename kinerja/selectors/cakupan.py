"""Scoping: which SKPs and ratings a user may see (404 otherwise)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pegawai.selectors import cakupan_for

from ..models import (
    SKP,
    Delegasi,
    Penilaian,
)

# --- scoping ----------------------------------------------------------------------------------------


def skp_list_visible_to(*, user) -> QuerySet[SKP]:
    cakupan = cakupan_for(user)
    qs = SKP.objects.all()
    if cakupan.semua:
        return qs
    q = Q(pk__in=[])
    if cakupan.pegawai_id is not None:
        me = cakupan.pegawai_id
        q |= Q(pegawai_id=me) | Q(pejabat_penilai_id=me) | Q(atasan_pejabat_penilai_id=me)
        q |= Q(
            pejabat_penilai__in=Delegasi.objects.filter(penerima_id=me, **_aktif_hari_ini()).values("pemberi")
        )
    if cakupan.opd_id is not None:
        q |= Q(opd_id=cakupan.opd_id)
    return qs.filter(q)


def _aktif_hari_ini() -> dict:
    today = timezone.localdate()
    return {"mulai__lte": today, "selesai__gte": today}


def skp_get_visible(*, user, pk: int) -> SKP:
    try:
        return (
            skp_list_visible_to(user=user)
            .select_related(
                "periode",
                "pegawai",
                "pegawai__golongan",
                "jabatan",
                "unit_kerja",
                "opd",
                "pejabat_penilai",
                "pejabat_penilai__jabatan",
                "pejabat_penilai__golongan",
                "atasan_pejabat_penilai",
            )
            .get(pk=pk)
        )
    except SKP.DoesNotExist:
        raise Http404("SKP tidak ditemukan.") from None


def penilaian_list_visible_to(*, user) -> QuerySet[Penilaian]:
    cakupan = cakupan_for(user)
    qs = Penilaian.objects.all()
    if cakupan.semua:
        return qs
    q = Q(pk__in=[])
    if cakupan.pegawai_id is not None:
        me = cakupan.pegawai_id
        q |= Q(pegawai_id=me) | Q(pejabat_penilai_id=me) | Q(skp__atasan_pejabat_penilai_id=me)
    if cakupan.opd_id is not None:
        q |= Q(opd_id=cakupan.opd_id)
    return qs.filter(q)


def penilaian_get_visible(*, user, pk: int) -> Penilaian:
    try:
        return (
            penilaian_list_visible_to(user=user)
            .select_related("periode_kinerja", "pegawai", "pejabat_penilai", "skp", "opd")
            .get(pk=pk)
        )
    except Penilaian.DoesNotExist:
        raise Http404("Penilaian tidak ditemukan.") from None


def is_pejabat_penilai(*, pegawai_id: int | None, skp: SKP, tanggal: dt.date | None = None) -> bool:
    """The pejabat penilai of the SKP, or an acting official (Plt/Plh) with a delegation valid that day."""
    if pegawai_id is None or skp.pejabat_penilai_id is None or pegawai_id == skp.pegawai_id:
        return False
    if skp.pejabat_penilai_id == pegawai_id:
        return True
    tanggal = tanggal or timezone.localdate()
    return Delegasi.objects.filter(
        pemberi_id=skp.pejabat_penilai_id, penerima_id=pegawai_id, mulai__lte=tanggal, selesai__gte=tanggal
    ).exists()
