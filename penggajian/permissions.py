"""Who may do what in the penggajian app. Views, templates (through the flags views pass), services and
the menu ask these predicates; what a user may *see* (their OPD, their own slips) is scoped in selectors.
Maker ≠ checker is a rule of the run itself and is also held by a database check."""

from __future__ import annotations

from akun import roles
from pegawai.selectors import cakupan_for

from .models import RunGaji

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
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or roles.is_operator_opd(user)


# --- a run -------------------------------------------------------------------------------------------


def can_verify_run_gaji(user, run: RunGaji) -> bool:
    """A second Admin BKD officer, never the one who computed the run."""
    return roles.is_admin_bkd(user) and run.dihitung_oleh_id != user.pk


def can_approve_run_gaji(user, run: RunGaji) -> bool:
    """The Pimpinan or an Admin BKD officer who neither computed nor verified the run."""
    return (roles.is_pimpinan(user) or roles.is_admin_bkd(user)) and user.pk not in (
        run.dihitung_oleh_id,
        run.diverifikasi_oleh_id,
    )


def can_return_run_gaji(user) -> bool:
    return roles.is_pimpinan(user) or roles.is_admin_bkd(user)
