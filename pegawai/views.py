"""Thin views: bind forms, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from akun import roles
from core.exceptions import pesan_validasi
from core.nip import format_nip
from core.xlsx import write_xlsx

from . import permissions, profil, selectors, services
from .filters import PegawaiFilter
from .forms import KeluargaFormSet, KeputusanForm, PegawaiForm, UsulanPerubahanForm
from .history import perubahan_from_history
from .models import Jabatan, Keluarga, Pegawai, RiwayatHukumanDisiplin, UnitKerja, UsulanPerubahanData

SORTS = {
    "nama": ("nama", "id"),
    "-nama": ("-nama", "-id"),
    "nip": ("nip",),
    "-nip": ("-nip",),
    "golongan": ("golongan__jenis", "golongan__urutan", "nama"),
    "-golongan": ("-golongan__jenis", "-golongan__urutan", "nama"),
    "opd": ("opd__nama", "nama"),
    "-opd": ("-opd__nama", "nama"),
}
PAGE_SIZE = 25
# What the table shows (templates/pegawai/_tabel.html); loading only these keeps the page flat at 50,000.
TABLE_FIELDS = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status_kepegawaian",
    "golongan__kode",
    "jabatan__nama",
    "unit_kerja__nama",
    "opd__nama",
)
PROFILE_TABS = [
    ("pribadi", "Data pribadi"),
    ("jabatan", "Jabatan & pangkat"),
    ("keluarga", "Keluarga"),
    ("pendidikan", "Pendidikan"),
    ("riwayat", "Riwayat perubahan"),
]

EXPORT_COLUMNS = [
    ("NIP", lambda p: p.nip),
    ("Nama", lambda p: p.nama_lengkap),
    ("Status", lambda p: p.status_kepegawaian),
    ("Golongan", lambda p: p.golongan.kode),
    ("Pangkat", lambda p: p.golongan.pangkat),
    ("Jabatan", lambda p: p.jabatan.nama),
    ("Jenis jabatan", lambda p: p.jabatan.get_jenis_display()),
    ("Unit kerja", lambda p: p.unit_kerja.nama),
    ("OPD", lambda p: p.opd.nama),
    ("Pendidikan", lambda p: p.pendidikan_jenjang),
    ("Jenis kelamin", lambda p: p.jenis_kelamin),
    ("Tanggal lahir", lambda p: p.tanggal_lahir),
    ("TMT pensiun", lambda p: p.tanggal_pensiun),
]


def pegawai_list(request):
    user = request.user
    base = selectors.pegawai_list_for_table(user=user).filter(aktif=True)
    filterset = PegawaiFilter(
        request.GET, queryset=base, opd_queryset=selectors.opd_list_visible_to(user=user)
    )
    qs = selectors.pegawai_search(filterset.qs, request.GET.get("q", ""))
    sort = request.GET.get("urut", "nama")
    order = SORTS.get(sort, SORTS["nama"])
    if sort in ("nama", "-nama") and selectors.is_trigram_name_search(request.GET.get("q", "")):
        # Sorting on an expression keeps PostgreSQL on the trigram index: ordered by the name index it
        # underestimates how many rows it must skip for a rare name (36 ms for "Rini" at 50,000 rows,
        # 2 ms this way). Case-insensitive order is what people expect anyway.
        order = (Lower("nama").desc(), "-id") if sort == "-nama" else (Lower("nama"), "id")
    qs = qs.order_by(*order)
    if request.GET.get("format") == "xlsx":
        if not permissions.can_export_pegawai(user):
            raise PermissionDenied
        content = write_xlsx(
            [c[0] for c in EXPORT_COLUMNS],
            ([fn(p) for _, fn in EXPORT_COLUMNS] for p in qs.iterator(chunk_size=2000)),
            title="Pegawai",
        )
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="pegawai-{timezone.localdate():%Y%m%d}.xlsx"'
        return response
    page = Paginator(qs.only(*TABLE_FIELDS), PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "filter": filterset,
        "pilihan": [] if request.htmx else filterset.pilihan(),
        "q": request.GET.get("q", ""),
        "urut": sort,
        "can_create": permissions.can_create_pegawai(user),
        "can_export": permissions.can_export_pegawai(user),
    }
    template = "pegawai/_tabel.html" if request.htmx else "pegawai/list.html"
    return render(request, template, context)


def pegawai_detail(request, nip: str):
    """The profile. Its secondary tabs (the change history and the tabs other apps register with a
    `boleh` predicate: KGB, JP, …) are not computed here: each loads from `pegawai_detail_tab` when shown."""
    pegawai = selectors.pegawai_get_visible(user=request.user, nip=nip)
    today = timezone.localdate()
    mkg = pegawai.mkg_pada(today)
    context = {
        "pegawai": pegawai,
        "keluarga": list(pegawai.keluarga.all()),
        "riwayat_jabatan": list(pegawai.riwayat_jabatan.all()),
        "riwayat_pangkat": list(pegawai.riwayat_pangkat.select_related("golongan")),
        "riwayat_pendidikan": list(pegawai.riwayat_pendidikan.all()),
        "riwayat_hukdis": [(r, r.berlaku_pada(today)) for r in pegawai.riwayat_hukdis.all()],
        "mkg_sekarang": mkg,
        "bup": pegawai.batas_usia_pensiun(),
        "bawahan": list(pegawai.bawahan.filter(aktif=True).select_related("jabatan", "golongan")[:50]),
        "can_edit": permissions.can_edit_pegawai(request.user, pegawai),
        "can_propose": permissions.can_propose_perubahan_data(request.user, pegawai),
        "tab": request.GET.get("tab", "pribadi"),
        "tabs_tambahan": profil.tabs_for(request.user, pegawai),
    }
    context["tabs"] = PROFILE_TABS + [(t["tab"].key, t["tab"].label) for t in context["tabs_tambahan"]]
    return render(request, "pegawai/detail.html", context)


def _perubahan_pegawai(pegawai) -> list:
    """The audit trail of the employee, their family and their disciplinary records, newest first."""
    riwayat_history = list(Pegawai.history.filter(id=pegawai.pk).select_related("history_user"))
    keluarga_history = list(Keluarga.history.filter(pegawai_id=pegawai.pk).select_related("history_user"))
    hukdis_history = list(
        RiwayatHukumanDisiplin.history.filter(pegawai_id=pegawai.pk).select_related("history_user")
    )
    perubahan = (
        perubahan_from_history(riwayat_history, objek_label=lambda r: "Data pegawai")
        + perubahan_from_history(keluarga_history, objek_label=lambda r: f"Keluarga: {r.nama}")
        + perubahan_from_history(hukdis_history, objek_label=lambda r: f"Hukuman disiplin: {r.jenis}")
    )
    perubahan.sort(key=lambda p: p.tanggal, reverse=True)
    return perubahan


def pegawai_detail_tab(request, nip: str, key: str):
    """One tab of the profile loaded on demand (htmx): the same scoping as the profile (an employee
    outside the user's scope, or a tab this user may not see, answers 404)."""
    pegawai = selectors.pegawai_get_visible(user=request.user, nip=nip)
    if key == "riwayat":
        return render(request, "pegawai/_perubahan.html", {"perubahan": _perubahan_pegawai(pegawai)})
    tab = profil.tab_get(key)
    if tab is None or tab.boleh is None or not tab.boleh(request.user, pegawai):
        raise Http404("Tab tidak ditemukan.")
    data = tab.konteks(request.user, pegawai)
    if data is None:
        raise Http404("Tab tidak ditemukan.")
    return render(request, tab.template, {"data": data, "pegawai": pegawai})


def pegawai_saya(request):
    me = selectors.pegawai_of_user(request.user)
    if me is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return redirect("pegawai:detail", nip=me.nip)


def _unit_queryset_for_editor(user):
    return selectors.unit_kerja_visible_to(user=user).order_by("path")


@require_http_methods(["GET", "POST"])
def pegawai_create(request):
    if not permissions.can_create_pegawai(request.user):
        raise PermissionDenied
    form = PegawaiForm(
        request.POST or None,
        unit_queryset=_unit_queryset_for_editor(request.user),
        atasan_queryset=selectors.pegawai_list_visible_to(user=request.user),
    )
    pegawai = save_form(
        request,
        form,
        lambda obj: services.pegawai_save(actor=request.user, pegawai=obj),
        lambda obj: f"Pegawai {obj.nama} ({format_nip(obj.nip)}) ditambahkan.",
    )
    if pegawai is not None:
        return redirect("pegawai:detail", nip=pegawai.nip)
    return render(request, "pegawai/form.html", {"form": form, "judul": "Tambah pegawai"})


@require_http_methods(["GET", "POST"])
def pegawai_update(request, nip: str):
    pegawai = selectors.pegawai_get_visible(user=request.user, nip=nip)
    if not permissions.can_edit_pegawai(request.user, pegawai):
        raise PermissionDenied
    form = PegawaiForm(
        request.POST or None,
        instance=pegawai,
        unit_queryset=_unit_queryset_for_editor(request.user),
        atasan_queryset=selectors.pegawai_list_visible_to(user=request.user),
    )
    saved = save_form(
        request,
        form,
        lambda obj: services.pegawai_save(
            actor=request.user, pegawai=obj, alasan=form.cleaned_data.get("alasan_perubahan", "")
        ),
        lambda obj: "Perubahan data pegawai disimpan dan tercatat di riwayat perubahan.",
    )
    if saved is not None:
        return redirect("pegawai:detail", nip=saved.nip)
    return render(
        request, "pegawai/form.html", {"form": form, "pegawai": pegawai, "judul": f"Ubah data {pegawai.nama}"}
    )


@require_http_methods(["GET", "POST"])
def keluarga_update(request, nip: str):
    pegawai = selectors.pegawai_get_visible(user=request.user, nip=nip)
    if not permissions.can_edit_pegawai(request.user, pegawai):
        raise PermissionDenied
    formset = KeluargaFormSet(request.POST or None, queryset=pegawai.keluarga.all(), prefix="keluarga")
    if request.method == "POST" and formset.is_valid():
        try:
            services.keluarga_save(actor=request.user, pegawai=pegawai, formset=formset)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, "Data keluarga disimpan dan tercatat di riwayat perubahan.")
            return redirect(reverse("pegawai:detail", args=[pegawai.nip]) + "?tab=keluarga")
    return render(request, "pegawai/keluarga_form.html", {"formset": formset, "pegawai": pegawai})


