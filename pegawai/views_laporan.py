"""Statutory lists per OPD on screen, as XLSX and as PDF with a verification QR code."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.dates import format_tanggal, months_between
from core.documents import dokumen_register, qr_svg_data_uri, render_pdf, verifikasi_url
from core.xlsx import write_xlsx

from . import permissions, selectors
from .laporan import duk_queryset, nominatif_queryset
from .models import Penandatangan

LAPORAN = {
    "duk": {"judul": "Daftar Urut Kepangkatan", "template": "duk", "queryset": duk_queryset},
    "nominatif": {
        "judul": "Daftar Nominatif Pegawai",
        "template": "nominatif",
        "queryset": nominatif_queryset,
    },
}


def _masa_kerja(pegawai, today) -> str:
    if not pegawai.tmt_cpns:
        return "-"
    tahun, bulan = divmod(max(months_between(pegawai.tmt_cpns, today), 0), 12)
    return f"{tahun} th {bulan} bl"


def _usia(pegawai, today) -> int:
    return (
        today.year
        - pegawai.tanggal_lahir.year
        - ((today.month, today.day) < (pegawai.tanggal_lahir.month, pegawai.tanggal_lahir.day))
    )


def _opd_and_rows(request, jenis: str):
    user = request.user
    opds = selectors.opd_list_visible_to(user=user)
    kode = request.GET.get("opd", "")
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
    if fmt == "pdf":
        return _pdf(request, jenis, rows, today, judul, cakupan)
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    for p in page.object_list:
        p.masa_kerja, p.usia = _masa_kerja(p, today), _usia(p, today)
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
                _masa_kerja(p, today),
                p.pendidikan_jenjang,
                p.pendidikan_jurusan,
                _usia(p, today),
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


def _pdf(request, jenis, rows, today, judul, cakupan) -> HttpResponse:
    people = list(rows)
    for p in people:
        p.masa_kerja, p.usia = _masa_kerja(p, today), _usia(p, today)
    dokumen = dokumen_register(
        jenis=judul,
        judul=f"{judul} — {cakupan}",
        fakta={"OPD": cakupan, "Jumlah pegawai": str(len(people)), "Keadaan per": format_tanggal(today)},
        actor_name=request.user.get_full_name() or request.user.username,
    )
    pdf = render_pdf(
        f"pegawai/pdf/{LAPORAN[jenis]['template']}.html",
        {
            "judul": judul,
            "cakupan": cakupan,
            "rows": people,
            "hari_ini": today,
            "ttd": selectors.penandatangan_for(Penandatangan.Peran.KEPALA_BKPSDM, None, today),
            "dokumen": dokumen,
            "qr": qr_svg_data_uri(verifikasi_url(dokumen)),
            "verifikasi_url": verifikasi_url(dokumen),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{jenis}-{today:%Y%m%d}.pdf"'
    return response
