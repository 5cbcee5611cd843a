"""History rows written outside a web request name the person who asked: the closing run worked by the
Celery task (its body, as the worker calls it) records the Admin BKD who started it."""

from __future__ import annotations

from kinerja import services
from kinerja.models import PERIODE_TAHUNAN, Penilaian
from kinerja.tasks import penutupan_periode_task


def test_the_closing_task_attributes_every_history_row_to_who_started_it(skp_disetujui, users, periode):
    services.penilaian_rate(
        actor=users["atasan"],
        skp=skp_disetujui,
        periode=PERIODE_TAHUNAN,
        rating_hasil_kerja="sesuai ekspektasi",
        rating_perilaku_kerja="sesuai ekspektasi",
    )
    run = services.penutupan_start(actor=users["admin_bkd"], periode_kinerja=periode, periode=PERIODE_TAHUNAN)

    assert penutupan_periode_task(run.pk) == 1  # what the worker runs, outside any request

    run.refresh_from_db()
    selesai = run.history.first()
    assert selesai.history_change_reason.startswith("Penutupan selesai: 1 final")
    assert selesai.history_user == users["admin_bkd"]
    final = Penilaian.objects.get(skp=skp_disetujui, periode=PERIODE_TAHUNAN).history.first()
    assert (final.status, final.history_user) == ("final", users["admin_bkd"])
    periode.refresh_from_db()
    ditutup = periode.history.first()
    assert (ditutup.status, ditutup.history_change_reason, ditutup.history_user) == (
        "ditutup",
        "Ditutup oleh penutupan tahunan",
        users["admin_bkd"],
    )
