"""Views of mutasi: proposals (list, form, detail and its actions, documents). The other sub-domains of
this work (placement team, rounds and wishes, rules) add their patterns at the end of this module."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from akun import roles
from pegawai.models import Pegawai
from pegawai.selectors import pegawai_list_visible_to

from .. import permissions, selectors, selectors_sk, services
from ..dampak_tpp import dampak_usulan
from ..forms import AlasanForm, CatatanForm, PengecualianForm, RekomendasiForm, UnggahForm, UsulanForm
from ..models import KodeGuard, PengecualianGuard, SyaratDokumen, UsulanMutasi
from . import aturan, putaran, tpk
from ._common import add_form_errors, flash_errors, flash_form_errors, require

S = UsulanMutasi.Status
PAGE_SIZE = 50


@require_GET
def usulan_list(request):
    require(permissions.can_view_usulan_mutasi_list(request.user))
    status = request.GET.get("status", "")
    if status not in S.values:
        status = ""
    q = request.GET.get("q", "").strip()
    qs = selectors.usulan_list_for_table(user=request.user, status=status, q=q)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("halaman"))
    counts = selectors.usulan_counts(user=request.user)
    tab = [(value, label, counts.get(value, 0)) for value, label in S.choices]
    return render(
        request,
        "mutasi/usulan_list.html",
        {
            "page": page,
            "status": status,
            "q": q,
            "tab": tab,
            "total": sum(counts.values()),
            "boleh_buat": permissions.can_create_usulan_mutasi(request.user),
        },
    )


def _pegawai_dari_nip(user, form: UsulanForm) -> Pegawai | None:
    nip = (form.cleaned_data.get("nip") or "").replace(" ", "")
    if not nip:
        return None
    pegawai = (
        pegawai_list_visible_to(user=user).select_related("jabatan", "unit_kerja").filter(nip=nip).first()
    )
    if pegawai is None:
        form.add_error("nip", f"Pegawai dengan NIP {nip} tidak ditemukan dalam cakupan Anda.")
    return pegawai


def _simpan(request, form: UsulanForm, usulan: UsulanMutasi | None):
    pegawai = _pegawai_dari_nip(request.user, form)
    if form.errors:
        return None
    data = {
        "jenis": form.cleaned_data["jenis"],
        "pegawai": pegawai,
        "jabatan_tujuan": form.cleaned_data.get("jabatan_tujuan"),
        "tmt_rencana": form.cleaned_data.get("tmt_rencana"),
        "alasan": form.cleaned_data.get("alasan", ""),
        **{k: (v if v is not None else None) for k, v in form.detail().items()},
    }
    for name in (
        "nama_pegawai",
        "nip_pegawai",
        "instansi",
        "jabatan_instansi_lain",
        "persetujuan_asal_nomor",
    ):
        data[name] = data[name] or ""
    for name in ("pertek_nomor", "penetapan_nomor", "pejabat_penetap"):
        data[name] = data[name] or ""
    try:
        if usulan is None:
            return services.usulan_mutasi_create(actor=request.user, **data)
        return services.usulan_mutasi_update(actor=request.user, usulan=usulan, **data)
    except ValidationError as exc:
        add_form_errors(form, exc)
        return None


@require_http_methods(["GET", "POST"])
def usulan_create(request):
    require(permissions.can_create_usulan_mutasi(request.user))
    form = UsulanForm(request.POST or None, initial={"nip": request.GET.get("nip", "")})
    if request.method == "POST" and form.is_valid():
        usulan = _simpan(request, form, None)
        if usulan is not None:
            messages.success(request, "Usulan mutasi disimpan sebagai draf.")
            return redirect("mutasi:usulan_detail", pk=usulan.pk)
    return render(request, "mutasi/usulan_form.html", {"form": form, "usulan": None})


@require_http_methods(["GET", "POST"])
def usulan_edit(request, pk: int):
    usulan = selectors.usulan_get_visible(user=request.user, pk=pk)
    require(permissions.can_edit_usulan_mutasi(request.user, usulan))
    form = UsulanForm(request.POST or None, initial=UsulanForm.initial_dari(usulan))
    if request.method == "POST" and form.is_valid():
        if _simpan(request, form, usulan) is not None:
            messages.success(request, "Usulan mutasi diperbarui.")
            return redirect("mutasi:usulan_detail", pk=usulan.pk)
    return render(request, "mutasi/usulan_form.html", {"form": form, "usulan": usulan})


def _bezetting(usulan: UsulanMutasi) -> dict | None:
    """Holders against the ABK need of the destination position (a warning when already full)."""
    jabatan = usulan.jabatan_tujuan
    if jabatan is None:
        return None
    terisi = Pegawai.objects.filter(jabatan=jabatan, aktif=True).count()
    return {"terisi": terisi, "kebutuhan": jabatan.kebutuhan, "penuh": terisi >= jabatan.kebutuhan}


@require_GET
def usulan_detail(request, pk: int):
    user = request.user
    usulan = selectors.usulan_get_visible(user=user, pk=pk)
    pengecualian = {
        p.kode_guard: p for p in PengecualianGuard.objects.filter(usulan=usulan).select_related("dibuat_oleh")
    }
    guard = [(h, pengecualian.get(h.kode)) for h in services.guard_usulan(usulan)]
    riwayat = list(
        usulan.history.select_related("history_user").order_by("-history_date", "-history_id")[:100]
    )
    boleh = {
        "ubah": permissions.can_edit_usulan_mutasi(user, usulan),
        "ajukan": permissions.can_submit_usulan_mutasi(user, usulan),
        "unggah": permissions.can_upload_dokumen_usulan_mutasi(user, usulan),
        "verifikasi": permissions.can_verify_usulan_mutasi(user, usulan),
        "rekomendasi": permissions.can_record_rekomendasi_tpk(user, usulan),
        "setujui": permissions.can_approve_usulan_mutasi(user, usulan),
        "kembalikan": permissions.can_return_usulan_mutasi(user, usulan),
        "tolak": permissions.can_reject_usulan_mutasi(user, usulan),
        "pengecualian": permissions.can_override_guard_usulan_mutasi(user, usulan),
        "tanggapan": permissions.can_view_tanggapan_usulan_mutasi(user, usulan),
    }
    return render(
        request,
        "mutasi/usulan_detail.html",
        {
            "usulan": usulan,
            "checklist": selectors.checklist(usulan),
            "kekurangan": services.kekurangan_berkas(usulan)
            if usulan.status in (S.DIAJUKAN, S.DRAFT, S.DIKEMBALIKAN)
            else [],
            "guard": guard,
            "guard_terbuka": [h for h, p in guard if h.dilanggar and p is None],
            "rekomendasi": selectors.rekomendasi_usulan(usulan),
            "riwayat": riwayat,
            "bezetting": _bezetting(usulan),
            "dampak": dampak_usulan(usulan),
            "sk_item": selectors_sk.sk_item_untuk_usulan(usulan),
            "boleh": boleh,
            "menunggu_pemeriksa_lain": usulan.status == S.DIAJUKAN
            and usulan.diajukan_oleh_id == user.pk
            and roles.is_admin_bkd(user),
            "form_alasan": AlasanForm(),
            "form_catatan": CatatanForm(),
            "form_pengecualian": PengecualianForm(),
            "form_unggah": UnggahForm(),
            "form_rekomendasi": RekomendasiForm() if boleh["rekomendasi"] else None,
        },
    )


AKSI = {
    "ajukan": (services.usulan_mutasi_submit, "catatan", "Usulan diajukan."),
    "verifikasi": (services.usulan_mutasi_verify, "catatan", "Berkas usulan diverifikasi lengkap."),
    "setujui": (services.usulan_mutasi_approve, "catatan", "Usulan mutasi disetujui."),
    "kembalikan": (services.usulan_mutasi_return, "alasan", "Usulan dikembalikan."),
    "tolak": (services.usulan_mutasi_reject, "alasan", "Usulan ditolak."),
}


@require_POST
def usulan_aksi(request, pk: int, aksi: str):
    if aksi not in AKSI:
        raise Http404
    usulan = selectors.usulan_get_visible(user=request.user, pk=pk)
    service, field, pesan = AKSI[aksi]
    form = (AlasanForm if field == "alasan" else CatatanForm)(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("mutasi:usulan_detail", pk=pk)
    try:
        service(actor=request.user, usulan=usulan, **{field: form.cleaned_data[field]})
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, pesan)
    return redirect("mutasi:usulan_detail", pk=pk)


@require_POST
def usulan_pengecualian(request, pk: int):
    usulan = selectors.usulan_get_visible(user=request.user, pk=pk)
    require(permissions.can_override_guard_usulan_mutasi(request.user, usulan))
    form = PengecualianForm(request.POST)
    if form.is_valid():
        try:
            services.usulan_mutasi_override_guard(actor=request.user, usulan=usulan, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            label = KodeGuard(form.cleaned_data["kode_guard"]).label
            messages.success(request, f"Pengecualian aturan {label} dicatat.")
    else:
        flash_form_errors(request, form)
    return redirect("mutasi:usulan_detail", pk=pk)


@require_POST
def usulan_unggah(request, pk: int, syarat_pk: int):
    usulan = selectors.usulan_get_visible(user=request.user, pk=pk)
    syarat = get_object_or_404(SyaratDokumen, pk=syarat_pk)
    form = UnggahForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.usulan_mutasi_upload_dokumen(
                actor=request.user, usulan=usulan, syarat=syarat, berkas=form.cleaned_data["berkas"]
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, f"{syarat.nama} diunggah.")
    else:
        flash_form_errors(request, form)
    return redirect("mutasi:usulan_detail", pk=pk)


@require_POST
def usulan_rekomendasi(request, pk: int):
    usulan = selectors.usulan_get_visible(user=request.user, pk=pk)
    require(permissions.can_record_rekomendasi_tpk(request.user, usulan))
    form = RekomendasiForm(request.POST)
    if form.is_valid():
        try:
            services.rekomendasi_tpk_record(actor=request.user, usulan=usulan, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, "Rekomendasi TPK dicatat.")
    else:
        flash_form_errors(request, form)
    return redirect("mutasi:usulan_detail", pk=pk)


@require_GET
def dokumen_unduh(request, pk: int):
    """A checklist document, only through its proposal's scope (404 outside it)."""
    dokumen = selectors.dokumen_get_visible(user=request.user, pk=pk)
    return FileResponse(dokumen.berkas.open("rb"), as_attachment=False, filename=dokumen.nama_berkas)


urlpatterns: list[URLPattern] = [
    path("mutasi/usulan/", usulan_list, name="usulan_list"),
    path("mutasi/usulan/baru/", usulan_create, name="usulan_create"),
    path("mutasi/usulan/<int:pk>/", usulan_detail, name="usulan_detail"),
    path("mutasi/usulan/<int:pk>/ubah/", usulan_edit, name="usulan_edit"),
    path("mutasi/usulan/<int:pk>/aksi/<str:aksi>/", usulan_aksi, name="usulan_aksi"),
    path("mutasi/usulan/<int:pk>/pengecualian/", usulan_pengecualian, name="usulan_pengecualian"),
    path("mutasi/usulan/<int:pk>/rekomendasi/", usulan_rekomendasi, name="usulan_rekomendasi"),
    path("mutasi/usulan/<int:pk>/dokumen/<int:syarat_pk>/", usulan_unggah, name="usulan_unggah"),
    path("mutasi/dokumen/<int:pk>/", dokumen_unduh, name="dokumen_unduh"),
    *tpk.urlpatterns,
    *putaran.urlpatterns,
    *aturan.urlpatterns,
]
