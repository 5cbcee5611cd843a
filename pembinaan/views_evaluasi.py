"""Evaluation pages: one activity's evaluation (feedback by the participant, test by the operator, the
atasan's check of use at work), the atasan's list of checks due, the predikat before/after per programme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from pegawai.selectors import cakupan_for

from . import permissions
from . import selectors_evaluasi as se
from . import services_evaluasi as svc
from .forms_mentoring import PenerapanForm, TesForm, UmpanBalikForm
from .models import EvaluasiKegiatan

TAHUN_PROGRAM = 3  # the predikat per programme looks this many years back


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def kegiatan(request, pk: int):
    keg = se.get_kegiatan_for(request.user, pk)
    evaluasi = EvaluasiKegiatan.objects.filter(kegiatan=keg).first()
    bisa = {
        "umpan_balik": permissions.can_give_umpan_balik(request.user, keg),
        "tes": permissions.can_record_tes(request.user, keg),
        "penerapan": permissions.can_check_penerapan(request.user, keg),
    }
    awal = {}
    if evaluasi:
        awal = {
            "nilai_materi": evaluasi.nilai_materi,
            "nilai_penyaji": evaluasi.nilai_penyaji,
            "nilai_manfaat": evaluasi.nilai_manfaat,
            "saran": evaluasi.saran,
            "nilai_pre_test": evaluasi.nilai_pre_test,
            "nilai_post_test": evaluasi.nilai_post_test,
            "lulus": {True: "1", False: "0"}.get(evaluasi.lulus, ""),
            "penerapan": evaluasi.penerapan,
            "catatan_penerapan": evaluasi.catatan_penerapan,
        }
    forms = {
        "umpan_balik": UmpanBalikForm(initial=awal, prefix="ub"),
        "tes": TesForm(initial=awal, prefix="tes"),
        "penerapan": PenerapanForm(initial=awal, prefix="pn"),
    }
    status = 200
    if request.method == "POST":
        bagian = request.POST.get("bagian", "")
        _require(bisa.get(bagian, False))
        kelas = {"umpan_balik": UmpanBalikForm, "tes": TesForm, "penerapan": PenerapanForm}[bagian]
        form = kelas(request.POST, prefix=forms[bagian].prefix)
        forms[bagian] = form
        if form.is_valid():
            d = form.cleaned_data
            try:
                if bagian == "umpan_balik":
                    svc.isi_umpan_balik(actor=request.user, kegiatan=keg, data=d)
                elif bagian == "tes":
                    svc.catat_tes(
                        actor=request.user,
                        kegiatan=keg,
                        pre_test=d["nilai_pre_test"],
                        post_test=d["nilai_post_test"],
                        lulus=d["lulus"],
                    )
                else:
                    svc.cek_penerapan(
                        actor=request.user,
                        kegiatan=keg,
                        penerapan=d["penerapan"],
                        catatan=d["catatan_penerapan"],
                    )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Evaluasi disimpan.")
                return redirect("pembinaan:evaluasi", keg.pk)
        status = 400
    context = {
        "k": keg,
        "evaluasi": evaluasi,
        "bisa": bisa,
        "forms": forms,
        "cek_mulai": svc.tambah_bulan(keg.tanggal_selesai, svc.BULAN_CEK_MULAI),
        "cek_selesai": svc.tambah_bulan(keg.tanggal_selesai, svc.BULAN_CEK_SELESAI),
    }
    return render(request, "pembinaan/evaluasi/kegiatan.html", context, status=status)


@login_required
def penerapan_list(request):
    """The atasan's list: the team's activities whose check of use at work is due."""
    _require(permissions.can_view_penerapan(request.user))
    cakupan = cakupan_for(request.user)
    qs = se.penerapan_jatuh_tempo(cakupan.pegawai_id, timezone.localdate())
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "pembinaan/evaluasi/penerapan.html", {"page": page})


@login_required
def program(request):
    """Per programme: participants, predikat up/same/down from the year before to the year it ended."""
    _require(permissions.can_view_efek_pelatihan(request.user))
    cakupan = cakupan_for(request.user)
    opd_id = None if cakupan.semua else cakupan.opd_id
    tahun_dari = timezone.localdate().year - TAHUN_PROGRAM
    angka = se.efek_dan_program(opd_id=opd_id, tahun_dari=tahun_dari, batas=200)
    return render(
        request,
        "pembinaan/evaluasi/program.html",
        {"rows": angka["program"], "efek": angka["efek"], "tahun_dari": tahun_dari},
    )
