"""E-learning pages at /belajar/ (CONTRACT): the employee's modules, a module with its lessons and saved
progress, the quiz, the certificate; the BKD's authoring under /belajar/kelola/. Bootstrap-responsive,
made for a phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.exceptions import pesan_validasi
from pegawai.models import Pegawai

from . import permissions
from . import selectors_pelatihan as sel
from . import services_belajar as svc
from .forms_pelatihan import ModulForm, PelajaranForm, SoalForm
from .models import IkutModul
from .sertifikat import sertifikat_pdf


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _saya(request) -> Pegawai:
    _require(permissions.can_belajar(request.user))
    pegawai = Pegawai.objects.filter(user=request.user).first()
    if pegawai is None:
        raise Http404
    return pegawai


def _ke_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def beranda(request):
    pegawai = _saya(request)
    hari_ini = timezone.localdate()
    rows = []
    for modul, ikut in sel.modul_untuk_pegawai(pegawai, hari_ini=hari_ini):
        selesai = len(ikut.pelajaran_selesai.all()) if ikut else 0
        persen = round(100 * selesai / modul.jumlah_pelajaran) if modul.jumlah_pelajaran else 0
        rows.append({"modul": modul, "ikut": ikut, "selesai": selesai, "persen": persen})
    return render(
        request,
        "pembinaan/belajar/beranda.html",
        {"rows": rows, "hari_ini": hari_ini, "bisa_kelola": permissions.can_author_modul(request.user)},
    )


@login_required
def modul(request, pk: int):
    pegawai = _saya(request)
    m = sel.get_modul_terbit(pk)
    ikut = IkutModul.objects.filter(pegawai=pegawai, modul=m).prefetch_related("pelajaran_selesai").first()
    selesai = {p.pk for p in ikut.pelajaran_selesai.all()} if ikut else set()
    pelajaran = list(m.pelajaran.all())
    return render(
        request,
        "pembinaan/belajar/modul.html",
        {
            "modul": m,
            "ikut": ikut,
            "pelajaran": pelajaran,
            "selesai": selesai,
            "semua_selesai": bool(pelajaran) and all(p.pk in selesai for p in pelajaran),
            "terbuka": m.terbuka_pada(timezone.localdate()),
            "percobaan": list(ikut.percobaan.all()[:5]) if ikut else [],
        },
    )


@login_required
def pelajaran(request, pk: int, pelajaran_pk: int):
    pegawai = _saya(request)
    m = sel.get_modul_terbit(pk)
    p = sel.get_pelajaran(m, pelajaran_pk)
    if request.method == "POST":
        try:
            svc.pelajaran_selesai(actor=request.user, pelajaran=p, pegawai=pegawai)
        except ValidationError as exc:
            messages.error(request, " ".join(pesan_validasi(exc)))
        else:
            berikut = m.pelajaran.filter(urutan__gt=p.urutan).order_by("urutan").first()
            messages.success(request, f"Pelajaran {p.judul} selesai; kemajuan Anda tersimpan.")
            if berikut is not None:
                return redirect("belajar:pelajaran", m.pk, berikut.pk)
        return redirect("belajar:modul", m.pk)
    return render(request, "pembinaan/belajar/pelajaran.html", {"modul": m, "p": p})


@login_required
def berkas(request, pk: int, pelajaran_pk: int):
    """A lesson's PDF: to employees of a published module and to its authors."""
    if permissions.can_author_modul(request.user):
        m = sel.get_modul(pk)
    else:
        _saya(request)
        m = sel.get_modul_terbit(pk)
    p = sel.get_pelajaran(m, pelajaran_pk)
    if not p.berkas:
        raise Http404
    return FileResponse(
        p.berkas.open("rb"), content_type="application/pdf", filename=p.berkas.name.rsplit("/", 1)[-1]
    )


