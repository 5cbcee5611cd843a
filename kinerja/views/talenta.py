"""Talent management (PermenPANRB 3/2020): the 9-box grid, the names in a box, potential scores.

The grid reads the annual predikat (kinerja axis) and the latest potential assessment valid on the last
day of the year (potensial axis, thresholds from AmbangTalenta) through selectors.AturanTalenta, in a
fixed number of queries (one GROUP BY over (predikat, skor)).
"""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from akun import roles
from core.uploads import SPREADSHEET_EKSTENSI, upload_check
from core.xlsx import SpreadsheetError, write_xlsx
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import cakupan_for, opd_list_visible_to, pegawai_list_visible_to, unit_kerja_visible_to

from .. import permissions, selectors, services
from ..forms_talenta import PotensialForm
from ..impor_potensial import COLUMNS as KOLOM_IMPOR
from ..impor_potensial import REQUIRED as KOLOM_WAJIB
from ..impor_potensial import PotensialImporter
from ..models import (
    PERIODE_TAHUNAN,
    KotakTalenta,
    Penilaian,
    PenilaianPotensial,
    PeriodeKinerja,
    Rating,
)
from ._common import add_form_errors

# The grid as the regulation draws it: potential high → low from the top, kinerja low → high to the right.
POTENSIAL_URUT = [
    KotakTalenta.Potensial.TINGGI,
    KotakTalenta.Potensial.MENENGAH,
    KotakTalenta.Potensial.RENDAH,
]
KINERJA_URUT = [Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS]
BATAS_DAFTAR = 500
SESSION_IMPOR = "impor_potensial"
CONTOH_IMPOR = ["198804092012032001", "2026-03-15", "78.50", "", "Asesmen terpadu UPT Penilaian Kompetensi"]


# --- scope and filters --------------------------------------------------------------------------------


def _opd_terpilih(request) -> UnitKerja | None:
    """Admin BKD/Pimpinan: the whole government, or one OPD by ?opd=<id>; an Operator OPD: their OPD.

    A ?opd the viewer cannot see answers 404; a viewer with neither scope gets 403.
    """
    cakupan = cakupan_for(request.user)
    if not cakupan.semua and cakupan.opd_id is None:
        raise PermissionDenied
    raw = request.GET.get("opd", "").strip()
    if raw:
        opd = opd_list_visible_to(user=request.user).filter(pk=raw).first() if raw.isdigit() else None
        if opd is None:
            raise Http404("OPD tidak ditemukan.")
        return opd
    if cakupan.semua:
        return None
    return get_object_or_404(UnitKerja, pk=cakupan.opd_id)


def _periode_terpilih(request) -> PeriodeKinerja | None:
    """?tahun=, else the latest year with an annual evaluation, else the latest year."""
    raw = request.GET.get("tahun", "").strip()
    if raw:
        if not raw.isdigit():
            raise Http404("Tahun tidak dikenal.")
        return get_object_or_404(PeriodeKinerja, tahun=int(raw))
    tahunan = Penilaian.objects.filter(periode_kinerja=OuterRef("pk"), periode=PERIODE_TAHUNAN)
    periods = PeriodeKinerja.objects.order_by("-tahun")
    return periods.filter(Exists(tahunan)).first() or periods.first()


def _pegawai_cakupan(user, opd: UnitKerja | None) -> QuerySet[Pegawai]:
    qs = pegawai_list_visible_to(user=user).filter(aktif=True)
    return qs if opd is None else qs.filter(opd=opd)


# --- the grid -----------------------------------------------------------------------------------------


def _grid_rows(aturan: selectors.AturanTalenta, jumlah: Counter) -> list[dict]:
    labels_potensial = dict(KotakTalenta.Potensial.choices)
    per_sel = {(k.kinerja, k.potensial): k for k in aturan.kotak.values()}
    rows = []
    for potensial in POTENSIAL_URUT:
        sel = []
        for kinerja in KINERJA_URUT:
            kotak = per_sel.get((kinerja, potensial))
            sel.append(
                None
                if kotak is None
                else {
                    "kotak": kotak,
                    "jumlah": jumlah.get(kotak.kotak, 0),
                    "suksesi": bool(kotak.kelompok_suksesi),
                }
            )
        rows.append({"potensial": labels_potensial[potensial], "sel": sel})
    return rows


def _filter_context(request, opd, periode) -> dict:
    query = {"tahun": periode.tahun} if periode else {}
    if opd is not None and cakupan_for(request.user).semua:
        query["opd"] = opd.pk
    return {
        "opd": opd,
        "periode": periode,
        "daftar_periode": list(PeriodeKinerja.objects.order_by("-tahun").values_list("tahun", flat=True)),
        "daftar_opd": list(opd_list_visible_to(user=request.user)) if cakupan_for(request.user).semua else [],
        "query": urlencode(query),
    }


