"""Time the shortlist of one vacancy over the whole government and a rotation round with 500 vacancies,
in-process, on a database seed_demo filled. Prints one JSON line.

Shortlist: mutasi.rekomendasi.daftar_pendek for the position with the most active holders that sets
requirements (else the most held one), every active employee a candidate (Admin BKD scope); best of 3.
Rotation: the first 500 positions lacking people (mutasi.kebutuhan), movers = the wishes of the latest
round plus BENCH_PEMINDAH (default 500) more employees; susun_soal (scoring every pair) and selesaikan
(the assignment with the side rules off, then with them on) timed separately. rss_puncak_mb: the peak
memory of the whole process (target for the round: ≤ 1 GB).
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_portal.settings.local")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from mutasi import kebutuhan  # noqa: E402
from mutasi.models import PutaranRotasi  # noqa: E402
from mutasi.rekomendasi import daftar_pendek, jabatan_untuk_rekomendasi  # noqa: E402
from mutasi.rotasi import _scipy_lsa, selesaikan, susun_soal  # noqa: E402
from pegawai.models import Jabatan, Pegawai  # noqa: E402


def shortlist() -> dict:
    tanggal = timezone.localdate()
    qs = Jabatan.objects.annotate(n=Count("pemangku", filter=Q(pemangku__aktif=True))).order_by("-n")
    jab = qs.exclude(syarat_pendidikan="").first() or qs.first()
    jabatan = jabatan_untuk_rekomendasi(jab.pk)
    waktu = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            mulai = time.perf_counter()
            daftar = daftar_pendek(jabatan, tanggal)
            waktu.append(time.perf_counter() - mulai)
    return {
        "jabatan": jabatan.nama,
        "kandidat": daftar.jumlah,
        "memenuhi": daftar.jumlah_memenuhi,
        "detik": round(min(waktu), 3),
        "detik_semua": [round(w, 3) for w in waktu],
        "queries": len(ctx.captured_queries),
    }


def rotasi(n_lowongan: int = 500) -> dict:
    tanggal = timezone.localdate()
    lowongan = [
        b.id for b in kebutuhan.jabatan_dengan_bezetting(opd_ids=None, status=kebutuhan.STATUS_KURANG)
    ][:n_lowongan]
    putaran = PutaranRotasi.objects.order_by("-tanggal_mulai").first()
    tambahan = list(
        Pegawai.objects.filter(aktif=True)
        .order_by("tmt_jabatan", "id")
        .values_list("id", flat=True)[: int(os.environ.get("BENCH_PEMINDAH", "500"))]
    )
    hasil = {"lowongan": len(lowongan), "scipy": _scipy_lsa is not None}
    for label, aturan in (
        ("tanpa_aturan", {}),
        ("dengan_aturan", {"persen_opd": 5, "pasangan": True, "tahun_tidak_kembali": 2}),
    ):
        mulai = time.perf_counter()
        soal = susun_soal(
            putaran_id=putaran.pk if putaran else 0,
            jabatan_ids=lowongan,
            pegawai_tambahan_ids=tambahan,
            tanggal=tanggal,
            aturan=aturan,
        )
        susun = time.perf_counter() - mulai
        mulai = time.perf_counter()
        r = selesaikan(soal)
        solve = time.perf_counter() - mulai
        hasil[label] = {
            "pemindah": len(soal.pemindah),
            "kursi": len(soal.kursi),
            "pasangan_layak": len(soal.skor),
            "pindah": sum(1 for b in r["penugasan"] if b["tujuan_jabatan_id"]),
            "iterasi": r["iterasi"],
            "susun_detik": round(susun, 2),
            "selesaikan_detik": round(solve, 2),
        }
    return hasil


if __name__ == "__main__":
    hasil = {"shortlist": shortlist(), "rotasi": rotasi()}
    hasil["rss_puncak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # Linux: KiB
    print(json.dumps(hasil))
