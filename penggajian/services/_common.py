"""Helpers shared by the penggajian services: errors, the rule snapshots of a run, computing one slip,
e-mail after commit, and queueing a task (the one place the services reach the tasks module)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction

from .. import selectors
from ..hitung import Hasil, hitung_induk, hitung_tambahan, hitung_tpp
from ..models import RunGaji


def _error(message: str) -> ValidationError:
    return ValidationError(message)


def enqueue(task: str, *args) -> None:
    """Queue `penggajian.tasks.<task>(*args)` once the transaction commits (never for a rolled-back write).
    Tasks import the services inside their bodies; the services reach the tasks module only here, at call
    time (import-linter contract "Tasks call services, services do not import tasks")."""
    from .. import tasks

    fungsi = getattr(tasks, task)
    transaction.on_commit(lambda: fungsi.delay(*args))


def _notify_after_commit(group: str, subject: str, body: str, *, exclude_user_id: int | None = None) -> None:
    """E-mail the members of a role once the transaction has committed (never for a rolled-back change)."""
    from django.contrib.auth import get_user_model

    def send() -> None:
        users = get_user_model().objects.filter(groups__name=group, is_active=True).exclude(email="")
        if exclude_user_id:
            users = users.exclude(pk=exclude_user_id)
        messages = [(subject, body, None, [email]) for email in users.values_list("email", flat=True)]
        if messages:
            send_mass_mail(messages, fail_silently=True)

    transaction.on_commit(send)


# --- computing ------------------------------------------------------------------------------------


def _hitung_satu(jenis: str, masukan, aturan_gaji, aturan_tpp, aturan_tambahan=None) -> Hasil:
    if jenis == RunGaji.Jenis.TPP:
        return hitung_tpp(masukan, aturan_gaji, aturan_tpp)
    if aturan_tambahan is not None:
        return hitung_tambahan(masukan, aturan_gaji, aturan_tambahan)
    return hitung_induk(masukan, aturan_gaji)


def _aturan_run(run: RunGaji) -> tuple:
    """The rule snapshots a run was queued with: (gaji, TPP or None, THR/gaji ke-13 or None)."""
    if run.aturan_gaji is None:
        raise selectors.AturanTidakAda(f"{run} belum mempunyai aturan gaji: hitung ulang run itu.")
    return (
        selectors.aturan_gaji_data(run.aturan_gaji, run.tahun, run.bulan),
        selectors.aturan_tpp_data(run.aturan_tpp) if run.aturan_tpp is not None else None,
        selectors.aturan_tambahan_data(run.aturan_tambahan) if run.aturan_tambahan is not None else None,
    )
