"""Pages of the rotation rounds (Admin BKD) and the employee's own page: wishes in the open round, a
request to move (APS), and the proposals about them with the consultation answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pegawai.selectors import cakupan_for, pegawai_of_user

from .. import permissions, selectors, selectors_sk, services
from ..forms import ApsForm, PreferensiForm, PutaranForm, TanggapanForm
from ..models import PreferensiMutasi
from ._common import add_form_errors, flash_errors, flash_form_errors, require


@require_http_methods(["GET", "POST"])
def putaran_list(request):
    require(permissions.can_view_preferensi_mutasi(request.user))
    form = PutaranForm(request.POST or None)
    if request.method == "POST":
        require(permissions.can_manage_putaran_rotasi(request.user))
        if form.is_valid():
            try:
                putaran = services.putaran_rotasi_open(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, f"{putaran.nama} dibuka.")
                return redirect("mutasi:putaran_list")
    return render(
        request,
        "mutasi/putaran_list.html",
        {
            "form": form,
            "putaran_list": selectors.putaran_list()[:50],
            "hari_ini": timezone.localdate(),
            "boleh_kelola": permissions.can_manage_putaran_rotasi(request.user),
        },
    )


@require_GET
def putaran_detail(request, pk: int):
    require(permissions.can_view_preferensi_mutasi(request.user))
    putaran = selectors.putaran_get(pk)
    q = request.GET.get("q", "").strip()
    qs = selectors.preferensi_list_visible_to(user=request.user, putaran=putaran, q=q)
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "mutasi/putaran_detail.html",
        {
            "putaran": putaran,
            "page": page,
            "q": q,
            "bisa_rotasi": permissions.can_manage_putaran_rotasi(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def saya(request):
    """The employee's own mutasi page."""
    require(permissions.can_view_mutasi_saya(request.user))
    hari_ini = timezone.localdate()
    putaran = selectors.putaran_terbuka(hari_ini)
    pegawai_id = cakupan_for(request.user).pegawai_id
    preferensi = selectors.preferensi_saya(pegawai_id=pegawai_id, putaran=putaran) if putaran else None
    initial = {}
    if preferensi is not None:
        initial = {
            "tetap": preferensi.tetap,
            "kategori": preferensi.kategori,
            "alasan": preferensi.alasan,
            "nip_pasangan": preferensi.pasangan.nip if preferensi.pasangan_id else "",
        }
        for p in preferensi.pilihan.all():
            initial[f"pilihan_{p.urutan}"] = f"j{p.jabatan_id}" if p.jabatan_id else f"u{p.unit_kerja_id}"
    form = PreferensiForm(request.POST or None, request.FILES or None, initial=initial) if putaran else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.preferensi_mutasi_save(
                actor=request.user,
                putaran=putaran,
                tetap=form.cleaned_data["tetap"],
                kategori=form.cleaned_data["kategori"],
                alasan=form.cleaned_data["alasan"],
                pilihan=form.tujuan(),
                bukti=form.cleaned_data.get("bukti"),
                nip_pasangan=form.cleaned_data.get("nip_pasangan", ""),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, "Keinginan mutasi Anda disimpan.")
            return redirect("mutasi:saya")
    usulan = list(selectors.usulan_saya(user=request.user))
    for u in usulan:
        u.boleh_tanggapi = permissions.can_respond_usulan_mutasi(request.user, u)
    return render(
        request,
        "mutasi/saya.html",
        {
            "pegawai": pegawai_of_user(request.user),
            "putaran": putaran,
            "preferensi": preferensi,
            "form": form,
            "form_aps": ApsForm(),
            "form_tanggapan": TanggapanForm(),
            "usulan_list": usulan,
            "sk_saya": list(selectors_sk.sk_saya(user=request.user)),
        },
    )


@require_POST
def aps(request):
    require(permissions.can_file_aps(request.user))
    form = ApsForm(request.POST)
    if form.is_valid():
        try:
            services.aps_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request,
                "Permintaan pindah Anda tercatat sebagai draf usulan; Operator OPD atau Admin BKD akan "
                "melengkapi berkas dan mengajukannya.",
            )
    else:
        flash_form_errors(request, form)
    return redirect("mutasi:saya")


@require_POST
def tanggapan(request, pk: int):
    usulan = selectors.usulan_saya_get(user=request.user, pk=pk)
    form = TanggapanForm(request.POST)
    if form.is_valid():
        try:
            services.usulan_mutasi_respond(actor=request.user, usulan=usulan, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request, "Tanggapan Anda disimpan dan dapat dilihat pimpinan sebelum memutuskan."
            )
    else:
        flash_form_errors(request, form)
    return redirect("mutasi:saya")


@require_GET
def preferensi_bukti(request, pk: int):
    """Evidence of a wish: the employee themself, or an officer who sees that round's wishes."""
    pref = PreferensiMutasi.objects.select_related("pegawai", "putaran").filter(pk=pk).first()
    if pref is None or not pref.bukti:
        raise Http404
    sendiri = pref.pegawai_id == cakupan_for(request.user).pegawai_id
    if not sendiri and not (
        permissions.can_view_preferensi_mutasi(request.user)
        and selectors.preferensi_list_visible_to(user=request.user, putaran=pref.putaran)
        .filter(pk=pk)
        .exists()
    ):
        raise Http404
    return FileResponse(pref.bukti.open("rb"), as_attachment=False, filename=pref.nama_bukti)


urlpatterns: list[URLPattern] = [
    path("mutasi/saya/", saya, name="saya"),
    path("mutasi/saya/aps/", aps, name="aps"),
    path("mutasi/saya/usulan/<int:pk>/tanggapan/", tanggapan, name="tanggapan"),
    path("mutasi/putaran/", putaran_list, name="putaran_list"),
    path("mutasi/putaran/<int:pk>/", putaran_detail, name="putaran_detail"),
    path("mutasi/preferensi/<int:pk>/bukti/", preferensi_bukti, name="preferensi_bukti"),
]
