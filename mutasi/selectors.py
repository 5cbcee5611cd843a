"""Reads of mutasi, scoped by role and OPD. An object outside the user's scope answers 404."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from akun import roles
from pegawai.selectors import cakupan_for, pegawai_search

from .models import (
    DokumenUsulan,
    PreferensiMutasi,
    PutaranRotasi,
    RekomendasiTPK,
    SidangTPK,
    SyaratDokumen,
    UsulanMutasi,
)

S = UsulanMutasi.Status
# What the Pimpinan (PPK) sees: what waits for their decision and what they decided.
STATUS_PIMPINAN = (S.DIREKOMENDASIKAN, S.DISETUJUI, S.SK_TERBIT, S.BERLAKU, S.DITOLAK)


def usulan_q(user) -> Q | None:
    """None means no restriction (Admin BKD)."""
    if roles.is_admin_bkd(user):
        return None
    q = Q(pk__in=[])
    cakupan = cakupan_for(user)
    if cakupan.opd_id is not None:
        q |= Q(opd_asal_id=cakupan.opd_id) | Q(opd_tujuan_id=cakupan.opd_id)
    if roles.is_pimpinan(user):
        q |= Q(status__in=STATUS_PIMPINAN)
    return q


def usulan_list_visible_to(*, user) -> QuerySet[UsulanMutasi]:
    qs = UsulanMutasi.objects.all()
    q = usulan_q(user)
    return qs if q is None else qs.filter(q)


def usulan_list_for_table(*, user, status: str = "", q: str = "") -> QuerySet[UsulanMutasi]:
    qs = usulan_list_visible_to(user=user).select_related(
        "pegawai", "jabatan_tujuan", "jabatan_tujuan__unit_kerja", "opd_asal", "opd_tujuan"
    )
    if status:
        qs = qs.filter(status=status)
    q = (q or "").strip()
    if q:
        digits = q.replace(" ", "")
        if digits.isdigit():
            qs = qs.filter(Q(pegawai__nip__startswith=digits) | Q(nip_pegawai__startswith=digits))
        else:
            qs = qs.filter(Q(pegawai__nama__icontains=q) | Q(nama_pegawai__icontains=q))
    return qs


def usulan_counts(*, user) -> dict[str, int]:
    """Proposals per status in the user's scope (one query)."""
    rows = usulan_list_visible_to(user=user).values_list("status").annotate(n=Count("id")).order_by()
    return dict(rows)


def usulan_get_visible(*, user, pk: int) -> UsulanMutasi:
    try:
        return (
            usulan_list_visible_to(user=user)
            .select_related(
                "pegawai",
                "pegawai__jabatan",
                "pegawai__golongan",
                "pegawai__unit_kerja",
                "jabatan_tujuan",
                "jabatan_tujuan__unit_kerja",
                "jabatan_asal",
                "unit_asal",
                "opd_asal",
                "opd_tujuan",
                "dibuat_oleh",
                "diajukan_oleh",
                "diputuskan_oleh",
            )
            .get(pk=pk)
        )
    except UsulanMutasi.DoesNotExist:
        raise Http404("Usulan mutasi tidak ditemukan.") from None


def usulan_saya(*, user) -> QuerySet[UsulanMutasi]:
    """Proposals about the signed-in employee, from the review stage on (and their own APS drafts)."""
    me = cakupan_for(user).pegawai_id
    if me is None:
        return UsulanMutasi.objects.none()
    return (
        UsulanMutasi.objects.filter(pegawai_id=me)
        .filter(Q(status__in=UsulanMutasi.TERLIHAT_PEGAWAI) | Q(sumber=UsulanMutasi.Sumber.APS))
        .select_related("jabatan_tujuan", "jabatan_tujuan__unit_kerja")
    )


def usulan_saya_get(*, user, pk: int) -> UsulanMutasi:
    try:
        return usulan_saya(user=user).select_related("pegawai").get(pk=pk)
    except UsulanMutasi.DoesNotExist:
        raise Http404("Usulan mutasi tidak ditemukan.") from None


def syarat_untuk(usulan: UsulanMutasi) -> list[SyaratDokumen]:
    return [
        s for s in SyaratDokumen.objects.filter(jenis=usulan.jenis, aktif=True) if s.berlaku_untuk(usulan)
    ]


