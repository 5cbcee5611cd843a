"""Printable kinerja documents: the SKP and the DEKP as PDF with a verification QR code."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from pegawai.models import Pegawai

from .. import dokumen, selectors
from ..models import PeriodeKinerja
from ._common import flash_errors


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def skp_pdf(request, pk: int):
    skp = selectors.skp_get_visible(user=request.user, pk=pk)
    content = dokumen.skp_pdf(skp=skp, actor=request.user)
    return _pdf_response(content, f"SKP-{skp.periode.tahun}-{skp.pegawai.nip}.pdf")


def _back(request):
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(referer)
    return redirect("/")


@require_GET
def dekp_pdf(request, tahun: int, nip: str):
    """Visible to whoever may see any evaluation of that employee and year; others get 404."""
    terlihat = selectors.penilaian_list_visible_to(user=request.user).filter(
        pegawai__nip=nip, periode_kinerja__tahun=tahun
    )
    if not terlihat.exists():
        raise Http404("Penilaian tidak ditemukan.")
    pegawai = get_object_or_404(Pegawai, nip=nip)
    periode_kinerja = get_object_or_404(PeriodeKinerja, tahun=tahun)
    try:
        content = dokumen.dekp_pdf(pegawai=pegawai, periode_kinerja=periode_kinerja, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return _back(request)
    return _pdf_response(content, f"DEKP-{tahun}-{pegawai.nip}.pdf")


urlpatterns = [
    path("kinerja/skp/<int:pk>/pdf/", skp_pdf, name="skp_pdf"),
    path("kinerja/dekp/<int:tahun>/<str:nip>/", dekp_pdf, name="dekp_pdf"),
]
