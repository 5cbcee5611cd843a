"""Public satisfaction survey (answered without login via a QR code) and the page that manages it.

A unit's survey for a year has a random kode; /survei/<kode>/ is public (like /verifikasi/<kode>/, it is
exempt from the login requirement with @login_not_required). One answer per browser: a signed cookie
scoped to the survey's path marks it as answered. A second signed cookie carries a random device id;
the service stores only keyed hashes of it and of the IP address, and limits answers per device, per
network and per survey per day (kinerja.services.respon_survei_submit), so a script that drops its
cookies is still bounded and the unit's figure stays honest.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from akun import roles
from core.documents import qr_svg_data_uri
from core.request import client_ip
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import cakupan_for

from .. import selectors, services
from ..forms_talenta import ResponSurveiForm, SurveiBuatForm
from ..models import SurveiKepuasan

COOKIE_TERISI = "survei_terisi"
COOKIE_PERANGKAT = "survei_perangkat"
COOKIE_SALT = "kinerja.survei"
COOKIE_UMUR = 366 * 24 * 3600  # a survey runs for one year


# --- writes (kinerja.services has no survey service yet; these belong there) --------------------------


# --- scope --------------------------------------------------------------------------------------------


def _unit_q(user, *, kelola: bool) -> Q | None:
    """Units whose surveys the user sees (kelola=False) or creates and closes (kelola=True).

    None means every unit: Admin BKD, and Pimpinan for reading. An Operator OPD has the units of their
    OPD; a unit head the unit they lead and every unit below it. Anyone else: 403.
    """
    if roles.is_admin_bkd(user) or (not kelola and roles.is_pimpinan(user)):
        return None
    cakupan = cakupan_for(user)
    parts = []
    if cakupan.opd_id is not None:
        parts.append(Q(opd_id=cakupan.opd_id))
    if cakupan.pegawai_id is not None:
        dipimpin = (
            Pegawai.objects.filter(pk=cakupan.pegawai_id, aktif=True, jabatan__is_kepala=True)
            .values_list("jabatan__unit_kerja__path", flat=True)
            .first()
        )
        if dipimpin:
            parts.append(Q(path=dipimpin) | Q(path__startswith=dipimpin + "/"))
    if not parts:
        raise PermissionDenied
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def _units(q: Q | None) -> QuerySet[UnitKerja]:
    qs = UnitKerja.objects.all()
    return qs if q is None else qs.filter(q)


def _surveys(q: Q | None) -> QuerySet[SurveiKepuasan]:
    qs = SurveiKepuasan.objects.all()
    return qs if q is None else qs.filter(unit_kerja__in=_units(q))


def url_publik(survei: SurveiKepuasan) -> str:
    return settings.ASN_BASE_URL.rstrip("/") + reverse("kinerja:survei", args=[survei.kode])


# --- the management page ------------------------------------------------------------------------------


@require_GET
def survei_list(request):
    """Surveys of the units the user sees, with the QR code to print, answers and the average score."""
    q = _unit_q(request.user, kelola=False)
    qs = (
        _surveys(q)
        .select_related("periode", "unit_kerja", "unit_kerja__opd")
        .annotate(jumlah_respon=Count("respon"), rata_rata=Avg("respon__skor"))
        .order_by("-periode__tahun", "unit_kerja__path", "pk")
    )
    page = Paginator(qs, 25).get_page(request.GET.get("halaman"))
    for survei in page.object_list:
        survei.url_publik = url_publik(survei)
        survei.qr = qr_svg_data_uri(survei.url_publik)
    try:
        kelola_q = _unit_q(request.user, kelola=True)
    except PermissionDenied:
        form = None
    else:
        berjalan = selectors.periode_berjalan()
        form = SurveiBuatForm(
            unit_qs=_units(kelola_q).filter(aktif=True).order_by("path"),
            initial={"periode": berjalan.pk if berjalan else None},
        )
    return render(request, "kinerja/survei_list.html", {"page": page, "form": form})


@require_POST
def survei_create(request):
    form = SurveiBuatForm(request.POST, unit_qs=_units(_unit_q(request.user, kelola=True)).filter(aktif=True))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("kinerja:survei_list")
    try:
        survei = services.survei_create(**form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Survei {survei.unit_kerja.nama} tahun {survei.periode.tahun} dibuat; cetak kode QR-nya.",
        )
    return redirect("kinerja:survei_list")


@require_POST
def survei_toggle(request, pk: int):
    """Stop or resume accepting answers (a stopped survey's public page answers 404)."""
    survei = get_object_or_404(
        _surveys(_unit_q(request.user, kelola=True)).select_related("unit_kerja", "periode"), pk=pk
    )
    services.survei_set_aktif(survei=survei, aktif=not survei.aktif)
    status = "dibuka kembali" if survei.aktif else "ditutup"
    messages.success(request, f"Survei {survei.unit_kerja.nama} tahun {survei.periode.tahun} {status}.")
    return redirect("kinerja:survei_list")


# --- the public form ----------------------------------------------------------------------------------


def _survei_publik(kode: str) -> SurveiKepuasan:
    return get_object_or_404(
        SurveiKepuasan.objects.select_related("periode", "unit_kerja", "unit_kerja__opd"),
        kode=kode,
        aktif=True,
    )


def _sudah_mengisi(request, survei: SurveiKepuasan) -> bool:
    return request.get_signed_cookie(COOKIE_TERISI, default=None, salt=COOKIE_SALT) == survei.kode


@login_not_required
@require_http_methods(["GET", "POST"])
def survei(request, kode: str):
    """Public: the unit's name, one 1–5 rating and an optional comment. No login; CSRF as everywhere."""
    survei = _survei_publik(kode)
    if _sudah_mengisi(request, survei):
        if request.method == "POST":
            return redirect("kinerja:survei_terima_kasih", kode=survei.kode)
        return render(request, "kinerja/survei_terima_kasih.html", {"survei": survei, "sudah_mengisi": True})
    form = ResponSurveiForm(request.POST or None)
    perangkat = _perangkat(request)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.respon_survei_submit(
                survei=survei,
                perangkat=perangkat,
                ip=client_ip(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            code = getattr(exc, "code", None)
            status = 429 if code == "batas" else 200
            if code == "perangkat":
                response = redirect("kinerja:survei_terima_kasih", kode=survei.kode)
                _tandai_terisi(request, response, survei)
                return response
        else:
            response = redirect("kinerja:survei_terima_kasih", kode=survei.kode)
            _tandai_terisi(request, response, survei)
            _set_perangkat(request, response, perangkat)
            return response
    response = render(request, "kinerja/survei.html", {"survei": survei, "form": form}, status=status)
    _set_perangkat(request, response, perangkat)
    return response


def _perangkat(request) -> str:
    """This browser's random device id (signed cookie), new when it has none; hashed before storing."""
    return request.get_signed_cookie(
        COOKIE_PERANGKAT, default=None, salt=COOKIE_SALT
    ) or secrets.token_urlsafe(16)


def _set_perangkat(request, response, perangkat: str) -> None:
    if request.get_signed_cookie(COOKIE_PERANGKAT, default=None, salt=COOKIE_SALT) == perangkat:
        return
    response.set_signed_cookie(
        COOKIE_PERANGKAT,
        perangkat,
        salt=COOKIE_SALT,
        max_age=COOKIE_UMUR,
        path="/survei/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def _tandai_terisi(request, response, survei: SurveiKepuasan) -> None:
    response.set_signed_cookie(
        COOKIE_TERISI,
        survei.kode,
        salt=COOKIE_SALT,
        max_age=COOKIE_UMUR,
        path=reverse("kinerja:survei", args=[survei.kode]),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


@login_not_required
@require_GET
def survei_terima_kasih(request, kode: str):
    return render(request, "kinerja/survei_terima_kasih.html", {"survei": _survei_publik(kode)})


urlpatterns = [
    path("survei/<str:kode>/", survei, name="survei"),
    path("survei/<str:kode>/terima-kasih/", survei_terima_kasih, name="survei_terima_kasih"),
    path("kinerja/survei/", survei_list, name="survei_list"),
    path("kinerja/survei/buat/", survei_create, name="survei_create"),
    path("kinerja/survei/<int:pk>/aktif/", survei_toggle, name="survei_toggle"),
]
