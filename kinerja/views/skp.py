"""Planning pages: the employee drafts the SKP and submits it; the pejabat penilai approves or returns it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from pegawai.models import Pegawai
from pegawai.selectors import cakupan_for

from .. import selectors, services
from ..forms import EkspektasiForm, HasilKerjaForm, IndikatorFormSet, KembalikanForm
from ..models import SKP, HasilKerja, Indikator, SasaranUnit
from ._common import Peran, add_form_errors, flash_errors


def _skp_or_404(request, pk: int) -> SKP:
    return selectors.skp_get_visible(user=request.user, pk=pk)


def urutan_baris(hasil_kerja: HasilKerja) -> tuple:
    """Utama rows first, then tambahan, each in the order they were written."""
    return (hasil_kerja.jenis != HasilKerja.Jenis.UTAMA, hasil_kerja.urutan, hasil_kerja.pk)


def _rows(skp: SKP) -> list[HasilKerja]:
    rows = skp.hasil_kerja.select_related("mendukung", "sasaran_unit").prefetch_related(
        Prefetch("indikator", queryset=Indikator.objects.order_by("id"))
    )
    return sorted(rows, key=urutan_baris)


@require_http_methods(["GET", "POST"])
def skp_saya(request):
    """The employee's SKP of the running year; drafting one if there is none yet."""
    me = cakupan_for(request.user).pegawai_id
    if me is None:
        raise Http404("Login ini tidak terhubung dengan data pegawai.")
    periode = selectors.periode_berjalan()
    if periode is not None:
        skp = (
            SKP.objects.filter(pegawai_id=me, periode=periode, tanggal_selesai__isnull=True)
            .only("pk")
            .first()
        )
        if skp is not None:
            return redirect("kinerja:skp_detail", pk=skp.pk)
    if request.method == "POST":
        if periode is None:
            raise Http404
        pegawai = get_object_or_404(Pegawai, pk=me)
        try:
            skp = services.skp_create(actor=request.user, pegawai=pegawai, periode=periode)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, f"SKP {periode.tahun} disusun; tambahkan rencana hasil kerja.")
            return redirect("kinerja:skp_detail", pk=skp.pk)
    riwayat = list(
        SKP.objects.filter(pegawai_id=me)
        .select_related("periode", "jabatan")
        .order_by("-periode__tahun", F("tanggal_mulai").desc(nulls_last=True))
    )
    return render(request, "kinerja/skp_saya.html", {"periode": periode, "riwayat": riwayat})


def skp_detail(request, pk: int):
    """The plan: hasil kerja with indicators and cascading, the BerAKHLAK expectations, and the actions
    the viewer may take (edit and submit for the owner, approve or return for the pejabat penilai)."""
    skp = _skp_or_404(request, pk)
    peran = Peran.untuk(request.user, skp)
    context = {
        "skp": skp,
        "peran": peran,
        "tab": "rencana",
        "rows": _rows(skp),
        "perilaku": list(skp.perilaku.all()),
    }
    if peran.penilai and skp.status == SKP.Status.DIAJUKAN:
        context["ekspektasi_form"] = EkspektasiForm(
            initial={p.aspek: p.ekspektasi_khusus for p in context["perilaku"]}
        )
        context["kembalikan_form"] = KembalikanForm()
    return render(request, "kinerja/skp_detail.html", context)


def _hasil_kerja_atasan(skp: SKP):
    if skp.pejabat_penilai_id is None:
        return HasilKerja.objects.none()
    return HasilKerja.objects.filter(
        skp__pegawai_id=skp.pejabat_penilai_id,
        skp__periode_id=skp.periode_id,
        skp__tanggal_selesai__isnull=True,
    ).order_by("jenis", "urutan", "id")


def _sasaran_unit(skp: SKP):
    if not skp.jabatan.is_kepala:
        return None
    return SasaranUnit.objects.filter(periode_id=skp.periode_id, unit_kerja_id=skp.jabatan.unit_kerja_id)


def _indikator_initial(hasil_kerja: HasilKerja | None) -> list[dict]:
    if hasil_kerja is None:
        return []
    return [
        {
            "uraian": i.uraian,
            "jenis": i.jenis,
            "target_angka": i.target_angka,
            "satuan": i.satuan,
            "target_teks": i.target_teks,
        }
        for i in hasil_kerja.indikator.order_by("id")
    ]


