"""Time the pembinaan part of `seed_demo` alone, on a database seeded already (issue 12 bench figures).

    DJANGO_SETTINGS_MODULE=asn_portal.settings.local .venv/bin/python bench/seed_pembinaan.py [--profile]

Removes the pembinaan demo rows as `seed_demo --reset` does (every pembinaan table but the dated rules,
in one TRUNCATE, ids restarted so runs compare) and the competency lists the demo gave positions, then runs
`pembinaan.demo.PembinaanDemoBuilder(seed).run()` as the command does and prints its time, the time of
each part and its summary line. `--profile` prints cProfile's top functions as well, `--sql 0.2` the
statements slower than 0.2 s. It writes the
database (the demo rows are replaced): run it on a copy, never on a database in use.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from pembinaan import demo, demo_kebutuhan, demo_mentoring, demo_pelatihan  # noqa: E402


def kosongkan() -> None:
    tabel = [
        connection.ops.quote_name(model._meta.db_table)
        for model in apps.get_app_config("pembinaan").get_models(include_auto_created=True)
        if not any(f.name == "berlaku_mulai" for f in getattr(model, "instance_type", model)._meta.fields)
    ]
    with connection.cursor() as cursor:
        # RESTART IDENTITY: the same ids on every run, so two runs' rows can be compared
        cursor.execute(f"TRUNCATE {', '.join(tabel)} RESTART IDENTITY CASCADE")
        for jenis, daftar in demo_kebutuhan.KOMPETENSI.items():
            cursor.execute(
                "UPDATE pegawai_jabatan SET kompetensi = '' WHERE jenis = %s AND kompetensi = %s",
                [jenis, daftar],
            )
        cursor.execute("VACUUM ANALYZE pegawai_jabatan")


def bagian() -> dict[str, float]:
    """Wrap the demo's parts to time each one (name → seconds)."""
    waktu: dict[str, float] = {}

    def bungkus(obj, nama: str, label: str) -> None:
        asli = getattr(obj, nama, None)
        if asli is None:  # an older version of the demo (to compare): not timed
            return

        def jalan(*args, **kwargs):
            mulai = time.monotonic()
            try:
                return asli(*args, **kwargs)
            finally:
                waktu[label] = waktu.get(label, 0.0) + time.monotonic() - mulai

        setattr(obj, nama, jalan)

    bungkus(demo, "copy_rows", "buku besar: COPY")
    bungkus(demo.services, "rekap_hitung_ulang", "rekap JP")
    bungkus(demo.PembinaanDemoBuilder, "_klaim", "klaim")
    bungkus(demo_kebutuhan.KebutuhanDemoBuilder, "_kompetensi", "kompetensi")
    bungkus(demo_kebutuhan.services_kebutuhan, "kebutuhan_bentuk", "kebutuhan (2 tahun)")
    bungkus(demo_kebutuhan.KebutuhanDemoBuilder, "_rencana_massal", "rencana massal")
    bungkus(demo_kebutuhan, "copy_rows", "  rencana massal: COPY")
    bungkus(demo_kebutuhan.KebutuhanDemoBuilder, "_rencana_login", "rencana login")
    bungkus(demo_kebutuhan.services_rencana, "rencana_kompetensi_setujui", "rencana kompetensi")
    bungkus(demo_pelatihan, "buat", "pelatihan + e-learning")
    bungkus(demo_mentoring, "buat", "mentoring + evaluasi")
    bungkus(demo, "analyze_after_bulk_write", "analyze")
    return waktu


def cpu() -> dict[str, float]:
    """CPU seconds of this process and of its PostgreSQL backend (same machine: /proc, as bench/gaji.py)
    and the WAL position: figures a loaded machine disturbs far less than wall time."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), pg_current_wal_lsn() - '0/0'::pg_lsn")
        pid, wal = cursor.fetchone()
    postgres = float("nan")
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        postgres = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return {"python": time.process_time(), "postgres": postgres, "wal": float(wal)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sql", type=float, default=0, help="print statements slower than this many seconds")
    args = parser.parse_args()
    mulai = time.monotonic()
    kosongkan()
    print(f"data pembinaan dikosongkan dalam {time.monotonic() - mulai:.1f} s", flush=True)
    waktu = bagian()
    profil = cProfile.Profile() if args.profile else None
    awal = cpu()
    mulai = time.monotonic()
    if profil:
        profil.enable()
    with CaptureQueriesContext(connection) as sql:
        hasil = demo.PembinaanDemoBuilder(args.seed).run()
    if profil:
        profil.disable()
    total = time.monotonic() - mulai
    akhir = cpu()
    print(f"pembinaan demo: {total:.1f} s — {demo.ringkas(hasil)}")
    print(
        f"  CPU: Python {akhir['python'] - awal['python']:.1f} s, PostgreSQL {akhir['postgres'] - awal['postgres']:.1f} s;"
        f" WAL {(akhir['wal'] - awal['wal']) / 1e6:.0f} MB"
    )
    for label, detik in waktu.items():
        print(f"  {label}: {detik:.1f} s")
    bagian_luar = sum(d for label, d in waktu.items() if not label.startswith(" "))
    print(f"  lainnya (kunci asing diperiksa, program, sisa): {total - bagian_luar:.1f} s")
    if args.sql:
        print(f"{len(sql.captured_queries)} statements; slower than {args.sql} s:")
        for q in sql.captured_queries:
            if float(q["time"]) >= args.sql:
                print(f"  {q['time']} s  {q['sql'][:160]}")
    if profil:
        pstats.Stats(profil).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
