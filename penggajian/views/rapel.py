"""Rapel (bulk corrections of locked months): the list with the request form (Admin BKD), and a page per
rapel with its progress, totals per OPD, the employees skipped and why, and cancel/resume."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions, selectors, services
from ..forms import RapelForm
from ..models import RapelGaji


def _boleh_lihat(user) -> bool:
    return permissions.can_view_run_gaji(user)


@login_required
@require_http_methods(["GET", "POST"])
def rapel_list(request):
    if not _boleh_lihat(request.user):
        raise PermissionDenied
    bisa_minta = permissions.can_request_rapel(request.user)
    if request.method == "POST":
        if not bisa_minta:
            raise PermissionDenied
        form = RapelForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rapel = services.rapel_minta(actor=request.user, **data)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errs in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errs)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.info(
                    request, f"{rapel} sedang dihitung di latar belakang ({rapel.jumlah_slip} slip)."
                )
                return redirect("penggajian:rapel_detail", pk=rapel.pk)
        messages.error(request, "Rapel belum dimulai: periksa isian yang ditandai.")
    else:
        hari_ini = timezone.localdate()
        form = RapelForm(
            initial={"tahun": hari_ini.year, "bulan_mulai": 1, "bulan_akhir": max(1, hari_ini.month - 1)}
        )
    qs = RapelGaji.objects.select_related("opd", "dibuat_oleh").order_by("-dibuat")
    page = Paginator(qs, 25).get_page(request.GET.get("halaman"))
    return render(
        request, "penggajian/rapel_list.html", {"page": page, "form": form, "bisa_minta": bisa_minta}
    )


@login_required
@require_GET
def rapel_detail(request, pk: int):
    if not _boleh_lihat(request.user):
        raise PermissionDenied
    rapel = get_object_or_404(RapelGaji.objects.select_related("opd", "dibuat_oleh"), pk=pk)
    context = {"rapel": rapel, "bisa_ubah": permissions.can_manage_rapel(request.user)}
    if request.htmx:
        response = render(request, "penggajian/_rapel_progres.html", context)
        if not rapel.sedang_berjalan:
            response["HX-Refresh"] = "true"  # done: the whole page, with the totals per OPD
        return response
    context["per_opd"] = selectors.rapel_rekap_opd(rapel)
    context["sudah_dibayar"] = sum(r["dibayar"] for r in context["per_opd"])
    context["riwayat"] = rapel.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "penggajian/rapel_detail.html", context)


@login_required
@require_POST
def rapel_aksi(request, pk: int, aksi: str):
    if not permissions.can_manage_rapel(request.user):
        raise PermissionDenied
    rapel = get_object_or_404(RapelGaji, pk=pk)
    try:
        if aksi == "batalkan":
            jumlah = services.rapel_batalkan(actor=request.user, rapel=rapel)
            messages.success(request, f"{rapel} dibatalkan: {jumlah} koreksi yang menunggu dihapus.")
        else:
            services.rapel_lanjutkan(actor=request.user, rapel=rapel)
            messages.info(request, f"{rapel} dilanjutkan dari bagian yang belum selesai.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("penggajian:rapel_detail", pk=rapel.pk)


urlpatterns = [
    path("gaji/rapel/", rapel_list, name="rapel_list"),
    path("gaji/rapel/<int:pk>/", rapel_detail, name="rapel_detail"),
    path("gaji/rapel/<int:pk>/batalkan/", rapel_aksi, {"aksi": "batalkan"}, name="rapel_batalkan"),
    path("gaji/rapel/<int:pk>/lanjutkan/", rapel_aksi, {"aksi": "lanjutkan"}, name="rapel_lanjutkan"),
]
