"""Who sees whom: scoping through selectors, and 404 (not 403) for objects outside the scope."""

import pytest

from pegawai.selectors import pegawai_list_visible_to


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin_bkd", {"kepala_a", "kabid_a", "staf_a", "staf_b"}),
        ("pimpinan", {"kepala_a", "kabid_a", "staf_a", "staf_b"}),
        ("operator_opd", {"kepala_a", "kabid_a", "staf_a"}),
        ("atasan", {"kabid_a", "staf_a"}),
        ("pegawai", {"staf_a"}),
    ],
)
def test_pegawai_visible_per_role(org, users, role, expected):
    names = {getattr(org, key).nip: key for key in ("kepala_a", "kabid_a", "staf_a", "staf_b")}
    visible = set(pegawai_list_visible_to(user=users[role]).values_list("nip", flat=True))
    assert {names[nip] for nip in visible} == expected


@pytest.mark.parametrize("role", ["operator_opd", "atasan", "pegawai"])
def test_other_opd_employee_answers_404(org, client_as, role):
    response = client_as(role).get(f"/pegawai/{org.staf_b.nip}/")
    assert response.status_code == 404


def test_operator_cannot_edit_other_opd(org, client_as):
    client = client_as("operator_opd")
    assert client.get(f"/pegawai/{org.staf_b.nip}/ubah/").status_code == 404
    assert client.get(f"/pegawai/{org.staf_a.nip}/ubah/").status_code == 200


def test_other_opd_unit_answers_404(org, client_as):
    assert client_as("operator_opd").get(f"/organisasi/{org.opd_b.kode}/").status_code == 404
    assert client_as("operator_opd").get(f"/organisasi/{org.opd_a.kode}/").status_code == 200


def test_pages_need_login(client, org):
    response = client.get("/pegawai/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/login/").status_code == 200


def test_atasan_is_derived_from_the_org_chart(org):
    assert org.staf_a.atasan == org.kabid_a
    assert org.kabid_a.atasan == org.kepala_a
    assert org.kepala_a.atasan is None
    assert org.staf_b.atasan is None
