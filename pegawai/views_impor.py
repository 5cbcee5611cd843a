"""Browser imports: template download → upload → preview listing every row error → confirm.

The uploaded file is kept under MEDIA_ROOT/impor/ between preview and confirmation; the confirmation
validates it again and writes all rows or none (the same importer the management commands use).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.uploads import SPREADSHEET_EKSTENSI, upload_check
from core.xlsx import SpreadsheetError, write_xlsx

from . import permissions, selectors
from .impor import CONTOH, IMPORTERS, JUDUL

SESSION_KEY = "impor_berkas"


def _require(request, jenis: str):
    if not permissions.can_import_data(request.user):
        raise PermissionDenied
    if jenis not in IMPORTERS:
        raise Http404("Jenis impor tidak dikenal.")
    return IMPORTERS[jenis]


def _importer(request, jenis: str):
    return IMPORTERS[jenis](user=request.user, units=selectors.unit_kerja_visible_to(user=request.user))


def impor_index(request):
    if not permissions.can_import_data(request.user):
        raise PermissionDenied
    daftar = [
        {"jenis": jenis, "judul": JUDUL[jenis], "kolom": cls.columns, "wajib": cls.required}
        for jenis, cls in IMPORTERS.items()
    ]
    return render(request, "pegawai/impor/index.html", {"daftar": daftar})


def impor_templat(request, jenis: str):
    importer_class = _require(request, jenis)
    content = write_xlsx(list(importer_class.columns), [CONTOH[jenis]], title=jenis)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="templat-impor-{jenis}.xlsx"'
    return response


def _upload_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "impor"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@require_http_methods(["GET", "POST"])
def impor_unggah(request, jenis: str):
    importer_class = _require(request, jenis)
    context = {
        "jenis": jenis,
        "judul": JUDUL[jenis],
        "kolom": importer_class.columns,
        "wajib": importer_class.required,
    }
    if request.method == "GET":
        return render(request, "pegawai/impor/unggah.html", context)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        context["pesan"] = "Pilih berkas .xlsx atau .csv terlebih dahulu."
        return render(request, "pegawai/impor/unggah.html", context, status=400)
    suffix = Path(berkas.name).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        context["pesan"] = "Berkas harus berformat .xlsx atau .csv."
        return render(request, "pegawai/impor/unggah.html", context, status=400)
    if berkas.size > settings.ASN_IMPORT_MAX_BYTES:
        context["pesan"] = (
            f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); batasnya "
            f"{settings.ASN_IMPORT_MAX_BYTES // 1024 // 1024} MB. Pecah berkas atau gunakan perintah import_{jenis.replace('-', '_')}."
        )
        return render(request, "pegawai/impor/unggah.html", context, status=400)
    try:
        upload_check(berkas, allowed=SPREADSHEET_EKSTENSI, max_bytes=settings.ASN_IMPORT_MAX_BYTES)
    except ValidationError as exc:
        context["pesan"] = exc.message_dict["berkas"][0]
        return render(request, "pegawai/impor/unggah.html", context, status=400)
    token = uuid.uuid4().hex
    path = _upload_dir() / f"{token}{suffix}"
    with path.open("wb") as fh:
        for chunk in berkas.chunks():
            fh.write(chunk)
    try:
        report = _importer(request, jenis).run(path, filename=berkas.name, dry_run=True)
    except SpreadsheetError as exc:
        path.unlink(missing_ok=True)
        context["pesan"] = str(exc)
        return render(request, "pegawai/impor/unggah.html", context, status=400)
    except BaseException:
        path.unlink(missing_ok=True)  # nothing of a failed upload stays behind
        raise
    if report.errors:
        path.unlink(missing_ok=True)
    else:
        request.session.setdefault(SESSION_KEY, {})[token] = {
            "path": str(path),
            "jenis": jenis,
            "nama": berkas.name,
        }
        request.session.modified = True
    context.update({"report": report, "token": token, "nama_berkas": berkas.name})
    return render(request, "pegawai/impor/pratinjau.html", context)


@require_POST
def impor_konfirmasi(request, jenis: str):
    _require(request, jenis)
    token = request.POST.get("token", "")
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.get(token)
    if entry is None or entry["jenis"] != jenis:
        messages.error(request, "Pratinjau impor sudah tidak berlaku; unggah ulang berkasnya.")
        return redirect("pegawai:impor_unggah", jenis=jenis)
    path = Path(entry["path"])
    report = _importer(request, jenis).run(path, filename=entry["nama"], dry_run=False)
    if report.errors:
        context = {
            "jenis": jenis,
            "judul": JUDUL[jenis],
            "report": report,
            "token": token,
            "nama_berkas": entry["nama"],
        }
        return render(request, "pegawai/impor/pratinjau.html", context)
    pending.pop(token, None)
    request.session.modified = True
    path.unlink(missing_ok=True)
    messages.success(
        request, f"Impor {JUDUL[jenis].lower()} dari {entry['nama']} selesai. {report.ringkasan()}"
    )
    return redirect("pegawai:impor_index")
