"""Authoring pages of e-learning content (Admin BKD): edit a lesson, edit a quiz question, move either up
or down (a plain POST that htmx boosts: the list is swapped in place, without htmx the page reloads).
Writes go through services_belajar_kelola."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import pesan_validasi

from . import permissions
from . import selectors_pelatihan as sel
from . import services_belajar_kelola as svc
from .forms_pelatihan import PelajaranUbahForm, SoalUbahForm
from .models import PercobaanKuis


def _modul(request, pk: int):
    if not permissions.can_author_modul(request.user):
        raise PermissionDenied
    return sel.get_modul(pk)


def _ke_form(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _percobaan(modul) -> tuple[int, int]:
    qs = PercobaanKuis.objects.filter(ikut__modul=modul)
    return qs.count(), qs.filter(lulus=True).count()


@login_required
def pelajaran_ubah(request, pk: int, pelajaran_pk: int):
    m = _modul(request, pk)
    p = sel.get_pelajaran(m, pelajaran_pk)
    form = PelajaranUbahForm(request.POST or None, request.FILES or None, initial=PelajaranUbahForm.awal(p))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            svc.pelajaran_ubah(
                actor=request.user,
                pelajaran=p,
                data={k: v for k, v in d.items() if k not in ("berkas", "alasan")},
                berkas=d["berkas"],
                alasan=d["alasan"],
            )
        except ValidationError as exc:
            _ke_form(form, exc)
        else:
            messages.success(request, f"Pelajaran {d['judul'].strip()} disimpan.")
            return redirect("belajar:kelola_modul", m.pk)
    return render(
        request,
        "pembinaan/belajar/ubah_isi.html",
        {"modul": m, "form": form, "judul": f"Ubah pelajaran {p.urutan}: {p.judul}", "berkas": p.berkas},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def soal_ubah(request, pk: int, soal_pk: int):
    m = _modul(request, pk)
    soal = next((s for s in m.soal.all() if s.pk == soal_pk), None)
    if soal is None:
        raise Http404("Soal tidak ditemukan.")
    form = SoalUbahForm(request.POST or None, initial=SoalUbahForm.awal(soal, list(soal.pilihan.all())))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            svc.soal_ubah(
                actor=request.user,
                soal=soal,
                teks=d["teks"],
                pilihan=[d["pilihan_1"], d["pilihan_2"], d["pilihan_3"], d["pilihan_4"]],
                benar=int(d["benar"]),
                alasan=d["alasan"],
            )
        except ValidationError as exc:
            _ke_form(form, exc)
        else:
            messages.success(request, f"Soal {soal.urutan} disimpan.")
            return redirect("belajar:kelola_modul", m.pk)
    jumlah, lulus = _percobaan(m)
    return render(
        request,
        "pembinaan/belajar/ubah_isi.html",
        {
            "modul": m,
            "form": form,
            "judul": f"Ubah soal {soal.urutan}",
            "percobaan": jumlah,
            "percobaan_lulus": lulus,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def urutan(request, pk: int):
    m = _modul(request, pk)
    try:
        svc.urutan_pindah(
            actor=request.user,
            modul=m,
            jenis=request.POST.get("jenis", ""),
            pk=int(request.POST.get("id") or 0) if (request.POST.get("id") or "0").isdigit() else 0,
            arah=request.POST.get("arah", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
    return redirect("belajar:kelola_modul", m.pk)
