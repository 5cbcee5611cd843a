"""Cancelling a development need: /pembinaan/kebutuhan/<pk>/batal/ shows the need and asks for the reason
(the confirmation); the POST cancels it through services_kebutuhan_batal. Another OPD's need answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import permissions, services_kebutuhan_batal
from . import selectors_kebutuhan as sk
from .forms_rencana import BatalKebutuhanForm
from .models import KebutuhanPengembangan


def _kembali(request, tahun: int) -> str:
    nilai = request.POST.get("kembali") or request.GET.get("kembali") or ""
    if nilai and url_has_allowed_host_and_scheme(nilai, allowed_hosts={request.get_host()}):
        return nilai
    return f"{reverse('pembinaan:kebutuhan_list')}?tahun={tahun}"


@login_required
def kebutuhan_batal(request, pk: int):
    kebutuhan = sk.get_kebutuhan_for(request.user, pk)
    if not permissions.can_cancel_kebutuhan(request.user, kebutuhan):
        raise PermissionDenied
    kembali = _kembali(request, kebutuhan.tahun)
    form = BatalKebutuhanForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services_kebutuhan_batal.kebutuhan_batal(
                actor=request.user, kebutuhan=kebutuhan, alasan=form.cleaned_data["alasan"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
            status = 400
        else:
            messages.success(request, f"Kebutuhan '{kebutuhan.topik}' ({kebutuhan.pegawai.nama}) dibatalkan.")
            return redirect(kembali)
    return render(
        request,
        "pembinaan/kebutuhan_batal.html",
        {
            "kebutuhan": kebutuhan,
            "form": form,
            "kembali": kembali,
            "terbuka": kebutuhan.status == KebutuhanPengembangan.Status.TERBUKA,
        },
        status=status,
    )
