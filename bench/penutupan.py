"""Time the closing run of last year's annual period in-process, on a database seed_demo filled.

The demo closed that year already; this reopens it the way the data would stand before closing
(annual ratings acknowledged, year open, no run), starts a run as services.penutupan_start does but
without the Celery hand-off, and calls services.penutupan_execute synchronously, counting queries.
Then a second run on the closed period, which must change nothing. Prints one JSON line.
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
from core.db import analyze_after_bulk_write  # noqa: E402
from kinerja.models import (  # noqa: E402
    PERIODE_TAHUNAN,
    Penilaian,
    PenutupanPeriode,
    PeriodeKinerja,
    TidakDinilai,
)
from kinerja.services import penutupan_execute  # noqa: E402
from pegawai.models import Pegawai, UnitKerja  # noqa: E402


def reopen(periode: PeriodeKinerja) -> int:
    """Back to the state before the demo's closing run; returns the number of annual ratings."""
    with transaction.atomic():
        PenutupanPeriode.objects.filter(periode_kinerja=periode, periode=PERIODE_TAHUNAN).delete()
        n = Penilaian.objects.filter(periode_kinerja=periode, periode=PERIODE_TAHUNAN).update(
            status=Penilaian.Status.DITERIMA
        )
        PeriodeKinerja.objects.filter(pk=periode.pk).update(status=PeriodeKinerja.Status.DIBUKA)
    # Steady state, as autovacuum would leave it: no dead rows from the update above.
    analyze_after_bulk_write(Penilaian, TidakDinilai, PenutupanPeriode)
    return n


@transaction.atomic
def start(*, actor, periode: PeriodeKinerja) -> PenutupanPeriode:
    """services.penutupan_start without transaction.on_commit(task.delay): the run is called here."""
    run = (
        PenutupanPeriode.objects.select_for_update()
        .filter(periode_kinerja=periode, periode=PERIODE_TAHUNAN)
        .first()
    ) or PenutupanPeriode(periode_kinerja=periode, periode=PERIODE_TAHUNAN, dijalankan_oleh=actor)
    run.status = PenutupanPeriode.Status.ANTRI
    run.dijalankan_oleh = actor
    run.opd_selesai = []
    run.total_opd = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).count()
    run.pesan_galat = ""
    run.mulai = run.selesai = None
    run._change_reason = "Penutupan dijalankan (benchmark)"
    run.save()
    return run


def state(periode: PeriodeKinerja) -> tuple:
    ratings = Penilaian.objects.filter(periode_kinerja=periode, periode=PERIODE_TAHUNAN)
    return (
        sorted(ratings.values_list("id", "status", "predikat", "diubah")),
        Penilaian.history.count(),
        sorted(
            TidakDinilai.objects.filter(penutupan__periode_kinerja=periode).values_list(
                "pegawai_id", "alasan"
            )
        ),
    )


def timed(*, actor, periode: PeriodeKinerja) -> tuple[PenutupanPeriode, float, int]:
    run = start(actor=actor, periode=periode)
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        run = penutupan_execute(run.pk)
        seconds = time.perf_counter() - started
    return run, seconds, len(ctx)


def main() -> None:
    admin = User.objects.get(username="admin_bkd")
    periode = PeriodeKinerja.objects.get(tahun=timezone.localdate().year - 1)
    penilaian = reopen(periode)
    run, seconds, queries = timed(actor=admin, periode=periode)
    before = state(periode)
    again, seconds_again, queries_again = timed(actor=admin, periode=periode)
    result = {
        "pegawai_aktif": Pegawai.objects.filter(aktif=True).count(),
        "penilaian_tahunan": penilaian,
        "opd": run.total_opd,
        "detik": round(seconds, 2),
        "queries": queries,
        "jumlah_final": run.jumlah_final,
        "jumlah_tidak_dinilai": run.jumlah_tidak_dinilai,
        "status": run.status,
        "ulang": {
            "detik": round(seconds_again, 2),
            "queries": queries_again,
            "status": again.status,
            "tidak_berubah": state(periode) == before,
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
