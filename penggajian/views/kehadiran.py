"""Monthly attendance recaps (input of TPP disiplin): the list per month with search and OPD filter, and
a form for one employee's recap with a count per deduction code of the TPP rule in force that month.
Admin BKD: every OPD; Operator OPD: their own (another OPD's employee answers 404). Bulk entry is the
Excel import (/impor/ or `import_kehadiran`)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pegawai import permissions as pegawai_permissions
from pegawai.selectors import (
    opd_list_visible_to,
    pegawai_get_visible,
    pegawai_list_visible_to,
    pegawai_search,
)

from .. import permissions, selectors, services
from ..forms import RekapForm
from ..models import RekapKehadiran, RunGaji, bulan_label


def _wajib_petugas(user) -> None:
    if not permissions.can_view_kehadiran(user):
        raise PermissionDenied


def _bulan(request) -> tuple[int, int]:
    teks = (request.POST.get("bulan") if request.method == "POST" else None) or request.GET.get("bulan") or ""
    match = re.fullmatch(r"(\d{4})-(\d{2})", teks.strip())
    if match and 1 <= int(match.group(2)) <= 12:
        return int(match.group(1)), int(match.group(2))
    terakhir = RekapKehadiran.objects.order_by("-tahun", "-bulan").values_list("tahun", "bulan").first()
    if terakhir:
        return terakhir
    hari_ini = timezone.localdate()
    return hari_ini.year, hari_ini.month


def _kode_bulan(tahun: int, bulan: int) -> list[tuple[str, str]]:
    try:
        aturan = selectors.aturan_tpp_model(tahun, bulan)
    except selectors.AturanTidakAda:
        return []
    return list(aturan.kode_potongan.order_by("kode").values_list("kode", "keterangan"))


@login_required
@require_GET
def kehadiran_list(request):
    _wajib_petugas(request.user)
    tahun, bulan = _bulan(request)
    kode = _kode_bulan(tahun, bulan)
    pegawai = pegawai_list_visible_to(user=request.user)
    qs = RekapKehadiran.objects.filter(tahun=tahun, bulan=bulan, pegawai__in=pegawai)
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(pegawai__in=pegawai_search(pegawai, q))
    opd_id = request.GET.get("opd") or ""
    if opd_id.isdigit():
        qs = qs.filter(pegawai__opd_id=int(opd_id))
    qs = qs.select_related("pegawai", "pegawai__opd").order_by("pegawai__opd__nama", "pegawai__nama")
    halaman = Paginator(qs, 50).get_page(request.GET.get("page"))
    baris = [{"rekap": r, "jumlah": [r.jumlah.get(k, 0) for k, _ in kode]} for r in halaman.object_list]
    context = {
        "tahun": tahun,
        "bulan": bulan,
        "bulan_iso": f"{tahun}-{bulan:02d}",
        "bulan_label": bulan_label(tahun, bulan),
        "kode": kode,
        "baris": baris,
        "halaman": halaman,
        "q": q,
        "opd_id": opd_id,
        "opd_list": list(opd_list_visible_to(user=request.user).values_list("pk", "nama")),
        "boleh_impor": pegawai_permissions.can_import_data(request.user),
        "tpp_dikunci": RunGaji.objects.filter(
            jenis=RunGaji.Jenis.TPP, tahun=tahun, bulan=bulan, status=RunGaji.Status.DIKUNCI
        ).exists(),
    }
    return render(request, "penggajian/kehadiran_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def kehadiran_isi(request):
    """One employee's recap of one month: new or changed (history kept)."""
    _wajib_petugas(request.user)
    tahun, bulan = _bulan(request)
    kode = _kode_bulan(tahun, bulan)
    if request.method == "POST":
        nip = (request.POST.get("nip") or "").replace(" ", "")
        pegawai = pegawai_list_visible_to(user=request.user).filter(nip=nip).first() if nip else None
    else:
        nip = (request.GET.get("nip") or "").replace(" ", "")
        pegawai = pegawai_get_visible(user=request.user, nip=nip) if nip else None
    rekap = (
        RekapKehadiran.objects.filter(pegawai=pegawai, tahun=tahun, bulan=bulan).first() if pegawai else None
    )
    initial = {"nip": nip, "bulan": f"{tahun}-{bulan:02d}", "tanpa_keterangan": 0}
    if rekap:
        initial.update(hari_kerja=rekap.hari_kerja, tanpa_keterangan=rekap.tanpa_keterangan)
        initial.update({f"kode_{k}": rekap.jumlah.get(k, 0) for k, _ in kode})
    form = RekapForm(request.POST or None, initial=initial, kode=kode)
    if request.method == "POST" and form.is_valid():
        if pegawai is None:
            form.add_error("nip", f"Tidak ada pegawai dengan NIP {nip} dalam cakupan Anda.")
        else:
            jumlah = {
                k: form.cleaned_data[f"kode_{k}"] for k, _ in kode if form.cleaned_data.get(f"kode_{k}")
            }
            services.rekap_kehadiran_simpan(
                actor=request.user,
                pegawai=pegawai,
                tahun=tahun,
                bulan=bulan,
                hari_kerja=form.cleaned_data["hari_kerja"],
                tanpa_keterangan=form.cleaned_data["tanpa_keterangan"],
                jumlah=jumlah,
            )
            messages.success(
                request, f"Rekap kehadiran {pegawai.nama} bulan {bulan_label(tahun, bulan)} disimpan."
            )
            return redirect(
                f"{reverse('penggajian:kehadiran_list')}?bulan={tahun}-{bulan:02d}&q={pegawai.nip}"
            )
    context = {
        "form": form,
        "pegawai": pegawai,
        "rekap": rekap,
        "bulan_label": bulan_label(tahun, bulan),
        "riwayat": list(rekap.history.select_related("history_user").order_by("-history_date")[:10])
        if rekap
        else [],
        "tpp_dikunci": RunGaji.objects.filter(
            jenis=RunGaji.Jenis.TPP, tahun=tahun, bulan=bulan, status=RunGaji.Status.DIKUNCI
        ).exists(),
    }
    return render(request, "penggajian/kehadiran_form.html", context)


urlpatterns = [
    path("gaji/kehadiran/", kehadiran_list, name="kehadiran_list"),
    path("gaji/kehadiran/isi/", kehadiran_isi, name="kehadiran_isi"),
]
