from akun import roles

from .selectors import cakupan_for


def peran(request):
    """Role flags for the navigation bar (computed once per request, cached on the user)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    cakupan = cakupan_for(user)
    return {
        "peran": {
            "admin_bkd": roles.is_admin_bkd(user),
            "operator_opd": cakupan.opd_id is not None,
            "pimpinan": roles.is_pimpinan(user),
            "atasan": cakupan.punya_bawahan,
            "pegawai": cakupan.pegawai_id is not None,
            "superuser": user.is_superuser,
        }
    }
