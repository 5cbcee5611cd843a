"""The organisation page as a collapsible, searchable tree: each row counts the people and the ABK need
of the unit and everything below it, in a number of queries that does not grow with the units."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.selectors import unit_tree_with_counts
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory


def _row(page: str, kode: str) -> list[str]:
    """The cells' text of the row of unit `kode`."""
    row = re.search(rf'data-testid="unit-{re.escape(kode)}">(.*?)</tr>', page, re.S).group(1)
    return [
        " ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_opd_rows_count_the_people_of_all_their_units(org, client_as):
    # OPD A: the kepala in the OPD itself, kabid and staf in Bidang A.1; one more two levels down.
    seksi = UnitKerjaFactory(kode="A.1.1", nama="Seksi Kurikulum", jenis="seksi", induk=org.bidang_a)
    PegawaiFactory(jabatan=JabatanFactory(unit_kerja=seksi, nama="Analis Kurikulum", kebutuhan=2))
    page = client_as("admin_bkd").get("/organisasi/").content.decode()
    # Pegawai, kebutuhan (1 kepala + 1 kabid + 3 staf + 2 analis) and selisih over the whole subtree.
    assert _row(page, "A")[2:] == ["4", "7", "-3"]
    assert _row(page, "A.1")[2:] == ["3", "6", "-3"]
    assert _row(page, "A.1.1")[2:] == ["1", "2", "-1"]
    assert _row(page, "B")[2:] == ["1", "2", "-1"]  # the factory needs 2 for a position by default
    # The tree: parent paths for the script, a toggle only where there are sub-units, the search box,
    # and no inline script (CSP).
    assert 'data-unit="A/A.1/A.1.1"' in page and 'data-induk="A/A.1"' in page
    assert page.count('class="btn btn-link btn-sm p-0 text-decoration-none tree-toggle"') == 2
    assert 'id="cari-unit"' in page and "js/organisasi.js" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)


def test_the_tree_takes_the_same_queries_for_3_and_10_units(org, users, client_as):
    client = client_as("admin_bkd")

    def count() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/organisasi/").status_code == 200
        return len(ctx), [q["sql"] for q in ctx.captured_queries]

    count()  # warm up (session, content types)
    assert len(unit_tree_with_counts(user=users["admin_bkd"])) == 3
    small, _ = count()
    induk = org.bidang_a
    for i in range(7):
        unit = UnitKerjaFactory(kode=f"A.1.{i}", nama=f"Seksi {i}", jenis="seksi", induk=induk)
        PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit, nama=f"Analis {i}", kebutuhan=1))
        induk = unit if i % 2 else induk
    assert len(unit_tree_with_counts(user=users["admin_bkd"])) == 10
    large, sql = count()
    assert small == large, f"{small} queries for 3 units, {large} for 10:\n" + "\n".join(sql)


@pytest.mark.parametrize("role", ["operator_opd"])
def test_the_operator_sees_the_tree_of_their_opd_only(org, client_as, role):
    page = client_as(role).get("/organisasi/").content.decode()
    assert 'data-testid="unit-A"' in page and 'data-testid="unit-B"' not in page
