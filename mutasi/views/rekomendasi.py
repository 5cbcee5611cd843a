"""The shortlist for a vacancy: ranked candidates with the factor breakdown, XLSX export, "Buat usulan"
(a draft proposal with the shortlist stored beside it), and the dated weights (Admin BKD)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from akun import roles
from core.dates import format_tanggal, parse_tanggal
from core.xlsx import write_xlsx
from pegawai.models import Jabatan, Pegawai
from pegawai.selectors import cakupan_for

from .. import permissions, services
from ..models import FAKTOR, BobotRekomendasi
from ..rekomendasi import KOLOM, TanpaBobot, baris_berkas, daftar_pendek, jabatan_untuk_rekomendasi
from ._common import require

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TAMPIL = 50


def _opd_lingkup(user) -> int | None:
    """None: whole government (Admin BKD); otherwise the Operator OPD's own OPD."""
    return None if roles.is_admin_bkd(user) else cakupan_for(user).opd_id


def jabatan_get_for_rekomendasi(*, user, pk: int) -> Jabatan:
    """A position the user may seek candidates for, or 404 (an Operator OPD: its own OPD only)."""
    try:
        jabatan = jabatan_untuk_rekomendasi(pk)
    except Jabatan.DoesNotExist as exc:
        raise Http404("Jabatan tidak ditemukan.") from exc
    opd_id = _opd_lingkup(user)
    if opd_id is not None and (jabatan.unit_kerja.opd_id or jabatan.unit_kerja_id) != opd_id:
        raise Http404("Jabatan tidak ditemukan.")
    return jabatan


def _tanggal(request) -> dt.date:
    teks = (request.GET.get("tanggal") or request.POST.get("tanggal") or "").strip()
    if teks:
        try:
            return parse_tanggal(teks)
        except ValueError:
            messages.error(
                request, f"Tanggal '{teks}' tidak dikenal; gunakan format YYYY-MM-DD. Dipakai hari ini."
            )
    return timezone.localdate()


@require_GET
def rekomendasi(request, jabatan_id: int):
    require(permissions.can_view_rekomendasi(request.user))
    jabatan = jabatan_get_for_rekomendasi(user=request.user, pk=jabatan_id)
    tanggal = _tanggal(request)
    try:
        daftar = daftar_pendek(jabatan, tanggal, opd_id=_opd_lingkup(request.user))
    except TanpaBobot as exc:
        messages.error(request, str(exc))
        return redirect("mutasi:kebutuhan")
    if request.GET.get("format") == "xlsx":
        content = write_xlsx(KOLOM, baris_berkas(daftar.kandidat), title="rekomendasi")
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="rekomendasi-{jabatan.pk}-{tanggal.isoformat()}.xlsx"'
        )
        return response
    return render(
        request,
        "mutasi/rekomendasi.html",
        {
            "jabatan": jabatan,
            "tanggal": tanggal,
            "daftar": daftar,
            "kandidat": daftar.teratas(TAMPIL),
            "tampil": TAMPIL,
            "bisa_usul": permissions.can_create_usulan_mutasi(request.user),
            "alasan_bawaan": f"Mengisi lowongan {jabatan.nama} berdasarkan daftar kandidat per {format_tanggal(tanggal)}.",
        },
    )


@require_POST
def rekomendasi_usulan(request, jabatan_id: int):
    require(
        permissions.can_view_rekomendasi(request.user) and permissions.can_create_usulan_mutasi(request.user)
    )
    jabatan = jabatan_get_for_rekomendasi(user=request.user, pk=jabatan_id)
    tanggal = _tanggal(request)
    opd_id = _opd_lingkup(request.user)
    pegawai_qs = Pegawai.objects.select_related("jabatan", "unit_kerja").filter(aktif=True)
    if opd_id is not None:
        pegawai_qs = pegawai_qs.filter(opd_id=opd_id)
    try:
        pegawai = pegawai_qs.get(pk=int(request.POST.get("pegawai", "0")))
    except (ValueError, Pegawai.DoesNotExist) as exc:
        raise Http404("Pegawai tidak ditemukan.") from exc
    try:
        daftar = daftar_pendek(jabatan, tanggal, opd_id=opd_id)
        usulan = services.usulan_dari_rekomendasi(
            actor=request.user,
            daftar=daftar,
            pegawai=pegawai,
            tmt_rencana=tanggal,
            alasan=request.POST.get("alasan", ""),
        )
    except (ValidationError, TanpaBobot) as exc:
        pesan = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Usulan tidak dibuat: {pesan}")
        return redirect(f"{request.path.rsplit('usulan/', 1)[0]}?tanggal={tanggal.isoformat()}")
    messages.success(request, f"Draf usulan mutasi {pegawai.nama_lengkap} ke {jabatan.nama} dibuat.")
    return redirect("mutasi:usulan_detail", pk=usulan.pk)


@require_http_methods(["GET", "POST"])
def bobot(request):
    require(permissions.can_view_rekomendasi(request.user))
    boleh = permissions.can_manage_bobot_rekomendasi(request.user)
    errors: dict = {}
    data = {}
    if request.method == "POST":
        require(boleh)
        data = request.POST
        nilai = {}
        for kode, _label in FAKTOR:
            try:
                nilai[kode] = int(request.POST.get(kode, ""))
            except ValueError:
                nilai[kode] = None
        berlaku = None
        try:
            berlaku = parse_tanggal(request.POST.get("berlaku_mulai", ""))
        except ValueError:
            errors["berlaku_mulai"] = ["Tanggal berlaku wajib diisi (YYYY-MM-DD)."]
        if not errors:
            try:
                services.bobot_rekomendasi_save(
                    actor=request.user,
                    berlaku_mulai=berlaku,
                    dasar_hukum=request.POST.get("dasar_hukum", ""),
                    bobot=nilai,  # type: ignore[arg-type]
                    keterangan=request.POST.get("keterangan", ""),
                    alasan=request.POST.get("alasan", ""),
                )
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            else:
                messages.success(request, "Bobot rekomendasi disimpan.")
                return redirect("mutasi:rekomendasi_bobot")
    versi = list(BobotRekomendasi.objects.order_by("-berlaku_mulai"))
    return render(
        request,
        "mutasi/rekomendasi_bobot.html",
        {"versi": versi, "faktor": FAKTOR, "boleh": boleh, "errors": errors, "data": data},
    )


urlpatterns: list[URLPattern] = [
    path("mutasi/rekomendasi/bobot/", bobot, name="rekomendasi_bobot"),
    path("mutasi/rekomendasi/<int:jabatan_id>/", rekomendasi, name="rekomendasi"),
    path("mutasi/rekomendasi/<int:jabatan_id>/usulan/", rekomendasi_usulan, name="rekomendasi_usulan"),
]