def checklist(usulan: UsulanMutasi) -> list[tuple[SyaratDokumen, DokumenUsulan | None]]:
    """Each checklist item of the proposal's kind with its upload (two queries)."""
    dokumen = {
        d.syarat_id: d for d in DokumenUsulan.objects.filter(usulan=usulan).select_related("diunggah_oleh")
    }
    return [(s, dokumen.get(s.pk)) for s in syarat_untuk(usulan)]


def dokumen_get_visible(*, user, pk: int) -> DokumenUsulan:
    """A proposal's document, through the proposal's scope (404 outside it)."""
    try:
        dokumen = DokumenUsulan.objects.select_related("usulan").get(pk=pk)
    except DokumenUsulan.DoesNotExist:
        raise Http404("Dokumen tidak ditemukan.") from None
    usulan_get_visible(user=user, pk=dokumen.usulan_id)
    return dokumen


def rekomendasi_usulan(usulan: UsulanMutasi) -> list[RekomendasiTPK]:
    return list(usulan.rekomendasi_tpk.select_related("sidang", "dicatat_oleh"))


def rekomendasi_terakhir(usulan: UsulanMutasi) -> RekomendasiTPK | None:
    return usulan.rekomendasi_tpk.select_related("sidang").order_by("-sidang__tanggal", "-id").first()


# --- placement team ----------------------------------------------------------------------------------


def sidang_list() -> QuerySet[SidangTPK]:
    return SidangTPK.objects.annotate(jumlah_rekomendasi=Count("rekomendasi")).order_by("-tanggal", "-id")


def usulan_menunggu_tpk() -> QuerySet[UsulanMutasi]:
    return UsulanMutasi.objects.filter(status=S.DIVERIFIKASI).select_related(
        "pegawai", "jabatan_tujuan", "jabatan_tujuan__unit_kerja"
    )


# --- rounds and wishes -------------------------------------------------------------------------------


def putaran_terbuka(tanggal: dt.date) -> PutaranRotasi | None:
    return (
        PutaranRotasi.objects.filter(tanggal_mulai__lte=tanggal, tanggal_selesai__gte=tanggal)
        .order_by("-tanggal_mulai")
        .first()
    )


def putaran_list() -> QuerySet[PutaranRotasi]:
    return PutaranRotasi.objects.annotate(
        jumlah_preferensi=Count("preferensi"),
        jumlah_tetap=Count("preferensi", filter=Q(preferensi__tetap=True)),
    ).order_by("-tanggal_mulai", "-id")


def preferensi_list_visible_to(*, user, putaran: PutaranRotasi, q: str = "") -> QuerySet[PreferensiMutasi]:
    qs = PreferensiMutasi.objects.filter(putaran=putaran)
    if not (roles.is_admin_bkd(user) or roles.is_pimpinan(user)):
        opd_id = cakupan_for(user).opd_id
        qs = qs.filter(pegawai__opd_id=opd_id) if opd_id is not None else qs.none()
    if q:
        from pegawai.models import Pegawai

        qs = qs.filter(pegawai__in=pegawai_search(Pegawai.objects.all(), q))
    from .models import PilihanTujuan

    return qs.select_related(
        "pegawai", "pegawai__jabatan", "pegawai__unit_kerja", "pasangan"
    ).prefetch_related(
        Prefetch(
            "pilihan",
            queryset=PilihanTujuan.objects.select_related("jabatan", "jabatan__unit_kerja", "unit_kerja"),
        )
    )


def putaran_get(pk: int) -> PutaranRotasi:
    try:
        return PutaranRotasi.objects.get(pk=pk)
    except PutaranRotasi.DoesNotExist:
        raise Http404("Putaran rotasi tidak ditemukan.") from None


def preferensi_saya(*, pegawai_id: int, putaran: PutaranRotasi) -> PreferensiMutasi | None:
    from .models import PilihanTujuan

    return (
        PreferensiMutasi.objects.filter(pegawai_id=pegawai_id, putaran=putaran)
        .select_related("pasangan")
        .prefetch_related(
            Prefetch(
                "pilihan",
                queryset=PilihanTujuan.objects.select_related("jabatan", "jabatan__unit_kerja", "unit_kerja"),
            )
        )
        .first()
    )
