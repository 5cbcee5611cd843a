"""TPP rule pages (Admin BKD; the Pimpinan may read): the versions, a draft copied from one of them and
edited (ceilings per kelas jabatan, predikat percentages, deduction codes), the what-if against the rule
in force, and putting the draft in force."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions, services
from ..forms import AturanTppForm, FungsionalFormSet, KodeFormSet, PaguFormSet, PredikatFormSet
from ..models import AturanGaji, AturanTpp


def _tanpa_nol_belakang(form) -> None:
    """Decimal inputs show 60 and 27000000, not 60.000 and 27000000.00."""
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if isinstance(field, forms.DecimalField) and value not in (None, ""):
            form.initial[name] = format(Decimal(value).normalize(), "f")


def _bootstrap(formset) -> None:
    for f in formset.forms:
        _tanpa_nol_belakang(f)
    for f in [*formset.forms, formset.empty_form]:
        for field in f.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"
            widget.attrs["aria-label"] = field.label


def _boleh_lihat(user) -> None:
    if not permissions.can_view_run_gaji(user):
        raise PermissionDenied


def _wajib_admin(user) -> None:
    if not permissions.can_manage_gaji(user):
        raise PermissionDenied


@login_required
@require_GET
def aturan_tpp_list(request):
    _boleh_lihat(request.user)
    daftar = AturanTpp.objects.select_related("dibuat_oleh").order_by("-berlaku_mulai", "-dibuat")
    return render(
        request,
        "penggajian/aturan_tpp_list.html",
        {"daftar": daftar, "bisa_salin": permissions.can_manage_gaji(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def aturan_tpp_detail(request, pk: int):
    _boleh_lihat(request.user)
    aturan = get_object_or_404(AturanTpp, pk=pk)
    bisa_ubah = permissions.can_edit_aturan_tpp(request.user, aturan)
    data = request.POST if request.method == "POST" else None
    if data is not None and not bisa_ubah:
        raise PermissionDenied
    form = AturanTppForm(data, instance=aturan)
    sets = {
        "pagu": PaguFormSet(data, instance=aturan, prefix="pagu"),
        "predikat": PredikatFormSet(data, instance=aturan, prefix="predikat"),
        "kode": KodeFormSet(data, instance=aturan, prefix="kode"),
    }
    _tanpa_nol_belakang(form)
    for s in sets.values():
        _bootstrap(s)
    if data is not None:
        if form.is_valid() and all(s.is_valid() for s in sets.values()):
            aturan = services.aturan_tpp_simpan(actor=request.user, form=form, formsets=list(sets.values()))
            messages.success(
                request, "Draf aturan TPP disimpan. Jalankan perbandingan lagi sebelum memberlakukan."
            )
            return redirect("penggajian:aturan_tpp_detail", pk=aturan.pk)
        messages.error(request, "Draf belum disimpan: periksa isian yang ditandai.")
    if not bisa_ubah:
        for f in [form, *(f for s in sets.values() for f in s.forms)]:
            for field in f.fields.values():
                field.disabled = True
    context = {
        "aturan": aturan,
        "form": form,
        "sets": sets,
        "bisa_ubah": bisa_ubah,
        "bisa_salin": permissions.can_manage_gaji(request.user),
        "masalah": services.aturan_tpp_periksa(aturan) if aturan.status == "draf" else [],
        "riwayat": list(aturan.history.select_related("history_user").order_by("-history_date")[:20]),
        "hasil": aturan.perbandingan or {},
    }
    return render(request, "penggajian/aturan_tpp_detail.html", context)


@login_required
@require_POST
def aturan_tpp_salin(request, pk: int):
    _wajib_admin(request.user)
    sumber = get_object_or_404(AturanTpp, pk=pk)
    draf = services.aturan_tpp_salin(actor=request.user, sumber=sumber)
    messages.success(
        request, f"Draf baru disalin dari {sumber.nama}. Ubah nilainya, bandingkan, lalu berlakukan."
    )
    return redirect("penggajian:aturan_tpp_detail", pk=draf.pk)


@login_required
@require_POST
def aturan_tpp_berlakukan(request, pk: int):
    _wajib_admin(request.user)
    aturan = get_object_or_404(AturanTpp, pk=pk)
    try:
        aturan = services.aturan_tpp_berlakukan(actor=request.user, aturan=aturan)
    except ValidationError as exc:
        messages.error(request, "Belum dapat diberlakukan: " + " ".join(exc.messages))
    else:
        messages.success(request, f"{aturan.nama} berlaku mulai {aturan.berlaku_mulai:%d-%m-%Y}.")
    return redirect("penggajian:aturan_tpp_detail", pk=aturan.pk)


@login_required
@require_POST
def aturan_tpp_hapus(request, pk: int):
    _wajib_admin(request.user)
    aturan = get_object_or_404(AturanTpp, pk=pk)
    try:
        services.aturan_tpp_hapus(actor=request.user, aturan=aturan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("penggajian:aturan_tpp_detail", pk=aturan.pk)
    messages.success(request, f"Draf {aturan.nama} dihapus.")
    return redirect("penggajian:aturan_tpp_list")


@login_required
@require_http_methods(["GET", "POST"])
def aturan_tpp_whatif(request, pk: int):
    """POST: compare the draft with the rule in force on the worker; GET: the result (polled)."""
    _boleh_lihat(request.user)
    aturan = get_object_or_404(AturanTpp, pk=pk)
    if request.method == "POST":
        _wajib_admin(request.user)
        try:
            services.whatif_minta(actor=request.user, aturan=aturan)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.info(request, "Perbandingan sedang dihitung di latar belakang.")
        return redirect("penggajian:aturan_tpp_detail", pk=aturan.pk)
    return render(request, "penggajian/_whatif.html", {"aturan": aturan, "hasil": aturan.perbandingan or {}})


@login_required
@require_http_methods(["GET", "POST"])
def tunjangan_fungsional(request):
    """The functional allowance per position and level of the gaji rule in force (an editable table;
    rows not yet checked against their Perpres are marked). Locked runs keep what they paid."""
    _boleh_lihat(request.user)
    aturan = AturanGaji.objects.order_by("-berlaku_mulai").first()
    if aturan is None:
        raise Http404
    bisa_ubah = permissions.can_manage_gaji(request.user)
    data = request.POST if request.method == "POST" else None
    if data is not None and not bisa_ubah:
        raise PermissionDenied
    fs = FungsionalFormSet(data, instance=aturan, prefix="fungsional")
    _bootstrap(fs)
    if data is not None:
        if fs.is_valid():
            services.tunjangan_fungsional_simpan(actor=request.user, formset=fs)
            messages.success(request, "Tabel tunjangan jabatan fungsional disimpan.")
            return redirect("penggajian:tunjangan_fungsional")
        messages.error(request, "Tabel belum disimpan: periksa isian yang ditandai.")
    if not bisa_ubah:
        for f in fs.forms:
            for field in f.fields.values():
                field.disabled = True
    return render(
        request,
        "penggajian/tunjangan_fungsional.html",
        {
            "aturan": aturan,
            "fs": fs,
            "bisa_ubah": bisa_ubah,
            "belum_terverifikasi": aturan.tunjangan_fungsional.filter(terverifikasi=False).count(),
        },
    )


urlpatterns = [
    path("gaji/tunjangan-fungsional/", tunjangan_fungsional, name="tunjangan_fungsional"),
    path("gaji/aturan-tpp/", aturan_tpp_list, name="aturan_tpp_list"),
    path("gaji/aturan-tpp/<int:pk>/", aturan_tpp_detail, name="aturan_tpp_detail"),
    path("gaji/aturan-tpp/<int:pk>/salin/", aturan_tpp_salin, name="aturan_tpp_salin"),
    path("gaji/aturan-tpp/<int:pk>/berlakukan/", aturan_tpp_berlakukan, name="aturan_tpp_berlakukan"),
    path("gaji/aturan-tpp/<int:pk>/hapus/", aturan_tpp_hapus, name="aturan_tpp_hapus"),
    path("gaji/aturan-tpp/<int:pk>/perbandingan/", aturan_tpp_whatif, name="aturan_tpp_whatif"),
]
