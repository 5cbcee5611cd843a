"""Time 1,000 moves of one collective SK taking effect on one TMT (issue 13: ≤ 10 s), in-process, on a
database seed_demo filled. Everything is rolled back at the end.

Builds one SK (sumber impor, as import_mutasi would) with BENCH_MUTASI rows (default 1,000): active
employees not heading a unit, each moved to the post of the next one in the list (another unit), TMT
today; then times mutasi.services.sk.mutasi_apply_due (pegawai.services_perpindahan.perpindahan_apply_bulk,
the atasan recomputed once, one jabatan_berubah per move: kinerja closes and opens SKPs), counting
queries; then a second run, which must change nothing. Prints one JSON line.
"""

import json
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from akun.models import User  # noqa: E402
from mutasi.models import PegawaiSKMutasi, SKMutasi  # noqa: E402
from mutasi.services.sk import mutasi_apply_due  # noqa: E402
from pegawai.models import Pegawai  # noqa: E402

N = int(os.environ.get("BENCH_MUTASI", "1000"))


class Batal(Exception):
    pass


def main() -> None:
    hari_ini = timezone.localdate()
    actor = User.objects.get(username="admin_bkd")
    hasil: dict = {"jumlah": N}
    try:
        with transaction.atomic():
            orang = list(
                Pegawai.objects.filter(aktif=True, jabatan__is_kepala=False, tanggal_pensiun__gt=hari_ini)
                .select_related("jabatan__unit_kerja", "unit_kerja")
                .order_by("unit_kerja_id", "nip")[: N * 3]
            )
            # Every other unit: each person takes the post of someone in another unit.
            pilih = []
            for p in orang:
                if not pilih or pilih[-1].unit_kerja_id != p.unit_kerja_id:
                    pilih.append(p)
            pilih = (pilih + [p for p in orang if p not in pilih])[:N]
            sk = SKMutasi.objects.create(
                nomor="BENCH/1/2026",
                tanggal=hari_ini,
                sumber="impor",
                tentang="bench",
                diterbitkan_oleh=actor,
            )
            rows = []
            for i, p in enumerate(pilih):
                # the post of the next one in the list holding another post (neighbours often share one)
                tujuan = next(
                    (
                        q.jabatan
                        for q in (pilih[(i + k) % len(pilih)] for k in range(1, 20))
                        if q.jabatan_id != p.jabatan_id
                    ),
                    None,
                )
                if tujuan is None:
                    continue
                rows.append(
                    PegawaiSKMutasi(
                        sk=sk, urutan=i + 1, pegawai=p, jenis="dalam_pemda", nama=p.nama, nip=p.nip,
                        jabatan_tujuan=tujuan, nama_jabatan_tujuan=tujuan.nama,
                        nama_unit_tujuan=tujuan.unit_kerja.nama, tmt=hari_ini,
                    )
                )  # fmt: skip
            PegawaiSKMutasi.objects.bulk_create(rows)
            hasil["jumlah"] = len(rows)
            with CaptureQueriesContext(connection) as ctx:
                mulai = time.perf_counter()
                hasil["hasil"] = mutasi_apply_due(hari_ini=hari_ini)
                hasil["detik"] = round(time.perf_counter() - mulai, 2)
            hasil["queries"] = len(ctx.captured_queries)
            mulai = time.perf_counter()
            ulang = mutasi_apply_due(hari_ini=hari_ini)
            hasil["ulang"] = {"detik": round(time.perf_counter() - mulai, 2), "hasil": ulang}
            raise Batal
    except Batal:
        pass
    print(json.dumps(hasil))


if __name__ == "__main__":
    main()
