"""Who may do what in mutasi. Seeing is scoped in selectors (pegawai.selectors.Cakupan), never here."""

from __future__ import annotations

from akun import roles
from pegawai.selectors import cakupan_for


def can_view_kebutuhan(user) -> bool:
    """Needs and the peta jabatan: the Admin BKD and the Pimpinan (whole government), an Operator OPD
    (their OPD)."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None
