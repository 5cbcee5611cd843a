"""The government's or one OPD's development spend against plan and top needs (issue 14 point 8), for the
Admin BKD's, the Pimpinan's and the Operator OPD's dashboards. Aggregates only (GROUP BY in PostgreSQL,
never a loop over rows), a fixed number of queries whatever the headcount.

- Planned cost of an OPD for a year: the figure frozen in its rencana pengembangan kompetensi when the PPK
  approved it (PP 17/2020 Pasal 203(5)); before that, the live cost of the activities of the plans its
  employees' atasan agreed (what that approval would freeze).
- Realised spend: the cost per participant of each event (Pelaksanaan.biaya) for every enrolled
  participant of a run that ended in the year up to today and was not cancelled — the only cost the
  product records as spent (ledger lines carry no cost). An employee counts in their current OPD.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from pegawai.models import UnitKerja

from .models import (
    KebutuhanPengembangan,
    KegiatanRencana,
    Pelaksanaan,
    Peserta,
    RencanaKompetensi,
    RencanaPengembangan,
    SumberKebutuhan,
)

BATAS_KEBUTUHAN = 10


def _rupiah(nilai) -> int:
    return int(nilai or 0)


def biaya_per_opd(*, tahun: int, hari_ini: dt.date, opd_id: int | None = None) -> dict:
    """Per OPD (by name): planned cost, realised spend, and whether the plan figure is the PPK-approved
    one; totals; and the Chart.js data (two datasets, in millions of rupiah). Four queries."""
    pegawai_opd = Q(rencana__pegawai__opd_id=opd_id) if opd_id else Q()
    rencana: dict[int | None, Any] = dict(
        KegiatanRencana.objects.filter(
            pegawai_opd, rencana__tahun=tahun, rencana__status=RencanaPengembangan.Status.DISETUJUI
        )
        .order_by()
        .values("rencana__pegawai__opd_id")
        .annotate(biaya=Sum("biaya"))
        .values_list("rencana__pegawai__opd_id", "biaya")
    )
    disetujui: dict[int | None, Any] = dict(
        RencanaKompetensi.objects.filter(
            Q(opd_id=opd_id) if opd_id else Q(opd__isnull=False),
            tahun=tahun,
            status=RencanaKompetensi.Status.DISETUJUI,
        ).values_list("opd_id", "biaya")
    )
    akhir = min(hari_ini, dt.date(tahun, 12, 31))
    realisasi: dict[int | None, Any] = dict(
        Peserta.objects.filter(
            Q(pegawai__opd_id=opd_id) if opd_id else Q(),
            status=Peserta.Status.TERDAFTAR,
            pelaksanaan__tanggal_selesai__gte=dt.date(tahun, 1, 1),
            pelaksanaan__tanggal_selesai__lte=akhir,
        )
        .exclude(pelaksanaan__status=Pelaksanaan.Status.BATAL)
        .order_by()
        .values("pegawai__opd_id")
        .annotate(biaya=Sum("pelaksanaan__biaya"))
        .values_list("pegawai__opd_id", "biaya")
    )
    rencana.update(disetujui)
    ids = {k for k, v in [*rencana.items(), *realisasi.items()] if v and k is not None}
    rows: list[dict[str, Any]] = [
        {
            "opd": opd,
            "rencana": _rupiah(rencana.get(opd.pk)),
            "realisasi": _rupiah(realisasi.get(opd.pk)),
            "disetujui_ppk": opd.pk in disetujui,
        }
        for opd in UnitKerja.objects.filter(pk__in=ids).only("id", "nama", "kode").order_by("nama", "pk")
    ]
    for r in rows:
        r["persen"] = round(100 * r["realisasi"] / r["rencana"], 1) if r["rencana"] else None
    total_rencana = sum(r["rencana"] for r in rows)
    total_realisasi = sum(r["realisasi"] for r in rows)
    juta = Decimal(1_000_000)
    return {
        "rows": rows,
        "total_rencana": total_rencana,
        "total_realisasi": total_realisasi,
        "persen": round(100 * total_realisasi / total_rencana, 1) if total_rencana else None,
        "grafik": {
            "labels": [r["opd"].nama for r in rows],
            "datasets": [
                {
                    "label": "Rencana (juta Rp)",
                    "data": [float(round(r["rencana"] / juta, 2)) for r in rows],
                    "backgroundColor": "#0d6efd",
                },
                {
                    "label": "Realisasi (juta Rp)",
                    "data": [float(round(r["realisasi"] / juta, 2)) for r in rows],
                    "backgroundColor": "#fd7e14",
                },
            ],
            "horizontal": True,
        },
    }


def kebutuhan_teratas(*, tahun: int, opd_id: int | None = None) -> list[dict]:
    """The `BATAS_KEBUTUHAN` most frequent needs of `tahun` by topic (cancelled ones left out), each with
    its count per source. Two queries: the top topics, then their split by source."""
    qs = KebutuhanPengembangan.objects.filter(tahun=tahun).exclude(
        status=KebutuhanPengembangan.Status.DIBATALKAN
    )
    if opd_id:
        qs = qs.filter(pegawai__opd_id=opd_id)
    teratas = list(
        qs.order_by()
        .values("topik")
        .annotate(jumlah=Count("id"))
        .order_by("-jumlah", "topik")[:BATAS_KEBUTUHAN]
    )
    per_sumber: dict[str, list[dict]] = {r["topik"]: [] for r in teratas}
    for r in (
        qs.filter(topik__in=list(per_sumber))
        .order_by()
        .values("topik", "sumber")
        .annotate(jumlah=Count("id"))
        .order_by("topik", "-jumlah", "sumber")
    ):
        per_sumber[r["topik"]].append(
            {"sumber": r["sumber"], "label": SumberKebutuhan(r["sumber"]).label, "jumlah": r["jumlah"]}
        )
    return [{**r, "sumber": per_sumber[r["topik"]]} for r in teratas]
