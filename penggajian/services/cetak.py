"""Bulk slip printing: every slip of an approved or locked run (or of one OPD) into a ZIP of PDFs, on
Celery, with progress.

Each OPD's slips go into PDFs of at most `SLIP_PER_BERKAS` pages, one slip per page: WeasyPrint lays out
one long document much faster than many short ones (fonts and styles are loaded once), and the cap keeps
a worker's memory flat however large the OPD. The verification records are written in one statement per
part. The ZIP appears only when every part is done; a failure leaves no file and says why, and printing
again starts over (a job is minutes at most)."""

from __future__ import annotations

import io
import logging
import secrets
import zipfile
from itertools import groupby

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.documents import dokumen_link_replacement, qr_png_data_uri, render_pdf
from core.models import DokumenTerverifikasi
from pegawai.models import Penandatangan, UnitKerja
from pegawai.selectors import penandatangan_map

from .. import permissions
from ..dokumen import JENIS_SLIP, kelompok_rincian, slip_fakta, slip_sumber, terbilang
from ..models import CetakSlipMassal, RunGaji, Slip
from ._common import enqueue

logger = logging.getLogger(__name__)

SLIP_PER_BERKAS = 200
STATUS_BOLEH_CETAK = (RunGaji.Status.DISETUJUI, RunGaji.Status.DIKUNCI)


def cetak_minta(*, actor, run: RunGaji, opd: UnitKerja | None = None) -> CetakSlipMassal:
    """Queue a bulk print of the run's slips (all OPDs, or one). Admin BKD only; approved or locked runs."""
    if not permissions.can_print_slip_massal(actor):
        raise PermissionDenied
    if run.status not in STATUS_BOLEH_CETAK:
        raise ValidationError(f"{run} belum disetujui: slip dicetak setelah run disetujui pimpinan.")
    slips = Slip.objects.filter(run=run)
    if opd is not None:
        slips = slips.filter(opd=opd)
    jumlah = slips.count()
    if not jumlah:
        raise ValidationError(
            f"Tidak ada slip {'untuk ' + opd.nama if opd else ''} di {run}.".replace("  ", " ")
        )
    with transaction.atomic():
        cetak = CetakSlipMassal.objects.create(run=run, opd=opd, jumlah=jumlah, diminta_oleh=actor)
        enqueue("cetak_slip_massal_task", cetak.pk)
    return cetak


def _url_verifikasi(kode: str) -> str:
    return settings.ASN_BASE_URL.rstrip("/") + reverse("verifikasi", args=[kode])


def _catat_dokumen(slips: list[Slip], actor_name: str) -> None:
    DokumenTerverifikasi.objects.bulk_create(
        [
            DokumenTerverifikasi(
                kode=s.kode_verifikasi,
                jenis=JENIS_SLIP,
                judul=f"{s.run} — {s.nama}"[:255],
                fakta=slip_fakta(s),
                dibuat_oleh=actor_name,
                sumber=slip_sumber(s.run_id, s.pegawai_id),
            )
            for s in slips
        ],
        ignore_conflicts=True,
    )
    # Bulk prints are of approved runs only: they replace earlier draft or revoked prints.
    dokumen_link_replacement([slip_sumber(s.run_id, s.pegawai_id) for s in slips])


def slip_massal_pdf(slips: list[Slip], *, actor_name: str = "", judul: str = "Slip gaji") -> bytes:
    """One PDF with one page per slip (each with its own QR code and verification code)."""
    _catat_dokumen(slips, actor_name)
    hari_ini = timezone.localdate()
    ttd = penandatangan_map(Penandatangan.Peran.BENDAHARA_PENGELUARAN, hari_ini, {s.opd_id for s in slips})
    daftar = []
    for slip in slips:
        url = _url_verifikasi(slip.kode_verifikasi)
        daftar.append(
            {
                "slip": slip,
                "grup": kelompok_rincian(slip),
                "terbilang": terbilang(int(slip.jumlah_bersih)).capitalize() + " rupiah",
                "qr": qr_png_data_uri(url),
                "verifikasi_url": url,
                "ttd": ttd.get(slip.opd_id),
            }
        )
    return render_pdf(
        "penggajian/pdf/slip_massal.html",
        {"daftar": daftar, "judul": judul, "hari_ini": hari_ini},
    )


