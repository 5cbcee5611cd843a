"""Workforce needs: the government overview (per OPD) and the peta jabatan of one OPD, with XLSX export."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from core.dates import format_tanggal
from core.xlsx import write_xlsx
from pegawai import permissions as pegawai_permissions
from pegawai import selectors as pegawai_selectors
from pegawai.models import Jabatan

from .. import kebutuhan as sel
from .. import permissions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_PILIHAN = [
    ("", "Semua"),
    (sel.STATUS_KURANG, "Hanya yang kurang"),
    (sel.STATUS_LEBIH, "Hanya yang lebih"),
]
KOLOM_PEMDA = [
    "kode_opd",
    "nama_opd",
    "jumlah_jabatan",
    "kebutuhan",
    "bezetting",
    "selisih",
    "kurang",
    "lebih",
    "pensiun_12_bulan",
    "proyeksi_kurang",
]
KOLOM_PETA = [
    "kode_unit",
    "unit_kerja",
    "jabatan",
    "jenis_jabatan",
    "kelas_jabatan",
    "sumber_kebutuhan",
    "kebutuhan",
    "bezetting",
    "selisih",
    "kurang",
    "lebih",
    "pensiun_12_bulan",
    "proyeksi_kurang",
]


def _require(user) -> None:
    if not permissions.can_view_kebutuhan(user):
        raise PermissionDenied


def _filters(request) -> dict:
    jenis = request.GET.get("jenis", "")
    status = request.GET.get("status", "")
    return {
        "jenis": jenis if jenis in Jabatan.Jenis.values else "",
        "status": status if status in (sel.STATUS_KURANG, sel.STATUS_LEBIH) else "",
    }


def _xlsx(content: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def kebutuhan_pemda(request):
    _require(request.user)
    filters = _filters(request)
    opds = list(pegawai_selectors.opd_list_visible_to(user=request.user).order_by("kode"))
    opd_id = None
    if (kode := request.GET.get("opd", "")) and (pilih := next((o for o in opds if o.kode == kode), None)):
        opd_id = pilih.pk
    hari_ini = timezone.localdate()
    rows, total = sel.kebutuhan_pemda(user=request.user, opd_id=opd_id, hari_ini=hari_ini, **filters)
    if request.GET.get("unduh") == "xlsx":
        data = [
            [
                r.opd.kode,
                r.opd.nama,
                r.angka.jumlah_jabatan,
                r.angka.kebutuhan,
                r.angka.bezetting,
                r.angka.selisih,
                r.angka.kurang,
                r.angka.lebih,
                r.angka.pensiun,
                r.angka.proyeksi_kurang,
            ]
            for r in rows
        ]
        return _xlsx(write_xlsx(KOLOM_PEMDA, data, title="kebutuhan"), f"kebutuhan-pegawai-{hari_ini}.xlsx")
    grafik = {
        "labels": [r.opd.nama for r in rows],
        "datasets": [
            {"label": "Kurang", "data": [r.angka.kurang for r in rows], "backgroundColor": "#dc3545"},
            {"label": "Lebih", "data": [r.angka.lebih for r in rows], "backgroundColor": "#ffc107"},
            {
                "label": "Pensiun 12 bulan",
                "data": [r.angka.pensiun for r in rows],
                "backgroundColor": "#6c757d",
            },
        ],
        "horizontal": True,
    }
    context = {
        "rows": rows,
        "total": total,
        "opds": opds,
        "opd_kode": request.GET.get("opd", "") if opd_id else "",
        "jenis_pilihan": Jabatan.Jenis.choices,
        "status_pilihan": STATUS_PILIHAN,
        "grafik": grafik,
        "batas_pensiun": format_tanggal(sel.batas_pensiun(hari_ini)),
        **filters,
    }
    return render(request, "mutasi/kebutuhan.html", context)


def peta_jabatan(request, kode_opd: str):
    _require(request.user)
    opd = sel.opd_get_visible(user=request.user, kode=kode_opd)
    filters = _filters(request)
    hari_ini = timezone.localdate()
    units, total = sel.peta_jabatan(opd=opd, hari_ini=hari_ini, **filters)
    if request.GET.get("unduh") == "xlsx":
        data = [
            [
                node.unit.kode,
                node.unit.nama,
                j.nama,
                j.jenis_display,
                j.kelas_jabatan,
                j.sumber_display,
                j.kebutuhan,
                j.bezetting,
                j.selisih,
                max(j.selisih, 0),
                max(-j.selisih, 0),
                j.pensiun,
                max(j.selisih + j.pensiun, 0),
            ]
            for node in units
            for j in node.jabatan
        ]
        return _xlsx(
            write_xlsx(KOLOM_PETA, data, title="peta jabatan"), f"peta-jabatan-{opd.kode}-{hari_ini}.xlsx"
        )
    context = {
        "opd": opd,
        "units": [u for u in units if u.tampil],
        "total": total,
        "jenis_pilihan": Jabatan.Jenis.choices,
        "status_pilihan": STATUS_PILIHAN,
        "batas_pensiun": format_tanggal(sel.batas_pensiun(hari_ini)),
        "bisa_ubah": pegawai_permissions.can_manage_unit_kerja(request.user),
        "bisa_rekomendasi": permissions.can_view_rekomendasi(request.user),
        **filters,
    }
    return render(request, "mutasi/peta_jabatan.html", context)


urlpatterns: list[URLPattern] = [
    path("mutasi/kebutuhan/", kebutuhan_pemda, name="kebutuhan"),
    path("mutasi/kebutuhan/<str:kode_opd>/", peta_jabatan, name="peta_jabatan"),
]
