"""Permission table: role × proposal status (× relationship) → allowed, for every predicate of one
proposal; and the page predicates per role."""

from __future__ import annotations

import pytest

from mutasi import permissions as p
from mutasi.models import UsulanMutasi

S = UsulanMutasi.Status
ROLES = ["admin_bkd", "operator_opd", "pimpinan", "atasan", "pegawai"]

# predicate → {status: set of roles allowed} for a proposal of OPD A's staf_a (operator of OPD A,
# staf_a is the `pegawai` login) made and submitted by the operator.
TABEL = {
    p.can_edit_usulan_mutasi: {
        S.DRAFT: {"admin_bkd", "operator_opd"},
        S.DIKEMBALIKAN: {"admin_bkd", "operator_opd"},
    },
    p.can_submit_usulan_mutasi: {
        S.DRAFT: {"admin_bkd", "operator_opd"},
        S.DIKEMBALIKAN: {"admin_bkd", "operator_opd"},
    },
    p.can_upload_dokumen_usulan_mutasi: {
        S.DRAFT: {"admin_bkd", "operator_opd"},
        S.DIKEMBALIKAN: {"admin_bkd", "operator_opd"},
        S.DIAJUKAN: {"admin_bkd"},
    },
    p.can_verify_usulan_mutasi: {S.DIAJUKAN: {"admin_bkd"}},
    p.can_record_rekomendasi_tpk: {S.DIVERIFIKASI: {"admin_bkd"}},
    p.can_approve_usulan_mutasi: {S.DIREKOMENDASIKAN: {"pimpinan"}},
    p.can_return_usulan_mutasi: {
        S.DIAJUKAN: {"admin_bkd"},
        S.DIVERIFIKASI: {"admin_bkd"},
        S.DIREKOMENDASIKAN: {"admin_bkd", "pimpinan"},
        S.DISETUJUI: {"admin_bkd"},
    },
    p.can_reject_usulan_mutasi: {
        S.DIAJUKAN: {"admin_bkd"},
        S.DIVERIFIKASI: {"admin_bkd"},
        S.DIREKOMENDASIKAN: {"pimpinan"},
    },
    p.can_override_guard_usulan_mutasi: {
        S.DRAFT: {"admin_bkd"},
        S.DIKEMBALIKAN: {"admin_bkd"},
        S.DIAJUKAN: {"admin_bkd"},
        S.DIVERIFIKASI: {"admin_bkd"},
        S.DIREKOMENDASIKAN: {"admin_bkd", "pimpinan"},
    },
    p.can_respond_usulan_mutasi: {S.DIVERIFIKASI: {"pegawai"}, S.DIREKOMENDASIKAN: {"pegawai"}},
}


@pytest.fixture
def usulan_a(org, users):
    return UsulanMutasi(
        pk=1,
        jenis="dalam_pemda",
        pegawai=org.staf_a,
        opd_asal=org.opd_a,
        opd_tujuan=org.opd_b,
        diajukan_oleh=users["operator_opd"],
    )


@pytest.mark.parametrize("pred", list(TABEL), ids=lambda f: f.__name__)
def test_table(users, usulan_a, pred):
    """Every status × role of one predicate; the failure lists every cell that differs."""
    salah = []
    for status in S.values:
        usulan_a.status = status
        for role in ROLES:
            harapan = role in TABEL[pred].get(status, set())
            if pred(users[role], usulan_a) is not harapan:
                salah.append((status, role, harapan))
    assert not salah


def test_operator_of_another_opd_may_do_nothing(org, users, usulan_a):
    usulan_a.opd_asal = usulan_a.opd_tujuan = org.opd_b
    for status in S.values:
        usulan_a.status = status
        for pred in TABEL:
            assert not pred(users["operator_opd"], usulan_a), (pred.__name__, status)


def test_operator_of_the_destination_opd_may_edit(org, users, usulan_a):
    usulan_a.opd_asal, usulan_a.opd_tujuan, usulan_a.status = org.opd_b, org.opd_a, S.DRAFT
    assert p.can_edit_usulan_mutasi(users["operator_opd"], usulan_a)


HALAMAN = {
    p.can_view_usulan_mutasi_list: {"admin_bkd", "operator_opd", "pimpinan"},
    p.can_create_usulan_mutasi: {"admin_bkd", "operator_opd"},
    p.can_view_mutasi_saya: {"atasan", "pegawai"},
    p.can_manage_tpk: {"admin_bkd"},
    p.can_view_tpk: {"admin_bkd", "pimpinan"},
    p.can_manage_putaran_rotasi: {"admin_bkd"},
    p.can_manage_aturan_mutasi: {"admin_bkd"},
    p.can_view_aturan_mutasi: {"admin_bkd", "operator_opd", "pimpinan"},
    p.can_state_preferensi_mutasi: {"atasan", "pegawai"},
    p.can_file_aps: {"atasan", "pegawai"},
    p.can_view_preferensi_mutasi: {"admin_bkd", "operator_opd", "pimpinan"},
}


def test_pages(users):
    salah = [
        (pred.__name__, role)
        for pred, boleh in HALAMAN.items()
        for role in ROLES
        if pred(users[role]) is not (role in boleh)
    ]
    assert not salah
