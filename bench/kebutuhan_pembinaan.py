"""Benchmark of the needs generation (issue 14: needs for the whole government ≤ 30 s at 50,000 employees).

Run against a seeded database, in-process (no Celery hand-off; the task body is the same function):

    DJANGO_SETTINGS_MODULE=asn_portal.settings.local .venv/bin/python bench/kebutuhan_pembinaan.py [--tahun 2026]

The default plan year is the current one: it reads the previous (ended) year's final annual predikat,
behaviour rating, 9-box and JP, so every step runs. The first run writes every need; the second run must
add nothing (the unique key) — both are timed with their query counts. Everything runs in one transaction
that is rolled back, so the database is left as it was.

Measured 2026-12-02 on the shared 2-core machine (load average about 11), PostgreSQL 15 server, 50,000
employees (seed_demo's org, kinerja and gaji parts, then the pembinaan demo): first run 13.0 s, 23 queries,
137,975 needs (predikat 12,296 in 1.5 s, perilaku 2,615 in 0.3 s, kompetensi 81,640 in 6.3 s, jabatan_baru
6,761 in 0.5 s, talenta 24,335 in 3.4 s, jp 10,328 in 1.0 s); second run 6.3 s, 23 queries, nothing added.
(An earlier first run at a quieter moment: 22.2 s with the year's needs deleted by the ORM beforehand.)
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

from django.db import connection, transaction  # noqa: E402
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
    with transaction.atomic():
        # The demo already generated this year's needs: remove them inside a transaction that is rolled
        # back at the end, so the first run writes every need and the database is left as it was.
        hapus = KebutuhanPengembangan.objects.filter(tahun=args.tahun).exclude(sumber="usulan")
        print(
            f"{aktif} pegawai aktif; tahun rencana {args.tahun}; {hapus.count()} kebutuhan dikosongkan dulu"
        )
        with connection.cursor() as cursor:  # raw SQL: no per-row history of the benchmark's own deletion
            cursor.execute(
                "UPDATE pembinaan_kegiatanrencana SET kebutuhan_id = NULL WHERE kebutuhan_id IN "
                "(SELECT id FROM pembinaan_kebutuhanpengembangan WHERE tahun = %s AND sumber <> 'usulan')",
                [args.tahun],
            )
            cursor.execute(
                "DELETE FROM pembinaan_kebutuhanpengembangan WHERE tahun = %s AND sumber <> 'usulan'",
                [args.tahun],
            )
        for putaran in ("pertama", "ulang"):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as ctx:
                mulai = time.monotonic()
                titik = [mulai]

                def langkah(kode: str, jumlah: int, titik=titik) -> None:
                    now = time.monotonic()
                    print(f"  {kode}: {jumlah} baru, {now - titik[0]:.1f} s")
                    titik[0] = now

                hasil = kebutuhan_bentuk(args.tahun, setelah_langkah=langkah)
                detik = time.monotonic() - mulai
            print(
                f"putaran {putaran}: {detik:.1f} s, {len(ctx.captured_queries)} query, "
                f"{sum(hasil.values())} kebutuhan baru {hasil}"
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
