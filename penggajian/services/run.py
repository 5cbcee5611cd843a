"""Pay runs: queue the computation and compute it (Celery, one OPD per transaction, resumable). Every
computation is recorded in PerhitunganRun, across returns: whoever computed any part of a run can neither
verify nor approve it (persetujuan.py, permissions.is_pembuat_run, and a database trigger)."""

from __future__ import annotations

import json
import logging
import time

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Func, IntegerField, Q, Value
from django.utils import timezone

from akun import roles
from core.db import copy_rows
from core.history import catat_riwayat
from core.workflow import transition
from pegawai.models import Pegawai, UnitKerja

from .. import permissions, selectors
from ..dokumen import slip_dokumen_revoke
from ..hitung import GalatHitung, Hasil, terapkan_penyesuaian
from ..models import GalatSlip, Penyesuaian, PerhitunganRun, RapelGaji, RunGaji, Slip, bulan_label
from ._common import _aturan_run, _error, _hitung_satu, _notify_after_commit, enqueue

logger = logging.getLogger(__name__)

SLIP_FIELDS = [
    "run_id", "pegawai_id", "opd_id", "nip", "nama", "kode_unit", "nama_unit", "golongan", "jabatan",
    "nama_bank", "nomor_rekening", "kolom", "rincian", "masukan", "jumlah_kotor", "jumlah_potongan",
    "jumlah_bersih", "bruto_pph", "kode_verifikasi", "dihitung",
]  # fmt: skip


# --- queue ------------------------------------------------------------------------------------------


@transaction.atomic
def run_hitung(
    *, actor, jenis: str, tahun: int, bulan: int, hanya_galat: bool = False, antrikan: bool = True
) -> RunGaji:
    """Queue the computation of a month's run (created when missing). Refused for a locked or approved
    month and when no rule is in force; a recompute resets a verification. `hanya_galat` recomputes only
    the employees that failed last time. `antrikan=False` leaves the computing to the caller
    (calculate_gaji runs it in its own process and waits)."""
    if not permissions.can_compute_run_gaji(actor):
        raise PermissionDenied
    if jenis not in RunGaji.Jenis.values:
        raise _error(f"Jenis run tidak dikenal: {jenis}.")
    if not 1 <= bulan <= 12:
        raise _error("Bulan harus 1–12.")
    label = f"{RunGaji.Jenis(jenis).label} {bulan_label(tahun, bulan)}"
    try:
        aturan_gaji = selectors.aturan_gaji_model(tahun, bulan)
        aturan_tpp = selectors.aturan_tpp_model(tahun, bulan) if jenis == RunGaji.Jenis.TPP else None
        tambahan = jenis in (RunGaji.Jenis.THR, RunGaji.Jenis.GAJI13)
        aturan_tambahan = selectors.aturan_tambahan_model(jenis, tahun) if tambahan else None
    except selectors.AturanTidakAda as exc:
        raise _error(str(exc)) from exc
    rapel = RapelGaji.objects.filter(
        jenis=jenis, status__in=[RapelGaji.Status.ANTRI, RapelGaji.Status.BERJALAN]
    ).first()
    if rapel is not None:
        raise _error(f"{rapel} sedang dihitung: tunggu selesai agar semua koreksinya masuk ke {label}.")
    if tambahan:
        lain = RunGaji.objects.filter(jenis=jenis, tahun=tahun).exclude(bulan=bulan).first()
        if lain is not None:
            raise _error(
                f"{RunGaji.Jenis(jenis).label} {tahun} sudah dibuat untuk {lain.bulan_label}: dibayar sekali setahun."
            )
    run = RunGaji.objects.select_for_update().filter(jenis=jenis, tahun=tahun, bulan=bulan).first()
    if run is not None:
        if run.status == RunGaji.Status.DIKUNCI:
            raise _error(
                f"{label} sudah dikunci: tidak dapat dihitung ulang. Koreksi masuk ke run bulan berikutnya."
            )
        if run.status == RunGaji.Status.DISETUJUI:
            raise _error(f"{label} sudah disetujui: kembalikan dulu sebelum dihitung ulang.")
        if run.sedang_berjalan:
            raise _error(f"{label} sedang dihitung.")
        if hanya_galat and not run.galat.exists():
            raise _error(f"Tidak ada pegawai yang gagal dihitung pada {label}.")
    elif hanya_galat:
        raise _error(f"{label} belum pernah dihitung.")
    else:
        run = RunGaji(jenis=jenis, tahun=tahun, bulan=bulan)
    if not hanya_galat and run.pk:
        # A full recompute starts from nothing (the row lock keeps the worker out meanwhile); slips
        # printed from the old figures stop verifying as valid.
        slip_dokumen_revoke(run, alasan=f"{label} dihitung ulang; slip ini digantikan hasil hitung ulang.")
        _hapus_slip_run(run)
        GalatSlip.objects.filter(run=run).delete()
        Penyesuaian.objects.filter(run_tujuan=run).update(run_tujuan=None)
    run.aturan_gaji = aturan_gaji
    run.aturan_tpp = aturan_tpp
    run.aturan_tambahan = aturan_tambahan
    run.hanya_galat = hanya_galat
    transition(run, RunGaji.Status.ANTRI)
    run.opd_selesai = []
    run.total_opd = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).count()
    run.pesan_galat = ""
    run.mulai = run.selesai = None
    run.dihitung_oleh = actor
    run.dihitung_pada = timezone.now()
    run.diverifikasi_oleh = run.disetujui_oleh = None
    run.diverifikasi_pada = run.disetujui_pada = None
    catat_riwayat(run, actor=actor, alasan="Hitung ulang yang gagal" if hanya_galat else "Dihitung")
    _simpan_run(run, label)
    # Every maker is kept, not just the latest: none of them may verify or approve this run.
    PerhitunganRun.objects.create(
        run=run,
        dihitung_oleh=actor,
        jenis=PerhitunganRun.Jenis.HANYA_GALAT if hanya_galat else PerhitunganRun.Jenis.HITUNG,
        pada=run.dihitung_pada,
    )
    if antrikan:
        enqueue("hitung_run_task", run.pk)
    return run


