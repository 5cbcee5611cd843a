"""Permission predicates as tables: role × relationship → expected."""

import pytest

from pegawai import permissions


@pytest.mark.parametrize(
    ("role", "own_opd", "other_opd"),
    [
        ("admin_bkd", True, True),
        ("superuser", True, True),
        ("operator_opd", True, False),
        ("pimpinan", False, False),
        ("atasan", False, False),
        ("pegawai", False, False),
    ],
)
def test_can_edit_pegawai(org, users, role, own_opd, other_opd):
    assert permissions.can_edit_pegawai(users[role], org.staf_a) is own_opd
    assert permissions.can_edit_pegawai(users[role], org.staf_b) is other_opd


@pytest.mark.parametrize(
    ("role", "create", "import_", "export", "manage_units"),
    [
        ("admin_bkd", True, True, True, True),
        ("superuser", True, True, True, True),
        ("operator_opd", True, False, True, False),
        ("pimpinan", False, False, True, False),
        ("atasan", False, False, False, False),
        ("pegawai", False, False, False, False),
    ],
)
def test_role_capabilities(users, role, create, import_, export, manage_units):
    user = users[role]
    assert permissions.can_create_pegawai(user) is create
    assert permissions.can_import_data(user) is import_
    assert permissions.can_export_pegawai(user) is export
    assert permissions.can_manage_unit_kerja(user) is manage_units


@pytest.mark.parametrize(
    ("role", "own_opd", "other_opd"),
    [
        ("admin_bkd", True, True),
        ("pimpinan", True, True),
        ("operator_opd", True, False),
        ("atasan", False, False),
        ("pegawai", False, False),
    ],
)
def test_can_view_daftar_statutori(org, users, role, own_opd, other_opd):
    assert permissions.can_view_daftar_statutori(users[role], org.opd_a) is own_opd
    assert permissions.can_view_daftar_statutori(users[role], org.opd_b) is other_opd


@pytest.mark.parametrize(
    ("role", "self_"),
    [
        ("pegawai", True),
        ("atasan", False),
        ("operator_opd", False),
        ("admin_bkd", False),
    ],
)
def test_only_the_employee_proposes_corrections(org, users, role, self_):
    assert permissions.can_propose_perubahan_data(users[role], org.staf_a) is self_
    assert permissions.can_propose_perubahan_data(users[role], org.kabid_a) is (role == "atasan")


@pytest.mark.parametrize(
    ("role", "sees_staf_a", "sees_staf_b"),
    [
        ("admin_bkd", True, True),
        ("pimpinan", True, True),
        ("operator_opd", True, False),
        ("atasan", True, False),
        ("pegawai", True, False),
    ],
)
def test_can_view_pegawai(org, users, role, sees_staf_a, sees_staf_b):
    assert permissions.can_view_pegawai(users[role], org.staf_a) is sees_staf_a
    assert permissions.can_view_pegawai(users[role], org.staf_b) is sees_staf_b
