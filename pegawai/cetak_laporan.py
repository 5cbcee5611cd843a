"""DUK and daftar nominatif PDFs printed in the background (Celery) with progress.

The whole government's list took close to a minute inside the request. Now the officer asks for the
PDF, a worker prints it, the page polls a progress bar and the file is handed out by a scoped download
view. The rows are laid out in parts of `BARIS_PER_BAGIAN` (one WeasyPrint document each, merged into one
PDF at the end), so progress moves part by part and the page numbers continue across parts. A job left
queued or half-done by a stopped worker is queued again when a worker starts (pegawai.tasks)."""

from __future__ import annotations

import logging
import secrets

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from core.dates import format_tanggal
from core.documents import dokumen_register, letterhead_context, qr_svg_data_uri, verifikasi_url

from . import permissions, selectors
from .laporan import LAPORAN, masa_kerja, usia
from .models import CetakLaporan, Pegawai, Penandatangan, UnitKerja

logger = logging.getLogger(__name__)

BARIS_PER_BAGIAN = 400
KUNCI_CETAK = 0x4C415052  # advisory-lock namespace of report print jobs ("LAPR")


def _rows(*, jenis: str, opd: UnitKerja | None):
    base = Pegawai.objects.all()
    if opd is not None:
        base = base.filter(opd=opd)
    return LAPORAN[jenis]["queryset"](base)


def cetak_laporan_minta(*, actor, jenis: str, opd: UnitKerja | None) -> CetakLaporan:
    """Queue a DUK or nominatif PDF of one OPD (or, for BKD and pimpinan, of every OPD)."""
    if jenis not in LAPORAN:
        raise ValidationError("Jenis laporan tidak dikenal.")
    if not permissions.can_view_daftar_statutori(actor, opd):
        raise PermissionDenied
    jumlah = _rows(jenis=jenis, opd=opd).count()
    if not jumlah:
        raise ValidationError(f"Tidak ada pegawai untuk {LAPORAN[jenis]['judul']} {opd.nama if opd else ''}.")
    with transaction.atomic():
        job = CetakLaporan.objects.create(jenis=jenis, opd=opd, jumlah=jumlah, diminta_oleh=actor)
        transaction.on_commit(lambda: cetak_laporan_task.delay(job.pk))
    return job


def cetak_laporan_list_visible_to(*, user, jenis: str) -> list[CetakLaporan]:
    """The user's latest print jobs of one kind, within what they may still see."""
    cakupan = selectors.cakupan_for(user)
    jobs = CetakLaporan.objects.filter(jenis=jenis, diminta_oleh=user).select_related("opd")
    if not cakupan.semua:
        jobs = jobs.filter(opd_id=cakupan.opd_id) if cakupan.opd_id else jobs.none()
    return list(jobs[:5])


def cetak_laporan_get_visible(*, user, pk: int) -> CetakLaporan:
    """A finished job whose OPD (or whole government) the user may list; 404 otherwise."""
    from django.http import Http404

    job = CetakLaporan.objects.select_related("opd").filter(pk=pk).first()
    if job is None or not permissions.can_view_daftar_statutori(user, job.opd):
        raise Http404("Berkas laporan tidak ditemukan.")
    return job


