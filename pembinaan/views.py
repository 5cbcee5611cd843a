"""Pembinaan pages: JP compliance (government → OPD → employees), the employee's own JP with claims,
the operator's verification of claims, and the JP tab of the employee profile."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.exceptions import pesan_validasi
from core.xlsx import write_xlsx
from pegawai import selectors as pegawai_selectors
from pegawai.models import Pegawai

from . import permissions, selectors, selectors_pelatihan, services
from .forms import KlaimForm
from .impor import EXPORT_COLUMNS, jp_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KOLOM_OPD = [
    "kode_opd",
    "nama_opd",
    "jumlah_pegawai",
    "memenuhi",
    "belum_memenuhi",
    "persen_memenuhi",
    "rata_jp",
]


def batas_peringatan() -> int:
    """The early-warning threshold (JP) the lists offer by default (setting ASN_JP_PERINGATAN)."""
    return int(getattr(settings, "ASN_JP_PERINGATAN", 10))


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _xlsx(content: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def _filters(request) -> dict:
    """tahun (default this year), opd (id, only one the user sees), status, di_bawah (JP threshold)."""
    tahun_ini = timezone.localdate().year
    try:
        tahun = int(request.GET.get("tahun") or tahun_ini)
    except ValueError:
        tahun = tahun_ini
    if not 2000 <= tahun <= tahun_ini + 1:
        tahun = tahun_ini
    opds = list(pegawai_selectors.opd_list_visible_to(user=request.user))
    opd_id = None
    if (pilih := request.GET.get("opd", "")).isdigit() and any(o.pk == int(pilih) for o in opds):
        opd_id = int(pilih)
    status = request.GET.get("status", "")
    if status not in Pegawai.Status.values:
        status = ""
    di_bawah = request.GET.get("di_bawah", "")
    return {
        "tahun": tahun,
        "opd_id": opd_id,
        "status": status,
        "di_bawah": int(di_bawah) if di_bawah.isdigit() else None,
        "opds": opds,
        "tahun_pilihan": list(range(tahun_ini, tahun_ini - 5, -1)),
        "status_pilihan": Pegawai.Status.choices,
    }


@login_required
def kepatuhan(request):
    """Government (or the user's OPD): per OPD how many meet their yearly JP target, with a chart."""
    _require(permissions.can_view_kepatuhan(request.user))
    f = _filters(request)
    rows = selectors.kepatuhan_per_opd(request.user, f["tahun"], opd_id=f["opd_id"], status=f["status"])
    if request.GET.get("unduh") == "xlsx":
        data = [
            [
                r["kode"],
                r["nama"],
                r["jumlah"],
                r["memenuhi"],
                r["belum"],
                r["persen"],
                round(r["rata_jp"], 2),
            ]
            for r in rows
        ]
        return _xlsx(
            write_xlsx(KOLOM_OPD, data, title=f"kepatuhan JP {f['tahun']}"), f"kepatuhan-jp-{f['tahun']}.xlsx"
        )
    jumlah = sum(r["jumlah"] for r in rows)
    memenuhi = sum(r["memenuhi"] for r in rows)
    grafik = {
        "labels": [r["nama"] for r in rows],
        "datasets": [
            {"label": "% memenuhi target", "data": [r["persen"] for r in rows], "backgroundColor": "#198754"}
        ],
        "horizontal": True,
    }
    context = {
        **f,
        "rows": rows,
        "jumlah": jumlah,
        "memenuhi": memenuhi,
        "persen": round(100 * memenuhi / jumlah, 1) if jumlah else 0,
        "targets": selectors.target_per_status(f["tahun"]),
        "grafik": grafik,
        "batas": batas_peringatan(),
    }
    return render(request, "pembinaan/kepatuhan.html", context)


@login_required
def pegawai_list(request):
    """Employees (of an OPD) with their JP and target; `di_bawah` keeps those below a JP threshold."""
    _require(permissions.can_view_kepatuhan(request.user))
    f = _filters(request)
    qs = selectors.pegawai_jp(request.user, f["tahun"], opd_id=f["opd_id"], status=f["status"])
    if f["di_bawah"] is not None:
        qs = qs.filter(jp_total__lt=Decimal(f["di_bawah"]))
    if request.GET.get("unduh") == "xlsx":
        rows = jp_rows(qs)
        return _xlsx(write_xlsx(EXPORT_COLUMNS, rows, title=f"JP {f['tahun']}"), f"jp-{f['tahun']}.xlsx")
    qs = qs.select_related("opd", "unit_kerja").order_by("jp_total", "nama", "nip")
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "pembinaan/pegawai_list.html", {**f, "page": page, "batas": batas_peringatan()})