@login_required
def kuis(request, pk: int):
    pegawai = _saya(request)
    m = sel.get_modul_terbit(pk)
    soal = list(m.soal.prefetch_related("pilihan"))
    galat = ""
    dipilih: dict[int, int] = {}
    if request.method == "POST":
        for s in soal:
            nilai = request.POST.get(f"soal-{s.pk}", "")
            if nilai.isdigit():
                dipilih[s.pk] = int(nilai)
        try:
            percobaan = svc.kuis_jawab(actor=request.user, modul=m, pegawai=pegawai, jawaban=dipilih)
        except ValidationError as exc:
            galat = " ".join(pesan_validasi(exc))
        else:
            if percobaan.lulus:
                messages.success(
                    request,
                    f"Selamat, Anda lulus dengan nilai {percobaan.nilai}. Sertifikat dan JP sudah tercatat.",
                )
            else:
                messages.warning(
                    request,
                    f"Nilai Anda {percobaan.nilai}; nilai lulus {m.nilai_lulus}. Pelajari lagi lalu coba kembali.",
                )
            return redirect("belajar:modul", m.pk)
    return render(
        request,
        "pembinaan/belajar/kuis.html",
        {
            "modul": m,
            "soal": soal,
            "galat": galat,
            "dipilih": dipilih,
            "terbuka": m.terbuka_pada(timezone.localdate()),
        },
        status=400 if galat else 200,
    )


@login_required
def sertifikat(request, pk: int):
    ikut = sel.get_ikut_for(request.user, pk)
    if ikut.kegiatan is None:
        raise Http404("Sertifikat belum terbit.")
    pdf = sertifikat_pdf(
        kegiatan=ikut.kegiatan, kode=ikut.kode_verifikasi, penyelenggara="", kualifikasi="LULUS"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-elearning-{ikut.pk}.pdf"'
    return response


# --- authoring (Admin BKD) ---------------------------------------------------------------------------


@login_required
def kelola(request):
    _require(permissions.can_author_modul(request.user))
    form = ModulForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            m = svc.modul_simpan(actor=request.user, modul=form.instance, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            _ke_form(form, exc)
        else:
            messages.success(request, f"Modul {m.judul} dibuat; tambahkan pelajaran dan soal.")
            return redirect("belajar:kelola_modul", m.pk)
    return render(
        request, "pembinaan/belajar/kelola.html", {"modul_list": list(sel.modul_kelola_list()), "form": form}
    )


@login_required
def kelola_modul(request, pk: int):
    _require(permissions.can_author_modul(request.user))
    m = sel.get_modul(pk)
    form = ModulForm(instance=m)
    pelajaran_form = PelajaranForm()
    soal_form = SoalForm()
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        try:
            if aksi == "modul":
                form = ModulForm(request.POST, instance=m)
                if form.is_valid():
                    try:
                        svc.modul_simpan(
                            actor=request.user, modul=form.instance, alasan=form.cleaned_data["alasan"]
                        )
                    except ValidationError as exc:
                        _ke_form(form, exc)
                    else:
                        messages.success(request, "Modul disimpan.")
                        return redirect("belajar:kelola_modul", m.pk)
            elif aksi == "pelajaran":
                pelajaran_form = PelajaranForm(request.POST, request.FILES)
                if pelajaran_form.is_valid():
                    data = {k: v for k, v in pelajaran_form.cleaned_data.items() if k != "berkas"}
                    try:
                        svc.pelajaran_tambah(
                            actor=request.user,
                            modul=m,
                            data=data,
                            berkas=pelajaran_form.cleaned_data["berkas"],
                        )
                    except ValidationError as exc:
                        _ke_form(pelajaran_form, exc)
                    else:
                        messages.success(request, "Pelajaran ditambahkan.")
                        return redirect("belajar:kelola_modul", m.pk)
            elif aksi == "soal":
                soal_form = SoalForm(request.POST)
                if soal_form.is_valid():
                    d = soal_form.cleaned_data
                    try:
                        svc.soal_tambah(
                            actor=request.user,
                            modul=m,
                            teks=d["teks"],
                            pilihan=[d["pilihan_1"], d["pilihan_2"], d["pilihan_3"], d["pilihan_4"]],
                            benar=int(d["benar"]),
                        )
                    except ValidationError as exc:
                        _ke_form(soal_form, exc)
                    else:
                        messages.success(request, "Soal ditambahkan.")
                        return redirect("belajar:kelola_modul", m.pk)
        except ValidationError as exc:  # pragma: no cover - each branch catches its own
            messages.error(request, " ".join(pesan_validasi(exc)))
    m = sel.get_modul(pk)
    return render(
        request,
        "pembinaan/belajar/kelola_modul.html",
        {"modul": m, "form": form, "pelajaran_form": pelajaran_form, "soal_form": soal_form},
        status=400 if request.method == "POST" else 200,
    )
