"""The atasan's pages: the team's SKPs and evaluations checked against the curve, objections to decide,
and the predikat of the units they lead."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from akun import roles
from pegawai.models import UnitKerja
from pegawai.selectors import cakupan_for

from .. import selectors, services
from ..dashboards import periode_evaluasi_default, tim_data
from ..forms import PredikatUnitForm
from ..models import (
    PeriodeKinerja,
    PredikatOrganisasi,
    PredikatUnit,
    SasaranUnit,
    periode_label,
)


def _periode_dari(request) -> PeriodeKinerja | None:
    tahun = request.GET.get("tahun")
    if tahun and tahun.isdigit():
        return get_object_or_404(PeriodeKinerja, tahun=int(tahun))
    return selectors.periode_berjalan() or PeriodeKinerja.objects.order_by("-tahun").first()


def _periode_evaluasi(request, periode: PeriodeKinerja) -> str:
    kode = request.GET.get("periode")
    if kode in periode.kode_periode_evaluasi:
        return kode
    return periode_evaluasi_default(periode)


def tim(request):
    """The atasan's team for a year and an evaluation period."""
    me = cakupan_for(request.user).pegawai_id
    if me is None:
        raise Http404("Login ini tidak terhubung dengan data pegawai.")
    periode = _periode_dari(request)
    if periode is None:
        return render(request, "kinerja/tim.html", {"periode": None})
    kode = _periode_evaluasi(request, periode)
    context = {
        "periode": periode,
        "kode": kode,
        "label": periode_label(kode),
        "pilihan_periode": [(k, periode_label(k)) for k in periode.kode_periode_evaluasi],
        "pilihan_tahun": list(PeriodeKinerja.objects.values_list("tahun", flat=True)),
        **tim_data(me=me, periode=periode, kode=kode),
    }
    return render(request, "kinerja/tim.html", context)


def units_for_predikat(user) -> list[UnitKerja]:
    """Units whose predikat this user sets: every OPD for the Admin BKD/Pimpinan; the units directly
    under the unit a head leads."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return list(UnitKerja.objects.filter(induk__isnull=True, aktif=True).order_by("nama"))
    me = cakupan_for(user).pegawai_id
    if me is None:
        return []
    return list(
        UnitKerja.objects.filter(
            induk__jabatan__pemangku__pk=me, induk__jabatan__is_kepala=True, aktif=True
        ).order_by("nama")
    )


@require_http_methods(["GET", "POST"])
def predikat_unit(request):
    """The leader above sets each unit's annual predikat (Istimewa … Sangat Kurang)."""
    periode = _periode_dari(request)
    units = units_for_predikat(request.user)
    if not units or periode is None:
        raise PermissionDenied
    if request.method == "POST":
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), None)
        if unit is None:
            raise Http404
        form = PredikatUnitForm(request.POST)
        if form.is_valid():
            try:
                services.predikat_unit_set(
                    actor=request.user, unit_kerja=unit, periode=periode, **form.cleaned_data
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"Predikat {unit.nama} {periode.tahun} ditetapkan.")
                return redirect(f"{request.path}?tahun={periode.tahun}")
        else:
            messages.error(request, " ".join(m for pesan in form.errors.values() for m in pesan))
    sekarang = {
        p.unit_kerja_id: p
        for p in PredikatUnit.objects.filter(periode=periode, unit_kerja__in=units).select_related(
            "ditetapkan_oleh"
        )
    }
    rows = [(u, sekarang.get(u.pk)) for u in units]
    return render(
        request,
        "kinerja/predikat_unit.html",
        {"periode": periode, "rows": rows, "pilihan": PredikatOrganisasi.choices},
    )


def _unit_dipimpin(user) -> list[UnitKerja]:
    me = cakupan_for(user).pegawai_id
    if me is None:
        return []
    return list(UnitKerja.objects.filter(jabatan__pemangku__pk=me, jabatan__is_kepala=True, aktif=True))


@require_http_methods(["GET", "POST"])
def sasaran_unit(request):
    """Targets of the units I head or lead from above; their heads' hasil kerja rows support them."""
    periode = _periode_dari(request)
    units = {u.pk: u for u in [*_unit_dipimpin(request.user), *units_for_predikat(request.user)]}
    if not units or periode is None:
        raise PermissionDenied
    if request.method == "POST":
        unit = units.get(int(request.POST.get("unit") or 0))
        if unit is None:
            raise Http404
        try:
            services.sasaran_unit_create(
                actor=request.user,
                unit_kerja=unit,
                periode=periode,
                uraian=request.POST.get("uraian", ""),
                indikator=request.POST.get("indikator", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Sasaran {unit.nama} {periode.tahun} ditambahkan.")
            return redirect(f"{request.path}?tahun={periode.tahun}")
    sasaran: dict[int, list] = {}
    for row in SasaranUnit.objects.filter(periode=periode, unit_kerja__in=list(units)).order_by("id"):
        sasaran.setdefault(row.unit_kerja_id, []).append(row)
    rows = [(u, sasaran.get(u.pk, [])) for u in units.values()]
    return render(request, "kinerja/sasaran_unit.html", {"periode": periode, "rows": rows})


urlpatterns = [
    path("kinerja/sasaran-unit/", sasaran_unit, name="sasaran_unit"),
    path("kinerja/tim/", tim, name="tim"),
    path("kinerja/predikat-unit/", predikat_unit, name="predikat_unit"),
]
