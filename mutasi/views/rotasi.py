"""Rotation round pages (Admin BKD): choose the vacancies and side rules, compute (Celery, with
progress), the proposed assignment beside the officers' own plan (each change re-scored at once via
htmx), and "Jadikan usulan"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.dates import parse_tanggal
from pegawai.models import Pegawai

from .. import kebutuhan as keb
from .. import permissions, services
from ..models import HasilRotasi, PutaranRotasi
from ..rotasi import bandingkan, rencana_usulan
from ._common import require


def _lowongan():
    """Positions lacking people across the government (the candidates for a round's vacancies)."""
    return keb.jabatan_dengan_bezetting(opd_ids=None, status=keb.STATUS_KURANG)


@require_http_methods(["GET", "POST"])
def rotasi(request, putaran_id: int):
    require(permissions.can_manage_putaran_rotasi(request.user))
    putaran = get_object_or_404(PutaranRotasi, pk=putaran_id)
    errors: list[str] = []
    if request.method == "POST":
        tanggal = None
        try:
            tanggal = parse_tanggal(request.POST.get("tanggal", ""))
        except ValueError:
            errors.append("TMT rencana wajib diisi (YYYY-MM-DD).")
        nips = [
            n.strip()
            for n in request.POST.get("nip_tambahan", "").replace(",", "\n").splitlines()
            if n.strip()
        ]
        tambahan = dict(Pegawai.objects.filter(nip__in=nips, aktif=True).values_list("nip", "id"))
        errors += [f"NIP {n} tidak ditemukan di antara pegawai aktif." for n in nips if n not in tambahan]
        aturan = {
            "persen_opd": request.POST.get("persen_opd", "").strip() or None,
            "pasangan": bool(request.POST.get("pasangan")),
            "tahun_tidak_kembali": request.POST.get("tahun_tidak_kembali", "").strip() or None,
        }
        if not errors:
            try:
                hasil = services.hasil_rotasi_create(
                    actor=request.user,
                    putaran=putaran,
                    jabatan_ids=request.POST.getlist("jabatan"),
                    pegawai_tambahan_ids=list(tambahan.values()),
                    tanggal=tanggal,
                    aturan=aturan,
                )
            except ValidationError as exc:
                errors += exc.messages
            else:
                messages.success(
                    request, "Perhitungan rotasi dijadwalkan; halaman ini memperbarui kemajuannya."
                )
                return redirect("mutasi:rotasi_hasil", pk=hasil.pk)
    return render(
        request,
        "mutasi/rotasi.html",
        {
            "putaran": putaran,
            "lowongan": _lowongan(),
            "riwayat": putaran.hasil_rotasi.select_related("dibuat_oleh")[:20],
            "errors": errors,
            "data": request.POST,
            "hari_ini": timezone.localdate(),
        },
    )


def _hasil(pk: int) -> HasilRotasi:
    try:
        return HasilRotasi.objects.select_related("putaran").get(pk=pk)
    except HasilRotasi.DoesNotExist as exc:
        raise Http404("Hasil rotasi tidak ditemukan.") from exc


def _manual(hasil: HasilRotasi) -> dict[int, int | None]:
    return {int(k): v for k, v in hasil.rencana_manual.items()}


def _konteks(hasil: HasilRotasi) -> dict:
    ctx: dict = {"hasil": hasil}
    if hasil.status in (HasilRotasi.Status.SELESAI, HasilRotasi.Status.DIUSULKAN) and hasil.hasil:
        manual = _manual(hasil)
        ctx["sistem"] = bandingkan(hasil.hasil, rencana_usulan(hasil.hasil))
        ctx["manual"] = bandingkan(hasil.hasil, manual)
        ctx["baris"] = [
            {**b, "pilihan_manual": manual.get(b["pegawai_id"])} for b in hasil.hasil["penugasan"]
        ]
        ctx["jabatan"] = hasil.hasil.get("jabatan", [])
    return ctx


@require_GET
def rotasi_hasil(request, pk: int):
    require(permissions.can_manage_putaran_rotasi(request.user))
    hasil = _hasil(pk)
    template = (
        "mutasi/_rotasi_kemajuan.html" if request.headers.get("HX-Request") else "mutasi/rotasi_hasil.html"
    )
    return render(request, template, _konteks(hasil))


@require_POST
def rotasi_rencana(request, pk: int):
    """htmx: set one mover's destination in the officers' plan; answers the re-scored comparison."""
    require(permissions.can_manage_putaran_rotasi(request.user))
    hasil = _hasil(pk)
    nilai = request.POST.get("jabatan", "")
    try:
        hasil = services.hasil_rotasi_ubah_rencana(
            actor=request.user,
            hasil=hasil,
            pegawai_id=int(request.POST.get("pegawai", "0")),
            jabatan_id=int(nilai) if nilai not in ("", "tetap") else None,
        )
    except (ValueError, ValidationError) as exc:
        pesan = " ".join(exc.messages) if isinstance(exc, ValidationError) else "Pilihan tidak sah."
        return render(
            request, "mutasi/_rotasi_ringkasan.html", {**_konteks(hasil), "galat": pesan}, status=422
        )
    return render(request, "mutasi/_rotasi_ringkasan.html", _konteks(hasil))


@require_POST
def rotasi_usulan(request, pk: int):
    require(permissions.can_manage_putaran_rotasi(request.user))
    hasil = _hasil(pk)
    try:
        usulan = services.hasil_rotasi_jadikan_usulan(
            actor=request.user,
            hasil=hasil,
            rencana="manual" if request.POST.get("rencana") == "manual" else "sistem",
            alasan=request.POST.get("alasan", ""),
        )
    except ValidationError as exc:
        messages.error(request, "Usulan tidak dibuat: " + " ".join(exc.messages))
    else:
        messages.success(request, f"{len(usulan)} draf usulan mutasi dibuat dari rencana rotasi.")
    return redirect("mutasi:rotasi_hasil", pk=hasil.pk)


urlpatterns: list[URLPattern] = [
    path("mutasi/putaran/<int:putaran_id>/rotasi/", rotasi, name="rotasi"),
    path("mutasi/rotasi/<int:pk>/", rotasi_hasil, name="rotasi_hasil"),
    path("mutasi/rotasi/<int:pk>/rencana/", rotasi_rencana, name="rotasi_rencana"),
    path("mutasi/rotasi/<int:pk>/usulan/", rotasi_usulan, name="rotasi_usulan"),
]
