from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from .models import DokumenTerverifikasi


@login_not_required
def verifikasi(request, kode: str):
    """Public page: confirms a printed document is genuine and still valid."""
    dokumen = get_object_or_404(DokumenTerverifikasi, kode=kode)
    return render(request, "core/verifikasi.html", {"dokumen": dokumen})
