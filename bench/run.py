"""`make bench`: the DESIGN.md speed targets, measured at 50,000 employees (BENCH_PEGAWAI to change).

Runs against DATABASE_URL's server (or the embedded PostgreSQL) in separate databases asn_bench_*,
which it drops and recreates. Prints a table and writes bench/results.json (keeping the figures of
steps not run). Nothing here asserts.

    python bench/run.py                          # every step
    python bench/run.py --only penutupan         # some steps: halaman, seed, impor, penutupan, gaji, rekomendasi
    python bench/run.py --only penutupan --reuse # keep asn_bench_small/big if already seeded at that size
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
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


def servers() -> list[tuple[str, str]]:
    """(label, server URL) of every server to measure: the embedded PostgreSQL (what `make run` uses),
    and the DATABASE_URL server too when it is set (what production uses). BENCH_SERVER=url|tertanam
    measures one of them only."""
    from asn_portal.embedded import embedded_database_url

    url = os.environ.get("DATABASE_URL")
    pilihan = os.environ.get("BENCH_SERVER", "")
    hasil = []
    if pilihan != "url":
        hasil.append(("tertanam", embedded_database_url()))
    if url and pilihan != "tertanam":
        hasil.append(("DATABASE_URL", url))
    return hasil


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


def in_process(script: str, url: str) -> dict:
    """Run bench/SCRIPT against url; it prints its results as one JSON line last."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "asn_portal.settings.local",
        "DJANGO_DEBUG": "0",
    }
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script)],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        raise SystemExit(f"bench/{script} gagal:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def pages(url: str) -> dict:
    return in_process("pages.py", url)


def server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def beban(url: str) -> dict:
    """Ten officers at once against gunicorn with the production settings (bench/beban.py)."""
    env = {**os.environ, "DATABASE_URL": url}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "beban.py")], cwd=ROOT, env=env, check=False,
        capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode:
        raise SystemExit(f"bench/beban.py gagal:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"beban {result['petugas']} petugas, gunicorn {result['gunicorn_workers']} worker: "
        f"{result['per_detik']} permintaan/s, p95 {result['p95_ms']} ms (target < 500 ms), "
        f"{result['galat']} galat",
        flush=True,
    )
    for name, row in result["halaman"].items():
        print(f"  {name:<28} p50 {row['p50_ms']:>7.1f} ms  p95 {row['p95_ms']:>7.1f} ms", flush=True)
    return result


def seeded(base: str, name: str, n: int) -> bool:
    """Whether database NAME exists and holds seed_demo's data for n employees, kinerja included."""
    import psycopg

    try:
        with psycopg.connect(db_url(base, name).replace("postgres://", "postgresql://", 1)) as conn:
            pegawai = conn.execute("SELECT count(*) FROM pegawai_pegawai").fetchone()[0]
            penilaian = conn.execute("SELECT EXISTS (SELECT 1 FROM kinerja_penilaian)").fetchone()[0]
    except psycopg.Error:
        return False
    return pegawai == n and penilaian


def prepare(base: str, name: str, n: int, *, reuse: bool) -> tuple[str, tuple | None]:
    """The database NAME seeded with n employees; (url, (seconds, peak MB, output) of seed_demo or None
    when reused)."""
    if reuse and seeded(base, name, n):
        print(f"{name}: dipakai ulang ({n} pegawai)", flush=True)
        return db_url(base, name), None
    url = recreate(base, name)
    run(["migrate", "--noinput"], url)
    return url, run(["seed_demo", "--pegawai", str(n), "--force"], url)


def penutupan(url: str, size: str) -> dict:
    result = in_process("penutupan.py", url)
    print(
        f"penutupan tahunan @{size}: {result['detik']:.1f} s, {result['queries']} query, "
        f"{result['jumlah_final']} final, {result['jumlah_tidak_dinilai']} tidak dinilai; "
        f"ulang {result['ulang']['detik']:.1f} s, {result['ulang']['queries']} query, "
        f"{'tidak berubah' if result['ulang']['tidak_berubah'] else 'BERUBAH'} (target ≤ 30 s)",
        flush=True,
    )
    return result


def gaji(url: str, size: str) -> dict:
    result = in_process("gaji.py", url)
    print(
        f"run gaji @{size}: induk {result['induk']['detik']:.1f} s ({result['induk']['queries']} query), "
        f"TPP {result['tpp']['detik']:.1f} s ({result['tpp']['queries']} query), total {result['total_detik']:.1f} s "
        f"(target ≤ 60 s); hitung ulang induk {result['hitung_ulang_induk_detik']:.1f} s; RSS puncak "
        f"{result['rss_mb']} MB (≤ 500 MB); slip PDF p95 {result['slip_pdf_ms']['p95']} ms "
        "(≤ 250 ms)",
        flush=True,
    )
    for jenis in ("induk", "tpp"):
        r = result[jenis]
        if "python_cpu_detik" in r:
            print(
                f"  {jenis}: Python {r['python_cpu_detik']} s CPU, PostgreSQL {r['postgres_cpu_detik']} s CPU, "
                f"WAL {r['wal_mb']} MB, sisanya menunggu disk/jaringan",
                flush=True,
            )
    massal = result["cetak_massal"]
    print(
        f"cetak slip massal @{size}: {massal['slip']} slip in {massal['detik']:.1f} s, "
        f"{massal['slip_per_detik']:.1f} slip/s on one core ({massal['slip_per_detik_cpu']:.1f} per CPU-second; "
        "target ≥ 10)",
        flush=True,
    )
    return result


