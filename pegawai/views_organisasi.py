"""Admin BKD maintains the organisation chart: units and positions (with ABK need and atasan override)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import permissions, selectors, services
from .forms import JabatanForm, UnitKerjaForm
from .models import Jabatan
from .views import save_form


def _require_manager(user) -> None:
    if not permissions.can_manage_unit_kerja(user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def unit_create(request):
    _require_manager(request.user)
    initial = {}
    if induk_kode := request.GET.get("induk"):
        initial["induk"] = selectors.unit_kerja_get_visible(user=request.user, kode=induk_kode)
    form = UnitKerjaForm(request.POST or None, initial=initial)
    unit = save_form(
        request,
        form,
        lambda obj: services.unit_kerja_save(actor=request.user, unit=obj),
        lambda obj: f"Unit kerja {obj.nama} disimpan.",
    )
    if unit is not None:
        return redirect("pegawai:unit_detail", kode=unit.kode)
    return render(request, "pegawai/organisasi_form.html", {"form": form, "judul": "Tambah unit kerja"})


@require_http_methods(["GET", "POST"])
def unit_update(request, kode: str):
    _require_manager(request.user)
    unit = selectors.unit_kerja_get_visible(user=request.user, kode=kode)
    form = UnitKerjaForm(request.POST or None, instance=unit)
    saved = save_form(
        request,
        form,
        lambda obj: services.unit_kerja_save(actor=request.user, unit=obj),
        lambda obj: f"Unit kerja {obj.nama} diperbarui.",
    )
    if saved is not None:
        return redirect("pegawai:unit_detail", kode=saved.kode)
    return render(
        request,
        "pegawai/organisasi_form.html",
        {"form": form, "judul": f"Ubah unit kerja {unit.nama}", "unit": unit},
    )


@require_http_methods(["GET", "POST"])
def jabatan_create(request, kode: str):
    _require_manager(request.user)
    unit = selectors.unit_kerja_get_visible(user=request.user, kode=kode)
    form = JabatanForm(request.POST or None, initial={"unit_kerja": unit})
    jabatan = save_form(
        request,
        form,
        lambda obj: services.jabatan_save(actor=request.user, jabatan=obj),
        lambda obj: f"Jabatan {obj.nama} ditambahkan.",
    )
    if jabatan is not None:
        return redirect("pegawai:unit_detail", kode=jabatan.unit_kerja.kode)
    return render(
        request,
        "pegawai/organisasi_form.html",
        {"form": form, "judul": f"Tambah jabatan di {unit.nama}", "unit": unit},
    )


@require_http_methods(["GET", "POST"])
def jabatan_update(request, pk: int):
    _require_manager(request.user)
    jabatan = get_object_or_404(
        Jabatan.objects.filter(
            unit_kerja__in=selectors.unit_kerja_visible_to(user=request.user)
        ).select_related("unit_kerja"),
        pk=pk,
    )
    form = JabatanForm(request.POST or None, instance=jabatan)
    saved = save_form(
        request,
        form,
        lambda obj: services.jabatan_save(actor=request.user, jabatan=obj),
        lambda obj: f"Jabatan {obj.nama} diperbarui; atasan langsung dihitung ulang.",
    )
    if saved is not None:
        return redirect("pegawai:unit_detail", kode=saved.unit_kerja.kode)
    return render(
        request,
        "pegawai/organisasi_form.html",
        {"form": form, "judul": f"Ubah jabatan {jabatan.nama}", "unit": jabatan.unit_kerja},
    )
