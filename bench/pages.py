"""Measure page latency in-process (Django test client, no network): p50/p95 and query count per page."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from akun.models import User  # noqa: E402
from pegawai.models import Pegawai  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "60"))


def _client(username: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    return client


def main() -> None:
    admin, atasan = _client("admin_bkd"), _client("atasan")
    sample = Pegawai.objects.order_by("nip")[Pegawai.objects.count() // 2]
    opd = sample.opd_id
    fragment = sample.nama.split()[0][:4]
    urls = {
        "daftar pegawai /pegawai/": "/pegawai/",
        "cari nama /pegawai/?q=<nama>": f"/pegawai/?q={fragment}",
        "cari NIP /pegawai/?q=<8 digit NIP>": f"/pegawai/?q={sample.nip[:8]}",
        "filter OPD+golongan /pegawai/?opd=&golongan=": f"/pegawai/?opd={opd}&golongan={sample.golongan.kode}",
        "profil /pegawai/<nip>/": f"/pegawai/{sample.nip}/",
        # The profile's tabs loaded on demand (htmx, when shown).
        "profil tab riwayat perubahan": f"/pegawai/{sample.nip}/tab/riwayat/",
        "profil tab SK KGB": f"/pegawai/{sample.nip}/tab/kgb/",
        "profil tab JP": f"/pegawai/{sample.nip}/tab/jp/",
        "dasbor admin /": "/",
        # Kinerja (issue #3): the atasan's team dashboard and page, the per-OPD distribution, the 9-box.
        "dasbor atasan / (tim + kurva)": ("atasan", "/"),
        "kinerja tim /kinerja/tim/": ("atasan", "/kinerja/tim/"),
        "sebaran predikat per OPD /kinerja/sebaran/": "/kinerja/sebaran/",
        "talenta 9-box /kinerja/talenta/": "/kinerja/talenta/",
        # Mutasi (issue #13): the needs of the whole government and one OPD's peta jabatan.
        "kebutuhan pegawai /mutasi/kebutuhan/": "/mutasi/kebutuhan/",
        "peta jabatan /mutasi/kebutuhan/<opd>/": f"/mutasi/kebutuhan/{sample.opd.kode}/",
        # Pembinaan (issue #14): JP compliance of the whole government (target p95 ≤ 300 ms), the plans and
        # the needs lists.
        "kepatuhan JP /pembinaan/": "/pembinaan/",
        "rencana pengembangan /pembinaan/rencana/": "/pembinaan/rencana/",
        "kebutuhan pengembangan /pembinaan/kebutuhan/": "/pembinaan/kebutuhan/",
    }
    results = {}
    for name, target in urls.items():
        client, url = (atasan, target[1]) if isinstance(target, tuple) else (admin, target)
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        timings.sort()
        results[name] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
            "queries": len(ctx),
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
