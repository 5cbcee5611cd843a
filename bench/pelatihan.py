"""Benchmark of `import_pelatihan` (issue 14: 200,000 rows ≤ 60 s, peak memory ≤ 500 MB).

Run against a seeded database (any size; rows spread over its employees), in-process:

    DJANGO_SETTINGS_MODULE=asn_portal.settings.local .venv/bin/python bench/pelatihan.py [--baris 200000]

Writes a CSV of new activities (every form, half with a stated JP, half with a duration in minutes,
a certificate number on every row), imports it, then imports it again (every row unchanged), printing
the time and the process's peak RSS after each. The activities are deleted afterwards.

Measured 2026-12-02 on the shared 2-core machine (5 sessions running), PostgreSQL server, 2,000 employees:
200,000 new rows 35.0 s, peak RSS 380 MB; the same file again (all unchanged) 23.1 s, peak RSS of the
process after both runs 555 MB (the first run's high-water mark included).

At 50,000 employees (2026-12-02, quiet machine, a copy of a fresh `seed_demo --pegawai 50000`, 398,543 ledger
rows): 200,000 new rows 17.8 s but peak RSS 566 MB, because validation kept a map of the whole ledger (key ->
id, certificate -> id). The ledger is now read after the file, for the file's employees and certificate numbers
only, and the rows are compared chunk by chunk: 200,000 new rows 21.3 s, peak RSS 403 MB; unchanged 17.0 s,
421 MB (high-water mark of both runs in one process). Targets ≤ 60 s, ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")

import django

django.setup()

from pegawai.models import Pegawai  # noqa: E402
from pembinaan.impor import COLUMNS, PelatihanImporter  # noqa: E402
from pembinaan.models import Bentuk, KegiatanPengembangan  # noqa: E402
from pembinaan.services import rekap_hitung_ulang  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baris", type=int, default=200_000)
    args = parser.parse_args()
    nips = list(Pegawai.objects.filter(aktif=True).values_list("nip", flat=True))
    bentuk = Bentuk.values
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pelatihan.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(COLUMNS)
            for i in range(args.baris):
                mulai = dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000)
                w.writerow(
                    [
                        nips[i % len(nips)],
                        f"Bench kegiatan {i // len(nips)}",
                        bentuk[i % len(bentuk)],
                        "BKPSDM",
                        mulai.isoformat(),
                        (mulai + dt.timedelta(days=2)).isoformat(),
                        "8" if i % 2 else "",
                        "" if i % 2 else str(90 + i % 400),
                        f"BENCH/{i}",
                    ]
                )
        print(f"{args.baris} baris, {len(nips)} pegawai; RSS awal {peak_mb():.0f} MB")
        for putaran in ("baru", "tidak berubah"):
            mulai_t = time.monotonic()
            report = PelatihanImporter().run(path, filename=path.name)
            detik = time.monotonic() - mulai_t
            assert report.ok, report.errors[:5]
            print(f"impor {putaran}: {detik:.1f} s, puncak RSS {peak_mb():.0f} MB — {report.ringkasan()}")
    bench = KegiatanPengembangan.objects.filter(nomor_sertifikat__startswith="BENCH/")
    pasangan = set(bench.values_list("pegawai_id", "tahun").distinct())
    KegiatanPengembangan.history.filter(nomor_sertifikat__startswith="BENCH/").delete()
    bench.delete()
    rekap_hitung_ulang(pasangan)
    print("Data bench dihapus; rekap JP pegawai yang tersentuh dihitung ulang.")


if __name__ == "__main__":
    main()
