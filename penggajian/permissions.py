"""Who may do what in the penggajian app. Views, templates (through the flags views pass), services and
the menu ask these predicates; what a user may *see* (their OPD, their own slips) is scoped in selectors.

Maker ≠ checker: whoever computed any part of a run (a compute, a recompute, a recompute of the failed
employees only, since the run was created and across returns; PerhitunganRun) can never verify or
approve it. The services ask the same questions and a database trigger holds the rule below them."""

from __future__ import annotations

from akun import roles
from pegawai.selectors import cakupan_for

from .models import PerhitunganRun, RunGaji


def can_view_kgb_list(user) -> bool:
    """The KGB list: Admin BKD and Pimpinan for the whole government, an Operator OPD for their OPD."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or roles.is_operator_opd(user)


def can_issue_kgb(user) -> bool:
    """Issuing or postponing a KGB decree is the BKD's (on behalf of the PPK)."""
    return roles.is_admin_bkd(user)


def can_view_kgb_pegawai(user, pegawai) -> bool:
    """An employee's KGB decrees (pay data): the employee, Admin BKD, Pimpinan, and the Operator OPD of
    the employee's OPD. Not the atasan, who sees the profile but not the pay."""
    if not user.is_authenticated:
        return False
    if pegawai.user_id is not None and pegawai.user_id == user.pk:
        return True
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and pegawai.opd_id == opd_id


def is_pembuat_run(user, run: RunGaji) -> bool:
    """Whether `user` computed any part of `run`."""
    if not getattr(user, "pk", None):
        return False
    return (
        run.dihitung_oleh_id == user.pk or PerhitunganRun.objects.filter(run=run, dihitung_oleh=user).exists()
    )


def can_verify_run(user, run: RunGaji) -> bool:
    """A second Admin BKD officer, who computed no part of the run, verifies a computed run."""
    return (
        roles.is_admin_bkd(user) and run.status == RunGaji.Status.DIHITUNG and not is_pembuat_run(user, run)
    )


def can_approve_run(user, run: RunGaji) -> bool:
    """The Pimpinan (or an Admin BKD officer) who neither computed any part of nor verified the run."""
    return (
        (roles.is_pimpinan(user) or roles.is_admin_bkd(user))
        and run.status == RunGaji.Status.DIVERIFIKASI
        and user.pk != run.diverifikasi_oleh_id
        and not is_pembuat_run(user, run)
    )


# --- pages (the menu and the views) ------------------------------------------------------------------


def can_view_slip_saya(user) -> bool:
    return cakupan_for(user).pegawai_id is not None


def can_view_run_gaji(user) -> bool:
    """Pay runs, corrections, rapel and the pay rules: the Admin BKD and the Pimpinan."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user)


def can_manage_gaji(user) -> bool:
    """Computing, locking, corrections, rapel and rule changes: the Admin BKD."""
    return roles.is_admin_bkd(user)


def can_view_kehadiran(user) -> bool:
    """Attendance recaps: the Admin BKD, an Operator OPD for their OPD (scoped in selectors)."""
    return roles.is_admin_bkd(user) or roles.is_operator_opd(user)


def can_view_kgb(user) -> bool:
    return can_view_kgb_list(user)


# --- a run -------------------------------------------------------------------------------------------


def can_verify_run_gaji(user, run: RunGaji) -> bool:
    """A second Admin BKD officer, who computed no part of the run (the state is the service's check)."""
    return roles.is_admin_bkd(user) and not is_pembuat_run(user, run)


def can_approve_run_gaji(user, run: RunGaji) -> bool:
    """The Pimpinan or an Admin BKD officer who neither computed any part of nor verified the run."""
    return (
        (roles.is_pimpinan(user) or roles.is_admin_bkd(user))
        and user.pk != run.diverifikasi_oleh_id
        and not is_pembuat_run(user, run)
    )


def can_return_run_gaji(user) -> bool:
    return roles.is_pimpinan(user) or roles.is_admin_bkd(user)
