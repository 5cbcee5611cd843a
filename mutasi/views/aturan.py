"""The rules page: guard versions, freeze windows and document checklists (Admin BKD edits)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions, services
from ..forms import AturanGuardForm, MasaLaranganForm, SyaratForm
from ..models import AturanGuard, MasaLarangan, SyaratDokumen
from ._common import add_form_errors, require


@require_http_methods(["GET", "POST"])
def aturan(request):
    require(permissions.can_view_aturan_mutasi(request.user))
    bagian = request.POST.get("bagian", "")
    forms = {
        "guard": AturanGuardForm(request.POST if bagian == "guard" else None),
        "larangan": MasaLaranganForm(request.POST if bagian == "larangan" else None),
        "syarat": SyaratForm(request.POST if bagian == "syarat" else None),
    }
    if request.method == "POST":
        require(permissions.can_manage_aturan_mutasi(request.user))
        form = forms.get(bagian)
        if form is not None and form.is_valid():
            service = {
                "guard": services.aturan_guard_create,
                "larangan": services.masa_larangan_create,
                "syarat": services.syarat_dokumen_save,
            }[bagian]
            try:
                service(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, "Aturan disimpan.")
                return redirect("mutasi:aturan")
    return render(
        request,
        "mutasi/aturan.html",
        {
            "aturan_list": AturanGuard.objects.order_by("kode", "-berlaku_mulai"),
            "larangan_list": MasaLarangan.objects.all(),
            "syarat_list": SyaratDokumen.objects.order_by("jenis", "urutan", "id"),
            "forms": forms,
            "bagian": bagian,
            "boleh_kelola": permissions.can_manage_aturan_mutasi(request.user),
        },
    )


@require_POST
def syarat_aktif(request, pk: int):
    """Switch a checklist item on or off (a used item is never deleted)."""
    require(permissions.can_manage_aturan_mutasi(request.user))
    s = get_object_or_404(SyaratDokumen, pk=pk)
    services.syarat_dokumen_save(
        actor=request.user,
        syarat=s,
        jenis=s.jenis,
        nama=s.nama,
        wajib=s.wajib,
        hanya_aps=s.hanya_aps,
        hanya_antar_opd=s.hanya_antar_opd,
        aktif=not s.aktif,
        urutan=s.urutan,
        keterangan=s.keterangan,
        dasar_hukum=s.dasar_hukum,
    )
    messages.success(request, f"{s.nama} {'diaktifkan' if s.aktif else 'dinonaktifkan'}.")
    return redirect("mutasi:aturan")


urlpatterns: list[URLPattern] = [
    path("mutasi/aturan/", aturan, name="aturan"),
    path("mutasi/aturan/syarat/<int:pk>/aktif/", syarat_aktif, name="syarat_aktif"),
]
