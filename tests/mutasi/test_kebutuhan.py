"""Needs (kebutuhan vs bezetting): exact roll-ups per position, unit, OPD and government, coming
retirements, scope (another OPD answers 404), flat query counts, the XLSX export's formula guard, and the
effect of one move."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from core.dates import add_months
from mutasi import kebutuhan as sel
from mutasi.permissions import can_view_kebutuhan
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.querycount import assert_same_queries_after


def _lahir_pensiun_dalam(bulan: int) -> dt.date:
    """A birth date whose BUP-58 TMT pensiun falls `bulan` months from now (first of the next month)."""
    return add_months(timezone.localdate(), bulan - 1 - 58 * 12).replace(day=15)


@pytest.fixture
def kebutuhan(org):
    """org plus, in Bidang A.1, a position needing 1 held by 3 (one retiring in 6 months, one in 14), and
    an inactive holder of the staff position (not counted).

    Per position (kebutuhan, bezetting, pensiun 12 bulan):
      OPD A   Kepala Dinas             1, 1, 0
      A.1     Kepala Bidang            1, 1, 0
      A.1     Pengelola Data           3, 1, 0   → kurang 2
      A.1     Pengadministrasi Umum    1, 3, 1   → lebih 2, proyeksi kurang max(-2 + 1, 0) = 0
      OPD B   Pengadministrasi Umum    2, 1, 0   → kurang 1
    """
    extra = JabatanFactory(
        unit_kerja=org.bidang_a, nama="Pengadministrasi Umum", kebutuhan=1, kelas_jabatan=5
    )
    PegawaiFactory(jabatan=extra)
    PegawaiFactory(jabatan=extra, tanggal_lahir=_lahir_pensiun_dalam(6))
    PegawaiFactory(jabatan=extra, tanggal_lahir=_lahir_pensiun_dalam(14))
    PegawaiFactory(jabatan=org.staf_a.jabatan, aktif=False)
    return extra


def _angka(a: sel.Angka) -> tuple:
    return (a.kebutuhan, a.bezetting, a.selisih, a.kurang, a.lebih, a.pensiun, a.proyeksi_kurang)


def test_government_rollup_exact(kebutuhan, users):
    rows, total = sel.kebutuhan_pemda(user=users["admin_bkd"])
    by_kode = {r.opd.kode: r.angka for r in rows}
    assert _angka(by_kode["A"]) == (6, 6, 0, 2, 2, 1, 2)
    assert _angka(by_kode["B"]) == (2, 1, 1, 1, 0, 0, 1)
    assert _angka(total) == (8, 7, 1, 3, 2, 1, 3)
    assert total.jumlah_jabatan == 5


def test_peta_jabatan_rolls_up_sub_units(kebutuhan, org):
    units, total = sel.peta_jabatan(opd=org.opd_a)
    by_kode = {u.unit.kode: u for u in units}
    assert _angka(by_kode["A"].angka) == (6, 6, 0, 2, 2, 1, 2)  # the OPD includes its bidang
    assert _angka(by_kode["A.1"].angka) == (5, 5, 0, 2, 2, 1, 2)
    assert [j.nama for j in by_kode["A"].jabatan] == ["Kepala Dinas Pendidikan"]
    extra = next(j for j in by_kode["A.1"].jabatan if j.id == kebutuhan.pk)
    assert (extra.kebutuhan, extra.bezetting, extra.selisih, extra.pensiun) == (1, 3, -2, 1)
    assert _angka(total) == (6, 6, 0, 2, 2, 1, 2)


def test_filters_shortage_excess_and_jenis(kebutuhan, org, users):
    units, total = sel.peta_jabatan(opd=org.opd_a, status=sel.STATUS_KURANG)
    assert [j.nama for u in units for j in u.jabatan] == ["Pengelola Data Pendidikan"]
    assert [u.unit.kode for u in units if u.tampil] == ["A", "A.1"]
    units, _ = sel.peta_jabatan(opd=org.opd_a, status=sel.STATUS_LEBIH)
    assert [j.id for u in units for j in u.jabatan] == [kebutuhan.pk]
    units, total = sel.peta_jabatan(opd=org.opd_a, jenis="jpt")
    assert [u.unit.kode for u in units if u.tampil] == ["A"]
    assert _angka(total) == (1, 1, 0, 0, 0, 0, 0)
    rows, total = sel.kebutuhan_pemda(user=users["admin_bkd"], status=sel.STATUS_KURANG)
    assert [(r.opd.kode, r.angka.kurang) for r in rows] == [("A", 2), ("B", 1)]
    rows, _ = sel.kebutuhan_pemda(user=users["admin_bkd"], status=sel.STATUS_LEBIH)
    assert [r.opd.kode for r in rows] == ["A"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin_bkd", True), ("pimpinan", True), ("operator_opd", True), ("atasan", False), ("pegawai", False)],
)
def test_permission_table(users, role, expected):
    assert can_view_kebutuhan(users[role]) is expected


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("admin_bkd", "/mutasi/kebutuhan/", 200),
        ("admin_bkd", "/mutasi/kebutuhan/B/", 200),
        ("pimpinan", "/mutasi/kebutuhan/B/", 200),
        ("operator_opd", "/mutasi/kebutuhan/", 200),
        ("operator_opd", "/mutasi/kebutuhan/A/", 200),
        ("operator_opd", "/mutasi/kebutuhan/B/", 404),  # another OPD
        ("operator_opd", "/mutasi/kebutuhan/B/?unduh=xlsx", 404),
        ("admin_bkd", "/mutasi/kebutuhan/A.1/", 404),  # a sub-unit is not an OPD page
        ("admin_bkd", "/mutasi/kebutuhan/TIDAK-ADA/", 404),
        ("pegawai", "/mutasi/kebutuhan/", 403),
        ("atasan", "/mutasi/kebutuhan/A/", 403),
    ],
)
def test_pages_scope(kebutuhan, client_as, role, url, status):
    assert client_as(role).get(url).status_code == status


def test_operator_overview_shows_own_opd_only(kebutuhan, client_as):
    response = client_as("operator_opd").get("/mutasi/kebutuhan/")
    assert [r.opd.kode for r in response.context["rows"]] == ["A"]
    assert "Dinas Kesehatan" not in response.content.decode()


def test_menu_entry(kebutuhan, client_as):
    assert "/mutasi/kebutuhan/" in client_as("operator_opd").get("/").content.decode()
    assert "/mutasi/kebutuhan/" not in client_as("pegawai").get("/").content.decode()


def _grow(org, n: int) -> None:
    """n more OPDs (each with a bidang) and positions with holders in the fixture OPD A."""
    for i in range(n):
        opd = UnitKerjaFactory(kode=f"X{i}", nama=f"Dinas Tambahan {i}")
        bidang = UnitKerjaFactory(kode=f"X{i}.1", nama=f"Bidang Tambahan {i}", induk=opd)
        PegawaiFactory(jabatan=JabatanFactory(unit_kerja=bidang, kebutuhan=2))
        jab = JabatanFactory(unit_kerja=org.bidang_a, nama=f"Analis {i}", kebutuhan=i % 3)
        PegawaiFactory(jabatan=jab)
        PegawaiFactory(jabatan=jab, tanggal_lahir=_lahir_pensiun_dalam(3))


@pytest.mark.parametrize(
    "url",
    [
        "/mutasi/kebutuhan/",
        "/mutasi/kebutuhan/?status=kurang&jenis=pelaksana",
        "/mutasi/kebutuhan/?unduh=xlsx",
        "/mutasi/kebutuhan/A/",
        "/mutasi/kebutuhan/A/?status=lebih",
        "/mutasi/kebutuhan/A/?unduh=xlsx",
    ],
)
def test_query_count_same_for_3_and_10_rows(kebutuhan, org, client_as, url):
    client = client_as("admin_bkd")

    def fetch():
        assert client.get(url).status_code == 200

    assert_same_queries_after(fetch, lambda: _grow(org, 7))


def test_export_guards_formulas_and_has_exact_figures(kebutuhan, org, client_as):
    org.bidang_a.nama = '=HYPERLINK("http://x","klik")'
    org.bidang_a.save()
    kebutuhan.nama = "+1+1"
    kebutuhan.save()
    client = client_as("admin_bkd")
    response = client.get("/mutasi/kebutuhan/A/?unduh=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [
        "kode_unit", "unit_kerja", "jabatan", "jenis_jabatan", "kelas_jabatan", "sumber_kebutuhan", "kebutuhan",
        "bezetting", "selisih", "kurang", "lebih", "pensiun_12_bulan", "proyeksi_kurang",
    ]  # fmt: skip
    row = next(r for r in rows if r[2] == "+1+1")
    assert row[6:] == (1, 3, -2, 0, 2, 1, 0)
    for cell in sheet[next(i for i, r in enumerate(rows, start=1) if r[2] == "+1+1")]:
        if isinstance(cell.value, str) and cell.value[:1] in "=+":
            assert cell.data_type == "s" and cell.quotePrefix is True
    response = client.get("/mutasi/kebutuhan/?unduh=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == ("A", "Dinas Pendidikan", 4, 6, 6, 0, 2, 2, 1, 2)
    assert rows[2] == ("B", "Dinas Kesehatan", 1, 2, 1, 1, 1, 0, 0, 1)


def test_dampak_perpindahan_between_units(kebutuhan, org):
    # Unit A.1's own positions: kebutuhan 1 + 3 + 1 = 5, bezetting 1 + 1 + 3 = 5 → selisih 0.
    # Unit B: kebutuhan 2, bezetting 1 → selisih 1.
    dampak = sel.dampak_perpindahan(kebutuhan, org.staf_b.jabatan, pagu_tpp={5: 3_000_000})
    assert (
        dampak.teks
        == "Bidang Pembinaan SD −1 (selisih 0 → 1), Dinas Kesehatan +1 (selisih 1 → 0), TPP per bulan ±Rp0"
    )
    assert not dampak.tujuan_sudah_penuh
    dampak = sel.dampak_perpindahan(org.staf_b.jabatan, kebutuhan, pagu_tpp={5: 3_000_000})
    assert dampak.tujuan_sudah_penuh
    assert dampak.peringatan == (
        "Jabatan Pengadministrasi Umum di Bidang Pembinaan SD sudah terisi 3 orang dari kebutuhan 1; "
        "setelah perpindahan menjadi 4."
    )
    dampak = sel.dampak_perpindahan(
        org.staf_a.jabatan, org.kabid_a.jabatan, pagu_tpp={6: 4_100_000, 11: 9_250_000}
    )
    assert dampak.teks == (
        "Bidang Pembinaan SD −1 (selisih 0 → 0), Bidang Pembinaan SD +1 (selisih 0 → 0), TPP per bulan +Rp5.150.000"
    )
    assert sel.dampak_perpindahan(kebutuhan, org.staf_b.jabatan).selisih_tpp_bulanan is None
