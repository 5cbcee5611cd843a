"""Corrections of locked months (penyesuaian): the list, and creating one from a locked slip."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from .. import permissions, selectors, services
from ..models import Penyesuaian, RapelGaji


@login_required
@require_GET
def penyesuaian_list(request):
    """Admin BKD and Pimpinan: corrections waiting for the next run and those already paid."""
    if not permissions.can_view_run_gaji(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "menunggu")
    qs = Penyesuaian.objects.select_related("slip_asal__run", "run_tujuan", "dibuat_oleh").order_by("-dibuat")
    if status == "menunggu":
        qs = qs.filter(run_tujuan__isnull=True)
    elif status == "dibayar":
        qs = qs.filter(run_tujuan__isnull=False)
    rapel = None
    if request.GET.get("rapel", "").isdigit():
        rapel = get_object_or_404(RapelGaji, pk=request.GET["rapel"])
        qs = qs.filter(rapel=rapel)
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(
        request, "penggajian/penyesuaian_list.html", {"page": page, "status": status, "rapel": rapel}
    )


@login_required
@require_POST
def penyesuaian_buat(request, pk: int):
    """Admin BKD: recompute a locked slip with today's data and queue the difference for the next run."""
    if not permissions.can_manage_gaji(request.user):
        raise PermissionDenied
    slip = selectors.slip_get_visible(user=request.user, pk=pk)
    try:
        adj = services.penyesuaian_buat(actor=request.user, slip=slip, alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("penggajian:slip_detail", pk=slip.pk)
    tanda = "tambahan" if adj.selisih_bersih >= 0 else "pengurangan"
    messages.success(
        request,
        f"Koreksi {slip.run} untuk {slip.nama} dicatat ({tanda} Rp{abs(int(adj.selisih_bersih)):,}); "
        "dibayarkan pada run berikutnya.".replace(",", "."),
    )
    return redirect("penggajian:penyesuaian_list")


urlpatterns = [
    path("gaji/penyesuaian/", penyesuaian_list, name="penyesuaian_list"),
    path("gaji/slip/<int:pk>/koreksi/", penyesuaian_buat, name="penyesuaian_buat"),
]
