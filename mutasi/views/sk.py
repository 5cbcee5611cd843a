"""Pages of the decrees: SK list, new (collective) SK from approved proposals, SK detail with its PDFs
(SK with lampiran, petikan per person, SPMT), cancellation with confirmation, the SPMT date."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.dates import format_tanggal

from .. import dokumen, permissions, selectors_sk
from ..forms_sk import BatalForm, SKForm, SPMTForm
from ..models import SKMutasi
from ..services import sk as services_sk
from ._common import add_form_errors, flash_errors, flash_form_errors, require

PAGE_SIZE = 50


@require_GET
def sk_list(request):
    require(permissions.can_view_sk_mutasi_list(request.user))
    status = request.GET.get("status", "")
    if status not in SKMutasi.Status.values:
        status = ""
    try:
        tahun = int(request.GET.get("tahun", "") or 0) or None
    except ValueError:
        tahun = None
    q = request.GET.get("q", "").strip()
    qs = selectors_sk.sk_list_for_table(user=request.user, tahun=tahun, status=status, q=q)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "mutasi/sk_list.html",
        {
            "page": page,
            "status": status,
            "tahun": tahun,
            "q": q,
            "tahun_list": selectors_sk.sk_tahun_list(),
            "status_list": SKMutasi.Status.choices,
            "boleh_terbit": permissions.can_issue_sk_mutasi(request.user),
        },
    )


def _label_usulan(u) -> str:
    return f"{u.nama_tampil} (NIP {u.nip_tampil}) — {u.asal_tampil} → {u.tujuan_tampil}, TMT {format_tanggal(u.tmt_rencana)}"


@require_http_methods(["GET", "POST"])
def sk_create(request):
    require(permissions.can_issue_sk_mutasi(request.user))
    siap = list(selectors_sk.usulan_siap_sk())
    initial = {
        "tanggal": timezone.localdate(),
        "tentang": dokumen.TENTANG_BAWAAN,
        "menimbang": dokumen.menimbang_bawaan(),
        "mengingat": dokumen.MENGINGAT_BAWAAN,
        "tembusan": dokumen.TEMBUSAN_BAWAAN,
        "usulan": [int(x) for x in request.GET.getlist("usulan") if x.isdigit()],
    }
    form = SKForm(
        request.POST or None, initial=initial, usulan_choices=[(u.pk, _label_usulan(u)) for u in siap]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        from ..models import UsulanMutasi

        try:
            sk = services_sk.sk_mutasi_issue(
                actor=request.user,
                usulan_list=list(UsulanMutasi.objects.filter(pk__in=data["usulan"])),
                tanggal=data["tanggal"],
                tentang=data["tentang"],
                menimbang=data["menimbang"],
                mengingat=data["mengingat"],
                memperhatikan=data["memperhatikan"] or None,
                tembusan=data["tembusan"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, f"SK mutasi {sk.nomor} diterbitkan.")
            return redirect("mutasi:sk_detail", pk=sk.pk)
    keberatan = {u.pk for u in siap if u.tanggapan == "keberatan"}
    return render(request, "mutasi/sk_form.html", {"form": form, "siap": siap, "keberatan": keberatan})


@require_GET
def sk_detail(request, pk: int):
    sk = selectors_sk.sk_get_visible(user=request.user, pk=pk)
    items = list(sk.pegawai_list.all())
    return render(
        request,
        "mutasi/sk_detail.html",
        {
            "sk": sk,
            "items": [(item, permissions.can_record_spmt(request.user, item)) for item in items],
            "keberatan": [i for i in items if i.usulan_id and i.usulan.tanggapan == "keberatan"],
            "boleh_batal": permissions.can_cancel_sk_mutasi(request.user, sk),
            "spmt_form": SPMTForm(initial={"tanggal_spmt": timezone.localdate()}),
        },
    )


@require_http_methods(["GET", "POST"])
def sk_batal(request, pk: int):
    sk = selectors_sk.sk_get_visible(user=request.user, pk=pk)
    require(permissions.can_cancel_sk_mutasi(request.user, sk))
    form = BatalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_sk.sk_mutasi_cancel(actor=request.user, sk=sk, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request, f"SK mutasi {sk.nomor} dibatalkan; nomornya tetap tercatat sebagai batal."
            )
            return redirect("mutasi:sk_detail", pk=sk.pk)
    return render(request, "mutasi/sk_batal.html", {"sk": sk, "form": form})


@require_POST
def sk_spmt(request, pk: int, item_pk: int):
    sk = selectors_sk.sk_get_visible(user=request.user, pk=pk)
    item = selectors_sk.sk_item_get_visible(user=request.user, sk=sk, pk=item_pk)
    require(permissions.can_record_spmt(request.user, item))
    form = SPMTForm(request.POST)
    if form.is_valid():
        try:
            services_sk.spmt_record(
                actor=request.user, item=item, tanggal_spmt=form.cleaned_data["tanggal_spmt"]
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, f"SPMT {item.nama} dicatat.")
    else:
        flash_form_errors(request, form)
    return redirect("mutasi:sk_detail", pk=pk)


def _pdf(data: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response


def _nama_berkas(teks: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in teks).strip("-")[:80] + ".pdf"


@require_GET
def sk_pdf(request, pk: int):
    sk = selectors_sk.sk_get_visible(user=request.user, pk=pk)
    return _pdf(dokumen.sk_pdf(sk), _nama_berkas(f"SK-mutasi-{sk.nomor}"))


@require_GET
def sk_petikan_pdf(request, pk: int, item_pk: int):
    sk = selectors_sk.sk_get_visible(user=request.user, pk=pk)
    item = selectors_sk.sk_item_get_visible(user=request.user, sk=sk, pk=item_pk)
    return _pdf(dokumen.petikan_pdf(sk, item), _nama_berkas(f"Petikan-{sk.nomor}-{item.nip}"))


@require_GET
def sk_spmt_pdf(request, pk: int, item_pk: int):
    sk = selectors_sk.sk_get_visible(user=request.user, pk=pk)
    item = selectors_sk.sk_item_get_visible(user=request.user, sk=sk, pk=item_pk)
    if not item.tanggal_spmt:
        messages.error(request, f"SPMT {item.nama} belum dicatat.")
        return redirect("mutasi:sk_detail", pk=pk)
    return _pdf(dokumen.spmt_pdf(sk, item), _nama_berkas(f"SPMT-{item.nomor_spmt}"))


@require_GET
def petikan_saya_pdf(request, item_pk: int):
    """The employee's own petikan (another employee's: 404)."""
    item = selectors_sk.sk_saya_get(user=request.user, pk=item_pk)
    return _pdf(dokumen.petikan_pdf(item.sk, item), _nama_berkas(f"Petikan-{item.sk.nomor}-{item.nip}"))


@require_GET
def spmt_saya_pdf(request, item_pk: int):
    """The employee's own SPMT, once recorded (before that, and for another employee's: 404)."""
    item = selectors_sk.sk_saya_get(user=request.user, pk=item_pk)
    if item.tanggal_spmt is None:
        raise Http404("SPMT belum dicatat.")
    return _pdf(
        dokumen.spmt_pdf(item.sk, item), _nama_berkas(f"SPMT-{item.nomor_spmt or item.sk.nomor}-{item.nip}")
    )


urlpatterns: list[URLPattern] = [
    path("mutasi/saya/petikan/<int:item_pk>/", petikan_saya_pdf, name="petikan_saya_pdf"),
    path("mutasi/saya/spmt/<int:item_pk>/", spmt_saya_pdf, name="spmt_saya_pdf"),
    path("mutasi/sk/", sk_list, name="sk_list"),
    path("mutasi/sk/baru/", sk_create, name="sk_create"),
    path("mutasi/sk/<int:pk>/", sk_detail, name="sk_detail"),
    path("mutasi/sk/<int:pk>/batal/", sk_batal, name="sk_batal"),
    path("mutasi/sk/<int:pk>/pdf/", sk_pdf, name="sk_pdf"),
    path("mutasi/sk/<int:pk>/petikan/<int:item_pk>/", sk_petikan_pdf, name="sk_petikan_pdf"),
    path("mutasi/sk/<int:pk>/spmt/<int:item_pk>/", sk_spmt, name="sk_spmt"),
    path("mutasi/sk/<int:pk>/spmt/<int:item_pk>/pdf/", sk_spmt_pdf, name="sk_spmt_pdf"),
]
