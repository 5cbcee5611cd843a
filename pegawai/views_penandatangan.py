"""Admin BKD keeps the signatories (Penandatangan) whose names fill every printed document's signature
block: list with history, record, correct, end a period."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import permissions, selectors, services_penandatangan
from .forms_penandatangan import AkhiriForm, PenandatanganForm
from .models import Penandatangan
from .views import _add_errors, save_form


def _require_manager(user) -> None:
    if not permissions.can_manage_penandatangan(user):
        raise PermissionDenied


def _get(pk: int) -> Penandatangan:
    return get_object_or_404(selectors.penandatangan_list(), pk=pk)


@require_http_methods(["GET"])
def penandatangan_list(request):
    _require_manager(request.user)
    hari_ini = timezone.localdate()
    rows = list(selectors.penandatangan_list())
    for r in rows:
        r.aktif = r.berlaku_pada(hari_ini)
    return render(
        request,
        "pegawai/penandatangan_list.html",
        {
            "aktif": [r for r in rows if r.aktif],
            "lainnya": [r for r in rows if not r.aktif],
            "ttd_kosong": selectors.penandatangan_kosong(tanggal=hari_ini),
            "hari_ini": hari_ini,
        },
    )


@require_http_methods(["GET", "POST"])
def penandatangan_create(request):
    _require_manager(request.user)
    form = PenandatanganForm(
        request.POST or None,
        initial={"berlaku_mulai": timezone.localdate(), "peran": request.GET.get("peran")},
    )
    obj = save_form(
        request,
        form,
        lambda obj: services_penandatangan.penandatangan_save(actor=request.user, penandatangan=obj),
        lambda obj: f"Penandatangan {obj.get_peran_display()} dicatat: {obj.nama_cetak}.",
    )
    if obj is not None:
        return redirect("pegawai:penandatangan_list")
    return render(request, "pegawai/penandatangan_form.html", {"form": form, "judul": "Tambah penandatangan"})


@require_http_methods(["GET", "POST"])
def penandatangan_update(request, pk: int):
    _require_manager(request.user)
    penandatangan = _get(pk)
    form = PenandatanganForm(request.POST or None, instance=penandatangan)
    obj = save_form(
        request,
        form,
        lambda obj: services_penandatangan.penandatangan_save(actor=request.user, penandatangan=obj),
        lambda obj: f"Penandatangan {obj.get_peran_display()} diperbarui: {obj.nama_cetak}.",
    )
    if obj is not None:
        return redirect("pegawai:penandatangan_list")
    riwayat = list(penandatangan.history.select_related("history_user").order_by("-history_date")[:20])
    return render(
        request,
        "pegawai/penandatangan_form.html",
        {
            "form": form,
            "judul": f"Ubah penandatangan {penandatangan.get_peran_display()}",
            "penandatangan": penandatangan,
            "riwayat": riwayat,
            "akhiri_form": AkhiriForm(initial={"berlaku_sampai": timezone.localdate()}),
        },
    )


@require_http_methods(["POST"])
def penandatangan_akhiri(request, pk: int):
    _require_manager(request.user)
    penandatangan = _get(pk)
    form = AkhiriForm(request.POST)
    if form.is_valid():
        try:
            services_penandatangan.penandatangan_akhiri(
                actor=request.user,
                penandatangan=penandatangan,
                berlaku_sampai=form.cleaned_data["berlaku_sampai"],
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, f"Masa {penandatangan.get_peran_display()} {penandatangan.nama_cetak} diakhiri."
            )
            return redirect("pegawai:penandatangan_list")
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("pegawai:penandatangan_update", pk=penandatangan.pk)
