"""The closing run of an evaluation period (Celery), its reopening."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Func, IntegerField, Value
from django.utils import timezone

from core.history import alasan_bersih, catat_riwayat
from pegawai.models import UnitKerja

from .. import permissions, selectors
from ..models import (
    PERIODE_TAHUNAN,
    MatriksPredikat,
    Penilaian,
    PenutupanPeriode,
    PeriodeKinerja,
    TidakDinilai,
    periode_label,
)
from ._common import _validate_periode_kode, enqueue


@transaction.atomic
def penutupan_start(*, actor, periode_kinerja: PeriodeKinerja, periode: str) -> PenutupanPeriode:
    """Queue the closing run of one evaluation period. Running it again on a closed period is allowed
    and changes nothing (every step is idempotent)."""
    if not permissions.can_manage_periode(actor):
        raise PermissionDenied
    _validate_periode_kode(periode_kinerja, periode)
    run = (
        PenutupanPeriode.objects.select_for_update()
        .filter(periode_kinerja=periode_kinerja, periode=periode)
        .first()
    )
    if run is not None and run.status in (PenutupanPeriode.Status.ANTRI, PenutupanPeriode.Status.BERJALAN):
        raise ValidationError("Penutupan periode ini sedang berjalan.")
    if run is None:
        run = PenutupanPeriode(periode_kinerja=periode_kinerja, periode=periode, dijalankan_oleh=actor)
    run.status = PenutupanPeriode.Status.ANTRI
    run.dijalankan_oleh = actor
    run.opd_selesai = []
    run.total_opd = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).count()
    run.pesan_galat = ""
    run.mulai = run.selesai = None
    catat_riwayat(run, actor=actor, alasan="Penutupan dijalankan")
    run.save()
    enqueue("penutupan_periode_task", run.pk)
    return run


FINAL_SQL = """
WITH changed AS (
    UPDATE kinerja_penilaian p
       SET status = 'final', predikat = m.predikat, diubah = %(now)s
      FROM kinerja_matrikspredikat m
     WHERE p.periode_kinerja_id = %(pk)s AND p.periode = %(periode)s AND p.opd_id = %(opd)s
       AND p.status IN ('dinilai', 'diterima')
       AND m.berlaku_mulai = %(matriks)s
       AND m.rating_hasil_kerja = p.rating_hasil_kerja AND m.rating_perilaku_kerja = p.rating_perilaku_kerja
 RETURNING p.*
)
INSERT INTO kinerja_historicalpenilaian ({columns}, history_date, history_change_reason, history_type,
                                          history_user_id)
