"""When a run (Pelaksanaan) takes enrolments (issue 14 point 3, rules after the event).

- Self-enrolment and nomination (the employee, the atasan, the Operator OPD) close when the run's first
  session starts — or earlier, when the organiser closes registration (status "ditutup"). A run without
  sessions closes at 00.00 of its start date.
- The organiser (Admin BKD) may still add a participant while the run is under way, and after it ended
  only through "pencatatan susulan" with a reason in history.
- After the run ended (its last day is past) registration is not reopened and a participant is not
  cancelled: one without a result is recorded as "tidak lulus" on the results page.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Pelaksanaan, Sesi


def mulai_sesi_pertama(run: Pelaksanaan, semua_sesi: list[Sesi] | None = None) -> dt.datetime:
    """The moment the first session starts (local time); 00.00 of the start date without sessions.
    `semua_sesi`: the run's sessions when the caller has them already (no query)."""
    if semua_sesi is None:
        sesi = Sesi.objects.filter(pelaksanaan=run).order_by("tanggal", "jam_mulai").first()
    else:
        sesi = min(semua_sesi, key=lambda s: (s.tanggal, s.jam_mulai), default=None)
    if sesi is None:
        awal = dt.datetime.combine(run.tanggal_mulai, dt.time(0))
    else:
        awal = dt.datetime.combine(sesi.tanggal, sesi.jam_mulai)
    return timezone.make_aware(awal)


def sudah_mulai(run: Pelaksanaan, sekarang: dt.datetime | None = None) -> bool:
    return (sekarang or timezone.now()) >= mulai_sesi_pertama(run)


def sudah_berakhir(run: Pelaksanaan, hari_ini: dt.date | None = None) -> bool:
    """The run's last day is past."""
    return run.tanggal_selesai < (hari_ini or timezone.localdate())


def format_mulai(saat: dt.datetime) -> str:
    """'10-11-2026 pukul 08.00' (local time)."""
    lokal = timezone.localtime(saat)
    return f"{lokal:%d-%m-%Y} pukul {lokal:%H.%M}"