def _pegawai_saya(request) -> Pegawai:
    pegawai = Pegawai.objects.select_related("opd").filter(user=request.user).first()
    if pegawai is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return pegawai


@login_required
def saya(request):
    """The employee's own JP: this year's total against the target, the activities, and a claim form."""
    _require(permissions.can_view_jp_saya(request.user))
    pegawai = _pegawai_saya(request)
    f = _filters(request)
    form = KlaimForm()
    if request.method == "POST":
        _require(permissions.can_claim_kegiatan(request.user, pegawai))
        form = KlaimForm(request.POST, request.FILES)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "bukti"}
            try:
                services.klaim_ajukan(
                    actor=request.user, pegawai=pegawai, data=data, bukti=form.cleaned_data.get("bukti")
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, "Klaim kegiatan diajukan; JP dihitung setelah diverifikasi operator."
                )
                return redirect("pembinaan:saya")
    context = {
        **f,
        "pegawai": pegawai,
        "ringkasan": selectors.ringkasan_pegawai(pegawai, f["tahun"]),
        "kegiatan": selectors.kegiatan_pegawai(pegawai, f["tahun"]),
        "form": form,
        "bisa_klaim": permissions.can_claim_kegiatan(request.user, pegawai),
        "pelatihan_saya": list(selectors_pelatihan.peserta_pegawai(pegawai)[:20]),  # h6
    }
    return render(request, "pembinaan/saya.html", context)


@login_required
def klaim_list(request):
    """Claims waiting for verification (Admin BKD: all; Operator OPD: their OPD)."""
    _require(permissions.can_view_verifikasi(request.user))
    qs = selectors.klaim_untuk_verifikasi(request.user).order_by("dibuat", "id")
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "pembinaan/klaim_list.html", {"page": page})


@login_required
@require_POST
def klaim_putus(request, pk: int):
    kegiatan = selectors.get_klaim_for(request.user, pk)
    _require(permissions.can_verify_klaim(request.user, kegiatan))
    try:
        if request.POST.get("aksi") == "verifikasi":
            services.klaim_verifikasi(
                actor=request.user, kegiatan=kegiatan, catatan=request.POST.get("catatan", "")
            )
            messages.success(request, f"Klaim {kegiatan.nama_pelatihan} diverifikasi; JP diakui.")
        else:
            services.klaim_tolak(actor=request.user, kegiatan=kegiatan, alasan=request.POST.get("alasan", ""))
            messages.success(request, f"Klaim {kegiatan.nama_pelatihan} ditolak.")
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
    return redirect("pembinaan:klaim_list")


@login_required
def bukti(request, pk: int):
    kegiatan = selectors.get_kegiatan_bukti_for(request.user, pk)
    return FileResponse(
        kegiatan.bukti.open("rb"), as_attachment=False, filename=kegiatan.bukti.name.rsplit("/", 1)[-1]
    )


def jp_profil(user, pegawai) -> dict | None:
    """The JP tab of the employee profile: this year's total against the target and the activities."""
    if not permissions.can_view_jp_pegawai(user, pegawai):
        return None
    tahun = timezone.localdate().year
    return {
        "ringkasan": selectors.ringkasan_pegawai(pegawai, tahun),
        "kegiatan": list(selectors.kegiatan_pegawai(pegawai, tahun)[:20]),
    }
