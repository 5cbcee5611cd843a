"""Statutory lists per OPD on screen, as XLSX, and as PDF with a verification QR code printed in the
background (pegawai.cetak_laporan)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.xlsx import write_xlsx

from . import cetak_laporan, permissions, selectors
from .laporan import LAPORAN, masa_kerja, usia
from .models import Penandatangan


def _opd_and_rows(request, jenis: str, data=None):
    user = request.user
    opds = selectors.opd_list_visible_to(user=user)
    kode = (data if data is not None else request.GET).get("opd", "")
    opd = selectors.unit_kerja_get_visible(user=user, kode=kode) if kode else None
    cakupan = selectors.cakupan_for(user)
    if opd is None and not cakupan.semua:
        if cakupan.opd_id is None:
            raise PermissionDenied
        opd = opds.filter(pk=cakupan.opd_id).first()
    if not permissions.can_view_daftar_statutori(user, opd):
        raise PermissionDenied
    base = selectors.pegawai_list_visible_to(user=user)
    if opd is not None:
        base = base.filter(opd=opd)
    return opds, opd, LAPORAN[jenis]["queryset"](base)


def _report(request, jenis: str):
    opds, opd, rows = _opd_and_rows(request, jenis)
    today = timezone.localdate()
    judul = LAPORAN[jenis]["judul"]
    cakupan = opd.nama if opd else "Seluruh OPD"
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return _xlsx(jenis, rows, today, judul, cakupan)
    if fmt == "pdf":  # old links: the PDF is now printed in the background from the page
        return redirect(reverse(f"pegawai:{jenis}") + (f"?opd={opd.kode}" if opd else "") + "#cetak-laporan")
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    for p in page.object_list:
        p.masa_kerja, p.usia = masa_kerja(p, today), usia(p, today)
    return render(
        request,
        f"pegawai/laporan/{LAPORAN[jenis]['template']}.html",
        {
            "opds": opds,
            "opd": opd,
            "page": page,
            "judul": judul,
            "cakupan": cakupan,
            "hari_ini": today,
            "jenis": jenis,
            "ttd_kosong": selectors.penandatangan_kosong(
                tanggal=today, peran=[Penandatangan.Peran.KEPALA_BKPSDM]
            )
            if permissions.can_manage_penandatangan(request.user)
            else [],
            **_cetak_context(request, jenis, opd),
        },
    )


def duk(request):
    return _report(request, "duk")


def nominatif(request):
    return _report(request, "nominatif")


def _xlsx(jenis, rows, today, judul, cakupan) -> HttpResponse:
    if jenis == "duk":
        headers = [
            "No",
            "Nama",
            "NIP",
            "Tempat lahir",
            "Tanggal lahir",
            "Pangkat",
            "Golongan",
            "TMT golongan",
            "Jabatan",
            "Eselon",
            "TMT jabatan",
            "Masa kerja",
            "Pendidikan",
            "Jurusan",
            "Usia",
            "OPD",
            "Unit kerja",
        ]
        data = (
            [
                i,
                p.nama_lengkap,
                p.nip,
                p.tempat_lahir,
                p.tanggal_lahir,
                p.golongan.pangkat,
                p.golongan.kode,
                p.tmt_golongan,
                p.jabatan.nama,
                p.jabatan.eselon,
                p.tmt_jabatan,
                masa_kerja(p, today),
                p.pendidikan_jenjang,
                p.pendidikan_jurusan,
                usia(p, today),
                p.opd.nama,
                p.unit_kerja.nama,
            ]
            for i, p in enumerate(rows.iterator(chunk_size=2000), start=1)
        )
    else:
        headers = [
            "No",
            "Unit kerja",
            "Nama",
            "NIP",
            "L/P",
            "Tempat lahir",
            "Tanggal lahir",
            "Status",
            "Golongan",
            "Jabatan",
            "Jenis jabatan",
            "Eselon/jenjang",
            "Pendidikan",
            "TMT jabatan",
        ]
        data = (
            [
                i,
                p.unit_kerja.nama,
                p.nama_lengkap,
                p.nip,
                p.jenis_kelamin,
                p.tempat_lahir,
                p.tanggal_lahir,
                p.status_kepegawaian,
                p.golongan.kode,
                p.jabatan.nama,
                p.jabatan.get_jenis_display(),
                p.jabatan.eselon or p.jabatan.get_jenjang_fungsional_display(),
                p.pendidikan_jenjang,
                p.tmt_jabatan,
            ]
            for i, p in enumerate(rows.iterator(chunk_size=2000), start=1)
        )
    content = write_xlsx(headers, data, title=jenis.upper())
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{jenis}-{today:%Y%m%d}.xlsx"'
    return response


def _cetak_context(request, jenis: str, opd) -> dict:
    daftar = cetak_laporan.cetak_laporan_list_visible_to(user=request.user, jenis=jenis)
    return {
        "jenis": jenis,
        "opd": opd,
        "daftar_cetak": daftar,
        "cetak_berjalan": any(c.status in ("antri", "berjalan") for c in daftar),
    }


@require_http_methods(["GET", "POST"])
def cetak(request, jenis: str):
    """POST: queue the PDF of the list on screen (the OPD chosen there); GET: the job list the report
    page polls while a job runs."""
    if jenis not in LAPORAN:
        raise Http404
    _opds, opd, _rows = _opd_and_rows(request, jenis, data=request.POST if request.method == "POST" else None)
    halaman = reverse(f"pegawai:{jenis}") + (f"?opd={opd.kode}" if opd else "")
    if request.method == "POST":
        try:
            job = cetak_laporan.cetak_laporan_minta(actor=request.user, jenis=jenis, opd=opd)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.info(
                request,
                f"PDF {job.get_jenis_display()} ({job.jumlah} pegawai) sedang dicetak di latar belakang.",
            )
        return redirect(halaman + "#cetak-laporan")
    return render(request, "pegawai/laporan/_cetak.html", _cetak_context(request, jenis, opd))


@require_GET
def cetak_unduh(request, pk: int):
    job = cetak_laporan.cetak_laporan_get_visible(user=request.user, pk=pk)
    if job.status != job.Status.SELESAI or not job.berkas:
        raise Http404
    return FileResponse(
        job.berkas.open("rb"), content_type="application/pdf", filename=job.berkas.name.rsplit("/", 1)[-1]
    )
