"""Who may do what in the penggajian app. Views, templates (through the flags views pass), services and
the menu ask these predicates; what a user may *see* (their OPD, their own slips) is scoped in selectors.

Two kinds of question about an object: *who* may act on it (the services ask these and refuse with
PermissionDenied, or with the separation-of-duty message; whether the object's state allows the move is
the transition table's, core.workflow), and *what a page offers now* (`can_*` without the `_gaji`
suffix, and `run_flags`): who may, and the state allows it.

Maker ≠ checker: whoever computed any part of a run (a compute, a recompute, a recompute of the failed
employees only, since the run was created and across returns; PerhitunganRun) can never verify,
approve or return it. A database trigger holds the rule below the services."""

from __future__ import annotations

from akun import roles
from core.workflow import boleh
from pegawai.selectors import cakupan_for

from .models import AturanTpp, PerhitunganRun, RunGaji, Slip

# --- pages (the menu and the views) ------------------------------------------------------------------


def can_view_slip_saya(user) -> bool:
    return cakupan_for(user).pegawai_id is not None


def can_view_run_gaji(user) -> bool:
    """Pay runs, corrections, rapel and the pay rules: the Admin BKD and the Pimpinan."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user)


def can_manage_gaji(user) -> bool:
    """Computing, locking, corrections, rapel, bulk printing and rule changes: the Admin BKD."""
    return roles.is_admin_bkd(user)


def can_view_kehadiran(user) -> bool:
    """Attendance recaps: the Admin BKD, an Operator OPD for their OPD (scoped in selectors)."""
    return roles.is_admin_bkd(user) or roles.is_operator_opd(user)


def can_record_kehadiran(user) -> bool:
    """Entering an employee's monthly recap: the same officers (the employee must be in their scope)."""
    return can_view_kehadiran(user)


def can_view_kgb_list(user) -> bool:
    """The KGB list: Admin BKD and Pimpinan for the whole government, an Operator OPD for their OPD."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or roles.is_operator_opd(user)


def can_view_kgb(user) -> bool:
    return can_view_kgb_list(user)


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


# --- rules, corrections, rapel, printing -------------------------------------------------------------


def can_edit_aturan_tpp(user, aturan: AturanTpp) -> bool:
    """A TPP rule is edited (and compared, deleted) as a draft only; a version in force never changes."""
    return can_manage_gaji(user) and aturan.status == AturanTpp.Status.DRAF


def can_correct_slip(user, slip: Slip) -> bool:
    """A correction (penyesuaian) is made from a slip of a locked run, by the Admin BKD."""
    return can_manage_gaji(user) and slip.run.status == RunGaji.Status.DIKUNCI


def can_request_rapel(user) -> bool:
    return can_manage_gaji(user)


def can_manage_rapel(user) -> bool:
    """Resuming or cancelling a rapel (whether its state allows it is the service's check)."""
    return can_manage_gaji(user)


def can_print_slip_massal(user) -> bool:
    """Printing every slip of a run (and downloading the ZIP): the Admin BKD."""
    return can_manage_gaji(user)


# --- a run: who may act (the services ask these) -----------------------------------------------------


def is_pembuat_run(user, run: RunGaji) -> bool:
    """Whether `user` computed any part of `run`."""
    if not getattr(user, "pk", None):
        return False
    return (
        run.dihitung_oleh_id == user.pk or PerhitunganRun.objects.filter(run=run, dihitung_oleh=user).exists()
    )


def _pembuat(user, run: RunGaji, pembuat: bool | None) -> bool:
    return is_pembuat_run(user, run) if pembuat is None else pembuat


def can_compute_run_gaji(user) -> bool:
    """Computing a run, all of it or the failed employees only: the Admin BKD."""
    return can_manage_gaji(user)


def can_verify_runs(user) -> bool:
    """The role that verifies runs at all: the Admin BKD (the Pimpinan approves, never verifies)."""
    return roles.is_admin_bkd(user)


def can_check_runs(user) -> bool:
    """The roles that approve or return runs at all: the Pimpinan and the Admin BKD."""
    return roles.is_pimpinan(user) or roles.is_admin_bkd(user)


def can_verify_run_gaji(user, run: RunGaji, *, pembuat: bool | None = None) -> bool:
    """A second Admin BKD officer, who computed no part of the run."""
    return can_verify_runs(user) and not _pembuat(user, run, pembuat)


def can_approve_run_gaji(user, run: RunGaji, *, pembuat: bool | None = None) -> bool:
    """The Pimpinan or an Admin BKD officer who neither computed any part of nor verified the run."""
    return can_check_runs(user) and user.pk != run.diverifikasi_oleh_id and not _pembuat(user, run, pembuat)


def can_return_run_gaji(user, run: RunGaji, *, pembuat: bool | None = None) -> bool:
    """The Pimpinan or an Admin BKD officer who computed no part of the run sends it back."""
    return can_check_runs(user) and not _pembuat(user, run, pembuat)


def can_lock_run_gaji(user) -> bool:
    return can_manage_gaji(user)


# --- a run: what its page offers now (who may, and the run's state allows it) -------------------------

# Returning is offered for a computed, verified or approved run (not while it is being computed).
STATUS_BOLEH_KEMBALIKAN = (RunGaji.Status.DIHITUNG, RunGaji.Status.DIVERIFIKASI, RunGaji.Status.DISETUJUI)


def can_recompute_run(user, run: RunGaji) -> bool:
    return can_compute_run_gaji(user) and boleh(run, run.status, RunGaji.Status.ANTRI)


def can_verify_run(user, run: RunGaji, *, pembuat: bool | None = None) -> bool:
    return (
        can_verify_runs(user)
        and boleh(run, run.status, RunGaji.Status.DIVERIFIKASI)
        and can_verify_run_gaji(user, run, pembuat=pembuat)
    )


def can_approve_run(user, run: RunGaji, *, pembuat: bool | None = None) -> bool:
    return (
        can_check_runs(user)
        and boleh(run, run.status, RunGaji.Status.DISETUJUI)
        and can_approve_run_gaji(user, run, pembuat=pembuat)
    )


def can_return_run(user, run: RunGaji, *, pembuat: bool | None = None) -> bool:
    return (
        can_check_runs(user)
        and run.status in STATUS_BOLEH_KEMBALIKAN
        and can_return_run_gaji(user, run, pembuat=pembuat)
    )


def can_lock_run(user, run: RunGaji) -> bool:
    return can_lock_run_gaji(user) and boleh(run, run.status, RunGaji.Status.DIKUNCI)


def run_flags(user, run: RunGaji) -> dict[str, bool]:
    """The actions a run's page offers `user` (one query for whether they computed part of it)."""
    pembuat = is_pembuat_run(user, run)
    return {
        "boleh_hitung": can_recompute_run(user, run),
        "boleh_verifikasi": can_verify_run(user, run, pembuat=pembuat),
        "boleh_setujui": can_approve_run(user, run, pembuat=pembuat),
        "boleh_kembalikan": can_return_run(user, run, pembuat=pembuat),
        "boleh_kunci": can_lock_run(user, run),
        "boleh_cetak_massal": can_print_slip_massal(user),
        "pembuat": pembuat,
    }
