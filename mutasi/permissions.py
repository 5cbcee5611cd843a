"""Who may do what in mutasi. Seeing is scoped in selectors; these predicates say what a user may do.

Proposals (usulan mutasi): an Operator OPD makes and submits the proposals of its OPD (origin or
destination), the Admin BKD handles every proposal (verifies the checklist, records the placement team's
recommendation, returns or rejects), the Pimpinan (PPK) approves, the employee concerned answers.
"""

from __future__ import annotations

from akun import roles
from pegawai.selectors import cakupan_for

from .models import UsulanMutasi

S = UsulanMutasi.Status


def _opd_usulan(user, usulan: UsulanMutasi) -> bool:
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and opd_id in (usulan.opd_asal_id, usulan.opd_tujuan_id)


def _pegawai_sendiri(user, usulan: UsulanMutasi) -> bool:
    me = cakupan_for(user).pegawai_id
    return me is not None and usulan.pegawai_id == me


# --- pages -------------------------------------------------------------------------------------------


def can_view_usulan_mutasi_list(user) -> bool:
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


def can_create_usulan_mutasi(user) -> bool:
    return roles.is_admin_bkd(user) or cakupan_for(user).opd_id is not None


def can_view_mutasi_saya(user) -> bool:
    return cakupan_for(user).pegawai_id is not None


def can_manage_tpk(user) -> bool:
    """The BKD keeps the team's secretariat: members, meetings, minutes, recommendations."""
    return roles.is_admin_bkd(user)


def can_view_tpk(user) -> bool:
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user)


def can_manage_putaran_rotasi(user) -> bool:
    return roles.is_admin_bkd(user)


def can_manage_aturan_mutasi(user) -> bool:
    """Guards, freeze windows and document checklists are government-wide rules: Admin BKD."""
    return roles.is_admin_bkd(user)


def can_view_aturan_mutasi(user) -> bool:
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


# --- one proposal ------------------------------------------------------------------------------------


def can_edit_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    """Drafts and returned proposals: the Admin BKD, or the Operator OPD of the origin or destination."""
    if usulan.status not in UsulanMutasi.DAPAT_DIUBAH:
        return False
    return roles.is_admin_bkd(user) or _opd_usulan(user, usulan)


def can_submit_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    return can_edit_usulan_mutasi(user, usulan)


def can_upload_dokumen_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    """While the file is being made and while the BKD checks it."""
    if usulan.status in UsulanMutasi.DAPAT_DIUBAH:
        return roles.is_admin_bkd(user) or _opd_usulan(user, usulan)
    return usulan.status == S.DIAJUKAN and roles.is_admin_bkd(user)


def can_verify_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    """The Admin BKD checks a submitted file; not the one who submitted it (maker ≠ checker)."""
    return roles.is_admin_bkd(user) and usulan.status == S.DIAJUKAN and usulan.diajukan_oleh_id != user.pk


def can_record_rekomendasi_tpk(user, usulan: UsulanMutasi) -> bool:
    return roles.is_admin_bkd(user) and usulan.status == S.DIVERIFIKASI


def can_approve_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    """The PPK (Pimpinan) decides once the placement team has considered the proposal."""
    return roles.is_pimpinan(user) and usulan.status == S.DIREKOMENDASIKAN


def can_return_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    if roles.is_admin_bkd(user):
        return usulan.status in (S.DIAJUKAN, S.DIVERIFIKASI, S.DIREKOMENDASIKAN, S.DISETUJUI)
    return roles.is_pimpinan(user) and usulan.status == S.DIREKOMENDASIKAN


def can_reject_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    if roles.is_admin_bkd(user):
        return usulan.status in (S.DIAJUKAN, S.DIVERIFIKASI)
    return roles.is_pimpinan(user) and usulan.status == S.DIREKOMENDASIKAN


def can_override_guard_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    """An override records a document issued elsewhere (Mendagri's letter, BKN's Pertek): the BKD
    enters it before the decision, the PPK may at the decision."""
    if roles.is_admin_bkd(user):
        return usulan.status not in (S.DITOLAK, S.SK_TERBIT, S.BERLAKU, S.DISETUJUI)
    return roles.is_pimpinan(user) and usulan.status == S.DIREKOMENDASIKAN


def can_respond_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    """The employee concerned answers (agrees or objects) from the review stage until the decision."""
    return usulan.status in UsulanMutasi.DAPAT_DITANGGAPI and _pegawai_sendiri(user, usulan)


def can_view_tanggapan_usulan_mutasi(user, usulan: UsulanMutasi) -> bool:
    """The PPK and the BKD see the answers; the employee sees their own."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or _pegawai_sendiri(user, usulan)


# --- wishes ------------------------------------------------------------------------------------------


def can_state_preferensi_mutasi(user) -> bool:
    return cakupan_for(user).pegawai_id is not None


def can_file_aps(user) -> bool:
    return cakupan_for(user).pegawai_id is not None


def can_view_preferensi_mutasi(user) -> bool:
    """The wishes of a round: BKD (whole government), an Operator OPD (its OPD), the Pimpinan."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


# --- needs (kebutuhan, peta jabatan) -----------------------------------------------------------------


def can_view_kebutuhan(user) -> bool:
    """Needs and the peta jabatan: the Admin BKD and the Pimpinan (whole government), an Operator OPD
    (their OPD)."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


# --- shortlist and rotation (issue 13 points 4, 5) ---------------------------------------------------


def can_view_rekomendasi(user) -> bool:
    """The shortlist of a vacancy: the Admin BKD (whole government), an Operator OPD (positions and
    candidates of its own OPD)."""
    return roles.is_admin_bkd(user) or cakupan_for(user).opd_id is not None


def can_manage_bobot_rekomendasi(user) -> bool:
    return roles.is_admin_bkd(user)


# --- decrees (SK mutasi, petikan, SPMT) --------------------------------------------------------------


def can_view_sk_mutasi_list(user) -> bool:
    """The BKD and the PPK see every SK; an Operator OPD those moving people from or into its OPD."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


def can_issue_sk_mutasi(user) -> bool:
    """The BKD drafts and numbers the SK the PPK signs (reference §1.7)."""
    return roles.is_admin_bkd(user)


def can_cancel_sk_mutasi(user, sk) -> bool:
    return roles.is_admin_bkd(user) and sk.status == sk.Status.TERBIT


def can_record_spmt(user, item) -> bool:
    """The date the employee reports is recorded by the Admin BKD or the Operator OPD of the new unit."""
    if item.status == item.Status.BATAL or item.jenis == "keluar" or item.sk.status != "terbit":
        return False
    if roles.is_admin_bkd(user):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and opd_id == item.opd_tujuan_id
