"""Who may do what in pembinaan. Seeing is scoped in selectors (pegawai's Cakupan)."""

from __future__ import annotations

from akun import roles
from pegawai.permissions import can_view_pegawai
from pegawai.selectors import cakupan_for


def can_view_kepatuhan(user) -> bool:
    """JP compliance: the whole government for BKD and the Pimpinan, one OPD for its operator, the team
    for an atasan."""
    cakupan = cakupan_for(user)
    return (
        roles.is_admin_bkd(user)
        or roles.is_pimpinan(user)
        or cakupan.opd_id is not None
        or cakupan.punya_bawahan
    )


def can_view_jp_saya(user) -> bool:
    return cakupan_for(user).pegawai_id is not None


def can_claim_kegiatan(user, pegawai) -> bool:
    """An employee claims an external activity for themselves only."""
    return user.is_authenticated and pegawai.user_id == user.pk and pegawai.aktif


def can_view_verifikasi(user) -> bool:
    return roles.is_admin_bkd(user) or cakupan_for(user).opd_id is not None


def can_verify_klaim(user, kegiatan) -> bool:
    """The Operator OPD of the employee's OPD or the Admin BKD; never one's own claim."""
    if kegiatan.status != kegiatan.Status.DIAJUKAN or kegiatan.diajukan_oleh_id == user.pk:
        return False
    if kegiatan.pegawai.user_id == user.pk:
        return False
    if roles.is_admin_bkd(user):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and kegiatan.pegawai.opd_id == opd_id


def can_import_pelatihan(user) -> bool:
    return roles.is_admin_bkd(user)


def can_view_jp_pegawai(user, pegawai) -> bool:
    return can_view_pegawai(user, pegawai)