def rekomendasi(url: str, size: str) -> dict:
    """The shortlist of one vacancy over the whole government and a rotation round with 500 vacancies."""
    result = in_process("rekomendasi.py", url)
    s, r = result["shortlist"], result["rotasi"]
    print(
        f"daftar kandidat @{size}: {s['detik']:.2f} s, {s['queries']} query, {s['kandidat']} kandidat (target ≤ 1 s)",
        flush=True,
    )
    for label in ("tanpa_aturan", "dengan_aturan"):
        x = r[label]
        print(
            f"rotasi {r['lowongan']} lowongan ({label}): {x['pemindah']} peserta, {x['kursi']} kursi, "
            f"susun {x['susun_detik']} s, penugasan {x['selesaikan_detik']} s, {x['pindah']} pindah "
            f"(scipy {'ada' if r['scipy'] else 'tidak ada: Hungarian Python'})",
            flush=True,
        )
    return result


def mutasi(url: str, size: str) -> dict:
    result = in_process("mutasi_tmt.py", url)
    print(
        f"mutasi pada TMT @{size}: {result['jumlah']} perpindahan dalam {result['detik']:.1f} s "
        f"({result['queries']} query; target ≤ 10 s); ulang {result['ulang']['detik']:.1f} s "
        f"{result['ulang']['hasil']}",
        flush=True,
    )
    return result


STEPS = ("halaman", "seed", "impor", "penutupan", "gaji", "beban", "rekomendasi", "mutasi")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(STEPS), help=f"langkah, dipisah koma: {', '.join(STEPS)}")
    parser.add_argument(
        "--reuse", action="store_true", help="pakai ulang asn_bench_small/big bila sudah berisi data demo"
    )
    args = parser.parse_args()
    steps = {s.strip() for s in args.only.split(",") if s.strip()}
    if steps - set(STEPS):
        parser.error(f"langkah tidak dikenal: {', '.join(sorted(steps - set(STEPS)))}")

    path = ROOT / "bench" / "results.json"
    semua: dict = json.loads(path.read_text()) if path.exists() else {}
    if "tertanam" not in semua and "DATABASE_URL" not in semua:
        semua = {"tertanam": semua} if semua else {}  # figures from before both servers were measured
    semua["pegawai"] = N
    print(f"Benchmark ASN Portal: {N} pegawai, {os.cpu_count()} core, langkah: {', '.join(sorted(steps))}\n")
    for label, base in servers():
        print(f"== server {label}", flush=True)
        results = semua.setdefault(label, {})
        measure(base, steps, results, reuse=args.reuse)
        results["server"] = server_version(base)
        path.write_text(json.dumps(semua, indent=2, ensure_ascii=False) + "\n")
    print("\nHasil lengkap: bench/results.json")


def measure(base: str, steps: set[str], results: dict, *, reuse: bool) -> None:
    """Every step of `steps` on one server; figures into `results` (kept for steps not run)."""

    if steps & {"halaman", "penutupan", "gaji"}:
        small, _ = prepare(base, "asn_bench_small", SMALL, reuse=reuse)
        if "gaji" in steps:
            results["gaji_500"] = gaji(small, str(SMALL))
        if "halaman" in steps:
            results["halaman_500"] = pages(small)
        if "penutupan" in steps:
            results["penutupan_500"] = penutupan(small, str(SMALL))

    big, seed = prepare(base, "asn_bench_big", N, reuse=reuse and "seed" not in steps)
    if seed is not None:
        seconds, rss, out = seed
        results["seed_demo"] = {"detik": round(seconds, 1), "rss_mb": round(rss)}
        print(f"seed_demo --pegawai {N}: {seconds:.1f} s (target ≤ 120 s)", flush=True)
        kinerja = re.search(r"Data kinerja dibuat dalam ([\d.]+) detik.*", out)
        if kinerja:  # the kinerja part's own time (target ≤ 30 s)
            results["seed_demo"]["kinerja_detik"] = float(kinerja.group(1))
            print(f"  {kinerja.group(0)}", flush=True)
    if "halaman" in steps:
        results["halaman_besar"] = pages(big)
    if "penutupan" in steps:
        results["penutupan_besar"] = penutupan(big, str(N))
    if "gaji" in steps:
        results["gaji_besar"] = gaji(big, str(N))
    if "beban" in steps:
        results["beban_besar"] = beban(big)
    if "rekomendasi" in steps:
        results["rekomendasi_besar"] = rekomendasi(big, str(N))
    if "mutasi" in steps:
        results["mutasi_tmt_besar"] = mutasi(big, str(N))

    if "impor" in steps:
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
                f"import_pegawai {N} baris baru: {seconds:.1f} s, puncak {rss:.0f} MB "
                "(target ≤ 60 s, ≤ 500 MB)"
            )
            seconds, rss, _ = run(["import_pegawai", str(people)], target)
            results["import_pegawai_ulang"] = {"detik": round(seconds, 1), "rss_mb": round(rss)}
            print(
                f"import_pegawai {N} baris (sudah ada, tidak berubah): {seconds:.1f} s, puncak {rss:.0f} MB"
            )

    if "halaman" in steps:
        print(f"\n{'halaman':<46}{'p95 @500':>10}{'p95 @' + str(N):>12}{'rasio':>8}{'query':>9}")
        for name, small_row in results["halaman_500"].items():
            big_row = results["halaman_besar"][name]
            ratio = big_row["p95_ms"] / small_row["p95_ms"] if small_row["p95_ms"] else 0
            queries = f"{small_row['queries']}/{big_row['queries']}"
            print(
                f"{name:<46}{small_row['p95_ms']:>8.1f}ms{big_row['p95_ms']:>10.1f}ms{ratio:>8.2f}{queries:>9}"
            )


if __name__ == "__main__":
    main()
