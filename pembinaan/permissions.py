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


# --- needs and plans (issue 14 points 1–2) ----------------------------------------------------------


def can_generate_kebutuhan(user) -> bool:
    return roles.is_admin_bkd(user)


def _atasan_dari(user, pegawai) -> bool:
    return bool(pegawai.atasan_id) and cakupan_for(user).pegawai_id == pegawai.atasan_id


def can_propose_kebutuhan(user, pegawai) -> bool:
    """The employee for themselves, or their direct atasan."""
    if not user.is_authenticated or not pegawai.aktif:
        return False
    return pegawai.user_id == user.pk or _atasan_dari(user, pegawai)


def can_cancel_kebutuhan(user, kebutuhan) -> bool:
    """Cancel (batal) a need: the employee only a need they proposed for themselves; their direct atasan,
    the Operator OPD of their OPD and the Admin BKD any of the employee's needs."""
    if not user.is_authenticated:
        return False
    pegawai = kebutuhan.pegawai
    if pegawai.user_id == user.pk:
        return kebutuhan.sumber == "usulan" and kebutuhan.dibuat_oleh_id == user.pk
    if roles.is_admin_bkd(user) or _atasan_dari(user, pegawai):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and pegawai.opd_id == opd_id


def can_view_kebutuhan_list(user) -> bool:
    """Needs and plans lists: BKD, Pimpinan, an operator (their OPD), an atasan (the team), an employee."""
    c = cakupan_for(user)
    return c.semua or c.opd_id is not None or c.pegawai_id is not None


def can_view_rencana(user, rencana) -> bool:
    return can_view_pegawai(user, rencana.pegawai)


def can_edit_rencana(user, rencana) -> bool:
    """The employee drafts and edits their own plan while it is a draft or returned."""
    return rencana.bisa_diubah and rencana.pegawai.user_id == user.pk and rencana.pegawai.aktif


def can_submit_rencana(user, rencana) -> bool:
    return can_edit_rencana(user, rencana)


def can_decide_rencana(user, rencana) -> bool:
    """The direct atasan agrees or returns a submitted plan (never their own)."""
    return (
        rencana.status == rencana.Status.DIAJUKAN
        and rencana.pegawai.user_id != user.pk
        and _atasan_dari(user, rencana.pegawai)
    )


def can_view_rekap_rencana(user) -> bool:
    """The roll-up: the whole government for the BKD and the Pimpinan, one OPD for its operator."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or cakupan_for(user).opd_id is not None


def can_approve_rencana_kompetensi(user) -> bool:
    """The PPK (the Pimpinan role) approves the rencana pengembangan kompetensi (PP 17/2020 Pasal 203(5))."""
    return roles.is_pimpinan(user)


# --- events and e-learning (h6) ---------------------------------------------------------------------


def can_manage_pelatihan(user) -> bool:
    """Catalogue, runs, sessions, attendance and results: the Admin BKD."""
    return roles.is_admin_bkd(user)


def can_view_pelatihan(user) -> bool:
    """The catalogue and the runs: every signed-in user with a role or an employee record."""
    return user.is_authenticated and (
        roles.is_admin_bkd(user) or roles.is_pimpinan(user) or roles.is_operator_opd(user)
        or cakupan_for(user).pegawai_id is not None
    )  # fmt: skip


def can_nominate(user, pegawai) -> bool:
    """Enrol an employee: themselves, their atasan, the Operator OPD of their OPD, the Admin BKD."""
    if not user.is_authenticated or not pegawai.aktif:
        return False
    if roles.is_admin_bkd(user) or pegawai.user_id == user.pk:
        return True
    cakupan = cakupan_for(user)
    if cakupan.opd_id is not None and pegawai.opd_id == cakupan.opd_id:
        return True
    return cakupan.pegawai_id is not None and pegawai.atasan_id == cakupan.pegawai_id


def can_cancel_peserta(user, peserta) -> bool:
    return peserta.hasil == "belum" and peserta.status != "batal" and can_nominate(user, peserta.pegawai)


def can_view_sertifikat(user, pegawai) -> bool:
    """The certificate: its holder, the Admin BKD, the Operator OPD of the holder's OPD."""
    if pegawai.user_id == user.pk or roles.is_admin_bkd(user):
        return True
    opd_id = cakupan_for(user).opd_id
    return opd_id is not None and pegawai.opd_id == opd_id


