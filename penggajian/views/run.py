"""Pay run pages: the list with the compute form, a run's detail with its progress bar, the workflow
actions (maker ≠ checker is enforced by the services), the slips of a run and the month-over-month diff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pegawai.models import UnitKerja

from .. import permissions, selectors, services
from ..forms import HitungForm
from ..models import RunGaji, Slip
from ..perubahan import perubahan_run
from . import berkas


def _require_viewer(user) -> None:
    if not permissions.can_view_run_gaji(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def run_list(request):
    """Admin BKD and Pimpinan: every run by month; the Admin BKD starts a computation here."""
    _require_viewer(request.user)
    form = HitungForm(request.POST or None)
    boleh_hitung = permissions.can_compute_run_gaji(request.user)
    if request.method == "POST":
        if not boleh_hitung:
            raise PermissionDenied
        if form.is_valid():
            tahun, bulan = form.cleaned_data["bulan"]
            try:
                run = services.run_hitung(
                    actor=request.user, jenis=form.cleaned_data["jenis"], tahun=tahun, bulan=bulan
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.info(request, f"{run} sedang dihitung di latar belakang.")
                return redirect("penggajian:run_detail", pk=run.pk)
    runs = selectors.run_list_visible_to(user=request.user).select_related(
        "dihitung_oleh", "diverifikasi_oleh", "disetujui_oleh"
    )[:48]
    return render(
        request, "penggajian/run_list.html", {"runs": runs, "form": form, "boleh_hitung": boleh_hitung}
    )


def _detail_context(request, run: RunGaji) -> dict:
    return {"run": run, **permissions.run_flags(request.user, run)}


@login_required
@require_GET
def run_detail(request, pk: int):
    run = selectors.run_get_visible(user=request.user, pk=pk)
    context = _detail_context(request, run)
    if request.htmx:
        response = render(request, "penggajian/_run_progres.html", context)
        if not run.sedang_berjalan:
            response["HX-Refresh"] = "true"
        return response
    context["per_opd"] = selectors.rekap_opd(run)
    context["galat"] = list(
        run.galat.select_related("pegawai", "opd").order_by("opd__nama", "pegawai__nama")[:500]
    )
    if context["boleh_cetak_massal"]:
        context.update(berkas.cetak_context(run))
    context["riwayat"] = list(run.history.select_related("history_user").order_by("-history_date")[:20])
    sebelumnya = RunGaji.objects.filter(jenis=run.jenis).filter(
        Q(tahun__lt=run.tahun) | Q(tahun=run.tahun, bulan__lt=run.bulan)
    )
    context["sebelumnya"] = sebelumnya.order_by("-tahun", "-bulan").first()
    context["peringatan_pph"] = selectors.peringatan_pph_desember(run)
    context["bulan_tanpa_kunci"] = selectors.bulan_tanpa_run_terkunci(run)
    return render(request, "penggajian/run_detail.html", context)


def _aksi(request, pk: int, fn, pesan: str, **kwargs):
    run = selectors.run_get_visible(user=request.user, pk=pk)
    try:
        fn(actor=request.user, run=run, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pesan.format(run=run))
    return redirect("penggajian:run_detail", pk=run.pk)


@login_required
@require_POST
def run_hitung_ulang(request, pk: int):
    run = selectors.run_get_visible(user=request.user, pk=pk)
    hanya_galat = request.POST.get("hanya_galat") == "1"
    try:
        services.run_hitung(
            actor=request.user, jenis=run.jenis, tahun=run.tahun, bulan=run.bulan, hanya_galat=hanya_galat
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(
            request,
            "Pegawai yang gagal sedang dihitung ulang." if hanya_galat else f"{run} sedang dihitung ulang.",
        )
    return redirect("penggajian:run_detail", pk=run.pk)


@login_required
@require_POST
def run_verifikasi(request, pk: int):
    return _aksi(
        request, pk, services.run_verifikasi, "{run} diverifikasi.", catatan=request.POST.get("catatan", "")
    )


@login_required
@require_POST
def run_setujui(request, pk: int):
    return _aksi(request, pk, services.run_setujui, "{run} disetujui.")


@login_required
@require_POST
def run_kembalikan(request, pk: int):
    return _aksi(
        request,
        pk,
        services.run_kembalikan,
        "{run} dikembalikan untuk diperbaiki.",
        alasan=request.POST.get("alasan", ""),
    )


@login_required
@require_POST
def run_kunci(request, pk: int):
    return _aksi(request, pk, services.run_kunci, "{run} dikunci. Pegawai dapat mengunduh slipnya.")


@login_required
@require_GET
def run_slip_list(request, pk: int):
    """The slips of a run: search by NIP or name, filter by OPD, 50 per page."""
    run = selectors.run_get_visible(user=request.user, pk=pk)
    qs = Slip.objects.filter(run=run).only(
        "id", "nip", "nama", "nama_unit", "golongan", "jumlah_kotor", "jumlah_potongan", "jumlah_bersih"
    )
    q = (request.GET.get("q") or "").strip()
    if q:
        digits = q.replace(" ", "")
        qs = qs.filter(nip__startswith=digits) if digits.isdigit() else qs.filter(nama__icontains=q)
    opd = request.GET.get("opd") or ""
    if opd.isdigit():
        qs = qs.filter(opd_id=int(opd))
    page = Paginator(qs.order_by("kode_unit", "nama", "id"), 50).get_page(request.GET.get("halaman"))
    opds = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("nama").values_list("id", "nama")
    return render(
        request,
        "penggajian/run_slip_list.html",
        {"run": run, "page": page, "q": q, "opd": opd, "opds": list(opds)},
    )


@login_required
@require_GET
def run_perubahan(request, pk: int):
    """Who changed since the previous month's run of the same kind, and why."""
    run = selectors.run_get_visible(user=request.user, pk=pk)
    hasil = perubahan_run(run)
    page = Paginator(hasil["baris"], 50).get_page(request.GET.get("halaman"))
    return render(request, "penggajian/run_perubahan.html", {"run": run, **hasil, "page": page})


urlpatterns = [
    path("gaji/", run_list, name="run_list"),
    path("gaji/run/<int:pk>/", run_detail, name="run_detail"),
    path("gaji/run/<int:pk>/hitung-ulang/", run_hitung_ulang, name="run_hitung_ulang"),
    path("gaji/run/<int:pk>/verifikasi/", run_verifikasi, name="run_verifikasi"),
    path("gaji/run/<int:pk>/setujui/", run_setujui, name="run_setujui"),
    path("gaji/run/<int:pk>/kembalikan/", run_kembalikan, name="run_kembalikan"),
    path("gaji/run/<int:pk>/kunci/", run_kunci, name="run_kunci"),
    path("gaji/run/<int:pk>/slip/", run_slip_list, name="run_slip_list"),
    path("gaji/run/<int:pk>/perubahan/", run_perubahan, name="run_perubahan"),
]
