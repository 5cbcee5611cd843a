"""Who may do what in the kinerja app (PermenPANRB 6/2022). Views, templates (through the flags views
pass), services and the menu ask these predicates; what a user may *see* is scoped in selectors."""

from __future__ import annotations

from akun import roles
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import cakupan_for

from . import selectors
from .models import SKP

# --- pages (the menu and the views) ------------------------------------------------------------------


def can_have_skp(user) -> bool:
    """An employee with a profile plans, is rated and gives peer feedback."""
    return cakupan_for(user).pegawai_id is not None


def can_view_tim(user) -> bool:
    """A superior (derived from the organisation chart) rates their team."""
    return cakupan_for(user).punya_bawahan


def can_view_sebaran(user) -> bool:
    """Predikat distribution and the talent grid: the whole government, or an operator's OPD."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


def can_view_survei(user) -> bool:
    return can_view_sebaran(user) or cakupan_for(user).punya_bawahan


def can_view_kinerja_unit(user) -> bool:
    """Unit goals and unit predikat: BKD, the Pimpinan and the heads who set them."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).punya_bawahan


def can_manage_periode(user) -> bool:
    """Opening appraisal years and closing their periods: the Admin BKD."""
    return roles.is_admin_bkd(user)


# --- objects -----------------------------------------------------------------------------------------


def can_edit_skp(user, skp: SKP) -> bool:
    """Only the owner drafts their SKP (whether it is still editable is a workflow rule)."""
    return user.is_authenticated and skp.pegawai.user_id == user.pk


def can_rate_skp(user, skp: SKP) -> bool:
    """The pejabat penilai of the SKP, or a valid Plt/Plh delegate."""
    return selectors.is_pejabat_penilai(pegawai_id=cakupan_for(user).pegawai_id, skp=skp)


def can_set_predikat_unit(user, unit_kerja: UnitKerja) -> bool:
    """The Admin BKD, the Pimpinan, or the head of the unit directly above."""
    if roles.is_admin_bkd(user) or roles.is_pimpinan(user):
        return True
    me = cakupan_for(user).pegawai_id
    if me is None or unit_kerja.induk_id is None:
        return False
    return Pegawai.objects.filter(
        pk=me, aktif=True, jabatan__is_kepala=True, jabatan__unit_kerja_id=unit_kerja.induk_id
    ).exists()


def can_manage_sasaran_unit(user, unit_kerja: UnitKerja) -> bool:
    """The unit's head, the leader above (as for its predikat), or the Admin BKD."""
    if can_set_predikat_unit(user, unit_kerja):
        return True
    me = cakupan_for(user).pegawai_id
    return (
        me is not None
        and Pegawai.objects.filter(
            pk=me, aktif=True, jabatan__is_kepala=True, jabatan__unit_kerja_id=unit_kerja.pk
        ).exists()
    )


def can_open_potensial(user) -> bool:
    """The potential-score page (form and import): the Admin BKD, an Operator OPD with an OPD."""
    return roles.is_admin_bkd(user) or (roles.is_operator_opd(user) and cakupan_for(user).opd_id is not None)


def can_record_potensial(user, pegawai: Pegawai) -> bool:
    """The Admin BKD for anyone; an Operator OPD for an employee of their OPD."""
    opd_id = cakupan_for(user).opd_id
    return roles.is_admin_bkd(user) or (opd_id is not None and pegawai.opd_id == opd_id)