def _hapus_slip_run(run: RunGaji) -> None:
    """Delete a run's slips in one statement. QuerySet.delete() would first load every slip (with its
    JSON columns: over a gigabyte at 50,000 employees) to look for protected corrections; the database
    checks that reference itself (the foreign key of Penyesuaian.slip_asal), so only the message is ours."""
    if Penyesuaian.objects.filter(slip_asal__run=run).exists():
        raise _error(f"{run} sudah menjadi dasar koreksi: tidak dapat dihitung ulang.")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Slip._meta.db_table} WHERE run_id = %s", [run.pk])  # noqa: S608


def _simpan_run(run: RunGaji, label: str) -> None:
    """Save the run; two officers starting the same new month at once both pass the row lock (there is
    no row yet), so the second insert meets the one-run-per-month constraint: it waits for the first
    transaction, then gets a message naming who started the month instead of a server error."""
    baru = run.pk is None
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError as exc:
        diag = getattr(exc.__cause__, "diag", None)
        if not baru or getattr(diag, "constraint_name", None) != "rungaji_satu_per_bulan":
            raise
        lain = (
            RunGaji.objects.select_related("dihitung_oleh")
            .filter(jenis=run.jenis, tahun=run.tahun, bulan=run.bulan)
            .first()
        )
        oleh = lain.dihitung_oleh if lain is not None else None
        nama = f" ({oleh.get_full_name() or oleh.username})" if oleh is not None else ""
        raise _error(
            f"{label} baru saja dimulai oleh petugas lain{nama}: buka run itu dari daftar run gaji."
        ) from exc


# --- compute ----------------------------------------------------------------------------------------


def _slip_row(run: RunGaji, m, extra: dict, hasil: Hasil, jabatan: str, now, aturan_ids: dict) -> tuple:
    from core.models import new_kode_verifikasi

    masukan = m.snapshot()
    masukan["aturan"] = aturan_ids
    return (
        run.pk, m.pegawai_id, extra["opd_id"], m.nip, m.nama[:255], extra["kode_unit"], extra["nama_unit"][:200],
        m.golongan or "", jabatan[:200], m.nama_bank[:60], m.nomor_rekening[:30],
        json.dumps(hasil.kolom_json()), json.dumps(hasil.rincian_json()), json.dumps(masukan, default=str),
        hasil.kotor, hasil.potongan, hasil.bersih, hasil.bruto_pph, new_kode_verifikasi(), now,
    )  # fmt: skip


