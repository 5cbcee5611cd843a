"""Totals of a run or a rapel per OPD, and what each user may see of runs and slips."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from akun import roles
from pegawai.selectors import cakupan_for

from ..models import (
    RapelGaji,
    RunGaji,
    Slip,
)

# --- totals per OPD --------------------------------------------------------------------------------


def jumlah_slip() -> dict:
    """The aggregates of a group of slips: count, gross, deductions and net (fresh expressions each call)."""
    return {
        "jumlah": Count("id"),
        "kotor": Sum("jumlah_kotor"),
        "potongan": Sum("jumlah_potongan"),
        "bersih": Sum("jumlah_bersih"),
    }


def rekap_opd_hitung(run: RunGaji) -> list[dict]:
    """Slips, gross, deductions and net of a run per OPD (whole rupiah), by OPD name, in one query."""
    rows: Any = (  # the stubs cannot see the keys of **jumlah_slip()
        Slip.objects.filter(run=run)
        .values("opd_id", "opd__nama")
        .annotate(**jumlah_slip())
        .order_by("opd__nama")
    )
    return [
        {
            "opd_id": r["opd_id"], "opd__nama": r["opd__nama"], "jumlah": r["jumlah"],
            "kotor": int(r["kotor"] or 0), "potongan": int(r["potongan"] or 0), "bersih": int(r["bersih"] or 0),
        }
        for r in rows
    ]  # fmt: skip


def rekap_opd(run: RunGaji) -> list[dict]:
    """The run's totals per OPD: stored when the run was computed; summed now while it is computing, and
    for runs computed before the totals were stored (no migration rewrites those: a locked run's row is
    guarded by a trigger)."""
    if run.sedang_berjalan or (not run.rekap_opd and run.jumlah_slip):
        return rekap_opd_hitung(run)
    return run.rekap_opd


def rapel_rekap_opd(rapel: RapelGaji) -> list[dict]:
    """Corrections of a rapel per OPD: count and totals (one query)."""
    return [
        dict(r)
        for r in rapel.penyesuaian.values("slip_asal__opd_id", "slip_asal__opd__nama")
        .annotate(
            jumlah=Count("pk"),
            pegawai=Count("pegawai_id", distinct=True),
            kotor=Sum("selisih_kotor"),
            potongan=Sum("selisih_potongan"),
            bersih=Sum("selisih_bersih"),
            dibayar=Count("pk", filter=Q(run_tujuan__isnull=False)),
        )
        .order_by("slip_asal__opd__nama")
    ]


# --- visibility -------------------------------------------------------------------------------------


def run_list_visible_to(*, user) -> QuerySet[RunGaji]:
    """Pay runs: the Admin BKD and the Pimpinan see every run; nobody else sees the run pages."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return RunGaji.objects.all()
    return RunGaji.objects.none()


def run_get_visible(*, user, pk: int) -> RunGaji:
    run = run_list_visible_to(user=user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def slip_list_visible_to(*, user) -> QuerySet[Slip]:
    """Slips: the Admin BKD and Pimpinan all, an Operator OPD those of their OPD, anyone their own.
    Only slips of locked runs are shown to employees (what was paid)."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return Slip.objects.all()
    cakupan = cakupan_for(user)
    own = (
        Q(pegawai_id=cakupan.pegawai_id, run__status=RunGaji.Status.DIKUNCI)
        if cakupan.pegawai_id
        else Q(pk__in=[])
    )
    if roles.is_operator_opd(user) and cakupan.opd_id:
        return Slip.objects.filter(Q(opd_id=cakupan.opd_id) | own)
    return Slip.objects.filter(own)


def slip_saya_visible_to(*, user) -> QuerySet[Slip]:
    """The user's own slips ("Slip saya"): those of locked runs only (what was paid)."""
    pegawai_id = cakupan_for(user).pegawai_id
    if pegawai_id is None:
        return Slip.objects.none()
    return Slip.objects.filter(pegawai_id=pegawai_id, run__status=RunGaji.Status.DIKUNCI)


def slip_get_visible(*, user, pk: int) -> Slip:
    slip = slip_list_visible_to(user=user).select_related("run", "pegawai").filter(pk=pk).first()
    if slip is None:
        raise Http404
    return slip
