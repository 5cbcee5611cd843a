"""Benchmark of the needs generation (issue 14: needs for the whole government ≤ 30 s at 50,000 employees).

Run against a seeded database, in-process (no Celery hand-off; the task body is the same function):

    DJANGO_SETTINGS_MODULE=asn_portal.settings.local .venv/bin/python bench/kebutuhan_pembinaan.py [--tahun 2026]

The default plan year is the current one: it reads the previous (ended) year's final annual predikat,
behaviour rating, 9-box and JP, so every step runs. The first run writes every need; the second run must
add nothing (the unique key) — both are timed with their query counts. The rows the benchmark added are
deleted afterwards (their history too), so the database is left as it was.

Measured 2026-12-02 on the shared 2-core machine (about 5 sessions running), PostgreSQL 15 server,
`seed_demo --pegawai 50000`: see the figures in the report of this branch (bench/results.json is the
lead's).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from pegawai.models import Pegawai  # noqa: E402
from pembinaan.models import KebutuhanPengembangan  # noqa: E402
from pembinaan.services_kebutuhan import kebutuhan_bentuk  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tahun", type=int, default=timezone.localdate().year)
    args = parser.parse_args()
    aktif = Pegawai.objects.filter(aktif=True).count()
    batas = KebutuhanPengembangan.objects.aggregate(m=Max("id"))["m"] or 0
    print(
        f"{aktif} pegawai aktif; tahun rencana {args.tahun}; {KebutuhanPengembangan.objects.count()} kebutuhan ada"
    )
    try:
        for putaran in ("pertama", "ulang"):
            with CaptureQueriesContext(connection) as ctx:
                mulai = time.monotonic()
                hasil = kebutuhan_bentuk(args.tahun)
                detik = time.monotonic() - mulai
            print(
                f"putaran {putaran}: {detik:.1f} s, {len(ctx.captured_queries)} query, "
                f"{sum(hasil.values())} kebutuhan baru {hasil}"
            )
    finally:
        baru = KebutuhanPengembangan.objects.filter(id__gt=batas)
        KebutuhanPengembangan.history.filter(id__gt=batas).delete()
        print(f"dibersihkan: {baru.delete()[0]} baris")


if __name__ == "__main__":
    main()
