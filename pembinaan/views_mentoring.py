"""Mentoring and coaching pages under /pembinaan/mentoring/: the pairs a user sees, automatic and manual
proposals, the decision, a pair with its sessions and the session form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.angka import format_desimal
from core.exceptions import pesan_validasi
from pegawai import selectors as pegawai_selectors

from . import permissions
from . import selectors_mentoring as sm
from . import services_mentoring as svc
from .forms_mentoring import KapasitasForm, SesiForm, UsulanForm
from .models import PasanganMentoring


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def daftar(request):
    _require(permissions.can_view_mentoring(request.user))
    status = request.GET.get("status", "")
    if status not in PasanganMentoring.Status.values:
        status = ""
    opds = list(pegawai_selectors.opd_list_visible_to(user=request.user))
    qs = sm.daftar_pasangan(request.user, status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "status": status,
        "status_pilihan": PasanganMentoring.Status.choices,
        "opds": opds,
        "bisa_usul": permissions.can_propose_mentoring(request.user),
        "form": UsulanForm(),
        "form_kapasitas": KapasitasForm(),
    }
    return render(request, "pembinaan/mentoring/daftar.html", context)


@login_required
@require_POST
def kapasitas(request):
    """The Operator OPD (their OPD's mentors) or the Admin BKD sets a mentor's capacity."""
    _require(permissions.can_propose_mentoring(request.user))
    form = KapasitasForm(request.POST)
    if form.is_valid():
        mentor = (
            pegawai_selectors.pegawai_list_visible_to(user=request.user)
            .filter(aktif=True, nip=form.cleaned_data["mentor_nip"].strip())
            .first()
        )
        if mentor is None:
            messages.error(request, "NIP mentor: tidak ditemukan di cakupan Anda.")
        else:
            _require(permissions.can_propose_mentoring(request.user, mentor.opd_id))
            svc.atur_kapasitas(actor=request.user, mentor=mentor, maks=form.cleaned_data["maks_mentee"])
            messages.success(
                request, f"Kapasitas {mentor.nama_lengkap}: {form.cleaned_data['maks_mentee']} mentee."
            )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("pembinaan:mentoring")


@login_required
@require_POST
def usulkan_otomatis(request):
    raw = request.POST.get("opd", "")
    opd = (
        pegawai_selectors.opd_list_visible_to(user=request.user).filter(pk=raw).first()
        if raw.isdigit()
        else None
    )
    if opd is None:
        raise Http404("OPD tidak ditemukan.")
    _require(permissions.can_propose_mentoring(request.user, opd.pk))
    dibuat = svc.usulkan_otomatis(actor=request.user, opd_id=opd.pk)
    if dibuat:
        messages.success(request, f"{len(dibuat)} pasangan diusulkan untuk {opd.nama}; menunggu konfirmasi.")
    else:
        messages.info(
            request, f"Tidak ada pasangan baru untuk {opd.nama} (mentee atau kapasitas mentor habis)."
        )
    return redirect("pembinaan:mentoring")


@login_required
@require_POST
def usulkan(request):
    _require(permissions.can_propose_mentoring(request.user))
    form = UsulanForm(request.POST)
    if form.is_valid():
        terlihat = pegawai_selectors.pegawai_list_visible_to(user=request.user).filter(aktif=True)
        mentor = terlihat.filter(nip=form.cleaned_data["mentor_nip"].strip()).first()
        mentee = terlihat.filter(nip=form.cleaned_data["mentee_nip"].strip()).first()
        if mentor is None:
            form.add_error("mentor_nip", "NIP mentor tidak ditemukan di cakupan Anda.")
        if mentee is None:
            form.add_error("mentee_nip", "NIP mentee tidak ditemukan di cakupan Anda.")
        if mentor and mentee:
            _require(permissions.can_propose_mentoring(request.user, mentee.opd_id))
            try:
                obj = svc.usulkan(
                    actor=request.user,
                    mentor=mentor,
                    mentee=mentee,
                    jenis=form.cleaned_data["jenis"],
                    tujuan=form.cleaned_data["tujuan"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Pasangan diusulkan; menunggu konfirmasi atasan/operator.")
                return redirect("pembinaan:mentoring_detail", obj.pk)
    qs = sm.daftar_pasangan(request.user)
    context = {
        "page": Paginator(qs, 50).get_page(1),
        "status": "",
        "status_pilihan": PasanganMentoring.Status.choices,
        "opds": list(pegawai_selectors.opd_list_visible_to(user=request.user)),
        "bisa_usul": True,
        "form": form,
        "form_kapasitas": KapasitasForm(),
    }
    return render(request, "pembinaan/mentoring/daftar.html", context, status=400)


def _detail_context(request, pasangan, sesi_form=None) -> dict:
    return {
        "p": pasangan,
        "sesi": list(
            pasangan.sesi.select_related("kegiatan_mentor", "kegiatan_mentee", "sesi_kinerja").order_by(
                "-tanggal", "-id"
            )
        ),
        "bisa_putus": permissions.can_decide_pasangan(request.user, pasangan),
        "bisa_sesi": permissions.can_log_sesi(request.user, pasangan),
        "form": sesi_form or SesiForm(),
    }


@login_required
def detail(request, pk: int):
    pasangan = sm.get_pasangan_for(request.user, pk)
    return render(request, "pembinaan/mentoring/detail.html", _detail_context(request, pasangan))


@login_required
@require_POST
def putus(request, pk: int):
    pasangan = sm.get_pasangan_for(request.user, pk)
    _require(permissions.can_decide_pasangan(request.user, pasangan))
    setuju = request.POST.get("aksi") == "setuju"
    try:
        svc.putuskan(
            actor=request.user, pasangan=pasangan, setuju=setuju, catatan=request.POST.get("catatan", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
    else:
        messages.success(request, "Pasangan dikonfirmasi." if setuju else "Usulan pasangan ditolak.")
    return redirect("pembinaan:mentoring_detail", pasangan.pk)


@login_required
@require_POST
def selesai(request, pk: int):
    pasangan = sm.get_pasangan_for(request.user, pk)
    _require(permissions.can_end_pasangan(request.user, pasangan))
    try:
        svc.selesaikan(actor=request.user, pasangan=pasangan, catatan=request.POST.get("catatan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
    else:
        messages.success(request, "Pasangan ditandai selesai.")
    return redirect("pembinaan:mentoring_detail", pasangan.pk)


@login_required
def sesi(request, pk: int):
    pasangan = sm.get_pasangan_for(request.user, pk)
    _require(permissions.can_log_sesi(request.user, pasangan))
    if request.method != "POST":
        return redirect("pembinaan:mentoring_detail", pasangan.pk)
    form = SesiForm(request.POST)
    if form.is_valid():
        try:
            obj = svc.catat_sesi(actor=request.user, pasangan=pasangan, data=form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            jp_mentee = obj.kegiatan_mentee.jp_diakui if obj.kegiatan_mentee else 0
            messages.success(
                request, f"Sesi dicatat; {format_desimal(jp_mentee)} JP dikreditkan ke mentor dan mentee."
            )
            return redirect("pembinaan:mentoring_detail", pasangan.pk)
    return render(
        request, "pembinaan/mentoring/detail.html", _detail_context(request, pasangan, form), status=400
    )
