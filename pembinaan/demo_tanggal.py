"""Dates of the demo's plans (issue 14): this year's were drafted, submitted and agreed early in the year
(January–March), next year's in the fourth quarter; the Pimpinan approved this year's roll-up in March.

The services stamp `now`; the demo moves the rows it made through them, and their history, to the dates
of the story afterwards (a plan's history row gets the date of the step its status records). Nothing is
dated after now.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from .models import KegiatanRencana, RencanaKompetensi, RencanaPengembangan


def pada(hari: dt.date, jam: int = 9, menit: int = 0) -> dt.datetime:
    """An aware datetime on `hari` at jam:menit, not after now."""
    return min(timezone.make_aware(dt.datetime.combine(hari, dt.time(jam, menit))), timezone.now())


def jadwal_rencana(rng: random.Random, tahun_rencana: int, hari_ini: dt.date, status: str) -> dict:
    """When a plan of `tahun_rencana` in `status` was drafted, submitted and decided: this year's (and
    earlier) drafted 6 January–18 February, submitted 1–10 days later and agreed 1–21 days after (by 21
    March, before the roll-up); a plan for a later year drafted between 1 October and 4 November of the
    year before, submitted 1–10 days later and decided 1–14 days after that.
    Keys: dibuat, diajukan_pada, disetujui_pada, diubah."""
    if tahun_rencana <= hari_ini.year:
        dibuat = dt.date(tahun_rencana, 1, 6) + dt.timedelta(days=rng.randrange(44))
    else:
        dibuat = dt.date(tahun_rencana - 1, 10, 1) + dt.timedelta(days=rng.randrange(35))
    diajukan = dibuat + dt.timedelta(days=rng.randint(1, 10))
    diputus = diajukan + dt.timedelta(days=rng.randint(1, 21 if tahun_rencana <= hari_ini.year else 14))
    w = {
        "dibuat": pada(dibuat, rng.randint(8, 11), rng.randrange(60)),
        "diajukan_pada": pada(diajukan, rng.randint(8, 15), rng.randrange(60)) if status != "draf" else None,
        "disetujui_pada": pada(diputus, rng.randint(8, 15), rng.randrange(60)) if status == "disetujui" else None,
    }  # fmt: skip
    if status == "dikembalikan":
        w["diubah"] = pada(diputus, 10)
    else:
        w["diubah"] = w["disetujui_pada"] or w["diajukan_pada"] or w["dibuat"]
    return w


def tanggalkan_rencana(rencana: RencanaPengembangan, w: dict) -> None:
    """Move a plan made through the services, its activities and their history to the dates `w`
    (jadwal_rencana): each history row of the plan to the date of the step its status records."""
    RencanaPengembangan.objects.filter(pk=rencana.pk).update(**w)
    langkah = {
        "draf": w["dibuat"],
        "diajukan": w["diajukan_pada"],
        "disetujui": w["disetujui_pada"],
        "dikembalikan": w["diubah"],
    }
    for status, kapan in langkah.items():
        if kapan is not None:
            RencanaPengembangan.history.filter(id=rencana.pk, status=status).update(history_date=kapan)
    disusun = w["dibuat"] + dt.timedelta(minutes=20)
    KegiatanRencana.objects.filter(rencana_id=rencana.pk).update(dibuat=w["dibuat"], diubah=disusun)
    KegiatanRencana.history.filter(rencana_id=rencana.pk).update(history_date=disusun)


def tanggalkan_rekap(tahun: int, hari_ini: dt.date) -> None:
    """The Pimpinan approved the government's roll-up of `tahun` on 24 March (after the plans)."""
    kapan = pada(dt.date(tahun, 3, 24), 10)
    RencanaKompetensi.objects.filter(tahun=tahun).update(dibuat=kapan, diubah=kapan, disetujui_pada=kapan)
    RencanaKompetensi.history.filter(tahun=tahun).update(history_date=kapan)
