"""Every list page, dashboard and list selector runs the same number of queries for 3 and 10 rows."""

import pytest

from pegawai.selectors import pegawai_list_for_table
from tests.factories import KeluargaFactory, PegawaiFactory
from tests.querycount import assert_same_queries_after


def _grow(org, n: int) -> None:
    """Add employees under kabid_a (team, OPD A) with families, so every page has more rows."""
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tambahan {i}", atasan=org.kabid_a)
        KeluargaFactory(pegawai=p)


def _assert_same(org, fn, extra: int = 7) -> None:
    assert_same_queries_after(fn, lambda: _grow(org, extra))


PAGES = [
    ("admin_bkd", "/"),
    ("pimpinan", "/"),
    ("operator_opd", "/"),
    ("atasan", "/"),
    ("pegawai", "/"),
    ("admin_bkd", "/pegawai/"),
    ("admin_bkd", "/pegawai/?q=a"),  # matches every row, before and after
    ("admin_bkd", "/pegawai/?opd=__opd_a__&status=PNS"),
    ("operator_opd", "/pegawai/"),
    ("atasan", "/pegawai/"),
    ("admin_bkd", "/organisasi/"),
    ("admin_bkd", "/organisasi/A.1/"),
    ("admin_bkd", "/usulan-perubahan/"),
    ("admin_bkd", "/laporan/nominatif/?opd=A"),
    ("admin_bkd", "/pegawai/__staf_a__/?tab=keluarga"),
]


@pytest.mark.parametrize(("role", "url"), PAGES)
def test_page_query_count_is_independent_of_rows(org, client_as, role, url):
    client = client_as(role)
    url = url.replace("__opd_a__", str(org.opd_a.pk)).replace("__staf_a__", org.staf_a.nip)

    def fetch():
        response = client.get(url)
        assert response.status_code == 200

    _assert_same(org, fetch)


def test_list_selector_query_count(org, users):
    def run():
        rows = list(pegawai_list_for_table(user=users["admin_bkd"]))
        for p in rows:
            _ = (p.golongan.kode, p.jabatan.nama, p.unit_kerja.nama, p.opd.nama)

    _assert_same(org, run)
