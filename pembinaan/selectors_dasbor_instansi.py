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

from django.db import connection
from django.db.models import Q, Sum

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


KEBUTUHAN_TERATAS_SQL = """
WITH g AS (
    SELECT k.topik, k.sumber, count(*) AS n
    FROM pembinaan_kebutuhanpengembangan k
    WHERE k.tahun = %(tahun)s AND k.status <> %(batal)s {opd}
    GROUP BY k.topik, k.sumber
), t AS (
    SELECT topik, sum(n) AS total FROM g GROUP BY topik ORDER BY total DESC, topik LIMIT %(batas)s
)
SELECT t.topik, t.total, g.sumber, g.n
FROM t JOIN g USING (topik)
ORDER BY t.total DESC, t.topik, g.n DESC, g.sumber
"""
KEBUTUHAN_OPD_SQL = "AND k.pegawai_id IN (SELECT id FROM pegawai_pegawai WHERE opd_id = %(opd)s)"


def kebutuhan_teratas(*, tahun: int, opd_id: int | None = None) -> list[dict]:
    """The `BATAS_KEBUTUHAN` most frequent needs of `tahun` by topic (cancelled ones left out), each with
    its count per source. One query: counts per (topic, source) grouped in PostgreSQL, the top topics
    ranked there too, so only their few rows come back (137,725 needs of one year, 25 × the 2,000-employee
    demo's — about a 50,000-employee government's: 46–57 ms, against ~80 ms for the top topics and then
    their split in two statements)."""
    sql = KEBUTUHAN_TERATAS_SQL.format(opd=KEBUTUHAN_OPD_SQL if opd_id else "")
    params: dict[str, int | str | None] = {
        "tahun": tahun,
        "batal": str(KebutuhanPengembangan.Status.DIBATALKAN.value),
        "batas": BATAS_KEBUTUHAN,
        "opd": opd_id,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    hasil: list[dict] = []
    for topik, total, sumber, n in rows:  # at most BATAS_KEBUTUHAN × the sources
        if not hasil or hasil[-1]["topik"] != topik:
            hasil.append({"topik": topik, "jumlah": int(total), "sumber": []})
        hasil[-1]["sumber"].append({"sumber": sumber, "label": SumberKebutuhan(sumber).label, "jumlah": n})
    return hasil