def _nama_berkas(cetak: CetakSlipMassal) -> str:
    run = cetak.run
    bagian = slugify(cetak.opd.kode if cetak.opd else "semua-opd")
    # A random folder: the file is only ever handed out by the download view (Admin BKD), and its name
    # must not be guessable where a web server exposes the media folder.
    return f"{secrets.token_urlsafe(16)}/slip-{run.jenis}-{run.tahun}-{run.bulan:02d}-{bagian}.zip"


KUNCI_CETAK = 0x534C4950  # advisory-lock namespace of print jobs ("SLIP")


def cetak_execute(cetak_id: int) -> CetakSlipMassal:
    """Print a job. A session advisory lock makes a second worker given the same job (a re-queue after a
    restart) step aside while the first is printing; the lock goes with the first worker's connection if
    it dies, and the job then starts over."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [KUNCI_CETAK, cetak_id])
        (dapat,) = cursor.fetchone()
    if not dapat:
        return CetakSlipMassal.objects.get(pk=cetak_id)
    try:
        return _cetak(cetak_id)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [KUNCI_CETAK, cetak_id])


def _cetak(cetak_id: int) -> CetakSlipMassal:
    cetak = CetakSlipMassal.objects.select_related("run", "opd", "diminta_oleh").get(pk=cetak_id)
    if cetak.status == CetakSlipMassal.Status.SELESAI:
        return cetak
    CetakSlipMassal.objects.filter(pk=cetak.pk).update(
        status=CetakSlipMassal.Status.BERJALAN, selesai_dicetak=0, pesan_galat=""
    )
    actor = cetak.diminta_oleh
    actor_name = (actor.get_full_name() or actor.username) if actor else ""
    run = cetak.run
    slips = Slip.objects.filter(run=run).select_related("run").order_by("opd__nama", "opd_id", "nama", "nip")
    if cetak.opd_id:
        slips = slips.filter(opd_id=cetak.opd_id)
    nama_opd = {
        pk: f"{slugify(kode)}-{slugify(nama)[:60]}"
        for pk, kode, nama in UnitKerja.objects.filter(pk__in=slips.values("opd_id")).values_list(
            "pk", "kode", "nama"
        )
    }
    selesai = 0
    try:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as berkas_zip:
            for opd_id, kelompok in groupby(
                slips.iterator(chunk_size=SLIP_PER_BERKAS), key=lambda s: s.opd_id
            ):
                bagian, nomor = [], 0
                for slip in kelompok:
                    bagian.append(slip)
                    if len(bagian) == SLIP_PER_BERKAS:
                        nomor += 1
                        selesai = _tulis_bagian(
                            berkas_zip, cetak, bagian, f"{nama_opd[opd_id]}-{nomor:03d}", actor_name, selesai
                        )
                        bagian = []
                if bagian:
                    nomor += 1
                    selesai = _tulis_bagian(
                        berkas_zip, cetak, bagian, f"{nama_opd[opd_id]}-{nomor:03d}", actor_name, selesai
                    )
        cetak.berkas.save(_nama_berkas(cetak), ContentFile(buffer.getvalue()), save=False)
    except Exception as exc:
        logger.exception("Cetak slip massal %s gagal", cetak.pk)
        CetakSlipMassal.objects.filter(pk=cetak.pk).update(
            status=CetakSlipMassal.Status.GAGAL, pesan_galat=f"{type(exc).__name__}: {exc}"[:1000]
        )
        cetak.refresh_from_db()
        return cetak
    cetak.status = CetakSlipMassal.Status.SELESAI
    cetak.selesai_dicetak = selesai
    cetak.save(update_fields=["berkas", "status", "selesai_dicetak", "diubah"])
    return cetak


def _tulis_bagian(berkas_zip, cetak, bagian: list[Slip], nama: str, actor_name: str, selesai: int) -> int:
    pdf = slip_massal_pdf(bagian, actor_name=actor_name, judul=f"{cetak.run} — {nama}")
    berkas_zip.writestr(f"{nama}.pdf", pdf)
    selesai += len(bagian)
    CetakSlipMassal.objects.filter(pk=cetak.pk).update(selesai_dicetak=selesai)
    return selesai