@require_GET
def talenta(request):
    """The 9-box grid of a year for the viewer's scope, with a chart of the headcount per box."""
    opd = _opd_terpilih(request)
    periode = _periode_terpilih(request)
    context = _filter_context(request, opd, periode)
    context["boleh_potensial"] = permissions.can_open_potensial(request.user)
    if periode is None:
        return render(request, "kinerja/talenta.html", context)
    aturan = selectors.AturanTalenta.untuk(periode.tahun)
    if aturan is None:
        context["pesan"] = "Kotak talenta atau ambang potensial belum ditetapkan untuk tahun ini."
        return render(request, "kinerja/talenta.html", context)
    pegawai = _pegawai_cakupan(request.user, opd)
    jumlah, dinilai = selectors.hitung_kotak(aturan, pegawai, periode)
    urut = sorted(aturan.kotak.values(), key=lambda k: k.kotak)
    context.update(
        {
            "rows": _grid_rows(aturan, jumlah),
            "label_kinerja": [Rating(r).label for r in KINERJA_URUT],
            "ambang": aturan.ambang,
            "total": sum(jumlah.values()),
            "dinilai": dinilai,
            "belum_dipetakan": dinilai - sum(jumlah.values()),
            "kelompok_suksesi": sum(jumlah.get(k.kotak, 0) for k in urut if k.kelompok_suksesi),
            "grafik": {
                "labels": [f"Kotak {k.kotak}" for k in urut],
                "data": [jumlah.get(k.kotak, 0) for k in urut],
                "suksesi": [bool(k.kelompok_suksesi) for k in urut],
            },
        }
    )
    return render(request, "kinerja/talenta.html", context)


@require_GET
def talenta_kotak(request, nomor: int):
    """The names in one box (htmx fragment; a full page without htmx), at most BATAS_DAFTAR rows."""
    opd = _opd_terpilih(request)
    periode = _periode_terpilih(request)
    if periode is None:
        raise Http404("Belum ada periode kinerja.")
    aturan = selectors.AturanTalenta.untuk(periode.tahun)
    kotak = aturan.kotak.get(nomor) if aturan else None
    if kotak is None:
        raise Http404("Kotak talenta tidak dikenal.")
    qs = selectors.penilaian_tahunan_dengan_potensial(_pegawai_cakupan(request.user, opd), periode).filter(
        aturan.q_kotak(kotak)
    )
    jumlah = qs.count()
    daftar = list(
        qs.select_related("pegawai", "pegawai__jabatan", "pegawai__opd").order_by(
            "pegawai__nama", "pegawai_id"
        )[:BATAS_DAFTAR]
    )
    context = {
        **_filter_context(request, opd, periode),
        "kotak": kotak,
        "daftar": daftar,
        "jumlah": jumlah,
        "batas": BATAS_DAFTAR,
        "terpotong": jumlah > len(daftar),
    }
    template = "kinerja/_talenta_kotak.html" if request.htmx else "kinerja/talenta_kotak.html"
    return render(request, template, context)


# --- potential scores ---------------------------------------------------------------------------------


def _pegawai_pencatat(user) -> QuerySet[Pegawai]:
    """Whose potential the user records: Admin BKD everyone, an Operator OPD their OPD; others 403."""
    if roles.is_admin_bkd(user):
        return Pegawai.objects.all()
    opd_id = cakupan_for(user).opd_id
    if opd_id is None:
        raise PermissionDenied
    return Pegawai.objects.filter(opd_id=opd_id)