SELECT {columns}, %(now)s, %(reason)s, '~', %(user)s FROM changed
"""

TIDAK_DINILAI_SQL = """
WITH alasan AS (
    SELECT p.id AS pegawai_id, p.opd_id,
           CASE WHEN s.id IS NULL THEN 'tanpa skp'
                WHEN s.status <> 'disetujui' THEN 'skp belum disetujui'
                WHEN s.pejabat_penilai_id IS NULL THEN 'tanpa penilai'
                ELSE 'belum dinilai' END AS alasan
      FROM pegawai_pegawai p
      LEFT JOIN kinerja_skp s ON s.pegawai_id = p.id AND s.periode_id = %(pk)s
            -- after a move, the SKP in force on the period's last day (kinerja.selectors.skp_mencakup_periode)
            AND (s.tanggal_mulai IS NULL OR s.tanggal_mulai <= %(akhir)s)
            AND (s.tanggal_selesai IS NULL OR s.tanggal_selesai >= %(akhir)s)
     WHERE p.opd_id = %(opd)s AND p.aktif
       AND NOT EXISTS (SELECT 1 FROM kinerja_penilaian n
                        WHERE n.pegawai_id = p.id AND n.periode_kinerja_id = %(pk)s
                          AND n.periode = %(periode)s AND n.status = 'final')
), gone AS (
    DELETE FROM kinerja_tidakdinilai t
     WHERE t.penutupan_id = %(run)s AND t.opd_id = %(opd)s
       AND NOT EXISTS (SELECT 1 FROM alasan a WHERE a.pegawai_id = t.pegawai_id AND a.alasan = t.alasan)
)
INSERT INTO kinerja_tidakdinilai (penutupan_id, pegawai_id, opd_id, alasan)
SELECT %(run)s, pegawai_id, opd_id, alasan FROM alasan
ON CONFLICT (penutupan_id, pegawai_id) DO NOTHING
"""


def _history_columns() -> str:
    fields = [f.column for f in Penilaian._meta.concrete_fields if f.column and f.column != "diubah"]
    return ", ".join(connection.ops.quote_name(c) for c in fields)


def penutupan_execute(run_id: int) -> PenutupanPeriode:
    """Finalise one OPD per transaction: rated evaluations become final (predikat re-derived from the
    matrix in force, a history row each), everyone active without a final one is listed with the reason.
    Resumable: OPDs already done are skipped; a crash leaves whole OPDs done or not done.
    Queries per OPD are constant, so the run's query count depends on OPDs, not headcount.
    """
    run = PenutupanPeriode.objects.select_related("periode_kinerja").get(pk=run_id)
    if run.status == PenutupanPeriode.Status.DIBUKA_KEMBALI:
        return run
    tanggal = selectors.tanggal_acuan(run.periode_kinerja.tahun)
    matriks = selectors.berlaku(MatriksPredikat, tanggal).values_list("berlaku_mulai", flat=True).first()
    PenutupanPeriode.objects.filter(pk=run.pk).update(
        status=PenutupanPeriode.Status.BERJALAN, mulai=run.mulai or timezone.now()
    )
    opd_ids = list(
        UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("id").values_list("id", flat=True)
    )
    done = set(run.opd_selesai)
    columns = _history_columns()
    reason = f"Penutupan periode {periode_label(run.periode)} {run.periode_kinerja.tahun}"
    try:
        for opd_id in opd_ids:
            if opd_id in done:
                continue
            params = {
                "pk": run.periode_kinerja_id,
                "periode": run.periode,
                "opd": opd_id,
                "run": run.pk,
                "akhir": selectors.tanggal_akhir_periode(run.periode_kinerja.tahun, run.periode),
                "now": timezone.now(),
                "matriks": matriks,
                "reason": reason,
                "user": run.dijalankan_oleh_id,
            }
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(FINAL_SQL.format(columns=columns), params)
                cursor.execute(TIDAK_DINILAI_SQL, params)
                PenutupanPeriode.objects.filter(pk=run.pk).update(
                    opd_selesai=Func(
                        F("opd_selesai"),
                        Value(opd_id),
                        function="array_append",
                        output_field=ArrayField(IntegerField()),
                    )
                )
    except Exception as exc:
        PenutupanPeriode.objects.filter(pk=run.pk).update(
            status=PenutupanPeriode.Status.GAGAL, pesan_galat=str(exc)
        )
        raise
    with transaction.atomic():
        run = PenutupanPeriode.objects.select_for_update().get(pk=run.pk)
        run.jumlah_final = Penilaian.objects.filter(
            periode_kinerja_id=run.periode_kinerja_id, periode=run.periode, status=Penilaian.Status.FINAL
        ).count()
        run.jumlah_tidak_dinilai = TidakDinilai.objects.filter(penutupan=run).count()
        run.total_opd = len(opd_ids)
        run.status = PenutupanPeriode.Status.SELESAI
        run.selesai = timezone.now()
        catat_riwayat(
            run,
            actor=run.dijalankan_oleh,
            alasan=f"Penutupan selesai: {run.jumlah_final} final, {run.jumlah_tidak_dinilai} tidak dinilai",
        )
        run.save()
        if run.periode == PERIODE_TAHUNAN and run.periode_kinerja.status != PeriodeKinerja.Status.DITUTUP:
            periode_kinerja = run.periode_kinerja
            periode_kinerja.status = PeriodeKinerja.Status.DITUTUP
            catat_riwayat(periode_kinerja, actor=run.dijalankan_oleh, alasan="Ditutup oleh penutupan tahunan")
            periode_kinerja.save(update_fields=["status", "diubah"])
    return run


@transaction.atomic
def penutupan_reopen(*, actor, run: PenutupanPeriode, alasan: str) -> PenutupanPeriode:
    """Only the Admin BKD reopens a closed period, with a reason; final evaluations return to their
    previous state (accepted if the employee had accepted), each with a history row."""
    if not permissions.can_manage_periode(actor):
        raise PermissionDenied
    if run.status != PenutupanPeriode.Status.SELESAI:
        raise ValidationError("Hanya periode yang sudah selesai ditutup yang dapat dibuka kembali.")
    alasan = alasan_bersih(alasan, label="Alasan membuka kembali")
    if not alasan:
        raise ValidationError({"alasan": "Alasan membuka kembali wajib diisi."})
    now = timezone.now()
    columns = _history_columns()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH changed AS (
                UPDATE kinerja_penilaian p
                   SET status = CASE WHEN p.diterima_pada IS NULL THEN 'dinilai' ELSE 'diterima' END,
                       diubah = %(now)s
                 WHERE p.periode_kinerja_id = %(pk)s AND p.periode = %(periode)s AND p.status = 'final'
             RETURNING p.*
            )
            INSERT INTO kinerja_historicalpenilaian ({columns}, history_date, history_change_reason,
                                                      history_type, history_user_id)
            SELECT {columns}, %(now)s, %(reason)s, '~', %(user)s FROM changed
            """,  # noqa: S608 - column names come from the model, values are parameters
            {
                "pk": run.periode_kinerja_id,
                "periode": run.periode,
                "now": now,
                "reason": f"Periode dibuka kembali: {alasan}",
                "user": actor.pk,
            },
        )
    run.status = PenutupanPeriode.Status.DIBUKA_KEMBALI
    run.alasan_dibuka_kembali = alasan
    catat_riwayat(run, actor=actor, alasan=f"Dibuka kembali: {alasan}")
    run.save()
    if run.periode == PERIODE_TAHUNAN:
        periode_kinerja = run.periode_kinerja
        periode_kinerja.status = PeriodeKinerja.Status.DIBUKA
        catat_riwayat(periode_kinerja, actor=actor, alasan=f"Dibuka kembali: {alasan}")
        periode_kinerja.save(update_fields=["status", "diubah"])
    return run
