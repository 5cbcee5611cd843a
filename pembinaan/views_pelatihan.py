"""Pages of the catalogue and its runs (h6): /pembinaan/katalog/, /pembinaan/pelatihan/… — list with
filters, detail with participants (scoped), enrolment and nomination, sessions, attendance, results and
the certificate PDF."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.exceptions import pesan_validasi
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import cakupan_for

from . import jadwal_pelatihan as jadwal
from . import permissions
from . import selectors_pelatihan as sel
from . import services_pelatihan as svc
from .forms_pelatihan import NominasiForm, PelaksanaanForm, ProgramForm, SesiForm, SusulanForm
from .models import Bentuk, Kehadiran, Pelaksanaan, Peserta, Program
from .sertifikat import sertifikat_pdf


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _ke_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def katalog(request):
    _require(permissions.can_view_pelatihan(request.user))
    bisa_kelola = permissions.can_manage_pelatihan(request.user)
    form = ProgramForm() if bisa_kelola else None
    if request.method == "POST":
        _require(bisa_kelola)
        form = ProgramForm(request.POST)
        if form.is_valid():
            try:
                svc.program_simpan(
                    actor=request.user, program=form.instance, alasan=form.cleaned_data["alasan"]
                )
            except ValidationError as exc:
                _ke_form(form, exc)
            else:
                messages.success(request, f"Program {form.instance.nama} ditambahkan ke katalog.")
                return redirect("pembinaan:katalog")
    qs = sel.program_list(aktif_saja=not bisa_kelola)
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "pembinaan/pelatihan/katalog.html", {"page": page, "form": form})


@login_required
def program_ubah(request, pk: int):
    _require(permissions.can_manage_pelatihan(request.user))
    program = Program.objects.filter(pk=pk).first()
    if program is None:
        raise Http404
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        try:
            svc.program_simpan(actor=request.user, program=form.instance, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            _ke_form(form, exc)
        else:
            messages.success(request, "Program disimpan.")
            return redirect("pembinaan:katalog")
    return render(
        request,
        "pembinaan/pelatihan/form.html",
        {"form": form, "judul": f"Ubah program {program}", "program": program},
    )


def _filter_pelaksanaan(request) -> dict:
    status = request.GET.get("status", "")
    bentuk = request.GET.get("bentuk", "")
    tahun = request.GET.get("tahun", "")
    return {
        "status": status if status in Pelaksanaan.Status.values else "",
        "bentuk": bentuk if bentuk in Bentuk.values else "",
        "tahun": int(tahun) if tahun.isdigit() and 2000 <= int(tahun) <= 2100 else None,
        "q": request.GET.get("q", "")[:100],
    }


@login_required
def pelatihan_list(request):
    _require(permissions.can_view_pelatihan(request.user))
    f = _filter_pelaksanaan(request)
    page = Paginator(sel.pelaksanaan_list(**f), 50).get_page(request.GET.get("halaman"))
    tahun_ini = timezone.localdate().year
    return render(
        request,
        "pembinaan/pelatihan/list.html",
        {
            **f,
            "page": page,
            "status_pilihan": Pelaksanaan.Status.choices,
            "bentuk_pilihan": Bentuk.choices,
            "tahun_pilihan": list(range(tahun_ini + 1, tahun_ini - 4, -1)),
            "hari_ini": timezone.localdate(),
            "bisa_kelola": permissions.can_manage_pelatihan(request.user),
        },
    )


def _kuota_opd(kode: dict[str, int]) -> dict[int, int]:
    opd = dict(UnitKerja.objects.filter(kode__in=list(kode), jenis="opd").values_list("kode", "pk"))
    tidak_ada = sorted(set(kode) - set(opd))
    if tidak_ada:
        raise ValidationError({"kuota_opd": f"Kode OPD tidak dikenal: {', '.join(tidak_ada)}."})
    return {opd[k]: n for k, n in kode.items()}


@login_required
def pelatihan_form(request, pk: int | None = None):
    _require(permissions.can_manage_pelatihan(request.user))
    obj = sel.get_pelaksanaan(pk) if pk else None
    awal = {}
    if obj is not None:
        awal["kuota_opd"] = "\n".join(f"{k.opd.kode}={k.kuota}" for k in obj.kuota_opd.select_related("opd"))
    form = PelaksanaanForm(request.POST or None, instance=obj, initial=awal)
    if request.method == "POST" and form.is_valid():
        p = form.instance
        if p.jp is None:
            p.jp = p.program.jp
        try:
            kuota = _kuota_opd(form.cleaned_data["kuota_opd"])
            svc.pelaksanaan_simpan(
                actor=request.user, pelaksanaan=p, kuota_opd=kuota, alasan=form.cleaned_data["alasan"]
            )
        except ValidationError as exc:
            _ke_form(form, exc)
        else:
            messages.success(request, f"Pelaksanaan {p} disimpan.")
            return redirect("pembinaan:pelatihan_detail", p.pk)
    judul = f"Ubah {obj}" if obj else "Pelaksanaan pelatihan baru"
    return render(request, "pembinaan/pelatihan/form.html", {"form": form, "judul": judul, "run": obj})


def _pegawai_login(user) -> Pegawai | None:
    return Pegawai.objects.select_related("opd").filter(user=user).first() if user.is_authenticated else None


@login_required
def pelatihan_detail(request, pk: int):
    _require(permissions.can_view_pelatihan(request.user))
    run = sel.get_pelaksanaan(pk)
    saya = _pegawai_login(request.user)
    nominasi = NominasiForm()
    susulan = SusulanForm(prefix="susulan")
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        tunggu = request.POST.get("tunggu") == "1"
        try:
            if aksi == "daftar":
                if saya is None:
                    raise Http404
                _require(permissions.can_nominate(request.user, saya))
                p = svc.peserta_daftar(actor=request.user, pelaksanaan=run, pegawai=saya, tunggu=tunggu)
                messages.success(request, f"Anda {p.get_status_display().lower()} pada {run}.")
                return redirect("pembinaan:pelatihan_detail", run.pk)
            if aksi == "susulan":
                _require(permissions.can_manage_pelatihan(request.user))
                nominasi = susulan = SusulanForm(request.POST, prefix="susulan")
            if aksi in {"nominasi", "susulan"}:
                if aksi == "nominasi":
                    nominasi = NominasiForm(request.POST)
                if nominasi.is_valid():
                    pegawai = (
                        Pegawai.objects.select_related("opd").filter(nip=nominasi.cleaned_data["nip"]).first()
                    )
                    if pegawai is None or not permissions.can_nominate(request.user, pegawai):
                        nominasi.add_error("nip", "Pegawai dengan NIP ini tidak ada dalam cakupan Anda.")
                    else:
                        p = svc.peserta_daftar(
                            actor=request.user,
                            pelaksanaan=run,
                            pegawai=pegawai,
                            tunggu=tunggu,
                            catatan=nominasi.cleaned_data["catatan"],
                        )
                        messages.success(request, f"{pegawai.nama}: {p.get_status_display().lower()}.")
                        return redirect("pembinaan:pelatihan_detail", run.pk)
            if aksi == "sesi":
                _require(permissions.can_manage_pelatihan(request.user))
                form = SesiForm(request.POST)
                if form.is_valid():
                    svc.sesi_tambah(actor=request.user, pelaksanaan=run, data=form.cleaned_data)
                    messages.success(request, "Sesi ditambahkan.")
                else:
                    messages.error(
                        request,
                        "Sesi tidak disimpan: "
                        + "; ".join(
                            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                            for f, e in form.errors.items()
                        ),
                    )
                return redirect("pembinaan:pelatihan_detail", run.pk)
            if aksi in {"ditutup", "dibuka", "selesai", "batal"}:
                _require(permissions.can_manage_pelatihan(request.user))
                svc.pelaksanaan_status(actor=request.user, pelaksanaan=run, ke=aksi)
                return redirect("pembinaan:pelatihan_detail", run.pk)
        except ValidationError as exc:
            pesan = " ".join(pesan_validasi(exc))
            if aksi in {"nominasi", "susulan"}:
                _ke_form(nominasi, exc)
            else:
                messages.error(request, pesan)
                if aksi == "daftar":
                    request.session["tawar_tunggu"] = run.pk
                    return redirect("pembinaan:pelatihan_detail", run.pk)
    peserta = list(sel.peserta_visible(request.user, run))
    sesi = list(run.sesi.all())
    mulai = timezone.localtime(jadwal.mulai_sesi_pertama(run, sesi))
    saya_peserta = next((p for p in peserta if saya is not None and p.pegawai_id == saya.pk), None)
    context = {
        "run": run,
        "sesi": sesi,
        "mulai": mulai,
        "daftar_terbuka": run.status == Pelaksanaan.Status.DIBUKA and timezone.now() < mulai,
        "berakhir": jadwal.sudah_berakhir(run),
        "susulan": susulan,
        "peserta": peserta,
        "kuota_opd": list(run.kuota_opd.select_related("opd")),
        "terdaftar": run.peserta.filter(status=Peserta.Status.TERDAFTAR).count(),
        "saya": saya,
        "saya_peserta": saya_peserta,
        "tawar_tunggu": request.session.pop("tawar_tunggu", None) == run.pk,
        "nominasi": nominasi,
        "sesi_form": SesiForm(),
        "bisa_kelola": permissions.can_manage_pelatihan(request.user),
        "bisa_nominasi": permissions.can_manage_pelatihan(request.user)
        or cakupan_for(request.user).opd_id is not None
        or cakupan_for(request.user).punya_bawahan,
    }
    return render(request, "pembinaan/pelatihan/detail.html", context)


@login_required
@require_POST
def peserta_batal(request, pk: int):
    peserta = sel.get_peserta_for(request.user, pk)
    _require(permissions.can_cancel_peserta(request.user, peserta))
    try:
        svc.peserta_batal(actor=request.user, peserta=peserta, alasan=request.POST.get("alasan", ""))
        messages.success(request, f"Pendaftaran {peserta.pegawai.nama} dibatalkan.")
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
    return redirect("pembinaan:pelatihan_detail", peserta.pelaksanaan_id)


@login_required
def kehadiran(request, pk: int, sesi_pk: int):
    _require(permissions.can_manage_pelatihan(request.user))
    run = sel.get_pelaksanaan(pk)
    sesi = run.sesi.filter(pk=sesi_pk).first()
    if sesi is None:
        raise Http404
    if request.method == "POST":
        hadir = {int(x) for x in request.POST.getlist("hadir") if x.isdigit()}
        try:
            n = svc.kehadiran_simpan(actor=request.user, sesi=sesi, hadir=hadir)
        except ValidationError as exc:
            messages.error(request, " ".join(pesan_validasi(exc)))
        else:
            messages.success(request, f"Kehadiran sesi {sesi.urutan} disimpan ({len(hadir)} dari {n} hadir).")
            return redirect("pembinaan:pelatihan_detail", run.pk)
    peserta = list(
        run.peserta.filter(status=Peserta.Status.TERDAFTAR)
        .select_related("pegawai", "pegawai__opd")
        .order_by("pegawai__nama")
    )
    hadir = set(Kehadiran.objects.filter(sesi=sesi, hadir=True).values_list("peserta_id", flat=True))
    return render(
        request,
        "pembinaan/pelatihan/kehadiran.html",
        {"run": run, "sesi": sesi, "peserta": peserta, "hadir": hadir},
    )


@login_required
def hasil(request, pk: int):
    _require(permissions.can_manage_pelatihan(request.user))
    run = sel.get_pelaksanaan(pk)
    if request.method == "POST":
        peserta = run.peserta.filter(pk=request.POST.get("peserta") or 0).first()
        if peserta is None:
            raise Http404
        try:
            svc.hasil_tetapkan(
                actor=request.user,
                peserta=peserta,
                lulus=request.POST.get("hasil") == "lulus",
                catatan=request.POST.get("catatan", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(pesan_validasi(exc)))
        else:
            messages.success(request, "Hasil disimpan.")
        return redirect("pembinaan:pelatihan_hasil", run.pk)
    peserta = list(
        run.peserta.filter(status=Peserta.Status.TERDAFTAR)
        .select_related("pegawai", "pegawai__opd", "kegiatan")
        .order_by("pegawai__nama")
    )
    jumlah_sesi = run.sesi.count()
    hadir = dict(
        Kehadiran.objects.filter(sesi__pelaksanaan=run, hadir=True)
        .values("peserta_id")
        .annotate(n=Count("id"))
        .values_list("peserta_id", "n")
    )
    for p in peserta:
        p.jumlah_hadir = hadir.get(p.pk, 0)
        p.persen_hadir = Decimal(100 * p.jumlah_hadir) / jumlah_sesi if jumlah_sesi else None
        p.kurang_hadir = svc.kurang_hadir(run, p.pegawai.nama, p.jumlah_hadir, jumlah_sesi)
    return render(
        request,
        "pembinaan/pelatihan/hasil.html",
        {
            "run": run,
            "peserta": peserta,
            "jumlah_sesi": jumlah_sesi,
            "selesai": run.tanggal_selesai <= timezone.localdate(),
        },
    )


@login_required
def sertifikat_peserta(request, pk: int):
    peserta = sel.get_peserta_for(request.user, pk)
    if not permissions.can_view_sertifikat(request.user, peserta.pegawai) or peserta.kegiatan is None:
        raise Http404("Sertifikat tidak ditemukan.")
    program = peserta.pelaksanaan.program
    pdf = sertifikat_pdf(
        kegiatan=peserta.kegiatan,
        kode=peserta.kode_verifikasi,
        penyelenggara=program.penyelenggara or program.get_jenis_penyelenggara_display(),
        kualifikasi="LULUS",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{peserta.pk}.pdf"'
    return response
