"""Files of a run for the finance office and the bank: register XLSX, recap per OPD, bank transfer CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET

from core.xlsx import write_csv, write_xlsx

from .. import selectors
from ..laporan import KOLOM_BANK, KOLOM_REGISTER, bank_rows, register_rows, rekap_opd_rows
from ..models import RunGaji

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
    run = selectors.run_get_visible(user=request.user, pk=pk)
    content = write_xlsx(KOLOM_REGISTER[run.jenis], register_rows(run), title=f"gaji {run.jenis}")
    return _file(content, XLSX, _nama(run, "daftar-gaji", "xlsx"))


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


urlpatterns = [
    path("gaji/run/<int:pk>/register.xlsx", register_xlsx, name="register_xlsx"),
    path("gaji/run/<int:pk>/rekap-opd.xlsx", rekap_opd_xlsx, name="rekap_opd_xlsx"),
    path("gaji/run/<int:pk>/bank.csv", bank_csv, name="bank_csv"),
]
