"""Who may do what with the organisation and its people. Seeing is scoped in selectors.Cakupan."""

from __future__ import annotations

from akun import roles

from .models import Pegawai, UnitKerja, UsulanPerubahanData
from .selectors import cakupan_for


def can_view_pegawai(user, pegawai: Pegawai) -> bool:
    q = cakupan_for(user).pegawai_q()
    return q is None or Pegawai.objects.filter(q, pk=pegawai.pk).exists()


def can_edit_pegawai(user, pegawai: Pegawai) -> bool:
    """Admin BKD edits anyone; an Operator OPD edits the employees of their own OPD."""
    if roles.is_admin_bkd(user):
        return True
    cakupan = cakupan_for(user)
    return cakupan.opd_id is not None and pegawai.opd_id == cakupan.opd_id


def can_create_pegawai(user) -> bool:
    return roles.is_admin_bkd(user) or cakupan_for(user).opd_id is not None


def can_import_data(user) -> bool:
    """Imports replace master data across OPDs: Admin BKD only."""
    return roles.is_admin_bkd(user)


def can_export_pegawai(user) -> bool:
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


def can_manage_unit_kerja(user) -> bool:
    return roles.is_admin_bkd(user)


# --- pages (the menu asks these; core.menu) ----------------------------------------------------------


def can_view_pegawai_list(user) -> bool:
    """BKD, the Pimpinan, an Operator OPD (their OPD) and a superior (their team); scoped in selectors."""
    cakupan = cakupan_for(user)
    return (
        roles.is_admin_bkd(user)
        or roles.is_pimpinan(user)
        or cakupan.opd_id is not None
        or cakupan.punya_bawahan
    )


def can_view_organisasi(user) -> bool:
    """The organisation chart and the statutory lists (DUK, nominatif)."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


def can_view_profil_saya(user) -> bool:
    return cakupan_for(user).pegawai_id is not None


def can_view_usulan_perubahan(user) -> bool:
    """Everyone signed in: employees see their own requests, officers the ones they handle."""
    return user.is_authenticated


def can_view_daftar_statutori(user, opd: UnitKerja | None) -> bool:
    """DUK and daftar nominatif: the whole government for BKD/pimpinan, one OPD for its operator."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and opd is not None and opd.pk == opd_id


def can_propose_perubahan_data(user, pegawai: Pegawai) -> bool:
    return user.is_authenticated and pegawai.user_id == user.pk and pegawai.aktif


def can_verify_usulan_perubahan(user, usulan: UsulanPerubahanData) -> bool:
    """The Operator OPD of the employee's OPD (or Admin BKD) verifies; never one's own request."""
    if usulan.diajukan_oleh_id == user.pk or usulan.status != UsulanPerubahanData.Status.DIAJUKAN:
        return False
    if roles.is_admin_bkd(user):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and usulan.pegawai.opd_id == opd_id


def can_approve_usulan_perubahan(user, usulan: UsulanPerubahanData) -> bool:
    """Admin BKD decides verified requests; the verifier cannot also approve (maker ≠ checker)."""
    return (
        roles.is_admin_bkd(user)
        and usulan.status == UsulanPerubahanData.Status.DIVERIFIKASI
        and usulan.diverifikasi_oleh_id != user.pk
        and usulan.diajukan_oleh_id != user.pk
    )


def can_manage_penandatangan(user) -> bool:
    """Signatories are government-wide master data: Admin BKD only."""
    return roles.is_admin_bkd(user)
