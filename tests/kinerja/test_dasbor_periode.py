"""Which evaluation period the dashboards open on (issue 12 point 11): not the one where a single
person happens to be rated already, and the user can pick another one."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kinerja.dashboards import periode_evaluasi_terisi
from kinerja.models import Penilaian, PenutupanPeriode
from tests.factories import PegawaiFactory

HARI_INI = dt.date(2026, 12, 1)


@pytest.fixture
def hari_ini(time_machine):
    time_machine.move_to(dt.datetime.combine(HARI_INI, dt.time(9), tzinfo=ZoneInfo("Asia/Makassar")))


@pytest.fixture
def staf(org):
    """Ten more active staff in OPD A: with the fixture's four, 14 active employees in all."""
    return [PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Staf {i:02d}") for i in range(10)]


def _nilai(periode, kode: str, pegawai: list) -> None:
    Penilaian.objects.bulk_create(
        Penilaian(
            periode_kinerja=periode,
            periode=kode,
            pegawai=p,
            opd_id=p.opd_id,
            rating_hasil_kerja="sesuai ekspektasi",
            rating_perilaku_kerja="sesuai ekspektasi",
            predikat="baik",
        )
        for p in pegawai
    )


pytestmark = pytest.mark.usefixtures("hari_ini")


def test_one_early_rating_does_not_switch_the_dashboard(client_as, users, periode, staf):
    # Like the demo on 1 December: Triwulan III rated for 8 of 14 (57 %), Triwulan IV for one person.
    _nilai(periode, "triwulan-3", staf[:8])
    _nilai(periode, "triwulan-4", staf[:1])
    assert periode_evaluasi_terisi(periode) == "triwulan-3"
    page = client_as("admin_bkd").get("/").content.decode()
    assert "Kinerja Triwulan III 2026" in page
    assert '<option value="triwulan-4" >Triwulan IV</option>' in page
    assert '<option value="triwulan-3" selected>Triwulan III</option>' in page
    # The user picks Triwulan IV: one rated.
    page = client_as("admin_bkd").get("/?periode=triwulan-4").content.decode()
    assert "Kinerja Triwulan IV 2026" in page
    assert '<option value="triwulan-4" selected>Triwulan IV</option>' in page
    # Not offered: the annual period of a running year; an unknown code falls back to the default.
    assert 'value="tahunan"' not in page
    assert "Kinerja Triwulan III 2026" in client_as("admin_bkd").get("/?periode=x").content.decode()


def test_a_closed_period_counts_as_meaningful_even_with_few_ratings(users, periode, staf):
    _nilai(periode, "triwulan-2", staf[:1])
    _nilai(periode, "triwulan-3", staf[:2])
    assert periode_evaluasi_terisi(periode) == "triwulan-3"  # neither has 50 %: the one with most
    PenutupanPeriode.objects.create(
        periode_kinerja=periode, periode="triwulan-2", status="selesai", dijalankan_oleh=users["admin_bkd"]
    )
    assert periode_evaluasi_terisi(periode) == "triwulan-2"


def test_without_meaningful_coverage_the_period_with_most_ratings_is_shown(periode, staf):
    _nilai(periode, "triwulan-2", staf[:5])
    _nilai(periode, "triwulan-4", staf[:1])
    assert periode_evaluasi_terisi(periode) == "triwulan-2"


def test_nothing_rated_yet_opens_on_todays_period(periode):
    assert periode_evaluasi_terisi(periode) == "triwulan-4"


def test_the_operator_coverage_is_that_of_their_opd(client_as, users, org, periode, staf):
    # OPD A has 13 active employees (kepala, kabid, staf_a and the ten); 7 rated in T-III = 54 %.
    _nilai(periode, "triwulan-3", staf[:7])
    _nilai(periode, "triwulan-4", [org.staf_b])  # OPD B: 1 of 1 rated in T-IV
    assert periode_evaluasi_terisi(periode, opd=org.opd_a.pk) == "triwulan-3"
    assert periode_evaluasi_terisi(periode, opd=org.opd_b.pk) == "triwulan-4"
    assert "Kinerja Triwulan III 2026" in client_as("operator_opd").get("/").content.decode()


def test_the_threshold_is_exactly_half_and_counts_stop_there(periode, staf, org):
    # 14 active employees: 7 rated is 50 % (meaningful), 6 is not. Ratings are counted only up to 7.
    _nilai(periode, "triwulan-1", [*staf, org.staf_a, org.kabid_a, org.kepala_a])  # 13 of 14
    _nilai(periode, "triwulan-2", staf[:6])
    assert periode_evaluasi_terisi(periode) == "triwulan-1"  # T-II below half: the latest at half or more
    _nilai(periode, "triwulan-2", staf[6:7])
    assert periode_evaluasi_terisi(periode) == "triwulan-2"  # exactly half
    _nilai(periode, "triwulan-4", staf[:6])
    assert periode_evaluasi_terisi(periode) == "triwulan-2"


def test_below_the_threshold_a_tie_goes_to_the_later_period(periode, staf):
    _nilai(periode, "triwulan-1", staf[:3])
    _nilai(periode, "triwulan-3", staf[3:6])
    _nilai(periode, "triwulan-2", staf[:2])
    assert periode_evaluasi_terisi(periode) == "triwulan-3"
