"""Slips: the employee's own ("Slip saya"), one slip with every line explained, its PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from .. import dokumen, permissions, selectors
from ..models import RunGaji


@login_required
@require_GET
def slip_saya(request):
    """Every employee: their slips of locked runs, newest first, with the net pay per month as a chart."""
    slips = list(
        selectors.slip_saya_visible_to(user=request.user)
        .select_related("run")
        .only(
            "id", "jumlah_kotor", "jumlah_potongan", "jumlah_bersih", "run__jenis", "run__tahun", "run__bulan"
        )
        .order_by("-run__tahun", "-run__bulan", "run__jenis")[:48]
    )
    bulan: dict[str, dict[str, int]] = {}
    for s in reversed(slips):
        bulan.setdefault(s.run.bulan_label, {})[s.run.jenis] = int(s.jumlah_bersih)
    ada = {j for v in bulan.values() for j in v}
    grafik = {
        "labels": list(bulan),
        "datasets": [
            {"label": label, "data": [v.get(jenis, 0) for v in bulan.values()]}
            for jenis, label in RunGaji.Jenis.choices
            if jenis in ada or jenis in (RunGaji.Jenis.INDUK, RunGaji.Jenis.TPP)
        ],
    }
    return render(request, "penggajian/slip_saya.html", {"slips": slips, "grafik": grafik})


@login_required
@require_GET
def slip_detail(request, pk: int):
    slip = selectors.slip_get_visible(user=request.user, pk=pk)
    context = dokumen.slip_context(slip)
    context["boleh_koreksi"] = permissions.can_correct_slip(request.user, slip)
    context["boleh_ke_run"] = permissions.can_view_run_gaji(request.user)
    context["masukan"] = slip.masukan or {}
    context["rekap"] = (slip.masukan or {}).get("rekap") or {}
    return render(request, "penggajian/slip_detail.html", context)


@login_required
@require_GET
def slip_pdf(request, pk: int):
    slip = selectors.slip_get_visible(user=request.user, pk=pk)
    content = dokumen.slip_pdf(slip=slip, actor=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    nama = f"slip-{slip.run.jenis}-{slip.run.tahun}-{slip.run.bulan:02d}-{slip.nip}.pdf"
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response


urlpatterns = [
    path("gaji/slip/", slip_saya, name="slip_saya"),
    path("gaji/slip/<int:pk>/", slip_detail, name="slip_detail"),
    path("gaji/slip/<int:pk>/pdf/", slip_pdf, name="slip_pdf"),
]