def hitung_opd(run: RunGaji, opd_id: int, aturan_gaji, aturan_tpp, aturan_tambahan=None) -> tuple[int, int]:
    """Compute one OPD of a run inside the caller's transaction: (slips written, errors)."""
    qs = Pegawai.objects.filter(opd_id=opd_id)
    if run.hanya_galat:
        gagal = list(GalatSlip.objects.filter(run=run, opd_id=opd_id).values_list("pegawai_id", flat=True))
        if not gagal:
            return 0, 0
        qs = qs.filter(pk__in=gagal)
        GalatSlip.objects.filter(run=run, pegawai_id__in=gagal).delete()
        Slip.objects.filter(run=run, pegawai_id__in=gagal).delete()
    masukan, extra = selectors.masukan_pegawai(
        qs, tahun=run.tahun, bulan=run.bulan, tpp=run.jenis == RunGaji.Jenis.TPP, tambahan=run.tambahan
    )
    dikecualikan = aturan_gaji.status_dikecualikan | (
        aturan_tpp.status_dikecualikan if aturan_tpp else frozenset()
    )
    now = timezone.now()
    aturan_ids = {"aturan_gaji": aturan_gaji.id, "aturan_tpp": aturan_tpp.id if aturan_tpp else None}
    if aturan_tambahan is not None:
        aturan_ids["aturan_tambahan"] = aturan_tambahan.id
    slips: list[tuple] = []
    galat: list[GalatSlip] = []
    diterapkan: list[int] = []
    tertunda = _penyesuaian_tertunda(run, qs)
    for m in masukan:
        if m.status_kepegawaian in dikecualikan:
            continue
        try:
            hasil = _hitung_satu(run.jenis, m, aturan_gaji, aturan_tpp, aturan_tambahan)
        except GalatHitung as exc:
            galat.append(
                GalatSlip(
                    run=run, pegawai_id=m.pegawai_id, opd_id=extra[m.pegawai_id]["opd_id"], pesan=str(exc)
                )
            )
            continue
        koreksi = tertunda.get(m.pegawai_id)
        if koreksi:
            terapkan_penyesuaian(hasil, run.jenis, [k[1:] for k in koreksi])
            diterapkan.extend(k[0] for k in koreksi)
        slips.append(_slip_row(run, m, extra[m.pegawai_id], hasil, m.nama_jabatan, now, aturan_ids))
    copy_rows(Slip, SLIP_FIELDS, slips)
    GalatSlip.objects.bulk_create(galat)
    if diterapkan:
        Penyesuaian.objects.filter(pk__in=diterapkan).update(run_tujuan=run)
    return len(slips), len(galat)


def _penyesuaian_tertunda(run: RunGaji, pegawai_qs) -> dict[int, list[tuple]]:
    """Corrections of earlier months of the same kind not yet paid (or paid by this run being recomputed)."""
    hasil: dict[int, list[tuple]] = {}
    rows = (
        Penyesuaian.objects.filter(
            Q(run_tujuan__isnull=True) | Q(run_tujuan=run),
            pegawai__in=pegawai_qs,
            slip_asal__run__jenis=run.jenis,
        )
        .filter(
            Q(slip_asal__run__tahun__lt=run.tahun)
            | Q(slip_asal__run__tahun=run.tahun, slip_asal__run__bulan__lt=run.bulan)
        )
        .order_by("pk")
        .values_list(
            "pk",
            "pegawai_id",
            "slip_asal__run__tahun",
            "slip_asal__run__bulan",
            "selisih",
            "selisih_kotor",
            "selisih_potongan",
            "selisih_bersih",
            "penjelasan",
            "alasan",
        )
    )
    for pk, pid, tahun, bulan, selisih, d_kotor, d_potongan, d_bersih, penjelasan, alasan in rows:
        hasil.setdefault(pid, []).append(
            (pk, bulan_label(tahun, bulan), selisih, d_kotor, d_potongan, d_bersih, f"{alasan}. {penjelasan}")
        )
    return hasil