def save_form(request, form, save, sukses):
    """POST only: validate the form, call the service, flash the success message and return the object.

    A ValidationError from the service lands on the form's fields (or the form) and None is returned,
    so the view re-renders the form with every message in place.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = save(form.instance)
    except ValidationError as exc:
        _add_errors(form, exc)
        return None
    messages.success(request, sukses(obj))
    return obj


def _add_errors(form, exc: ValidationError) -> None:
    """A service's errors on the form's fields; an error of a field the form does not have names it by
    its label (an approved correction failing on the employee's `nomor_rekening` says "Nomor rekening")."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            if field in form.fields:
                form.add_error(field, errors)
            else:
                form.add_error(None, pesan_validasi(ValidationError({field: errors}), Pegawai))
    else:
        form.add_error(None, exc.messages)


# --- organisation ------------------------------------------------------------------------------


def organisasi(request):
    units = selectors.unit_tree_with_counts(user=request.user)
    return render(request, "pegawai/organisasi.html", {"units": units})


def unit_detail(request, kode: str):
    unit = selectors.unit_kerja_get_visible(user=request.user, kode=kode)
    subtree = selectors.unit_kerja_visible_to(user=request.user).filter(path__startswith=unit.path + "/")
    unit_ids = [unit.id, *subtree.values_list("id", flat=True)]
    jabatan = list(selectors.jabatan_bezetting(unit_ids=unit_ids).select_related("unit_kerja"))
    pemangku = selectors.pegawai_list_visible_to(user=request.user).filter(unit_kerja=unit, aktif=True)
    context = {
        "unit": unit,
        "anak": list(unit.anak.all().order_by("nama")),
        "jabatan": jabatan,
        "total_kebutuhan": sum(j.kebutuhan for j in jabatan),
        "total_terisi": sum(j.terisi for j in jabatan),
        "pemangku": list(pemangku.select_related("golongan", "jabatan")[:200]),
        "can_manage": permissions.can_manage_unit_kerja(request.user),
        "perubahan": _unit_perubahan(unit),
    }
    return render(request, "pegawai/unit_detail.html", context)


def _unit_perubahan(unit):
    """Audit trail of the unit itself and of its own positions, newest first."""
    unit_rows = UnitKerja.history.filter(id=unit.pk).select_related("history_user")
    jabatan_rows = Jabatan.history.filter(unit_kerja_id=unit.pk).select_related("history_user")
    perubahan = perubahan_from_history(
        list(unit_rows), objek_label=lambda r: "Unit kerja"
    ) + perubahan_from_history(list(jabatan_rows), objek_label=lambda r: f"Jabatan: {r.nama}")
    perubahan.sort(key=lambda p: p.tanggal, reverse=True)
    return perubahan[:100]


# --- self-service corrections -----------------------------------------------------------------


def usulan_list(request):
    user = request.user
    me = selectors.pegawai_of_user(user)
    milik_saya = list(UsulanPerubahanData.objects.filter(pegawai=me).order_by("-dibuat")) if me else []
    cakupan = selectors.cakupan_for(user)
    perlu_verifikasi = []
    if roles.is_admin_bkd(user) or cakupan.opd_id is not None:
        qs = UsulanPerubahanData.objects.filter(status=UsulanPerubahanData.Status.DIAJUKAN).select_related(
            "pegawai"
        )
        if not roles.is_admin_bkd(user):
            qs = qs.filter(pegawai__opd_id=cakupan.opd_id)
        perlu_verifikasi = list(qs.exclude(diajukan_oleh=user)[:200])
    perlu_keputusan = []
    if roles.is_admin_bkd(user):
        perlu_keputusan = list(
            UsulanPerubahanData.objects.filter(status=UsulanPerubahanData.Status.DIVERIFIKASI)
            .select_related("pegawai", "diverifikasi_oleh")
            .exclude(diverifikasi_oleh=user)[:200]
        )
    # Decided requests stay findable: every request the officer handles, filtered by status.
    status = request.GET.get("status", "")
    semua = selectors.usulan_perubahan_untuk_petugas(user=user, status=status)
    return render(
        request,
        "pegawai/usulan_list.html",
        {
            "milik_saya": milik_saya,
            "perlu_verifikasi": perlu_verifikasi,
            "perlu_keputusan": perlu_keputusan,
            "me": me,
            "page": Paginator(semua, 50).get_page(request.GET.get("halaman")) if semua is not None else None,
            "status": status,
            "pilihan_status": UsulanPerubahanData.Status.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def usulan_create(request):
    me = selectors.pegawai_of_user(request.user)
    if me is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    form = UsulanPerubahanForm(
        request.POST or None, request.FILES or None, initial={"field": request.GET.get("field")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.usulan_perubahan_create(actor=request.user, pegawai=me, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Usulan perubahan data terkirim. Operator OPD akan memverifikasinya.")
            return redirect("pegawai:usulan_list")
    nilai_sekarang = {name: getattr(me, name) for name in services.CORRECTABLE_FIELDS}
    return render(
        request, "pegawai/usulan_form.html", {"form": form, "me": me, "nilai_sekarang": nilai_sekarang}
    )


USULAN_PESAN = {
    UsulanPerubahanData.Status.DIVERIFIKASI: "Usulan diverifikasi dan diteruskan ke Admin BKD untuk diputuskan.",
    UsulanPerubahanData.Status.DISETUJUI: "Usulan disetujui; data pegawai sudah diperbarui.",
    UsulanPerubahanData.Status.DITOLAK: "Usulan ditolak; pegawai dapat melihat alasannya.",
}


def _usulan_visible(user, pk: int) -> UsulanPerubahanData:
    usulan = get_object_or_404(UsulanPerubahanData.objects.select_related("pegawai"), pk=pk)
    visible = (
        usulan.pegawai.user_id == user.pk
        or roles.is_admin_bkd(user)
        or selectors.cakupan_for(user).opd_id == usulan.pegawai.opd_id
    )
    if not visible:
        raise Http404("Usulan tidak ditemukan.")
    return usulan


@require_http_methods(["GET", "POST"])
def usulan_detail(request, pk: int):
    usulan = _usulan_visible(request.user, pk)
    can_verify = permissions.can_verify_usulan_perubahan(request.user, usulan)
    can_decide = permissions.can_approve_usulan_perubahan(request.user, usulan)
    form = KeputusanForm(request.POST or None)
    if request.method == "POST" and (can_verify or can_decide) and form.is_valid():
        setuju = form.cleaned_data["keputusan"] == "setuju"
        service = services.usulan_perubahan_verify if can_verify else services.usulan_perubahan_decide
        try:
            service(actor=request.user, usulan=usulan, setuju=setuju, catatan=form.cleaned_data["catatan"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, USULAN_PESAN[usulan.status])
            return redirect("pegawai:usulan_list")
    label = dict(services.correctable_field_choices()).get(usulan.field, usulan.field)
    return render(
        request,
        "pegawai/usulan_detail.html",
        {
            "usulan": usulan,
            "form": form,
            "can_verify": can_verify,
            "can_decide": can_decide,
            "label_field": label,
        },
    )


def usulan_bukti(request, pk: int):
    from django.http import FileResponse

    usulan = _usulan_visible(request.user, pk)
    return FileResponse(
        usulan.bukti.open("rb"), as_attachment=False, filename=usulan.bukti.name.rsplit("/", 1)[-1]
    )
