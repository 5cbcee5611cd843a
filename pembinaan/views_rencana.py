"""Pages of needs and plans under /pembinaan/: the needs list (with the generation job and its progress),
proposing a need, the plans list, a plan (activities, agreement with the atasan, history, PDF), and the
rencana pengembangan kompetensi per OPD and for the government (approved by the PPK, PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.exceptions import pesan_validasi
from pegawai import selectors as pegawai_selectors
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import cakupan_for

from . import dokumen_rencana, permissions, services_kebutuhan, services_rencana
from . import selectors_kebutuhan as sk
from .forms_rencana import KegiatanRencanaForm, UsulanKebutuhanForm
from .models import GenerasiKebutuhan, KebutuhanPengembangan, RencanaPengembangan, SumberKebutuhan


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _filters(request) -> dict:
    """tahun (default: next year's plan), opd (only one the user sees), status, sumber, q."""
    tahun_ini = timezone.localdate().year
    try:
        tahun = int(request.GET.get("tahun") or tahun_ini + 1)
    except ValueError:
        tahun = tahun_ini + 1
    if not 2000 <= tahun <= tahun_ini + 1:
        tahun = tahun_ini + 1
    opds = list(pegawai_selectors.opd_list_visible_to(user=request.user))
    opd_id = None
    if (pilih := request.GET.get("opd", "")).isdigit() and any(o.pk == int(pilih) for o in opds):
        opd_id = int(pilih)
    return {
        "tahun": tahun,
        "opd_id": opd_id,
        "opds": opds,
        "q": request.GET.get("q", "").strip()[:100],
        "tahun_pilihan": list(range(tahun_ini + 1, tahun_ini - 4, -1)),
    }


def _pdf(content: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response


def _pegawai_saya(user) -> Pegawai | None:
    return Pegawai.objects.select_related("opd").filter(user=user).first()


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- needs ------------------------------------------------------------------------------------------------


def _tandai_batal(user, kebutuhan) -> list:
    """`bisa_batal` on each row: an open need the user may cancel (no query: the rows carry the employee)."""
    kebutuhan = list(kebutuhan)
    for k in kebutuhan:
        terbuka = k.status == KebutuhanPengembangan.Status.TERBUKA
        k.bisa_batal = terbuka and permissions.can_cancel_kebutuhan(user, k)
    return kebutuhan


@login_required
def kebutuhan_list(request):
    _require(permissions.can_view_kebutuhan_list(request.user))
    f = _filters(request)
    sumber = request.GET.get("sumber", "")
    sumber = sumber if sumber in SumberKebutuhan.values else ""
    status = request.GET.get("status", "")
    status = status if status in KebutuhanPengembangan.Status.values else ""
    topik = request.GET.get("topik", "").strip()[:200]
    qs = sk.kebutuhan_list(
        request.user, f["tahun"], opd_id=f["opd_id"], sumber=sumber, status=status, topik=topik
    )
    if f["q"]:
        qs = qs.filter(pegawai__nama__icontains=f["q"]) | qs.filter(pegawai__nip__startswith=f["q"])
    page = Paginator(qs.order_by("pegawai__nama", "pegawai_id", "sumber", "id"), 50).get_page(
        request.GET.get("halaman")
    )
    page.object_list = _tandai_batal(request.user, page.object_list)
    bisa_jalankan = permissions.can_generate_kebutuhan(request.user)
    context = {
        **f,
        "page": page,
        "sumber": sumber,
        "status": status,
        "topik": topik,
        "sumber_pilihan": SumberKebutuhan.choices,
        "status_pilihan": KebutuhanPengembangan.Status.choices,
        "bisa_jalankan": bisa_jalankan,
        "generasi": sk.generasi_terakhir(f["tahun"]) if bisa_jalankan else None,
        "bisa_usul": cakupan_for(request.user).pegawai_id is not None,
    }
    return render(request, "pembinaan/kebutuhan_list.html", context)


@login_required
@require_POST
def generasi_mulai(request):
    _require(permissions.can_generate_kebutuhan(request.user))
    try:
        tahun = int(request.POST.get("tahun", ""))
    except ValueError:
        messages.error(request, "Tahun rencana tidak valid.")
        return redirect("pembinaan:kebutuhan_list")
    try:
        run = services_kebutuhan.generasi_mulai(actor=request.user, tahun=tahun)
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
        return redirect(f"{reverse('pembinaan:kebutuhan_list')}?tahun={tahun}")
    messages.info(request, f"Pembentukan kebutuhan {tahun} dijalankan di latar belakang.")
    return redirect("pembinaan:generasi_detail", pk=run.pk)


@login_required
def generasi_detail(request, pk: int):
    _require(permissions.can_generate_kebutuhan(request.user))
    run = get_object_or_404(GenerasiKebutuhan.objects.select_related("dijalankan_oleh"), pk=pk)
    context = {"run": run}
    if request.htmx:
        return render(request, "pembinaan/_generasi_progres.html", context)
    return render(request, "pembinaan/generasi_detail.html", context)


def _pegawai_usul(user) -> list[Pegawai]:
    """Who the user may propose needs for: themselves and their direct subordinates."""
    pid = cakupan_for(user).pegawai_id
    if pid is None:
        return []
    from django.db.models import Q

    return list(Pegawai.objects.filter(Q(pk=pid) | Q(atasan_id=pid), aktif=True).order_by("nama", "nip"))


@login_required
def kebutuhan_usul(request):
    pilihan = _pegawai_usul(request.user)
    _require(bool(pilihan))
    tahun_ini = timezone.localdate().year
    form = UsulanKebutuhanForm(
        request.POST or None,
        pegawai_pilihan=pilihan,
        initial={"tahun": tahun_ini + 1, "pegawai": pilihan[0].pk},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services_kebutuhan.kebutuhan_usulkan(
                actor=request.user,
                pegawai=d["pegawai"],
                tahun=d["tahun"],
                topik=d["topik"],
                uraian=d["uraian"],
                bentuk_saran=d.get("bentuk_saran") or "",
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, f"Kebutuhan '{d['topik']}' diusulkan untuk {d['pegawai'].nama_lengkap}."
            )
            return redirect(f"{reverse('pembinaan:kebutuhan_list')}?tahun={d['tahun']}")
    return render(request, "pembinaan/kebutuhan_usul.html", {"form": form})


# --- plans ------------------------------------------------------------------------------------------------


@login_required
def rencana_list(request):
    _require(permissions.can_view_kebutuhan_list(request.user))
    f = _filters(request)
    status = request.GET.get("status", "")
    status = status if status in RencanaPengembangan.Status.values else ""
    qs = sk.rencana_list(request.user, f["tahun"], opd_id=f["opd_id"], status=status, q=f["q"]).order_by(
        "pegawai__nama", "pegawai__nip"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    saya = _pegawai_saya(request.user)
    context = {
        **f,
        "page": page,
        "status": status,
        "status_pilihan": RencanaPengembangan.Status.choices,
        "saya": saya,
    }
    return render(request, "pembinaan/rencana_list.html", context)


@login_required
def rencana_saya(request):
    """The employee's own plan of a year: the needs, and (POST) drafting the plan from them."""
    pegawai = _pegawai_saya(request.user)
    if pegawai is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    f = _filters(request)
    tahun = f["tahun"]
    if request.method == "POST":
        try:
            tahun = int(request.POST.get("tahun", ""))
            rencana = services_rencana.rencana_susun(actor=request.user, pegawai=pegawai, tahun=tahun)
        except (ValueError, ValidationError) as exc:
            pesan = pesan_validasi(exc) if isinstance(exc, ValidationError) else ["Tahun tidak valid."]
            messages.error(request, " ".join(pesan))
            return redirect("pembinaan:rencana_saya")
        messages.success(request, "Rencana disusun dari kebutuhan Anda; periksa lalu ajukan ke atasan.")
        return redirect("pembinaan:rencana_detail", pk=rencana.pk)
    rencana = RencanaPengembangan.objects.filter(pegawai=pegawai, tahun=tahun).first()
    context = {
        **f,
        "pegawai": pegawai,
        "rencana": rencana,
        "kebutuhan": _tandai_batal(request.user, sk.kebutuhan_pegawai(pegawai, tahun)),
    }
    return render(request, "pembinaan/rencana_saya.html", context)


def _kebutuhan_pilihan(rencana):
    return list(
        KebutuhanPengembangan.objects.filter(pegawai=rencana.pegawai, tahun=rencana.tahun)
        .exclude(status=KebutuhanPengembangan.Status.DIBATALKAN)
        .order_by("sumber", "id")
    )


@login_required
def rencana_detail(request, pk: int):
    rencana = sk.get_rencana_for(request.user, pk)
    bisa_ubah = permissions.can_edit_rencana(request.user, rencana)
    form = None
    if bisa_ubah:
        awal = {"waktu_mulai": f"{rencana.tahun}-03-01", "waktu_selesai": f"{rencana.tahun}-03-03"}
        form = KegiatanRencanaForm(
            request.POST or None,
            kebutuhan=_kebutuhan_pilihan(rencana),
            initial={**awal, "sumber_dana": "apbd"},
        )
    if request.method == "POST":
        _require(bisa_ubah)
        if form is not None and form.is_valid():
            try:
                services_rencana.kegiatan_simpan(actor=request.user, rencana=rencana, data=form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Kegiatan ditambahkan.")
                return redirect("pembinaan:rencana_detail", pk=rencana.pk)
    kegiatan = sk.kegiatan_rencana(rencana)
    context = {
        "rencana": rencana,
        "pegawai": rencana.pegawai,
        "kegiatan": kegiatan,
        "total_jp": sum((k.target_jp for k in kegiatan), 0),
        "total_biaya": sum(k.biaya for k in kegiatan),
        "kebutuhan": sk.kebutuhan_pegawai(rencana.pegawai, rencana.tahun),
        "riwayat": sk.riwayat_rencana(rencana),
        "form": form,
        "bisa_ubah": bisa_ubah,
        "bisa_ajukan": permissions.can_submit_rencana(request.user, rencana),
        "bisa_putus": permissions.can_decide_rencana(request.user, rencana),
    }
    return render(request, "pembinaan/rencana_detail.html", context)


@login_required
def kegiatan_ubah(request, pk: int):
    kegiatan = sk.get_kegiatan_for(request.user, pk)
    rencana = kegiatan.rencana
    _require(permissions.can_edit_rencana(request.user, rencana))
    awal = {
        "kebutuhan": str(kegiatan.kebutuhan_id or ""),
        "nama_kegiatan": kegiatan.nama_kegiatan,
        "bentuk": kegiatan.bentuk,
        "target_jp": kegiatan.target_jp,
        "waktu_mulai": kegiatan.waktu_mulai,
        "waktu_selesai": kegiatan.waktu_selesai,
        "biaya": kegiatan.biaya,
        "sumber_dana": kegiatan.sumber_dana,
        "keterangan": kegiatan.keterangan,
    }
    form = KegiatanRencanaForm(request.POST or None, kebutuhan=_kebutuhan_pilihan(rencana), initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services_rencana.kegiatan_simpan(
                actor=request.user, rencana=rencana, data=form.cleaned_data, kegiatan=kegiatan
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Kegiatan diubah.")
            return redirect("pembinaan:rencana_detail", pk=rencana.pk)
    return render(
        request, "pembinaan/kegiatan_form.html", {"form": form, "kegiatan": kegiatan, "rencana": rencana}
    )


@login_required
@require_POST
def kegiatan_hapus(request, pk: int):
    kegiatan = sk.get_kegiatan_for(request.user, pk)
    rencana_pk = kegiatan.rencana_id
    try:
        services_rencana.kegiatan_hapus(actor=request.user, kegiatan=kegiatan)
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
    else:
        messages.success(request, "Kegiatan dihapus.")
    return redirect("pembinaan:rencana_detail", pk=rencana_pk)


@login_required
@require_POST
def rencana_aksi(request, pk: int):
    rencana = sk.get_rencana_for(request.user, pk)
    aksi = request.POST.get("aksi")
    try:
        if aksi == "ajukan":
            services_rencana.rencana_ajukan(
                actor=request.user, rencana=rencana, catatan=request.POST.get("catatan", "")
            )
            messages.success(request, "Rencana diajukan ke atasan.")
        elif aksi == "setujui":
            services_rencana.rencana_setujui(
                actor=request.user, rencana=rencana, catatan=request.POST.get("catatan", "")
            )
            messages.success(request, f"Rencana {rencana.pegawai.nama_lengkap} disetujui.")
        elif aksi == "kembalikan":
            services_rencana.rencana_kembalikan(
                actor=request.user, rencana=rencana, alasan=request.POST.get("alasan", "")
            )
            messages.success(request, f"Rencana {rencana.pegawai.nama_lengkap} dikembalikan.")
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
    return redirect("pembinaan:rencana_detail", pk=rencana.pk)


@login_required
def rencana_pdf(request, pk: int):
    rencana = sk.get_rencana_for(request.user, pk)
    content = dokumen_rencana.rencana_pdf(
        rencana, actor_name=request.user.get_full_name() or request.user.username
    )
    return _pdf(content, f"rencana-pengembangan-{rencana.pegawai.nip}-{rencana.tahun}.pdf")


# --- the roll-up --------------------------------------------------------------------------------------------


def _rekap_opd(request, f) -> UnitKerja | None:
    """The OPD of the roll-up: the one chosen, or the operator's own; None = the government."""
    c = cakupan_for(request.user)
    opd_id = f["opd_id"] or (c.opd_id if not c.semua else None)
    return UnitKerja.objects.filter(pk=opd_id).first() if opd_id else None


@login_required
def rekap(request):
    _require(permissions.can_view_rekap_rencana(request.user))
    f = _filters(request)
    opd = _rekap_opd(request, f)
    opd_id = opd.pk if opd else None
    if request.method == "POST":
        _require(permissions.can_approve_rencana_kompetensi(request.user))
        try:
            services_rencana.rencana_kompetensi_setujui(
                actor=request.user, tahun=f["tahun"], opd=opd, catatan=request.POST.get("catatan", "")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(pesan_validasi(exc)))
        else:
            messages.success(
                request,
                f"Rencana pengembangan kompetensi {opd.nama if opd else 'pemerintah daerah'} {f['tahun']} disetujui.",
            )
        return redirect(
            f"{reverse('pembinaan:rekap')}?tahun={f['tahun']}" + (f"&opd={opd_id}" if opd_id else "")
        )
    rows = sk.rekap_per_opd(request.user, f["tahun"], opd_id=opd_id)
    from .models import RencanaKompetensi

    persetujuan = (
        RencanaKompetensi.objects.filter(tahun=f["tahun"], opd=opd).select_related("disetujui_oleh").first()
    )
    if request.GET.get("unduh") == "pdf":
        content = dokumen_rencana.rekap_pdf(
            f["tahun"], opd, actor_name=request.user.get_full_name() or request.user.username
        )
        return _pdf(content, f"rencana-pengembangan-kompetensi-{f['tahun']}.pdf")
    context = {
        **f,
        "opd": opd,
        "rows": rows,
        "angka": sk.rekap_angka(request.user, f["tahun"], opd_id=opd_id),
        "per_bentuk": sk.rekap_per_bentuk(request.user, f["tahun"], opd_id=opd_id),
        "per_sumber": sk.rekap_per_sumber(request.user, f["tahun"], opd_id=opd_id),
        "persetujuan": persetujuan,
        "bisa_setujui": permissions.can_approve_rencana_kompetensi(request.user)
        and not (persetujuan and persetujuan.status == "disetujui"),
    }
    return render(request, "pembinaan/rekap.html", context)
