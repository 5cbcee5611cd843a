"""Who may do what with pay data. Seeing is scoped in selectors (pegawai.selectors.Cakupan)."""

from __future__ import annotations

from akun import roles
from pegawai.selectors import cakupan_for


def can_view_kgb_list(user) -> bool:
    """The KGB list: Admin BKD and Pimpinan for the whole government, an Operator OPD for their OPD."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or roles.is_operator_opd(user)


def can_issue_kgb(user) -> bool:
    """Issuing or postponing a KGB decree is the BKD's (on behalf of the PPK)."""
    return roles.is_admin_bkd(user)


def can_view_kgb_pegawai(user, pegawai) -> bool:
    """An employee's KGB decrees (pay data): the employee, Admin BKD, Pimpinan, and the Operator OPD of
    the employee's OPD. Not the atasan, who sees the profile but not the pay."""
    if not user.is_authenticated:
        return False
    if pegawai.user_id is not None and pegawai.user_id == user.pk:
        return True
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and pegawai.opd_id == opd_id