@require_http_methods(["GET", "POST"])
def hasil_kerja_form(request, pk: int, hk: int | None = None):
    """Add or edit one hasil kerja row with its indicators (the owner, while the SKP is a draft)."""
    skp = _skp_or_404(request, pk)
    if not Peran.untuk(request.user, skp).pemilik:
        raise PermissionDenied
    hasil_kerja = get_object_or_404(HasilKerja, pk=hk, skp=skp) if hk else None
    if not skp.dapat_diubah:
        messages.error(request, "SKP sudah diajukan atau disetujui; tidak dapat diubah.")
        return redirect("kinerja:skp_detail", pk=skp.pk)
    atasan_rows = _hasil_kerja_atasan(skp)
    initial = {}
    if hasil_kerja is not None:
        initial = {
            "jenis": hasil_kerja.jenis,
            "uraian": hasil_kerja.uraian,
            "mendukung": hasil_kerja.mendukung_id,
            "sasaran_unit": hasil_kerja.sasaran_unit_id,
        }
    data = request.POST if request.method == "POST" else None
    form = HasilKerjaForm(
        data, initial=initial, hasil_kerja_atasan=atasan_rows, sasaran_unit=_sasaran_unit(skp)
    )
    indikator_initial = _indikator_initial(hasil_kerja) or [{}]
    formset = IndikatorFormSet(data, initial=indikator_initial, prefix="indikator")
    if data is not None and form.is_valid() and formset.is_valid():
        indikator = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("uraian")
        ]
        try:
            services.hasil_kerja_save(
                actor=request.user,
                skp=skp,
                hasil_kerja=hasil_kerja,
                uraian=form.cleaned_data["uraian"],
                jenis=form.cleaned_data["jenis"],
                mendukung=form.cleaned_data["mendukung"],
                sasaran_unit=form.cleaned_data.get("sasaran_unit"),
                indikator=indikator,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, "Hasil kerja disimpan.")
            if "simpan_tambah" in request.POST:
                return redirect("kinerja:hasil_kerja_tambah", pk=skp.pk)
            return redirect("kinerja:skp_detail", pk=skp.pk)
    context = {
        "skp": skp,
        "hasil_kerja": hasil_kerja,
        "form": form,
        "formset": formset,
        "atasan_kosong": skp.pejabat_penilai_id is not None and not atasan_rows.exists(),
    }
    return render(request, "kinerja/hasil_kerja_form.html", context)


@require_POST
def hasil_kerja_hapus(request, pk: int, hk: int):
    skp = _skp_or_404(request, pk)
    hasil_kerja = get_object_or_404(HasilKerja, pk=hk, skp=skp)
    try:
        services.hasil_kerja_delete(actor=request.user, hasil_kerja=hasil_kerja)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"Hasil kerja “{hasil_kerja.uraian}” dihapus.")
    return redirect("kinerja:skp_detail", pk=skp.pk)


@require_POST
def skp_ajukan(request, pk: int):
    skp = _skp_or_404(request, pk)
    try:
        services.skp_submit(actor=request.user, skp=skp)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"SKP diajukan kepada {skp.pejabat_penilai.nama} untuk disetujui.")
    return redirect("kinerja:skp_detail", pk=skp.pk)


@require_POST
def skp_setujui(request, pk: int):
    skp = _skp_or_404(request, pk)
    form = EkspektasiForm(request.POST)
    form.is_valid()
    try:
        services.skp_approve(actor=request.user, skp=skp, ekspektasi=form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"SKP {skp.pegawai.nama} disetujui.")
    return redirect("kinerja:skp_detail", pk=skp.pk)


@require_POST
def skp_kembalikan(request, pk: int):
    skp = _skp_or_404(request, pk)
    try:
        services.skp_return(actor=request.user, skp=skp, catatan=request.POST.get("catatan", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"SKP {skp.pegawai.nama} dikembalikan dengan catatan.")
    return redirect("kinerja:skp_detail", pk=skp.pk)


urlpatterns = [
    path("kinerja/skp/", skp_saya, name="skp_saya"),
    path("kinerja/skp/<int:pk>/", skp_detail, name="skp_detail"),
    path("kinerja/skp/<int:pk>/hasil-kerja/tambah/", hasil_kerja_form, name="hasil_kerja_tambah"),
    path("kinerja/skp/<int:pk>/hasil-kerja/<int:hk>/", hasil_kerja_form, name="hasil_kerja_ubah"),
    path("kinerja/skp/<int:pk>/hasil-kerja/<int:hk>/hapus/", hasil_kerja_hapus, name="hasil_kerja_hapus"),
    path("kinerja/skp/<int:pk>/ajukan/", skp_ajukan, name="skp_ajukan"),
    path("kinerja/skp/<int:pk>/setujui/", skp_setujui, name="skp_setujui"),
    path("kinerja/skp/<int:pk>/kembalikan/", skp_kembalikan, name="skp_kembalikan"),
]
