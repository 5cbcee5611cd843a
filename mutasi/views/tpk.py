"""Pages of the placement team (TPK): members, meetings with minutes, and the proposals awaiting it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pegawai.models import Pegawai

from .. import permissions, selectors, services
from ..forms import AnggotaForm, SidangForm, UnggahForm
from ..models import AnggotaTPK, SidangTPK
from ._common import add_form_errors, flash_errors, flash_form_errors, require


@require_http_methods(["GET", "POST"])
def tpk(request):
    require(permissions.can_view_tpk(request.user))
    form = SidangForm(request.POST or None)
    if request.method == "POST":
        require(permissions.can_manage_tpk(request.user))
        if form.is_valid():
            try:
                sidang = services.sidang_tpk_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, f"{sidang} dicatat.")
                return redirect("mutasi:tpk_sidang", pk=sidang.pk)
    return render(
        request,
        "mutasi/tpk.html",
        {
            "form": form,
            "form_anggota": AnggotaForm(),
            "anggota": AnggotaTPK.objects.select_related("pegawai", "pegawai__jabatan"),
            "sidang_list": selectors.sidang_list()[:50],
            "menunggu": selectors.usulan_menunggu_tpk()[:200],
            "boleh_kelola": permissions.can_manage_tpk(request.user),
        },
    )


@require_POST
def tpk_anggota(request):
    require(permissions.can_manage_tpk(request.user))
    form = AnggotaForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("mutasi:tpk")
    nip = form.cleaned_data["nip"].replace(" ", "")
    pegawai = Pegawai.objects.filter(nip=nip).first()
    if pegawai is None:
        messages.error(request, f"NIP anggota: pegawai dengan NIP {nip} tidak ditemukan.")
        return redirect("mutasi:tpk")
    try:
        services.anggota_tpk_save(actor=request.user, pegawai=pegawai, peran=form.cleaned_data["peran"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"{pegawai.nama_lengkap} ditetapkan sebagai anggota TPK.")
    return redirect("mutasi:tpk")


@require_POST
def tpk_anggota_nonaktif(request, pk: int):
    require(permissions.can_manage_tpk(request.user))
    anggota = get_object_or_404(AnggotaTPK.objects.select_related("pegawai"), pk=pk)
    services.anggota_tpk_save(actor=request.user, pegawai=anggota.pegawai, peran=anggota.peran, aktif=False)
    messages.success(request, f"{anggota.pegawai.nama_lengkap} dinonaktifkan dari TPK.")
    return redirect("mutasi:tpk")


@require_http_methods(["GET", "POST"])
def tpk_sidang(request, pk: int):
    require(permissions.can_view_tpk(request.user))
    sidang = get_object_or_404(SidangTPK.objects.select_related("dibuat_oleh"), pk=pk)
    form = UnggahForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(permissions.can_manage_tpk(request.user))
        if form.is_valid():
            try:
                services.sidang_tpk_upload_notulen(
                    actor=request.user, sidang=sidang, berkas=form.cleaned_data["berkas"]
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, "Notulen diunggah.")
                return redirect("mutasi:tpk_sidang", pk=pk)
    return render(
        request,
        "mutasi/tpk_sidang.html",
        {
            "sidang": sidang,
            "hadir": sidang.anggota_hadir.select_related("pegawai"),
            "rekomendasi": sidang.rekomendasi.select_related("usulan", "usulan__pegawai", "dicatat_oleh"),
            "form": form,
            "boleh_kelola": permissions.can_manage_tpk(request.user),
        },
    )


@require_GET
def tpk_notulen(request, pk: int):
    require(permissions.can_view_tpk(request.user))
    sidang = get_object_or_404(SidangTPK, pk=pk)
    if not sidang.notulen:
        raise Http404("Notulen belum diunggah.")
    return FileResponse(sidang.notulen.open("rb"), as_attachment=False, filename=sidang.nama_notulen)


urlpatterns: list[URLPattern] = [
    path("mutasi/tpk/", tpk, name="tpk"),
    path("mutasi/tpk/anggota/", tpk_anggota, name="tpk_anggota"),
    path("mutasi/tpk/anggota/<int:pk>/nonaktif/", tpk_anggota_nonaktif, name="tpk_anggota_nonaktif"),
    path("mutasi/tpk/sidang/<int:pk>/", tpk_sidang, name="tpk_sidang"),
    path("mutasi/tpk/sidang/<int:pk>/notulen/", tpk_notulen, name="tpk_notulen"),
]
