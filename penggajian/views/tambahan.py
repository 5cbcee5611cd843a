"""THR and gaji ke-13 rules per year (Admin BKD edits, the Pimpinan reads): which monthly components the
year's Peraturan Pemerintah pays and the share of one month's TPP. A rule a locked run used stays as paid."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .. import permissions, selectors, services
from ..forms import AturanTambahanForm
from ..models import AturanTambahan


@login_required
@require_http_methods(["GET", "POST"])
def aturan_tambahan(request):
    if not permissions.can_view_run_gaji(request.user):
        raise PermissionDenied
    bisa_ubah = permissions.can_manage_gaji(request.user)
    edit = request.GET.get("ubah") or request.POST.get("pk")
    instance = get_object_or_404(AturanTambahan, pk=edit) if edit else None
    terpakai = selectors.aturan_tambahan_terpakai(instance) if instance else None
    if request.method == "POST":
        if not bisa_ubah:
            raise PermissionDenied
        form = AturanTambahanForm(request.POST, instance=instance)
        if terpakai is not None:
            messages.error(
                request, f"Aturan ini sudah dipakai {terpakai} yang disetujui/dikunci: tidak dapat diubah."
            )
        elif form.is_valid():
            obj = services.aturan_tambahan_simpan(actor=request.user, form=form)
            messages.success(request, f"Aturan {obj} disimpan.")
            return redirect("penggajian:aturan_tambahan")
        else:
            messages.error(request, "Aturan belum disimpan: periksa isian yang ditandai.")
    else:
        awal = {} if instance else {"tahun": timezone.localdate().year, "persen_tpp": 100}
        form = AturanTambahanForm(instance=instance, initial=awal)
    if not bisa_ubah or terpakai is not None:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "penggajian/aturan_tambahan.html",
        {
            "daftar": AturanTambahan.objects.order_by("-tahun", "jenis"),
            "form": form,
            "instance": instance,
            "terpakai": terpakai,
            "bisa_ubah": bisa_ubah,
        },
    )


urlpatterns = [
    path("gaji/thr-gaji13/", aturan_tambahan, name="aturan_tambahan"),
]
