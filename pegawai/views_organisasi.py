"""Admin BKD maintains the organisation chart: units and positions (with ABK need and atasan override)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import permissions, selectors, services
from .abk import hitung_kebutuhan, waktu_kerja_efektif
from .forms import JabatanForm, UnitKerjaForm, UraianTugasFormSet
from .models import Jabatan, UraianTugasJabatan
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


def _jabatan_visible(request, pk: int) -> Jabatan:
    return get_object_or_404(
        Jabatan.objects.filter(
            unit_kerja__in=selectors.unit_kerja_visible_to(user=request.user)
        ).select_related("unit_kerja"),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
def jabatan_update(request, pk: int):
    _require_manager(request.user)
    jabatan = _jabatan_visible(request, pk)
    form = JabatanForm(request.POST or None, instance=jabatan)
    saved = save_form(
        request,
        form,
        lambda obj: services.jabatan_save(
            actor=request.user, jabatan=obj, alasan=form.cleaned_data.get("alasan_perubahan", "")
        ),
        lambda obj: f"Jabatan {obj.nama} diperbarui; atasan langsung dihitung ulang.",
    )
    if saved is not None:
        return redirect("pegawai:unit_detail", kode=saved.unit_kerja.kode)
    return render(
        request,
        "pegawai/organisasi_form.html",
        {
            "form": form,
            "judul": f"Ubah jabatan {jabatan.nama}",
            "unit": jabatan.unit_kerja,
            "jabatan": jabatan,
        },
    )


@require_http_methods(["GET", "POST"])
def jabatan_abk(request, pk: int):
    """The position's ABK task rows; its need is computed from them (pegawai.abk)."""
    _require_manager(request.user)
    jabatan = _jabatan_visible(request, pk)
    queryset = UraianTugasJabatan.objects.filter(jabatan=jabatan).order_by("urutan", "id")
    formset = UraianTugasFormSet(request.POST or None, queryset=queryset, prefix="tugas")
    alasan = request.POST.get("alasan_perubahan", "") if request.method == "POST" else ""
    galat = ""
    if request.method == "POST" and formset.is_valid():
        try:
            services.jabatan_uraian_tugas_save(
                actor=request.user, jabatan=jabatan, formset=formset, alasan=alasan
            )
        except ValidationError as exc:
            galat = "; ".join(exc.messages)
        else:
            messages.success(
                request,
                f"Uraian tugas {jabatan.nama} disimpan; kebutuhan sekarang {jabatan.kebutuhan} orang.",
            )
            return redirect("pegawai:jabatan_abk", pk=jabatan.pk)
    tugas = list(queryset)
    return render(
        request,
        "pegawai/jabatan_abk.html",
        {
            "jabatan": jabatan,
            "unit": jabatan.unit_kerja,
            "formset": formset,
            "tugas": tugas,
            "hasil": hitung_kebutuhan((t.volume_per_tahun, t.waktu_penyelesaian_menit) for t in tugas),
            "wke": waktu_kerja_efektif(),
            "alasan": alasan,
            "galat": galat,
        },
    )
