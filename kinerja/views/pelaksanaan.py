"""During the year: evidence files, the daily log and its review, feedback per row, coaching records."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from pegawai.models import Pegawai
from pegawai.selectors import cakupan_for

from .. import selectors, services
from ..forms import BuktiForm, LogHarianForm, SesiPembinaanForm, UmpanBalikForm
from ..models import SKP, BuktiDukung, HasilKerja, LogHarian, Rating, UmpanBalikRekan, periode_label
from ._common import Peran, add_form_errors
from .skp import urutan_baris

LOG_TAMPIL = 50


def periode_evaluasi_hari_ini(skp: SKP) -> str:
    """The evaluation period evidence is filed under: today's, or the year's last one after the year."""
    today = timezone.localdate()
    bulan = today.month if today.year == skp.periode.tahun else 12
    return selectors.periode_untuk_bulan(skp.periode, bulan)


@require_http_methods(["GET", "POST"])
def skp_pelaksanaan(request, pk: int):
    skp = selectors.skp_get_visible(user=request.user, pk=pk)
    peran = Peran.untuk(request.user, skp)
    periode = periode_evaluasi_hari_ini(skp)
    bukti_form = BuktiForm(skp=skp)
    log_form = LogHarianForm(skp=skp)
    pembinaan_form = SesiPembinaanForm()
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        if aksi == "bukti":
            bukti_form = BuktiForm(request.POST, request.FILES, skp=skp)
            if bukti_form.is_valid() and _simpan(
                bukti_form,
                lambda d: services.bukti_upload(
                    actor=request.user,
                    hasil_kerja=d["hasil_kerja"],
                    periode=periode,
                    berkas=d["berkas"],
                    keterangan=d["keterangan"],
                ),
            ):
                messages.success(request, "Bukti dukung diunggah.")
                return redirect("kinerja:skp_pelaksanaan", pk=skp.pk)
        elif aksi == "log":
            log_form = LogHarianForm(request.POST, skp=skp)
            if log_form.is_valid() and _simpan(
                log_form, lambda d: services.log_harian_create(actor=request.user, skp=skp, **d)
            ):
                messages.success(request, "Kegiatan dicatat di log harian.")
                return redirect("kinerja:skp_pelaksanaan", pk=skp.pk)
        elif aksi == "pembinaan":
            pembinaan_form = SesiPembinaanForm(request.POST)
            if pembinaan_form.is_valid() and _simpan(
                pembinaan_form, lambda d: services.sesi_pembinaan_create(actor=request.user, skp=skp, **d)
            ):
                messages.success(request, "Catatan bimbingan/konseling kinerja disimpan.")
                return redirect("kinerja:skp_pelaksanaan", pk=skp.pk)
        else:
            raise Http404
    rows = sorted(skp.hasil_kerja.prefetch_related("bukti", "umpan_balik__penulis"), key=urutan_baris)
    logs = list(skp.log_harian.select_related("hasil_kerja").order_by("-tanggal", "-id")[:LOG_TAMPIL])
    context = {
        "skp": skp,
        "peran": peran,
        "tab": "pelaksanaan",
        "periode": periode,
        "periode_label": periode_label(periode),
        "rows": rows,
        "logs": logs,
        "log_total": skp.log_harian.count(),
        "log_belum_direviu": skp.log_harian.filter(direviu_pada__isnull=True).count(),
        "pembinaan": list(skp.pembinaan.order_by("-tanggal")),
        "bukti_form": bukti_form,
        "log_form": log_form,
        "pembinaan_form": pembinaan_form,
        "umpan_balik_form": UmpanBalikForm(),
    }
    return render(request, "kinerja/skp_pelaksanaan.html", context)


def _simpan(form, save) -> bool:
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        add_form_errors(form, exc)
        return False
    return True


def bukti_unduh(request, pk: int):
    """Evidence files are served only to people who can see the SKP (never from a public media URL)."""
    bukti = get_object_or_404(BuktiDukung.objects.select_related("hasil_kerja"), pk=pk)
    selectors.skp_get_visible(user=request.user, pk=bukti.hasil_kerja.skp_id)
    return FileResponse(bukti.berkas.open("rb"), filename=bukti.nama_berkas)


@require_POST
def log_reviu(request, pk: int):
    log = get_object_or_404(LogHarian, pk=pk)
    skp = selectors.skp_get_visible(user=request.user, pk=log.skp_id)
    try:
        services.log_harian_review(actor=request.user, log=log, komentar=request.POST.get("komentar", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Log {log.tanggal:%d-%m-%Y} ditandai sudah direviu.")
    return redirect("kinerja:skp_pelaksanaan", pk=skp.pk)


@require_POST
def umpan_balik(request, pk: int):
    hasil_kerja = get_object_or_404(HasilKerja, pk=pk)
    skp = selectors.skp_get_visible(user=request.user, pk=hasil_kerja.skp_id)
    if not (Peran.untuk(request.user, skp).pemilik or Peran.untuk(request.user, skp).penilai):
        raise PermissionDenied
    try:
        services.umpan_balik_create(
            actor=request.user,
            hasil_kerja=hasil_kerja,
            isi=request.POST.get("isi", ""),
            periode=periode_evaluasi_hari_ini(skp),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Umpan balik dikirim.")
    return redirect("kinerja:skp_pelaksanaan", pk=skp.pk)


@require_http_methods(["GET", "POST"])
def rekan(request):
    """Peer feedback: colleagues of my unit with an agreed SKP this year; one rating per period each."""
    me = cakupan_for(request.user).pegawai_id
    periode_kinerja = selectors.periode_berjalan()
    saya = Pegawai.objects.filter(pk=me).only("unit_kerja_id").first() if me else None
    if saya is None or periode_kinerja is None:
        raise Http404("Tidak ada periode kinerja berjalan atau login tidak terhubung dengan pegawai.")
    skps = (
        SKP.objects.filter(
            periode=periode_kinerja,
            unit_kerja_id=saya.unit_kerja_id,
            status=SKP.Status.DISETUJUI,
            tanggal_selesai__isnull=True,
        )
        .exclude(pegawai_id=me)
        .exclude(pejabat_penilai_id=me)
        .select_related("pegawai", "jabatan")
        .order_by("pegawai__nama")
    )
    periode = selectors.periode_untuk_bulan(
        periode_kinerja,
        timezone.localdate().month if timezone.localdate().year == periode_kinerja.tahun else 12,
    )
    if request.method == "POST":
        skp = get_object_or_404(skps, pk=request.POST.get("skp") or 0)
        try:
            services.umpan_balik_rekan_create(
                actor=request.user,
                skp=skp,
                periode=periode,
                rating=request.POST.get("rating", ""),
                isi=request.POST.get("isi", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Umpan balik untuk {skp.pegawai.nama} tersimpan.")
        return redirect("kinerja:rekan")
    sudah = set(
        UmpanBalikRekan.objects.filter(rekan_id=me, periode=periode, skp__in=skps).values_list(
            "skp_id", flat=True
        )
    )
    return render(
        request,
        "kinerja/rekan.html",
        {
            "skps": list(skps),
            "sudah": sudah,
            "periode_label": periode_label(periode),
            "tahun": periode_kinerja.tahun,
            "pilihan": Rating.choices,
        },
    )


urlpatterns = [
    path("kinerja/rekan/", rekan, name="rekan"),
    path("kinerja/skp/<int:pk>/pelaksanaan/", skp_pelaksanaan, name="skp_pelaksanaan"),
    path("kinerja/bukti/<int:pk>/", bukti_unduh, name="bukti_unduh"),
    path("kinerja/log/<int:pk>/reviu/", log_reviu, name="log_reviu"),
    path("kinerja/hasil-kerja/<int:pk>/umpan-balik/", umpan_balik, name="umpan_balik"),
]