def can_author_modul(user) -> bool:
    return roles.is_admin_bkd(user)


def can_belajar(user) -> bool:
    """Following e-learning: a login bound to an employee record."""
    return cakupan_for(user).pegawai_id is not None


# --- mentoring and coaching (issue 14 point 5) --------------------------------------------------------


def can_view_mentoring(user) -> bool:
    cakupan = cakupan_for(user)
    return cakupan.semua or cakupan.opd_id is not None or cakupan.pegawai_id is not None


def can_propose_mentoring(user, opd_id: int | None = None) -> bool:
    """The Admin BKD (any OPD) or the Operator OPD (their OPD) proposes pairs."""
    if roles.is_admin_bkd(user):
        return True
    own = cakupan_for(user).opd_id
    return own is not None and (opd_id is None or own == opd_id)


def can_decide_pasangan(user, pasangan) -> bool:
    """A proposed pair is confirmed or rejected by the mentee's atasan, the Operator OPD of the mentee's
    OPD or the Admin BKD — never by the mentor or mentee themselves."""
    if pasangan.status != pasangan.Status.DIUSULKAN:
        return False
    cakupan = cakupan_for(user)
    if cakupan.pegawai_id in (pasangan.mentor_id, pasangan.mentee_id):
        return False
    if roles.is_admin_bkd(user) or cakupan.opd_id == pasangan.mentee.opd_id:
        return True
    return cakupan.pegawai_id is not None and pasangan.mentee.atasan_id == cakupan.pegawai_id


def can_log_sesi(user, pasangan) -> bool:
    """Sessions of an active pair are logged by the mentor, the mentee's atasan or the Operator OPD —
    not by the mentee (no self-credited JP)."""
    if pasangan.status != pasangan.Status.AKTIF:
        return False
    cakupan = cakupan_for(user)
    if cakupan.pegawai_id is not None and cakupan.pegawai_id == pasangan.mentee_id:
        return False
    if cakupan.pegawai_id is not None and cakupan.pegawai_id in (
        pasangan.mentor_id,
        pasangan.mentee.atasan_id,
    ):
        return True
    return roles.is_admin_bkd(user) or cakupan.opd_id == pasangan.mentee.opd_id


def can_end_pasangan(user, pasangan) -> bool:
    return can_log_sesi(user, pasangan)


# --- evaluation (issue 14 point 7) ----------------------------------------------------------------------


def can_give_umpan_balik(user, kegiatan) -> bool:
    """The participant gives feedback on their own verified activity."""
    return (
        user.is_authenticated
        and kegiatan.pegawai.user_id == user.pk
        and kegiatan.status == kegiatan.Status.DIVERIFIKASI
    )


def can_record_tes(user, kegiatan) -> bool:
    """Pre/post test and result: the Admin BKD or the Operator OPD of the participant's OPD."""
    if kegiatan.pegawai.user_id == user.pk:
        return False
    return roles.is_admin_bkd(user) or cakupan_for(user).opd_id == kegiatan.pegawai.opd_id


def can_check_penerapan(user, kegiatan) -> bool:
    """The check of use at work is the participant's atasan's."""
    pegawai_id = cakupan_for(user).pegawai_id
    return (
        pegawai_id is not None
        and kegiatan.pegawai.atasan_id == pegawai_id
        and kegiatan.status == kegiatan.Status.DIVERIFIKASI
    )


def can_view_penerapan(user) -> bool:
    """The atasan's list of checks of use at work due."""
    cakupan = cakupan_for(user)
    return cakupan.pegawai_id is not None and cakupan.punya_bawahan


def can_view_efek_pelatihan(user) -> bool:
    """Predikat before/after per programme: the government (Admin BKD, Pimpinan) or one OPD (operator)."""
    cakupan = cakupan_for(user)
    return cakupan.semua or cakupan.opd_id is not None


# --- the JP rules page (issue 14 point 6) ---------------------------------------------------------------


def can_view_aturan_jp(user) -> bool:
    """Which rule credits JP: the Admin BKD, the Pimpinan and the verifiers (Operator OPD)."""
    return roles.is_admin_bkd(user) or roles.is_pimpinan(user) or can_view_verifikasi(user)


def can_manage_aturan_jp(user) -> bool:
    """A new version of a form's rule: the Admin BKD only."""
    return roles.is_admin_bkd(user)
