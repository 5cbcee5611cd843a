"""The profile's secondary tabs load on demand (issue 12 follow-up): the change history and the tabs other
apps register with a predicate (SK KGB, JP) each have their own URL with the profile's scoping (another
OPD's employee answers 404, a tab the user may not see answers 404), the profile itself no longer runs
their queries, and each tab's query count is the same for 3 and 10 rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pembinaan import services as pembinaan_services
from pembinaan.models import KegiatanPengembangan
from penggajian.models import KenaikanGajiBerkala
from tests.factories import KeluargaFactory
from tests.pembinaan.conftest import data_kegiatan
from tests.querycount import assert_same_queries_after, get_queries

pytestmark = pytest.mark.django_db

TABS = ("riwayat", "kgb", "jp")


def _url(pegawai, key: str) -> str:
    return f"/pegawai/{pegawai.nip}/tab/{key}/"


def _kgb(pegawai, n: int, awal: int = 0) -> None:
    for i in range(awal, awal + n):
        KenaikanGajiBerkala.objects.create(
            pegawai=pegawai, golongan="III/a", mkg_tahun=2 * (i + 1), tmt=dt.date(2000 + 2 * i, 4, 1),
            gaji_pokok_lama=2_785_700, gaji_pokok_baru=2_873_500, status="ditetapkan",
            nomor_sk=f"822/{i}/BKPSDM", tanggal_sk=dt.date(2000 + 2 * i, 3, 1),
        )  # fmt: skip


def _jp(pegawai, users, n: int, awal: int = 0) -> None:
    for i in range(awal, awal + n):
        KegiatanPengembangan.objects.create(
            pegawai=pegawai, nama_pelatihan=f"Kegiatan {i}", bentuk="seminar", jalur="klasikal",
            tanggal_mulai=dt.date(2026, 5, 1 + i), tanggal_selesai=dt.date(2026, 5, 1 + i), tahun=2026,
            jp_tertera=2, sumber="klaim", status="diajukan", jp_diakui=2, diajukan_oleh=users["pegawai"],
        )  # fmt: skip


def _riwayat(pegawai, n: int) -> None:
    for _ in range(n):
        KeluargaFactory(pegawai=pegawai)  # each adds a history row shown in the tab


def test_profile_shows_the_tabs_without_running_their_queries(org, users, client_as):
    _kgb(org.staf_a, 2)
    _jp(org.staf_a, users, 2)
    client = client_as("admin_bkd")
    url = f"/pegawai/{org.staf_a.nip}/"
    client.get(url)
    queries = get_queries(client, url)
    sql = "\n".join(queries).lower()
    assert "historical" not in sql and "kenaikangajiberkala" not in sql and "pembinaan_" not in sql
    assert len(queries) <= 16, "\n".join(queries)
    page = client.get(url).content.decode()
    for key in TABS:
        assert f'id="tab-{key}"' in page
        assert f'hx-get="{_url(org.staf_a, key)}"' in page
        # a hidden tab loads when shown; none of its content is on the page yet
        assert f'hx-trigger="shown.bs.tab from:#tab-{key} once"' in page
    assert "822/0/BKPSDM" not in page and "Kegiatan 0" not in page


def test_a_tab_opened_with_its_query_parameter_loads_at_once(org, client_as):
    page = client_as("admin_bkd").get(f"/pegawai/{org.staf_a.nip}/?tab=kgb").content.decode()
    assert f'hx-get="{_url(org.staf_a, "kgb")}" hx-trigger="load"' in page


def test_tab_content(org, users, client_as):
    _kgb(org.staf_a, 1)
    pembinaan_services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=org.staf_a,
        sumber="event",
        data=data_kegiatan(nama_pelatihan="Bimtek SIASN", jp_tertera=Decimal(16)),
    )
    KeluargaFactory(pegawai=org.staf_a, nama="Nur Aisyah")
    client = client_as("operator_opd")
    kgb = client.get(_url(org.staf_a, "kgb")).content.decode()
    assert 'data-testid="profil-kgb"' in kgb and "822/0/BKPSDM" in kgb
    jp = client.get(_url(org.staf_a, "jp")).content.decode()
    assert 'data-testid="ringkasan-jp"' in jp and "Bimtek SIASN" in jp
    riwayat = client.get(_url(org.staf_a, "riwayat")).content.decode()
    assert "Keluarga: Nur Aisyah" in riwayat


@pytest.mark.parametrize("key", TABS)
@pytest.mark.parametrize("role", ["operator_opd", "atasan", "pegawai"])
def test_another_opds_employee_answers_404_on_every_tab(org, client_as, role, key):
    assert client_as(role).get(_url(org.staf_b, key)).status_code == 404


def test_a_tab_the_user_may_not_see_answers_404_and_is_not_offered(org, client_as):
    client = client_as("atasan")  # kabid_a: sees staf_a's profile, not their pay
    page = client.get(f"/pegawai/{org.staf_a.nip}/").content.decode()
    assert 'id="tab-kgb"' not in page
    assert client.get(_url(org.staf_a, "kgb")).status_code == 404
    assert client.get(_url(org.staf_a, "riwayat")).status_code == 200
    assert client_as("admin_bkd").get(_url(org.staf_a, "tidak-ada")).status_code == 404


@pytest.mark.parametrize("key", TABS)
def test_tab_query_count_is_independent_of_rows(org, users, client_as, key):
    ada = [0]

    def grow(n: int) -> None:
        if key == "riwayat":
            _riwayat(org.staf_a, n)
        elif key == "kgb":
            _kgb(org.staf_a, n, awal=ada[0])
        else:
            _jp(org.staf_a, users, n, awal=ada[0])
        ada[0] += n

    grow(3)
    client = client_as("admin_bkd")

    def fetch():
        response = client.get(_url(org.staf_a, key))
        assert response.status_code == 200
        assert response.content.count(b"<tr") + response.content.count(b"perubahan") >= 3

    assert_same_queries_after(fetch, lambda: grow(7), key)
