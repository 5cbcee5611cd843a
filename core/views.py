from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from .documents import fakta_cocok, fakta_publik, fakta_tersembunyi
from .models import DokumenTerverifikasi


@login_not_required
@require_http_methods(["GET", "POST"])
def verifikasi(request, kode: str):
    """Public page: confirms a printed document is genuine and still valid.

    It shows only what a verifier needs (which document, its number and date, the name, a masked NIP,
    valid or not, and what replaces it). Other facts on the paper (net pay, predikat, …) are not shown;
    the verifier may type the value printed on the paper and the page says whether it matches (POST,
    so a salary never lands in a URL or an access log).
    """
    dokumen = get_object_or_404(DokumenTerverifikasi.objects.select_related("diganti_oleh"), kode=kode)
    cek = None
    if request.method == "POST":
        label = request.POST.get("fakta", "")
        cek = {"label": label, "cocok": fakta_cocok(dokumen, label, request.POST.get("nilai", "")[:200])}
    return render(
        request,
        "core/verifikasi.html",
        {
            "dokumen": dokumen,
            "fakta": fakta_publik(dokumen),
            "tersembunyi": fakta_tersembunyi(dokumen),
            "cek": cek,
        },
    )
