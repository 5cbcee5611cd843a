"""Thin views of the kinerja app: bind forms, call one service or selector, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions, services
from ..models import PERIODE_SEMUA, PenutupanPeriode, PeriodeKinerja, TidakDinilai, periode_label


class PeriodeForm(forms.Form):
    tahun = forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    jenis_evaluasi = forms.ChoiceField(
        label="Evaluasi periodik",
        choices=PeriodeKinerja.JenisEvaluasi.choices,
        initial=PeriodeKinerja.JenisEvaluasi.TRIWULANAN,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _require_admin(user) -> None:
    if not permissions.can_manage_periode(user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def periode_list(request):
    """Admin BKD: appraisal years, their evaluation periods and closing runs."""
    _require_admin(request.user)
    form = PeriodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            periode = services.periode_open(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("tahun", exc.messages)
        else:
            messages.success(request, f"Periode kinerja {periode.tahun} dibuka.")
            return redirect("kinerja:periode_list")
    periods = list(PeriodeKinerja.objects.order_by("-tahun"))
    runs = {
        (r.periode_kinerja_id, r.periode): r
        for r in PenutupanPeriode.objects.filter(periode_kinerja__in=periods)
    }
    rows = [
        {
            "periode": p,
            "evaluasi": [
                (kode, periode_label(kode), runs.get((p.pk, kode))) for kode in p.kode_periode_evaluasi
            ],
        }
        for p in periods
    ]
    return render(request, "kinerja/periode_list.html", {"rows": rows, "form": form})


@require_POST
def penutupan_start(request, tahun: int, periode: str):
    _require_admin(request.user)
    periode_kinerja = get_object_or_404(PeriodeKinerja, tahun=tahun)
    if periode not in PERIODE_SEMUA:
        raise PermissionDenied
    try:
        run = services.penutupan_start(actor=request.user, periode_kinerja=periode_kinerja, periode=periode)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("kinerja:periode_list")
    messages.info(request, f"Penutupan {periode_label(periode)} {tahun} dijalankan di latar belakang.")
    return redirect("kinerja:penutupan_detail", pk=run.pk)


@require_GET
def penutupan_detail(request, pk: int):
    """The run with its progress bar (htmx polls the fragment until done) and who was not evaluated."""
    _require_admin(request.user)
    run = get_object_or_404(
        PenutupanPeriode.objects.select_related("periode_kinerja", "dijalankan_oleh"), pk=pk
    )
    context = {"run": run, "label": periode_label(run.periode)}
    if request.htmx:
        response = render(request, "kinerja/_penutupan_progres.html", context)
        if not run.beku or run.status == PenutupanPeriode.Status.SELESAI:
            # Finished while the page polled: reload once so the not-evaluated list shows the result.
            response["HX-Refresh"] = "true"
        return response
    context["tidak_dinilai"] = list(
        TidakDinilai.objects.filter(penutupan=run)
        .select_related("pegawai", "opd")
        .order_by("opd__nama", "pegawai__nama")[:500]
    )
    return render(request, "kinerja/penutupan_detail.html", context)


@require_POST
def penutupan_reopen(request, pk: int):
    _require_admin(request.user)
    run = get_object_or_404(PenutupanPeriode, pk=pk)
    try:
        services.penutupan_reopen(actor=request.user, run=run, alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Periode dibuka kembali; alasan tercatat di riwayat.")
    return redirect("kinerja:penutupan_detail", pk=run.pk)
