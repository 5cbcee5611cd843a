"""Mutasi on the dashboards and the profile: the cards per role, their query count for 3 and 10
proposals, and the proposals on an employee's profile tab."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mutasi import dashboards
from tests.factories import JabatanFactory, PegawaiFactory
from tests.querycount import assert_same_queries_after

from .conftest import buat_usulan


def test_cards_per_role(users, usulan_direkomendasikan):
    admin = {k["judul"]: k["jumlah"] for k in dashboards.dasbor_usulan(user=users["admin_bkd"])["kartu"]}
    assert admin["Menunggu persetujuan PPK"] == 1
    pimpinan = {k["judul"]: k["jumlah"] for k in dashboards.dasbor_usulan(user=users["pimpinan"])["kartu"]}
    assert pimpinan == {"Usulan mutasi menunggu persetujuan Anda": 1, "Disetujui, menunggu SK": 0}
    operator = {
        k["judul"]: k["jumlah"] for k in dashboards.dasbor_usulan(user=users["operator_opd"])["kartu"]
    }
    assert operator == {"Draf usulan mutasi": 0, "Usulan dikembalikan": 0, "Usulan dalam proses": 1}
    assert dashboards.dasbor_usulan(user=users["pegawai"]) is None


def test_dashboard_page_shows_the_cards(client_as, usulan_direkomendasikan):
    body = client_as("pimpinan").get("/").content.decode()
    assert "Usulan mutasi menunggu persetujuan Anda" in body


@pytest.mark.parametrize("role", ["admin_bkd", "pimpinan", "operator_opd"])
def test_dashboard_query_count(org, users, client_as, role):
    client = client_as(role)

    def fetch():
        assert client.get("/").status_code == 200

    def grow():
        for i in range(7):
            p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tambahan {i}")
            buat_usulan(users["operator_opd"], p, JabatanFactory(unit_kerja=org.opd_b, nama=f"Tujuan {i}"))

    buat_usulan(users["operator_opd"], org.staf_a, JabatanFactory(unit_kerja=org.opd_b, nama="Awal"))
    assert_same_queries_after(fetch, grow)


def test_profile_tab(org, client_as, usulan_draft):
    # the profile offers the tab and loads it on demand from its own URL
    profil = client_as("operator_opd").get(reverse("pegawai:detail", args=[org.staf_a.nip])).content.decode()
    url = reverse("pegawai:detail_tab", args=[org.staf_a.nip, "mutasi"])
    assert url in profil and "Analis Data Kesehatan" not in profil
    body = client_as("operator_opd").get(url).content.decode()
    assert 'data-testid="profil-mutasi"' in body and "Analis Data Kesehatan" in body
    # the employee does not see a draft about them on their own profile
    body = client_as("pegawai").get(url).content.decode()
    assert "Analis Data Kesehatan" not in body
    # an atasan is not offered the tab (the profile is theirs to read, the proposals are not)
    assert client_as("atasan").get(url).status_code == 404