def run_execute(run_id: int) -> RunGaji:
    """The worker's part: one OPD per transaction, OPDs already done are skipped, so a killed worker
    resumes where it stopped and never writes a slip twice (the unique constraint would refuse it)."""
    run = RunGaji.objects.get(pk=run_id)
    if run.status not in (RunGaji.Status.ANTRI, RunGaji.Status.MENGHITUNG):
        return run
    try:
        aturan_gaji, aturan_tpp, aturan_tambahan = _aturan_run(run)
    except selectors.AturanTidakAda as exc:
        RunGaji.objects.filter(pk=run.pk).update(status=RunGaji.Status.GAGAL, pesan_galat=str(exc))
        raise
    RunGaji.objects.filter(pk=run.pk).update(
        status=RunGaji.Status.MENGHITUNG, mulai=run.mulai or timezone.now()
    )
    opd_ids = list(
        UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("id").values_list("id", flat=True)
    )
    done = set(run.opd_selesai)
    jeda = settings.PENGGAJIAN_JEDA_OPD_DETIK
    try:
        for opd_id in opd_ids:
            if opd_id in done:
                continue
            if jeda and done:
                time.sleep(jeda)
            done.add(opd_id)
            with transaction.atomic():
                # The row lock makes a second worker on the same run wait, then skip this OPD.
                locked = RunGaji.objects.select_for_update().only("opd_selesai", "status").get(pk=run.pk)
                if opd_id in locked.opd_selesai or locked.status != RunGaji.Status.MENGHITUNG:
                    continue
                hitung_opd(run, opd_id, aturan_gaji, aturan_tpp, aturan_tambahan)
                RunGaji.objects.filter(pk=run.pk).update(
                    opd_selesai=Func(
                        F("opd_selesai"), Value(opd_id), function="array_append",
                        output_field=ArrayField(IntegerField()),
                    )
                )  # fmt: skip
    except Exception as exc:
        logger.exception("Run gaji %s gagal", run.pk)
        RunGaji.objects.filter(pk=run.pk).update(status=RunGaji.Status.GAGAL, pesan_galat=str(exc)[:2000])
        raise
    with transaction.atomic():
        run = RunGaji.objects.select_for_update().get(pk=run.pk)
        if run.status != RunGaji.Status.MENGHITUNG:
            return run
        run.rekap_opd = selectors.rekap_opd_hitung(run)  # one pass over the run's slips
        run.jumlah_slip = sum(r["jumlah"] for r in run.rekap_opd)
        run.jumlah_galat = GalatSlip.objects.filter(run=run).count()
        run.jumlah_pegawai = run.jumlah_slip + run.jumlah_galat
        run.jumlah_kotor = sum(r["kotor"] for r in run.rekap_opd)
        run.jumlah_potongan = sum(r["potongan"] for r in run.rekap_opd)
        run.jumlah_bersih = sum(r["bersih"] for r in run.rekap_opd)
        run.total_opd = len(opd_ids)
        transition(run, RunGaji.Status.DIHITUNG)
        run.selesai = timezone.now()
        catat_riwayat(
            run,
            actor=run.dihitung_oleh,
            alasan=f"Selesai dihitung: {run.jumlah_slip} slip, {run.jumlah_galat} gagal",
        )
        run.save()
        _notify_after_commit(
            roles.ADMIN_BKD,
            f"{run} selesai dihitung",
            f"{run} selesai dihitung: {run.jumlah_slip} slip, {run.jumlah_galat} gagal. Menunggu verifikasi.",
            exclude_user_id=run.dihitung_oleh_id,
        )
    return run


# --- the lock guard ------------------------------------------------------------------------------


LOCK_TRIGGERS = (
    "penggajian_slip_kunci", "penggajian_rungaji_kunci", "penggajian_slip_kosongkan", "penggajian_rungaji_kosongkan",
    "penggajian_rungaji_pemeriksa",
)  # fmt: skip


def slip_lock_guard_active() -> bool:
    """Whether the database triggers protecting locked runs (rows and TRUNCATE, migrations 0002 and 0011)
    and maker ≠ checker (0010) are installed and enabled (used by the health check)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s) AND tgenabled <> 'D'",
            [list(LOCK_TRIGGERS)],
        )
        return cursor.fetchone()[0] == len(LOCK_TRIGGERS)
