"""Assigned roles are Django groups; Atasan is derived from the organisation chart (pegawai app)."""

ADMIN_BKD = "Admin BKD"
OPERATOR_OPD = "Operator OPD"
PIMPINAN = "Pimpinan"
PEGAWAI = "Pegawai"
ATASAN = "Atasan"  # never a group: derived

ASSIGNED_ROLES = [ADMIN_BKD, OPERATOR_OPD, PIMPINAN, PEGAWAI]


def group_names(user) -> frozenset[str]:
    """The user's group names, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_asn_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._asn_group_names = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in group_names(user)


def is_admin_bkd(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, ADMIN_BKD))


def is_pimpinan(user) -> bool:
    return has_role(user, PIMPINAN)


def is_operator_opd(user) -> bool:
    return has_role(user, OPERATOR_OPD)
