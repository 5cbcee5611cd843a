"""Helpers shared by the kinerja services, and opening a year."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.history import catat_riwayat
from pegawai.selectors import cakupan_for

from .. import permissions, selectors
from ..models import (
    SKP,
    PeriodeKinerja,
    periode_label,
)


def enqueue(task: str, *args) -> None:
    """Queue `kinerja.tasks.<task>(*args)` once the transaction commits (never for a rolled-back write).
    Tasks import the services inside their bodies; the services reach the tasks module only here, at call
    time (import-linter contract "Tasks call services, services do not import tasks")."""
    from .. import tasks

    fungsi = getattr(tasks, task)
    transaction.on_commit(lambda: fungsi.delay(*args))


def _me(actor) -> int | None:
    return cakupan_for(actor).pegawai_id


# --- periods -----------------------------------------------------------------------------------------


@transaction.atomic
def periode_open(*, actor, tahun: int, jenis_evaluasi: str) -> PeriodeKinerja:
    if not permissions.can_manage_periode(actor):
        raise PermissionDenied
    if PeriodeKinerja.objects.filter(tahun=tahun).exists():
        raise ValidationError({"tahun": f"Periode kinerja {tahun} sudah ada."})
    periode = PeriodeKinerja(tahun=tahun, jenis_evaluasi=jenis_evaluasi)
    periode.full_clean()
    catat_riwayat(periode, actor=actor, alasan="Periode dibuka")
    periode.save()
    return periode


def _validate_periode_kode(periode_kinerja: PeriodeKinerja, periode: str) -> None:
    if periode not in periode_kinerja.kode_periode_evaluasi:
        raise ValidationError(
            {
                "periode": f"Periode evaluasi '{periode}' tidak ada pada periode kinerja {periode_kinerja.tahun}."
            }
        )


def _require_open(periode_kinerja: PeriodeKinerja, periode: str | None = None) -> None:
    """Ratings, evidence and plans change only in an open year and an evaluation period not frozen."""
    if not periode_kinerja.dibuka:
        raise ValidationError(f"Periode kinerja {periode_kinerja.tahun} sudah ditutup.")
    if periode is not None:
        _validate_periode_kode(periode_kinerja, periode)
        if selectors.periode_beku(periode_kinerja=periode_kinerja, periode=periode):
            raise ValidationError(
                f"Periode {periode_label(periode)} {periode_kinerja.tahun} sudah ditutup; penilaian dibekukan."
            )


def _require_penilai(actor, skp: SKP) -> None:
    if not permissions.can_rate_skp(actor, skp):
        raise PermissionDenied