def cetak_laporan_execute(job_id: int) -> CetakLaporan:
    """Print a job. A session advisory lock makes a second worker given the same job (a re-queue after a
    restart) step aside while the first one prints; a job that was half-done starts over."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [KUNCI_CETAK, job_id])
        (dapat,) = cursor.fetchone()
    if not dapat:
        return CetakLaporan.objects.get(pk=job_id)
    try:
        return _cetak(job_id)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [KUNCI_CETAK, job_id])


def _cetak(job_id: int) -> CetakLaporan:
    job = CetakLaporan.objects.select_related("opd", "diminta_oleh").get(pk=job_id)
    if job.status == CetakLaporan.Status.SELESAI:
        return job
    CetakLaporan.objects.filter(pk=job.pk).update(
        status=CetakLaporan.Status.BERJALAN, selesai_dicetak=0, pesan_galat=""
    )
    try:
        pdf, jumlah = _pdf(job)
        nama = f"{job.jenis}-{slugify(job.opd.kode) if job.opd else 'seluruh-opd'}-{timezone.localdate():%Y%m%d}.pdf"
        # A random folder: the file is only handed out by the scoped download view.
        job.berkas.save(f"{secrets.token_urlsafe(16)}/{nama}", ContentFile(pdf), save=False)
    except Exception as exc:
        logger.exception("Cetak laporan %s gagal", job.pk)
        CetakLaporan.objects.filter(pk=job.pk).update(
            status=CetakLaporan.Status.GAGAL, pesan_galat=f"{type(exc).__name__}: {exc}"[:1000]
        )
        job.refresh_from_db()
        return job
    job.status = CetakLaporan.Status.SELESAI
    job.jumlah = job.selesai_dicetak = jumlah
    job.save(update_fields=["berkas", "status", "jumlah", "selesai_dicetak", "diubah"])
    return job


def _pdf(job: CetakLaporan) -> tuple[bytes, int]:
    """Lay out the rows part by part and merge the pages into one PDF. Returns (pdf, number of rows)."""
    from weasyprint import HTML

    today = timezone.localdate()
    judul = LAPORAN[job.jenis]["judul"]
    cakupan = job.opd.nama if job.opd else "Seluruh OPD"
    rows = list(_rows(jenis=job.jenis, opd=job.opd).iterator(chunk_size=2000))
    for p in rows:
        p.masa_kerja, p.usia = masa_kerja(p, today), usia(p, today)
    actor = job.diminta_oleh
    dokumen = dokumen_register(
        jenis=judul,
        judul=f"{judul} — {cakupan}",
        fakta={"OPD": cakupan, "Jumlah pegawai": str(len(rows)), "Keadaan per": format_tanggal(today)},
        actor_name=(actor.get_full_name() or actor.username) if actor else "",
    )
    url = verifikasi_url(dokumen)
    umum = {
        **letterhead_context(),
        "judul": judul,
        "cakupan": cakupan,
        "seluruh_opd": job.opd_id is None,
        "hari_ini": today,
        "dokumen": dokumen,
        "qr": qr_svg_data_uri(url),
        "verifikasi_url": url,
        "ttd": selectors.penandatangan_for(Penandatangan.Peran.KEPALA_BKPSDM, None, today),
    }
    bagian = [rows[i : i + BARIS_PER_BAGIAN] for i in range(0, len(rows), BARIS_PER_BAGIAN)] or [[]]
    dokumen_bagian, halaman = [], 0
    for nomor, isi in enumerate(bagian):
        html = render_to_string(
            f"pegawai/pdf/{LAPORAN[job.jenis]['template']}.html",
            {
                **umum,
                "rows": isi,
                "nomor_awal": nomor * BARIS_PER_BAGIAN,
                "awal": nomor == 0,
                "akhir": nomor == len(bagian) - 1,
                "satu_bagian": len(bagian) == 1,
                "bagian_ke": nomor + 1,
                "jumlah_bagian": len(bagian),
                "halaman_awal": halaman + 1,
            },
        )
        doc = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        halaman += len(doc.pages)
        dokumen_bagian.append(doc)
        CetakLaporan.objects.filter(pk=job.pk).update(
            selesai_dicetak=min(len(rows), (nomor + 1) * BARIS_PER_BAGIAN)
        )
    pertama = dokumen_bagian[0]
    pdf = pertama.copy([page for doc in dokumen_bagian for page in doc.pages]).write_pdf()
    return pdf, len(rows)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def cetak_laporan_task(job_id: int) -> int:
    return cetak_laporan_execute(job_id).selesai_dicetak
