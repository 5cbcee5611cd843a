"""Files of a run for the finance office and the bank: register XLSX, recap per OPD, bank transfer CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.xlsx import write_csv, write_xlsx
from pegawai.models import Penandatangan, UnitKerja
from pegawai.selectors import penandatangan_kosong

from .. import permissions, selectors, services
from ..laporan import KOLOM_BANK, bank_rows, register_laporan_xlsx, rekap_opd_rows
from ..models import CetakSlipMassal, RunGaji

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _nama(run: RunGaji, bagian: str, ext: str) -> str:
    return f"{bagian}-{run.jenis}-{run.tahun}-{run.bulan:02d}.{ext}"


@login_required
@require_GET
def register_xlsx(request, pk: int):
    """The register as a report (titles, Indonesian headers, totals per OPD); `export_gaji` keeps the
    CONTRACT columns for machines."""
    run = selectors.run_get_visible(user=request.user, pk=pk)
    return _file(register_laporan_xlsx(run), XLSX, _nama(run, "daftar-gaji", "xlsx"))


@login_required
@require_GET
def rekap_opd_xlsx(request, pk: int):
    run = selectors.run_get_visible(user=request.user, pk=pk)
    header, rows = rekap_opd_rows(run)
    return _file(write_xlsx(header, rows, title="rekap OPD"), XLSX, _nama(run, "rekap-opd", "xlsx"))


@login_required
@require_GET
def bank_csv(request, pk: int):
    """Only an approved or locked run goes to the bank."""
    run = selectors.run_get_visible(user=request.user, pk=pk)
    if run.status not in (RunGaji.Status.DISETUJUI, RunGaji.Status.DIKUNCI):
        messages.error(
            request,
            f"Berkas bank hanya untuk run yang sudah disetujui; {run} masih {run.get_status_display().lower()}.",
        )
        return redirect("penggajian:run_detail", pk=run.pk)
    return _file(write_csv(KOLOM_BANK, bank_rows(run)), "text/csv", _nama(run, "transfer-bank", "csv"))


def cetak_context(run: RunGaji) -> dict:
    daftar = list(run.cetak_massal.select_related("opd", "diminta_oleh")[:10])
    return {
        "run": run,
        "daftar_cetak": daftar,
        "cetak_berjalan": any(c.status in ("antri", "berjalan") for c in daftar),
        "boleh_cetak": run.status in services.STATUS_BOLEH_CETAK,
        # Slips are signed by each OPD's Bendahara Pengeluaran (pegawai.Penandatangan).
        "ttd_kosong": penandatangan_kosong(
            tanggal=timezone.localdate(), peran=[Penandatangan.Peran.BENDAHARA_PENGELUARAN]
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def cetak_slip(request, pk: int):
    """Admin BKD: print every slip of the run (or one OPD's) into a ZIP of PDFs in the background; GET is
    the job list the run page polls while a job runs."""
    if not permissions.can_print_slip_massal(request.user):
        raise PermissionDenied
    run = selectors.run_get_visible(user=request.user, pk=pk)
    if request.method == "POST":
        opd = None
        opd_id = request.POST.get("opd") or ""
        if opd_id:
            opd = UnitKerja.objects.filter(pk=opd_id if opd_id.isdigit() else None, jenis="opd").first()
            if opd is None:
                raise Http404
        try:
            job = services.cetak_minta(actor=request.user, run=run, opd=opd)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.info(request, f"{job.jumlah} slip sedang dicetak di latar belakang.")
        return redirect(f"{reverse('penggajian:run_detail', args=[run.pk])}#cetak-slip")
    return render(request, "penggajian/_cetak_massal.html", cetak_context(run))


@login_required
@require_GET
def cetak_unduh(request, pk: int):
    if not permissions.can_print_slip_massal(request.user):
        raise PermissionDenied
    job = CetakSlipMassal.objects.filter(pk=pk, status=CetakSlipMassal.Status.SELESAI).first()
    if job is None or not job.berkas:
        raise Http404
    selectors.run_get_visible(user=request.user, pk=job.run_id)
    return FileResponse(
        job.berkas.open("rb"), as_attachment=True, filename=job.berkas.name.rsplit("/", 1)[-1]
    )


urlpatterns = [
    path("gaji/run/<int:pk>/cetak-slip/", cetak_slip, name="cetak_slip"),
    path("gaji/cetak/<int:pk>/unduh/", cetak_unduh, name="cetak_unduh"),
    path("gaji/run/<int:pk>/register.xlsx", register_xlsx, name="register_xlsx"),
    path("gaji/run/<int:pk>/rekap-opd.xlsx", rekap_opd_xlsx, name="rekap_opd_xlsx"),
    path("gaji/run/<int:pk>/bank.csv", bank_csv, name="bank_csv"),
]
