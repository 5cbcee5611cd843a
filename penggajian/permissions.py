"""Who may do what with pay runs. Seeing is scoped in selectors (run_get_visible).

Maker ≠ checker: whoever computed any part of a run (a compute, a recompute, a recompute of the failed
employees only, since the run was created and across returns; PerhitunganRun) can never verify or
approve it. The services ask the same questions and a database trigger holds the rule below them."""

from __future__ import annotations

from akun import roles

from .models import PerhitunganRun, RunGaji


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