@require_http_methods(["GET", "POST"])
def talenta_potensial(request):
    """Record one potential score; the latest ones in scope below the form."""
    pegawai_qs = _pegawai_pencatat(request.user)
    form = PotensialForm(request.POST or None, pegawai_qs=pegawai_qs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = services.potensial_save(
                actor=request.user,
                pegawai=data["nip"],
                skor=data["skor"],
                tanggal=data["tanggal"],
                berlaku_sampai=data["berlaku_sampai"],
                sumber=data["sumber"].strip(),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            skor = f"{row.skor:.2f}".replace(".", ",")
            messages.success(request, f"Skor potensial {row.pegawai.nama} ({skor}) tersimpan.")
            return redirect("kinerja:talenta_potensial")
    terakhir = (
        PenilaianPotensial.objects.filter(pegawai__in=pegawai_qs.values("pk"))
        .select_related("pegawai", "pegawai__opd", "dicatat_oleh")
        .order_by("-dibuat", "-id")[:20]
    )
    return render(request, "kinerja/talenta_potensial.html", {"form": form, "terakhir": terakhir})


def _importer(request) -> PotensialImporter:
    units = None if roles.is_admin_bkd(request.user) else unit_kerja_visible_to(user=request.user)
    return PotensialImporter(user=request.user, units=units)


def _impor_context(**extra) -> dict:
    return {"kolom": KOLOM_IMPOR, "wajib": KOLOM_WAJIB, **extra}


@require_GET
def talenta_potensial_templat(request):
    _pegawai_pencatat(request.user)
    content = write_xlsx(list(KOLOM_IMPOR), [CONTOH_IMPOR], title="potensial")
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-potensial.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def talenta_potensial_impor(request):
    """Upload → every row checked (nothing written) → preview with all errors or a confirm button."""
    _pegawai_pencatat(request.user)
    if request.method == "GET":
        return render(request, "kinerja/talenta_impor.html", _impor_context())
    berkas = request.FILES.get("berkas")
    pesan = None
    suffix = Path(berkas.name).suffix.lower() if berkas else ""
    if berkas is None:
        pesan = "Pilih berkas .xlsx atau .csv terlebih dahulu."
    elif suffix not in (".xlsx", ".csv"):
        pesan = "Berkas harus berformat .xlsx atau .csv."
    elif berkas.size > settings.ASN_IMPORT_MAX_BYTES:
        pesan = (
            f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); batasnya "
            f"{settings.ASN_IMPORT_MAX_BYTES // 1024 // 1024} MB. Pecah berkas atau gunakan perintah import_potensial."
        )
    else:
        try:
            upload_check(berkas, allowed=SPREADSHEET_EKSTENSI, max_bytes=settings.ASN_IMPORT_MAX_BYTES)
        except ValidationError as exc:
            pesan = exc.message_dict["berkas"][0]
    if pesan:
        return render(request, "kinerja/talenta_impor.html", _impor_context(pesan=pesan), status=400)
    folder = Path(settings.MEDIA_ROOT) / "impor"
    folder.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    berkas_path = folder / f"{token}{suffix}"
    with berkas_path.open("wb") as fh:
        for chunk in berkas.chunks():
            fh.write(chunk)
    try:
        report = _importer(request).run(berkas_path, filename=berkas.name, dry_run=True)
    except SpreadsheetError as exc:
        berkas_path.unlink(missing_ok=True)
        return render(request, "kinerja/talenta_impor.html", _impor_context(pesan=str(exc)), status=400)
    except BaseException:
        berkas_path.unlink(missing_ok=True)  # nothing of a failed upload stays behind
        raise
    if report.errors:
        berkas_path.unlink(missing_ok=True)
    else:
        request.session.setdefault(SESSION_IMPOR, {})[token] = {"path": str(berkas_path), "nama": berkas.name}
        request.session.modified = True
    return render(
        request,
        "kinerja/talenta_impor_pratinjau.html",
        {"report": report, "token": token, "nama_berkas": berkas.name},
    )


@require_POST
def talenta_potensial_impor_konfirmasi(request):
    """Validate the previewed file again and write every row or none."""
    _pegawai_pencatat(request.user)
    token = request.POST.get("token", "")
    pending = request.session.get(SESSION_IMPOR, {})
    entry = pending.get(token)
    if entry is None:
        messages.error(request, "Pratinjau impor sudah tidak berlaku; unggah ulang berkasnya.")
        return redirect("kinerja:talenta_potensial_impor")
    berkas_path = Path(entry["path"])
    try:
        report = _importer(request).run(berkas_path, filename=entry["nama"], dry_run=False)
    except SpreadsheetError as exc:
        report = None
        messages.error(request, str(exc))
    if report is not None and report.errors:
        return render(
            request,
            "kinerja/talenta_impor_pratinjau.html",
            {"report": report, "token": token, "nama_berkas": entry["nama"]},
        )
    pending.pop(token, None)
    request.session.modified = True
    berkas_path.unlink(missing_ok=True)
    if report is None:
        return redirect("kinerja:talenta_potensial_impor")
    messages.success(request, f"Impor penilaian potensial dari {entry['nama']} selesai. {report.ringkasan()}")
    return redirect("kinerja:talenta_potensial")


urlpatterns = [
    path("kinerja/talenta/", talenta, name="talenta"),
    path("kinerja/talenta/kotak/<int:nomor>/", talenta_kotak, name="talenta_kotak"),
    path("kinerja/talenta/potensial/", talenta_potensial, name="talenta_potensial"),
    path("kinerja/talenta/potensial/impor/", talenta_potensial_impor, name="talenta_potensial_impor"),
    path(
        "kinerja/talenta/potensial/impor/konfirmasi/",
        talenta_potensial_impor_konfirmasi,
        name="talenta_potensial_impor_konfirmasi",
    ),
    path(
        "kinerja/talenta/potensial/impor/templat/",
        talenta_potensial_templat,
        name="talenta_potensial_templat",
    ),
]
