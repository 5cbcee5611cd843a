"""Evaluation pages: the pejabat penilai enters realisasi and rates; the employee acknowledges or objects;
the atasan of the pejabat penilai decides objections."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from pegawai.selectors import cakupan_for

from .. import selectors, services
from ..forms import KeberatanForm, KeputusanKeberatanForm, PenilaianForm
from ..models import (
    Indikator,
    Keberatan,
    Penilaian,
    Rating,
    Realisasi,
    ResponSurvei,
    UmpanBalikRekan,
    periode_label,
)
from ._common import Peran, add_form_errors, flash_errors
from .skp import urutan_baris


def skp_penilaian(request, pk: int):
    """Every evaluation period of the year with its result and what the viewer may do with it."""
    skp = selectors.skp_get_visible(user=request.user, pk=pk)
    peran = Peran.untuk(request.user, skp)
    hasil = {
        p.periode: p
        for p in Penilaian.objects.filter(pegawai_id=skp.pegawai_id, periode_kinerja_id=skp.periode_id)
        .select_related("keberatan")
        .order_by()
    }
    baris = [
        {
            "kode": kode,
            "label": periode_label(kode),
            "penilaian": hasil.get(kode),
            "beku": selectors.periode_beku(periode_kinerja=skp.periode, periode=kode),
        }
        for kode in skp.periode.kode_periode_evaluasi
        # after a move each SKP shows the periods it is rated for (the one in force on their last day)
        if selectors.skp_mencakup_periode(skp, kode)
    ]
    context = {
        "skp": skp,
        "peran": peran,
        "tab": "penilaian",
        "baris": baris,
        "keberatan_form": KeberatanForm(),
    }
    return render(request, "kinerja/skp_penilaian.html", context)


def _angka(teks: str) -> Decimal | None:
    teks = (teks or "").strip().replace(",", ".")
    if not teks:
        return None
    try:
        return Decimal(teks)
    except InvalidOperation:
        raise ValidationError("bukan angka") from None


@require_http_methods(["GET", "POST"])
def penilaian_form(request, pk: int, periode: str):
    """Realisasi per indicator (capaian shown for numeric ones), then the two ratings; the predikat
    follows the matrix. Peer feedback, the unit's public survey, evidence and logs are shown as inputs."""
    skp = selectors.skp_get_visible(user=request.user, pk=pk)
    if not Peran.untuk(request.user, skp).penilai:
        raise PermissionDenied
    if periode not in skp.periode.kode_periode_evaluasi or not selectors.skp_mencakup_periode(skp, periode):
        raise Http404
    indikator = list(
        Indikator.objects.filter(hasil_kerja__skp=skp)
        .select_related("hasil_kerja")
        .prefetch_related(Prefetch("realisasi", queryset=Realisasi.objects.filter(periode=periode)))
        .order_by("hasil_kerja__jenis", "hasil_kerja__urutan", "hasil_kerja_id", "id")
    )
    indikator.sort(key=lambda i: (urutan_baris(i.hasil_kerja), i.pk))
    for i in indikator:
        i.realisasi_periode = next(iter(i.realisasi.all()), None)
    existing = Penilaian.objects.filter(
        pegawai_id=skp.pegawai_id, periode_kinerja_id=skp.periode_id, periode=periode
    ).first()
    initial = {}
    if existing:
        initial = {
            "rating_hasil_kerja": existing.rating_hasil_kerja,
            "rating_perilaku_kerja": existing.rating_perilaku_kerja,
            "catatan": existing.catatan_penilai,
        }
    form = PenilaianForm(request.POST or None, initial=initial)
    realisasi_errors: dict[int, str] = {}
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for i in indikator:
                    _simpan_realisasi(request, i, periode, realisasi_errors)
                if realisasi_errors:
                    raise ValidationError("Periksa isian realisasi yang ditandai.")
                penilaian = services.penilaian_rate(
                    actor=request.user,
                    skp=skp,
                    periode=periode,
                    rating_hasil_kerja=form.cleaned_data["rating_hasil_kerja"],
                    rating_perilaku_kerja=form.cleaned_data["rating_perilaku_kerja"],
                    catatan=form.cleaned_data["catatan"],
                )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                f"{skp.pegawai.nama} dinilai untuk {periode_label(periode)}: predikat "
                f"{penilaian.get_predikat_display()}.",
            )
            return redirect("kinerja:skp_penilaian", pk=skp.pk)
    rekan = dict(
        UmpanBalikRekan.objects.filter(skp=skp, periode=periode)
        .values_list("rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    survei = ResponSurvei.objects.filter(
        survei__unit_kerja_id=skp.unit_kerja_id, survei__periode_id=skp.periode_id
    ).aggregate(jumlah=Count("id"), rata=Avg("skor"))
    context = {
        "skp": skp,
        "periode": periode,
        "label": periode_label(periode),
        "indikator": indikator,
        "realisasi_errors": realisasi_errors,
        "form": form,
        "existing": existing,
        "rekan": [(label, rekan.get(value, 0)) for value, label in Rating.choices],
        "rekan_total": sum(rekan.values()),
        "survei": survei,
        "bukti": skp.hasil_kerja.filter(bukti__periode=periode).count(),
        "log": skp.log_harian.count(),
        "unit_kepala": skp.jabatan.is_kepala and periode == "tahunan",
    }
    return render(request, "kinerja/penilaian_form.html", context)


def _simpan_realisasi(request, indikator: Indikator, periode: str, errors: dict[int, str]) -> None:
    key = f"realisasi-{indikator.pk}"
    if key not in request.POST:
        return
    nilai = request.POST.get(key, "").strip()
    if indikator.jenis == Indikator.Jenis.KUANTITATIF:
        try:
            angka = _angka(nilai)
        except ValidationError:
            errors[indikator.pk] = f"Realisasi “{nilai}” bukan angka."
            return
        if angka is None and indikator.realisasi_periode is None:
            return
        kwargs = {"realisasi_angka": angka}
    else:
        if not nilai and indikator.realisasi_periode is None:
            return
        kwargs = {"realisasi_teks": nilai}
    try:
        services.realisasi_save(actor=request.user, indikator=indikator, periode=periode, **kwargs)
    except ValidationError as exc:
        errors[indikator.pk] = " ".join(exc.messages)


def _penilaian_or_404(request, pk: int) -> Penilaian:
    return selectors.penilaian_get_visible(user=request.user, pk=pk)


@require_POST
def penilaian_terima(request, pk: int):
    penilaian = _penilaian_or_404(request, pk)
    try:
        services.penilaian_acknowledge(actor=request.user, penilaian=penilaian)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"Penilaian {penilaian.periode_label} diterima.")
    return _kembali(penilaian)


