"""The pay tabs penggajian adds to the employee profile (pegawai.profil registry)."""

from __future__ import annotations

from . import permissions
from .models import KenaikanGajiBerkala


def kgb_profil(user, pegawai) -> dict | None:
    """The employee's KGB decrees (issued and postponed) with the SK PDF; None for those who may not see
    pay data (an atasan)."""
    if not permissions.can_view_kgb_pegawai(user, pegawai):
        return None
    return {
        "daftar_kgb": list(KenaikanGajiBerkala.objects.filter(pegawai=pegawai).order_by("-tmt")),
        "pegawai": pegawai,
    }
