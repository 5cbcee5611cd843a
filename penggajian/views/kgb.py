"""KGB: who is due in the next three months with eligibility from kinerja, issuing or postponing the
decree, and the SK KGB PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.dates import parse_tanggal
from pegawai.selectors import pegawai_list_visible_to

from .. import dokumen, permissions, services_kgb
from ..models import KenaikanGajiBerkala


def _boleh_lihat(user) -> None:
    if not permissions.can_view_kgb(user):
        raise PermissionDenied


@login_required
@require_GET
def kgb_list(request):
    _boleh_lihat(request.user)
    qs = services_kgb.kgb_jatuh_tempo(
        pegawai_list_visible_to(user=request.user), hari_ini=timezone.localdate()
    )
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    usulan = services_kgb.usulan_untuk(list(page))
    return render(request, "penggajian/kgb_list.html", {"page": page, "usulan": usulan})


def _pegawai(request, pk: int):
    pegawai = pegawai_list_visible_to(user=request.user).select_related("golongan").filter(pk=pk).first()
    if pegawai is None:
        raise Http404
    return pegawai


@login_required
@require_POST
def kgb_tetapkan(request, pk: int):
    pegawai = _pegawai(request, pk)
    try:
        tanggal = parse_tanggal(request.POST["tanggal_sk"]) if request.POST.get("tanggal_sk") else None
        kgb = services_kgb.kgb_tetapkan(
            actor=request.user, pegawai=pegawai, nomor_sk=request.POST.get("nomor_sk", ""), tanggal_sk=tanggal
        )
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(
            request, f"KGB {pegawai.nama} TMT {kgb.tmt:%d-%m-%Y} ditetapkan; gaji naik mulai bulan itu."
        )
    return redirect("penggajian:kgb_list")


@login_required
@require_POST
def kgb_tunda(request, pk: int):
    pegawai = _pegawai(request, pk)
    try:
        services_kgb.kgb_tunda(actor=request.user, pegawai=pegawai, alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(request, f"KGB {pegawai.nama} ditunda.")
    return redirect("penggajian:kgb_list")


@login_required
@require_GET
def kgb_sk_pdf(request, pk: int):
    kgb = (
        KenaikanGajiBerkala.objects.select_related("pegawai", "pegawai__opd", "pegawai__jabatan")
        .filter(pk=pk)
        .first()
    )
    if kgb is None or kgb.status != KenaikanGajiBerkala.Status.DITETAPKAN:
        raise Http404
    terlihat = pegawai_list_visible_to(user=request.user).filter(pk=kgb.pegawai_id).exists()
    if not terlihat:
        raise Http404
    response = HttpResponse(dokumen.sk_kgb_pdf(kgb=kgb, actor=request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="SK-KGB-{kgb.pegawai.nip}-{kgb.tmt:%Y%m%d}.pdf"'
    return response


urlpatterns = [
    path("gaji/kgb/", kgb_list, name="kgb_list"),
    path("gaji/kgb/<int:pk>/tetapkan/", kgb_tetapkan, name="kgb_tetapkan"),
    path("gaji/kgb/<int:pk>/tunda/", kgb_tunda, name="kgb_tunda"),
    path("gaji/kgb/sk/<int:pk>/", kgb_sk_pdf, name="kgb_sk_pdf"),
]