@require_POST
def keberatan_ajukan(request, pk: int):
    penilaian = _penilaian_or_404(request, pk)
    try:
        services.keberatan_submit(
            actor=request.user, penilaian=penilaian, alasan=request.POST.get("alasan", "")
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "Keberatan diajukan kepada atasan pejabat penilai.")
    return _kembali(penilaian)


def _kembali(penilaian: Penilaian):
    if penilaian.skp_id:
        return redirect("kinerja:skp_penilaian", pk=penilaian.skp_id)
    return redirect("/")


@require_http_methods(["GET", "POST"])
def keberatan_putus(request, pk: int):
    """The atasan of the pejabat penilai decides, with a reason; granting sets the new ratings."""
    me = cakupan_for(request.user).pegawai_id
    keberatan = get_object_or_404(
        Keberatan.objects.select_related(
            "penilaian__pegawai", "penilaian__pejabat_penilai", "penilaian__periode_kinerja", "penilaian__skp"
        ),
        pk=pk,
    )
    if me is None or keberatan.pemutus_id != me:
        raise Http404
    form = KeputusanKeberatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.keberatan_decide(actor=request.user, keberatan=keberatan, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, f"Keberatan {keberatan.penilaian.pegawai.nama} diputus.")
            return redirect("kinerja:tim")
    return render(request, "kinerja/keberatan_putus.html", {"keberatan": keberatan, "form": form})


urlpatterns = [
    path("kinerja/skp/<int:pk>/penilaian/", skp_penilaian, name="skp_penilaian"),
    path("kinerja/skp/<int:pk>/nilai/<str:periode>/", penilaian_form, name="penilaian_form"),
    path("kinerja/penilaian/<int:pk>/terima/", penilaian_terima, name="penilaian_terima"),
    path("kinerja/penilaian/<int:pk>/keberatan/", keberatan_ajukan, name="keberatan_ajukan"),
    path("kinerja/keberatan/<int:pk>/", keberatan_putus, name="keberatan_putus"),
]
