"""The JP rules as a page (issue 14 point 6): which rule credits JP per form, its earlier and planned
versions, the yearly target per status; the Admin BKD adds a dated version of one form's rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from . import permissions, selectors_aturan, services_aturan
from .forms_aturan import AturanVersiForm
from .models import Bentuk


@login_required
def aturan_jp(request):
    if not permissions.can_view_aturan_jp(request.user):
        raise PermissionDenied
    hari_ini = timezone.localdate()
    return render(
        request,
        "pembinaan/aturan_jp.html",
        {
            "baris": selectors_aturan.aturan_halaman(hari_ini),
            "target": selectors_aturan.target_halaman(hari_ini),
            "hari_ini": hari_ini,
            "bisa_ubah": permissions.can_manage_aturan_jp(request.user),
        },
    )


@login_required
def aturan_versi_baru(request, bentuk: str):
    if not permissions.can_manage_aturan_jp(request.user):
        raise PermissionDenied
    if bentuk not in Bentuk.values:
        raise Http404
    hari_ini = timezone.localdate()
    form = AturanVersiForm(request.POST or None, initial={"berlaku_mulai": hari_ini})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services_aturan.aturan_versi_baru(actor=request.user, bentuk=bentuk, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"Versi baru aturan JP {Bentuk(bentuk).label} disimpan.")
                return redirect("pembinaan:aturan_jp")
    return render(
        request,
        "pembinaan/aturan_jp_form.html",
        {"form": form, "bentuk_label": Bentuk(bentuk).label, "hari_ini": hari_ini},
        status=status,
    )
