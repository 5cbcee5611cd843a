"""Time each block of the dashboards at `/` separately: the minimum over BENCH_REPEAT runs (default 20)
and the query count of one run, for the atasan, the employee and the Admin BKD (its cached page and the
figures computed afresh). The minimum is what to compare on a machine shared with other work (load moves
the median and the p95, hardly the minimum).

    DATABASE_URL=postgres://…/<seeded db> .venv/bin/python bench/dasbor_blok.py [atasan pegawai admin]
"""

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")
django.setup()

from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from akun.models import User  # noqa: E402
from asn_portal import views  # noqa: E402
from kinerja import dashboards as kinerja_dashboards  # noqa: E402
from pegawai import dashboards  # noqa: E402
from pegawai.selectors import Cakupan, pegawai_of_user  # noqa: E402
from pembinaan import dashboards as pembinaan_dashboards  # noqa: E402
from penggajian import dashboards as gaji_dashboards  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))


def ukur(fn: Callable[[], object]) -> dict:
    """Wall time (perf_counter) and this process's CPU time (Python's share, which the load of other
    processes disturbs far less) per run: minimum and median of REPEAT runs after one warm-up."""
    fn()  # warm-up
    waktu, cpu = [], []
    for _ in range(REPEAT):
        mulai, mulai_cpu = time.perf_counter(), time.process_time()
        fn()
        waktu.append((time.perf_counter() - mulai) * 1000)
        cpu.append((time.process_time() - mulai_cpu) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        fn()
    waktu.sort()
    cpu.sort()
    return {
        "min_ms": round(waktu[0], 1),
        "p50_ms": round(waktu[len(waktu) // 2], 1),
        "cpu_min_ms": round(cpu[0], 1),
        "queries": len(ctx),
    }


def _halaman(user: User) -> Callable[[], object]:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return lambda: client.get("/")


def atasan(user: User) -> dict:
    me = Cakupan(user).pegawai_id
    blok: dict[str, Callable[[], object]] = {
        "cakupan": lambda: Cakupan(user),
        "pegawai.dasbor_atasan": lambda: dashboards.dasbor_atasan(atasan_id=me),
        "kinerja.dasbor_atasan": lambda: kinerja_dashboards.dasbor_atasan(me=me),
        "kinerja.dasbor_pegawai": lambda: kinerja_dashboards.dasbor_pegawai(pegawai_id=me),
        "penggajian.dasbor_pegawai": lambda: gaji_dashboards.dasbor_pegawai(pegawai_id=me),
        "pembinaan.dasbor_pegawai": lambda: pembinaan_dashboards.dasbor_pegawai(pegawai_id=me),
        "pembinaan.dasbor_atasan": lambda: pembinaan_dashboards.dasbor_atasan(me=me),
    }
    hasil = {nama: ukur(fn) for nama, fn in blok.items()}
    request = RequestFactory().get("/")
    request.user = user
    konteks = dashboards.dasbor_atasan(atasan_id=me)
    konteks["kinerja"] = kinerja_dashboards.dasbor_atasan(me=me)
    konteks["kinerja_saya"] = kinerja_dashboards.dasbor_pegawai(pegawai_id=me)
    konteks["gaji_saya"] = gaji_dashboards.dasbor_pegawai(pegawai_id=me)
    konteks["jp_saya"] = pembinaan_dashboards.dasbor_pegawai(pegawai_id=me)
    konteks["pembinaan"] = pembinaan_dashboards.dasbor_atasan(me=me)
    hasil["render dasbor/atasan.html"] = ukur(
        lambda: render_to_string("dasbor/atasan.html", konteks, request)
    )
    hasil["halaman / (client)"] = ukur(_halaman(user))
    return hasil


def pegawai(user: User) -> dict:
    me = Cakupan(user).pegawai_id
    blok: dict[str, Callable[[], object]] = {
        "cakupan": lambda: Cakupan(user),
        "pegawai.dasbor_pegawai": lambda: dashboards.dasbor_pegawai(pegawai=pegawai_of_user(user)),
        "kinerja.dasbor_pegawai": lambda: kinerja_dashboards.dasbor_pegawai(pegawai_id=me),
        "penggajian.dasbor_pegawai": lambda: gaji_dashboards.dasbor_pegawai(pegawai_id=me),
        "pembinaan.dasbor_pegawai": lambda: pembinaan_dashboards.dasbor_pegawai(pegawai_id=me),
    }
    hasil = {nama: ukur(fn) for nama, fn in blok.items()}
    hasil["halaman / (client)"] = ukur(_halaman(user))
    return hasil


def admin(user: User) -> dict:
    blok: dict[str, Callable[[], object]] = {
        "pegawai.dasbor_instansi": lambda: dashboards.dasbor_instansi(opd=None),
        "kinerja.dasbor_instansi (segarkan)": lambda: kinerja_dashboards.dasbor_instansi(
            opd=None, segarkan=True
        ),
        "penggajian.dasbor_instansi": gaji_dashboards.dasbor_instansi,
        "pembinaan.dasbor_instansi": lambda: pembinaan_dashboards.dasbor_instansi(opd=None),
        "instansi_hitung (segarkan)": lambda: views.instansi_hitung(opd=None, kode=None, segarkan=True),
    }
    hasil = {nama: ukur(fn) for nama, fn in blok.items()}
    hasil["halaman / (client, cached figures)"] = ukur(_halaman(user))
    return hasil


def main() -> None:
    peran = sys.argv[1:] or ["atasan", "pegawai", "admin"]
    fungsi = {"atasan": atasan, "pegawai": pegawai, "admin": admin}
    login = {"atasan": "atasan", "pegawai": "pegawai", "admin": "admin_bkd"}
    hasil = {}
    for p in peran:
        hasil[p] = fungsi[p](User.objects.get(username=login[p]))
        for nama, angka in hasil[p].items():
            print(
                f"{p:8} {nama:38} min {angka['min_ms']:7.1f} ms  p50 {angka['p50_ms']:7.1f} ms  "
                f"CPU min {angka['cpu_min_ms']:6.1f} ms  {angka['queries']:3} q"
            )
    print(json.dumps(hasil), file=sys.stderr)


if __name__ == "__main__":
    main()
