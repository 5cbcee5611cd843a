"""Mutasi figures for the dashboards and the profile tab (reads only, a fixed number of queries)."""

from __future__ import annotations

from akun import roles
from pegawai.selectors import cakupan_for

from . import selectors, selectors_sk
from .models import PegawaiSKMutasi, UsulanMutasi

S = UsulanMutasi.Status


def dasbor_usulan(*, user) -> dict | None:
    """The proposal cards of an officer's dashboard (one query): the Admin BKD sees what waits for
    verification and for the placement team, the Pimpinan what waits for approval, an Operator OPD its
    drafts, returned and running proposals. None for a user who handles no proposals."""
    if not (roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id):
        return None
    n = selectors.usulan_counts(user=user)
    kartu = []
    if roles.is_admin_bkd(user):
        kartu += [
            ("Usulan mutasi menunggu verifikasi", n.get(S.DIAJUKAN, 0), S.DIAJUKAN),
            ("Menunggu pertimbangan TPK", n.get(S.DIVERIFIKASI, 0), S.DIVERIFIKASI),
            ("Menunggu persetujuan PPK", n.get(S.DIREKOMENDASIKAN, 0), S.DIREKOMENDASIKAN),
            ("Disetujui, menunggu SK", n.get(S.DISETUJUI, 0), S.DISETUJUI),
        ]
    elif roles.is_pimpinan(user):
        kartu += [
            ("Usulan mutasi menunggu persetujuan Anda", n.get(S.DIREKOMENDASIKAN, 0), S.DIREKOMENDASIKAN),
            ("Disetujui, menunggu SK", n.get(S.DISETUJUI, 0), S.DISETUJUI),
        ]
    else:
        kartu += [
            ("Draf usulan mutasi", n.get(S.DRAFT, 0), S.DRAFT),
            ("Usulan dikembalikan", n.get(S.DIKEMBALIKAN, 0), S.DIKEMBALIKAN),
            (
                "Usulan dalam proses",
                sum(n.get(s, 0) for s in UsulanMutasi.DALAM_PROSES),
                "",
            ),
        ]
    return {"kartu": [{"judul": j, "jumlah": x, "status": s} for j, x, s in kartu]}


def boleh_profil_mutasi(user, pegawai) -> bool:
    """Who sees the mutasi tab (no query: the profile loads the tab on demand): the BKD, the Pimpinan, an
    operator (the profile is already scoped to their OPD) and the employee themselves."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id:
        return True
    return cakupan_for(user).pegawai_id == pegawai.pk


def profil_mutasi(user, pegawai) -> dict | None:
    """The mutasi tab of an employee's profile: the proposals about them the viewer may see."""
    qs = selectors.usulan_list_visible_to(user=user).filter(pegawai=pegawai)
    if not (roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id):
        if cakupan_for(user).pegawai_id != pegawai.pk:
            return None
        qs = selectors.usulan_saya(user=user)
    daftar = list(qs.select_related("jabatan_tujuan", "jabatan_tujuan__unit_kerja").order_by("-dibuat")[:50])
    petugas = cakupan_for(user).pegawai_id != pegawai.pk
    if petugas:
        sk = (
            PegawaiSKMutasi.objects.filter(
                pegawai=pegawai, sk__in=selectors_sk.sk_list_visible_to(user=user).filter(status="terbit")
            )
            .select_related("sk")
            .order_by("-tmt", "-id")[:50]
        )
    else:
        sk = selectors_sk.sk_saya(user=user)[:50]
    return {"usulan": daftar, "petugas": petugas, "sk": list(sk)}
