"""`make bench`: the DESIGN.md speed targets, measured at 50,000 employees (BENCH_PEGAWAI to change).

Runs against DATABASE_URL's server (or the embedded PostgreSQL) in separate databases asn_bench_*,
which it drops and recreates. Prints a table and writes bench/results.json. Nothing here asserts.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
N = int(os.environ.get("BENCH_PEGAWAI", "50000"))
SMALL = 500


def server_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from asn_portal.embedded import embedded_database_url

    return embedded_database_url()


def db_url(base: str, name: str) -> str:
    parsed = urlparse(base)
    return parsed._replace(path=f"/{name}").geturl()


def recreate(base: str, name: str) -> str:
    import psycopg

    admin = db_url(base, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return db_url(base, name)


def run(args: list[str], url: str) -> tuple[float, float, str]:
    """Run manage.py ARGS against url; return (seconds, peak RSS MB of the process tree, stdout)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "asn_portal.settings.local",
        "DJANGO_DEBUG": "0",
    }
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = 0
    handle = psutil.Process(proc.pid)
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, handle.memory_info().rss)
        time.sleep(0.05)
    out = proc.stdout.read()
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} gagal:\n{out}")
    return seconds, peak / 1024 / 1024, out


def pages(url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "asn_portal.settings.local",
        "DJANGO_DEBUG": "0",
    }
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "pages.py")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    base = server_url()
    results: dict = {"pegawai": N}
    print(f"Benchmark ASN Portal: {N} pegawai, {os.cpu_count()} core\n", flush=True)

    small = recreate(base, "asn_bench_small")
    run(["migrate", "--noinput"], small)
    run(["seed_demo", "--pegawai", str(SMALL), "--force"], small)
    results["halaman_500"] = pages(small)

    big = recreate(base, "asn_bench_big")
    run(["migrate", "--noinput"], big)
    seconds, rss, _ = run(["seed_demo", "--pegawai", str(N), "--force"], big)
    results["seed_demo"] = {"detik": round(seconds, 1), "rss_mb": round(rss)}
    print(f"seed_demo --pegawai {N}: {seconds:.1f} s (target ≤ 120 s)", flush=True)
    results["halaman_besar"] = pages(big)

    with tempfile.TemporaryDirectory() as tmp:
        units, people = Path(tmp) / "unit.csv", Path(tmp) / "pegawai.csv"
        run(["export_unit_kerja", str(units)], big)
        run(["export_pegawai", str(people)], big)
        target = recreate(base, "asn_bench_import")
        run(["migrate", "--noinput"], target)
        run(["import_unit_kerja", str(units)], target)
        seconds, rss, out = run(["import_pegawai", str(people)], target)
        results["import_pegawai"] = {
            "detik": round(seconds, 1),
            "rss_mb": round(rss),
            "keluaran": out.strip(),
        }
        print(
            f"import_pegawai {N} baris baru: {seconds:.1f} s, puncak {rss:.0f} MB (target ≤ 60 s, ≤ 500 MB)"
        )
        seconds, rss, _ = run(["import_pegawai", str(people)], target)
        results["import_pegawai_ulang"] = {"detik": round(seconds, 1), "rss_mb": round(rss)}
        print(f"import_pegawai {N} baris (sudah ada, tidak berubah): {seconds:.1f} s, puncak {rss:.0f} MB")

    print(f"\n{'halaman':<46}{'p95 @500':>10}{'p95 @' + str(N):>12}{'rasio':>8}{'query':>9}")
    for name, small_row in results["halaman_500"].items():
        big_row = results["halaman_besar"][name]
        ratio = big_row["p95_ms"] / small_row["p95_ms"] if small_row["p95_ms"] else 0
        queries = f"{small_row['queries']}/{big_row['queries']}"
        print(f"{name:<46}{small_row['p95_ms']:>8.1f}ms{big_row['p95_ms']:>10.1f}ms{ratio:>8.2f}{queries:>9}")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print("\nHasil lengkap: bench/results.json")


if __name__ == "__main__":
    main()
