"""KGB: overdue and due in the next three months with the performance condition from kinerja, issuing
(one employee, or every eligible employee of an OPD at once) or postponing the decree, and the SK KGB PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.dates import format_tanggal, parse_tanggal
from pegawai.models import Penandatangan
from pegawai.selectors import opd_list_visible_to, pegawai_list_visible_to, penandatangan_kosong

from .. import dokumen, permissions, services
from ..models import KenaikanGajiBerkala

TAMPIL = {"": "Semua", "terlambat": "Terlambat", "akan_datang": "3 bulan ke depan"}


def _opd_terpilih(request, opd_list):
    kode = request.GET.get("opd") or request.POST.get("opd") or ""
    if not kode:
        return None
    for opd in opd_list:
        if str(opd.pk) == kode:
            return opd
    raise Http404


@login_required
@require_GET
def kgb_list(request):
    if not permissions.can_view_kgb_list(request.user):
        raise PermissionDenied
    hari_ini = timezone.localdate()
    opd_list = list(opd_list_visible_to(user=request.user).order_by("nama"))
    opd = _opd_terpilih(request, opd_list)
    tampil = request.GET.get("tampil", "")
    if tampil not in TAMPIL:
        tampil = ""
    pegawai = pegawai_list_visible_to(user=request.user)
    if opd is not None:
        pegawai = pegawai.filter(opd=opd)
    qs = services.kgb_daftar(pegawai, hari_ini=hari_ini, tampil=tampil)
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    usulan = services.usulan_untuk(list(page), hari_ini=hari_ini)
    context = {
        "page": page,
        "usulan": usulan,
        "opd_list": opd_list,
        "opd": opd,
        "tampil": tampil,
        "tampil_pilihan": TAMPIL,
        "jumlah_terlambat": services.kgb_daftar(pegawai, hari_ini=hari_ini, tampil="terlambat").count(),
        "boleh_tetapkan": permissions.can_issue_kgb(request.user),
        "penanda_nomor": services.PENANDA_NOMOR,
        "contoh_format": f"822.3/{services.PENANDA_NOMOR}/BKPSDM/{hari_ini.year}",
        "ttd_kosong": penandatangan_kosong(tanggal=hari_ini, peran=[Penandatangan.Peran.KEPALA_BKPSDM]),
    }
    if opd is not None and context["boleh_tetapkan"]:
        # Issuing for the whole OPD counts every eligible row, not only this page's.
        semua = services.usulan_untuk(
            list(services.kgb_daftar(pegawai, hari_ini=hari_ini)), hari_ini=hari_ini
        )
        context["siap_opd"] = sum(1 for u in semua if u.layak and u.kgb is None)
    return render(request, "penggajian/kgb_list.html", context)


def _pegawai(request, pk: int):
    pegawai = pegawai_list_visible_to(user=request.user).select_related("golongan").filter(pk=pk).first()
    if pegawai is None:
        raise Http404
    return pegawai


def _kembali(request):
    url = reverse("penggajian:kgb_list")
    if request.POST.get("opd", "").isdigit():
        url += f"?opd={request.POST['opd']}"
    return redirect(url)


def _tanggal_sk(request):
    teks = request.POST.get("tanggal_sk", "").strip()
    if not teks:
        return None
    try:
        return parse_tanggal(teks)
    except ValueError as exc:
        raise ValidationError({"tanggal_sk": "Tanggal SK tidak dikenali (mis. 2026-12-01)."}) from exc


@login_required
@require_POST
def kgb_tetapkan(request, pk: int):
    pegawai = _pegawai(request, pk)
    try:
        kgb = services.kgb_tetapkan(
            actor=request.user,
            pegawai=pegawai,
            nomor_sk=request.POST.get("nomor_sk", ""),
            tanggal_sk=_tanggal_sk(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        pesan = f"KGB {pegawai.nama} TMT {format_tanggal(kgb.tmt)} ditetapkan; gaji naik mulai bulan itu."
        if kgb.tmt < timezone.localdate().replace(day=1):
            pesan += " Bulan yang sudah dikunci dibayarkan lewat Koreksi pada slipnya."
        messages.success(request, pesan)
    return _kembali(request)


@login_required
@require_POST
def kgb_tetapkan_opd(request):
    if not permissions.can_issue_kgb(request.user):
        raise PermissionDenied
    opd = _opd_terpilih(request, list(opd_list_visible_to(user=request.user)))
    if opd is None:
        messages.error(request, "Pilih OPD terlebih dahulu.")
        return _kembali(request)
    format_nomor = request.POST.get("format_nomor", "").strip()
    nomor_awal = None
    if format_nomor:  # blank: numbers from the SK KGB register
        try:
            nomor_awal = int(request.POST.get("nomor_awal", "").strip())
        except ValueError:
            messages.error(request, "Nomor urut awal: isi bilangan bulat, mis. 101.")
            return _kembali(request)
    try:
        hasil = services.kgb_tetapkan_opd(
            actor=request.user,
            opd=opd,
            format_nomor=format_nomor,
            nomor_awal=nomor_awal,
            tanggal_sk=_tanggal_sk(request),
        )
    except ValidationError as exc:
        messages.error(request, "Tidak ada KGB yang ditetapkan: " + " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{len(hasil)} KGB {opd.nama} ditetapkan, SK {hasil[0].nomor_sk} s.d. {hasil[-1].nomor_sk}.",
        )
    return _kembali(request)


@login_required
@require_POST
def kgb_tunda(request, pk: int):
    pegawai = _pegawai(request, pk)
    try:
        services.kgb_tunda(actor=request.user, pegawai=pegawai, alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(request, f"KGB {pegawai.nama} ditunda.")
    return _kembali(request)


@login_required
@require_GET
def kgb_sk_pdf(request, pk: int):
    kgb = (
        KenaikanGajiBerkala.objects.select_related(
            "pegawai", "pegawai__opd", "pegawai__jabatan", "pegawai__golongan"
        )
        .filter(pk=pk)
        .first()
    )
    if kgb is None or kgb.status != KenaikanGajiBerkala.Status.DITETAPKAN:
        raise Http404
    terlihat = pegawai_list_visible_to(user=request.user).filter(pk=kgb.pegawai_id).exists()
    if not terlihat or not permissions.can_view_kgb_pegawai(request.user, kgb.pegawai):
        raise Http404
    response = HttpResponse(dokumen.sk_kgb_pdf(kgb=kgb, actor=request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="SK-KGB-{kgb.pegawai.nip}-{kgb.tmt:%Y%m%d}.pdf"'
    return response


urlpatterns = [
    path("gaji/kgb/", kgb_list, name="kgb_list"),
    path("gaji/kgb/tetapkan-opd/", kgb_tetapkan_opd, name="kgb_tetapkan_opd"),
    path("gaji/kgb/<int:pk>/tetapkan/", kgb_tetapkan, name="kgb_tetapkan"),
    path("gaji/kgb/<int:pk>/tunda/", kgb_tunda, name="kgb_tunda"),
    path("gaji/kgb/sk/<int:pk>/", kgb_sk_pdf, name="kgb_sk_pdf"),
]
