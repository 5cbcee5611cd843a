"""Reads of the decrees (SK mutasi), scoped by role and OPD; an SK outside the scope answers 404."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from akun import roles
from pegawai.selectors import cakupan_for

from .models import PegawaiSKMutasi, SKMutasi, UsulanMutasi


def _opd_q(user) -> Q | None:
    """None: no restriction (Admin BKD, Pimpinan)."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return None
    opd_id = cakupan_for(user).opd_id
    if opd_id is None:
        return Q(pk__in=[])
    return Q(opd_asal_id=opd_id) | Q(opd_tujuan_id=opd_id)


def sk_list_visible_to(*, user) -> QuerySet[SKMutasi]:
    q = _opd_q(user)
    qs = SKMutasi.objects.all()
    if q is not None:
        qs = qs.filter(pk__in=PegawaiSKMutasi.objects.filter(q).values("sk_id"))
    return qs


def _items() -> QuerySet[PegawaiSKMutasi]:
    return PegawaiSKMutasi.objects.select_related("usulan").order_by("urutan", "id")


def sk_list_for_table(*, user, tahun: int | None = None, status: str = "", q: str = "") -> QuerySet[SKMutasi]:
    qs = (
        sk_list_visible_to(user=user)
        .select_related("diterbitkan_oleh")
        .prefetch_related(Prefetch("pegawai_list", queryset=_items()))
    )
    if tahun:
        qs = qs.filter(tanggal__year=tahun)
    if status:
        qs = qs.filter(status=status)
    q = (q or "").strip()
    if q:
        digits = q.replace(" ", "")
        sub = (
            PegawaiSKMutasi.objects.filter(nip__startswith=digits)
            if digits.isdigit()
            else PegawaiSKMutasi.objects.filter(nama__icontains=q)
        )
        qs = qs.filter(Q(nomor__icontains=q) | Q(pk__in=sub.values("sk_id")))
    return qs


def sk_tahun_list() -> list[int]:
    return sorted({d.year for d in SKMutasi.objects.dates("tanggal", "year")}, reverse=True)


def sk_get_visible(*, user, pk: int) -> SKMutasi:
    try:
        return (
            sk_list_visible_to(user=user)
            .select_related("diterbitkan_oleh", "dibatalkan_oleh", "penandatangan", "nomor_dokumen")
            .prefetch_related(
                Prefetch(
                    "pegawai_list",
                    queryset=_items().select_related(
                        "pegawai", "opd_tujuan", "jabatan_tujuan", "jabatan_tujuan__unit_kerja"
                    ),
                )
            )
            .get(pk=pk)
        )
    except SKMutasi.DoesNotExist:
        raise Http404("SK mutasi tidak ditemukan.") from None


def sk_item_get_visible(*, user, sk: SKMutasi, pk: int) -> PegawaiSKMutasi:
    for item in sk.pegawai_list.all():
        if item.pk == pk:
            return item
    raise Http404("Pegawai tidak ada dalam SK ini.")


def usulan_siap_sk() -> QuerySet[UsulanMutasi]:
    """Approved proposals not yet in an SK (the checkboxes of the new-SK page)."""
    return (
        UsulanMutasi.objects.filter(status=UsulanMutasi.Status.DISETUJUI)
        .select_related("pegawai", "jabatan_tujuan", "jabatan_tujuan__unit_kerja", "opd_asal", "opd_tujuan")
        .order_by("tmt_rencana", "id")
    )


def pindah_jatuh_tempo(hari_ini: dt.date) -> QuerySet[PegawaiSKMutasi]:
    """Moves of issued SKs whose TMT has come and that have not taken effect yet."""
    return PegawaiSKMutasi.objects.filter(
        status=PegawaiSKMutasi.Status.MENUNGGU_TMT, sk__status=SKMutasi.Status.TERBIT, tmt__lte=hari_ini
    )


def sk_item_untuk_usulan(usulan: UsulanMutasi) -> PegawaiSKMutasi | None:
    """The SK row of a proposal (the active one first), for a link from the proposal page."""
    return (
        PegawaiSKMutasi.objects.filter(usulan=usulan)
        .select_related("sk")
        .order_by(Case(When(status="batal", then=Value(1)), default=Value(0)), "-id")
        .first()
    )


# --- the employee's own decrees (issue 13 point 9) -------------------------------------------------


def sk_saya(*, user) -> QuerySet[PegawaiSKMutasi]:
    """The signed-in employee's rows of issued SKs (a cancelled SK is left out; its number stays in
    the register), newest TMT first, with what the page shows. Nothing for a user with no employee."""
    me = cakupan_for(user).pegawai_id
    if me is None:
        return PegawaiSKMutasi.objects.none()
    return (
        PegawaiSKMutasi.objects.filter(pegawai_id=me, sk__status=SKMutasi.Status.TERBIT)
        .select_related(
            "sk", "sk__penandatangan", "sk__nomor_dokumen", "pegawai", "opd_tujuan", "jabatan_tujuan"
        )
        .order_by("-tmt", "-id")
    )


def sk_saya_get(*, user, pk: int) -> PegawaiSKMutasi:
    """One of the employee's own SK rows; another employee's answers 404."""
    try:
        return sk_saya(user=user).get(pk=pk)
    except PegawaiSKMutasi.DoesNotExist:
        raise Http404("SK mutasi tidak ditemukan.") from None
