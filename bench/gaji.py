"""Time a month's pay run (gaji induk, then TPP) in-process on a database seed_demo filled, as the
worker does it (services.run_hitung without the Celery hand-off, then services.run_execute), with the
query count, one slip PDF p95 over 40 renders and bulk slips per second. Prints one JSON line."""

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from penggajian import dokumen, services  # noqa: E402
from penggajian.management.commands.calculate_gaji import akun_sistem  # noqa: E402
from penggajian.models import CetakSlipMassal, GalatSlip, RunGaji, Slip  # noqa: E402


def cetak_massal(actor) -> dict:
    """Bulk slips of the TPP run: the OPD with the most slips up to 600 (one ZIP, PDFs of 200 pages),
    as the worker prints them (services.cetak_execute); slips per second of wall and of this process's CPU
    (WeasyPrint is single-threaded, so that is per core)."""
    run = RunGaji.objects.get(jenis="tpp", tahun=timezone.localdate().year, bulan=timezone.localdate().month)
    per_opd = (
        Slip.objects.filter(run=run)
        .values("opd_id")
        .annotate(n=Count("id"))
        .filter(n__lte=600)
        .order_by("-n")
    )
    opd_id = per_opd[0]["opd_id"]
    job = CetakSlipMassal.objects.create(run=run, opd_id=opd_id, jumlah=per_opd[0]["n"], diminta_oleh=actor)
    services.slip_massal_pdf(list(Slip.objects.filter(run=run).select_related("run")[:2]))  # imports, fonts
    mulai, cpu = time.perf_counter(), time.process_time()
    job = services.cetak_execute(job.pk)
    detik, cpu = time.perf_counter() - mulai, time.process_time() - cpu
    assert job.status == "selesai", job.pesan_galat
    return {
        "slip": job.selesai_dicetak,
        "detik": round(detik, 1),
        "slip_per_detik": round(job.selesai_dicetak / detik, 1),
        "slip_per_detik_cpu": round(job.selesai_dicetak / cpu, 1),
        "zip_kb": round(job.berkas.size / 1024),
    }


def waktu_proses() -> dict:
    """CPU seconds of this process and of its PostgreSQL backend (same machine: /proc), and the WAL
    position in bytes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), pg_current_wal_lsn() - '0/0'::pg_lsn")
        pid, wal = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        postgres = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:  # a server on another machine
        postgres = 0.0
    return {"python": time.process_time(), "postgres": postgres, "wal": int(wal)}


def main() -> None:
    today = timezone.localdate()
    actor = akun_sistem()
    hasil = {}
    for jenis in ("induk", "tpp"):
        # A run of the month left by an earlier bench is recomputed (its slips deleted by run_hitung).
        run = services.run_hitung(
            actor=actor, jenis=jenis, tahun=today.year, bulan=today.month, antrikan=False
        )
        awal = waktu_proses()
        mulai = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            run = services.run_execute(run.pk)
        detik = time.perf_counter() - mulai
        akhir = waktu_proses()
        hasil[jenis] = {
            "detik": round(detik, 1),
            # Where the time goes: this process (Python), its PostgreSQL backend (SQL, COPY, triggers,
            # index upkeep), and the WAL the server wrote (what a server with fsync pays for at commit).
            "python_cpu_detik": round(akhir["python"] - awal["python"], 1),
            "postgres_cpu_detik": round(akhir["postgres"] - awal["postgres"], 1),
            "wal_mb": round((akhir["wal"] - awal["wal"]) / 1024 / 1024),
            "queries": len(ctx.captured_queries),
            "slip": run.jumlah_slip,
            "galat": run.jumlah_galat,
            "slip_per_detik": round(run.jumlah_slip / detik),
        }
    hasil["total_detik"] = round(hasil["induk"]["detik"] + hasil["tpp"]["detik"], 1)
    # Recomputing a computed run (what an officer does after fixing data): slips deleted, computed again.
    mulai = time.perf_counter()
    run = services.run_hitung(actor=actor, jenis="induk", tahun=today.year, bulan=today.month, antrikan=False)
    services.run_execute(run.pk)
    hasil["hitung_ulang_induk_detik"] = round(time.perf_counter() - mulai, 1)
    hasil["rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )  # peak of all the above
    slips = list(Slip.objects.filter(run__jenis="tpp").select_related("run").order_by("?")[:40])
    for slip in slips[:3]:  # warm-up, as for the pages: imports, fonts, template cache
        dokumen.slip_pdf(slip=slip, actor=actor)
    waktu = []
    for slip in slips:
        mulai = time.perf_counter()
        dokumen.slip_pdf(slip=slip, actor=actor)
        waktu.append((time.perf_counter() - mulai) * 1000)
    waktu.sort()
    hasil["slip_pdf_ms"] = {
        "p50": round(statistics.median(waktu)),
        "p95": round(waktu[int(len(waktu) * 0.95) - 1]),
    }
    hasil["cetak_massal"] = cetak_massal(actor)
    hasil["galat_contoh"] = list(GalatSlip.objects.values_list("pesan", flat=True)[:3])
    print(json.dumps(hasil))


if __name__ == "__main__":
    main()
