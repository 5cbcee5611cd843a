"""Admin BKD, Pimpinan and Operator OPD: SKP completion and predikat distribution per OPD, checked
against the curve of each OPD's predikat."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path

from pegawai.selectors import cakupan_for

from .. import selectors
from ..dashboards import sebaran_tersimpan
from ..models import PeriodeKinerja, periode_label


def sebaran(request):
    cakupan = cakupan_for(request.user)
    if not cakupan.semua and cakupan.opd_id is None:
        raise PermissionDenied
    tahun = request.GET.get("tahun", "")
    if tahun.isdigit():
        periode = get_object_or_404(PeriodeKinerja, tahun=int(tahun))
    else:
        periode = selectors.periode_berjalan() or PeriodeKinerja.objects.order_by("-tahun").first()
    if periode is None:
        return render(request, "kinerja/sebaran.html", {"periode": None})
    opd = None if cakupan.semua else cakupan.opd_id
    sebaran = sebaran_tersimpan(periode=periode, kode=request.GET.get("periode"), opd=opd)
    context = {
        "periode": periode,
        "label": periode_label(sebaran["kode"]),
        "pilihan_periode": [(k, periode_label(k)) for k in periode.kode_periode_evaluasi],
        "pilihan_tahun": list(PeriodeKinerja.objects.values_list("tahun", flat=True)),
        **sebaran,
    }
    return render(request, "kinerja/sebaran.html", context)


urlpatterns = [path("kinerja/sebaran/", sebaran, name="sebaran")]
