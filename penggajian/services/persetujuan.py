"""A computed run's way to payment: verified by a second Admin BKD officer, approved by the Pimpinan (or
a third officer), locked; or returned for correction with a reason. Maker ≠ checker: whoever computed
any part of a run can neither verify, approve nor return it (permissions.can_*_run_gaji, and a database
trigger). Transitions lock the run row, so two simultaneous approvals make one transition."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from akun import roles
from core.history import alasan_bersih, catat_riwayat
from core.workflow import transition

from .. import permissions
from ..models import RunGaji, Slip
from ._common import _error, _notify_after_commit, enqueue

# --- workflow ---------------------------------------------------------------------------------------


def _locked(run: RunGaji) -> RunGaji:
    return RunGaji.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def run_verifikasi(*, actor, run: RunGaji, catatan: str = "") -> RunGaji:
    """A second Admin BKD officer checks the computed run. With failed employees a note is required."""
    if not permissions.can_verify_runs(actor):
        raise PermissionDenied
    run = _locked(run)
    transition(run, RunGaji.Status.DIVERIFIKASI)
    if not permissions.can_verify_run_gaji(actor, run):
        raise _error(
            "Pemisahan tugas: yang menghitung tidak boleh memverifikasi run yang sama (termasuk yang pernah "
            "menghitung sebagian, mis. hitung ulang yang gagal saja)."
        )
    catatan = alasan_bersih(catatan, field="catatan", label="Catatan verifikasi")
    if run.jumlah_galat and not catatan:
        raise ValidationError(
            {
                "catatan": f"{run.jumlah_galat} pegawai gagal dihitung: tulis catatan mengapa run tetap diverifikasi."
            }
        )
    run.diverifikasi_oleh = actor
    run.diverifikasi_pada = timezone.now()
    if catatan:
        run.catatan = catatan
    catat_riwayat(run, actor=actor, alasan=f"Diverifikasi{': ' + catatan if catatan else ''}")
    run.save()
    _notify_after_commit(roles.PIMPINAN, f"{run} menunggu persetujuan", f"{run} sudah diverifikasi.")
    return run


@transaction.atomic
def run_setujui(*, actor, run: RunGaji) -> RunGaji:
    """The Pimpinan (or an Admin BKD officer other than the maker and the verifier) approves."""
    if not permissions.can_check_runs(actor):
        raise PermissionDenied
    run = _locked(run)
    transition(run, RunGaji.Status.DISETUJUI)
    if not permissions.can_approve_run_gaji(actor, run):
        raise _error(
            "Pemisahan tugas: yang menghitung atau memverifikasi tidak boleh menyetujui run yang sama."
        )
    run.disetujui_oleh = actor
    run.disetujui_pada = timezone.now()
    catat_riwayat(run, actor=actor, alasan="Disetujui")
    run.save()
    return run


@transaction.atomic
def run_kembalikan(*, actor, run: RunGaji, alasan: str) -> RunGaji:
    """Send a computed, verified or approved (not locked) run back for correction, with a reason; not by
    whoever computed any part of it."""
    if not permissions.can_check_runs(actor):
        raise PermissionDenied
    alasan = alasan_bersih(alasan, label="Alasan pengembalian")
    if not alasan:
        raise ValidationError({"alasan": "Alasan pengembalian wajib diisi."})
    run = _locked(run)
    if run.sedang_berjalan:
        raise _error(f"{run} sedang dihitung: tunggu sampai selesai sebelum dikembalikan.")
    transition(run, RunGaji.Status.DIHITUNG)
    if not permissions.can_return_run_gaji(actor, run):
        raise _error(
            "Pemisahan tugas: yang menghitung run ini (seluruhnya atau sebagian) tidak dapat mengembalikannya; "
            "pengembalian oleh pemeriksa atau pimpinan."
        )
    run.diverifikasi_oleh = run.disetujui_oleh = None
    run.diverifikasi_pada = run.disetujui_pada = None
    run.catatan = alasan
    catat_riwayat(run, actor=actor, alasan=f"Dikembalikan: {alasan}")
    run.save()
    return run


@transaction.atomic
def run_kunci(*, actor, run: RunGaji) -> RunGaji:
    """Lock an approved run: from now on the database refuses any change to it or its slips. Employees
    are told their slip is ready, after the commit."""
    if not permissions.can_lock_run_gaji(actor):
        raise PermissionDenied
    run = _locked(run)
    transition(run, RunGaji.Status.DIKUNCI)
    run.dikunci_oleh = actor
    run.dikunci_pada = timezone.now()
    catat_riwayat(run, actor=actor, alasan="Dikunci")
    run.save()
    enqueue("notifikasi_slip_task", run.pk)
    return run


# --- notifications ----------------------------------------------------------------------------------


def notifikasi_slip(run_id: int) -> int:
    """Tell every employee with a login and an e-mail address that their slip of a locked run is ready."""
    run = RunGaji.objects.get(pk=run_id)
    if run.status != RunGaji.Status.DIKUNCI:
        return 0
    base = settings.ASN_BASE_URL.rstrip("/")
    rows = (
        Slip.objects.filter(run=run, pegawai__user__isnull=False)
        .exclude(Q(pegawai__user__email="") & Q(pegawai__email=""))
        .values_list("pegawai__user__email", "pegawai__email", "nama")
    )
    messages = [
        (
            f"Slip {run} tersedia",
            f"Yth. {nama},\n\nSlip {run} Anda sudah dapat diunduh di {base}/gaji/slip/.\n",
            None,
            [email_user or email],
        )
        for email_user, email, nama in rows.iterator()
    ]
    if messages:
        send_mass_mail(messages, fail_silently=True)
    return len(messages)
