"""The MKG pay uses: the latest decree in force on the 1st of the pay month (pangkat SK or KGB), never
the calendar; the month diff warns of a jump of more than two years; the demo data agrees with itself.
Amounts from the Lampiran of PP 5/2024 (III/a: MKG 0 2.785.700, MKG 10 3.252.900, MKG 12 3.355.400)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.dates import months_between
from pegawai.models import Pegawai
from penggajian import selectors
from penggajian.models import KenaikanGajiBerkala, Slip
from tests.penggajian.bantu import hitung

D = dt.date


def _kgb(pegawai, tmt: dt.date, mkg: int, status: str = "ditetapkan", golongan: str = "III/a"):
    return KenaikanGajiBerkala.objects.create(
        pegawai=pegawai, golongan=golongan, mkg_tahun=mkg, tmt=tmt, gaji_pokok_lama=0, gaji_pokok_baru=0,
        status=status,
    )  # fmt: skip


def _gapok(run, pegawai) -> tuple[int, str]:
    slip = Slip.objects.get(run=run, pegawai=pegawai)
    return slip.kolom["gaji_pokok"], slip.rincian[0]["penjelasan"]


@pytest.mark.parametrize(
    ("tmt_pangkat", "kgb", "expected"),
    [
        # A KGB of the same golongan after the pangkat SK is the latest decree.
        (D(2020, 12, 1), ("III/a", D(2024, 12, 1), 10), (10, "KGB TMT 01-12-2024")),
        # A pangkat SK after the KGB wins, even with a lower MKG (e.g. a corrected MKG on a new SK).
        (D(2025, 1, 1), ("III/a", D(2024, 12, 1), 10), (6, "SK pangkat TMT 01-01-2025")),
        # A KGB of the previous golongan no longer counts after a promotion.
        (D(2020, 12, 1), ("II/d", D(2024, 12, 1), 14), (6, "SK pangkat TMT 01-12-2020")),
        # No TMT golongan on record: the KGB is the only dated decree.
        (None, ("III/a", D(2024, 12, 1), 10), (10, "KGB TMT 01-12-2024")),
        (D(2020, 12, 1), None, (6, "SK pangkat TMT 01-12-2020")),
    ],
)
def test_the_latest_decree_gives_the_mkg(tmt_pangkat, kgb, expected):
    k = SimpleNamespace(golongan=kgb[0], tmt=kgb[1], mkg_tahun=kgb[2]) if kgb else None
    assert selectors.mkg_berlaku(6, tmt_pangkat, "III/a", k) == expected


def test_pay_follows_the_decrees_not_the_calendar(bergaji, petugas, client):
    staf, kabid = bergaji.staf_b, bergaji.kabid_a
    # staf_b: pangkat SK III/a TMT 1 December 2020 at MKG 6, a KGB every two years since.
    Pegawai.objects.filter(pk=staf.pk).update(tmt_golongan=D(2020, 12, 1), mkg_tahun=6, mkg_bulan=0)
    for tmt, mkg in ((D(2022, 12, 1), 8), (D(2024, 12, 1), 10), (D(2026, 12, 1), 12)):
        _kgb(staf, tmt, mkg)
    _kgb(staf, D(2026, 11, 1), 14, status="draf")  # a draft is no decree
    # kabid_a: III/a MKG 0 on an SK of 2015 and no KGB since: still MKG 0, whatever the calendar says.
    Pegawai.objects.filter(pk=kabid.pk).update(
        golongan=staf.golongan, tmt_golongan=D(2015, 1, 1), mkg_tahun=0, mkg_bulan=0
    )
    november, desember = hitung(petugas["pembuat"], bulan=11), hitung(petugas["pembuat"], bulan=12)
    gapok, uraian = _gapok(november, staf)
    assert gapok == 3_252_900 and "MKG 10 tahun (KGB TMT 01-12-2024)" in uraian
    gapok, uraian = _gapok(desember, staf)
    assert gapok == 3_355_400 and "MKG 12 tahun (KGB TMT 01-12-2026)" in uraian
    gapok, uraian = _gapok(desember, kabid)
    assert gapok == 2_785_700 and "MKG 0 tahun (SK pangkat TMT 01-01-2015)" in uraian

    client.force_login(petugas["pimpinan"])
    page = client.get(reverse("penggajian:run_perubahan", args=[desember.pk])).content.decode()
    assert "MKG 10 → 12 tahun (KGB TMT 01-12-2026)" in page
    assert "MKG berubah" not in page and 'data-testid="peringatan-mkg"' not in page


def test_the_diff_warns_of_an_mkg_change_of_more_than_two_years(bergaji, petugas, client):
    staf = bergaji.staf_b
    Pegawai.objects.filter(pk=staf.pk).update(tmt_golongan=D(2016, 12, 1), mkg_tahun=0, mkg_bulan=0)
    november = hitung(petugas["pembuat"], bulan=11)
    assert _gapok(november, staf)[0] == 2_785_700
    _kgb(staf, D(2026, 12, 1), 10)  # the KGBs of 2018–2024 were never entered
    desember = hitung(petugas["pembuat"], bulan=12)
    assert _gapok(desember, staf)[0] == 3_252_900
    client.force_login(petugas["pimpinan"])
    page = client.get(reverse("penggajian:run_perubahan", args=[desember.pk])).content.decode()
    assert "MKG 1 pegawai berubah lebih dari 2 tahun" in page
    assert (
        "MKG berubah 10 tahun sekaligus: 0 tahun (SK pangkat TMT 01-12-2016) → 10 tahun (KGB TMT 01-12-2026)"
        in page
    )
    assert page.count('data-testid="peringatan-mkg"') == 1


@pytest.mark.django_db
def test_the_demo_decrees_agree_with_each_other_and_with_today():
    call_command("seed_demo", pegawai=120, seed=3, force=True)
    today = timezone.localdate()
    pns = list(Pegawai.objects.filter(aktif=True, status_kepegawaian="PNS").select_related("golongan"))
    assert pns
    terakhir = {}
    for k in KenaikanGajiBerkala.objects.filter(status="ditetapkan").order_by("tmt"):
        terakhir[k.pegawai_id] = k
    assert terakhir, "the demo has KGBs"
    for p in pns:
        # The MKG on the pangkat SK is the service since TMT CPNS (3 years more for II/a starters promoted).
        assert months_between(p.mkg_awal(), p.tmt_cpns) in (0, 36), p.nip
        k = terakhir.get(p.pk)
        if k is None:
            continue
        # The latest KGB: after the pangkat SK, on today or before, two-yearly from the MKG start, and the
        # next one (Pegawai.tanggal_kgb_berikutnya) is still to come.
        assert p.tmt_golongan < k.tmt <= today
        assert months_between(p.mkg_awal(), k.tmt) == k.mkg_tahun * 12 and k.mkg_tahun % 2 == 0
        assert p.hitung_kgb_berikutnya(today) > today
    # No one's MKG moves more than one step between two consecutive pay months.
    qs = Pegawai.objects.filter(aktif=True)
    for (t1, b1), (t2, b2) in (((2026, 10), (2026, 11)), ((2026, 11), (2026, 12))):
        lama = {
            m.pegawai_id: m.mkg_tahun for m in selectors.masukan_pegawai(qs, tahun=t1, bulan=b1, tpp=False)[0]
        }
        baru = {
            m.pegawai_id: m.mkg_tahun for m in selectors.masukan_pegawai(qs, tahun=t2, bulan=b2, tpp=False)[0]
        }
        assert all(0 <= baru[pid] - lama[pid] <= 2 for pid in baru), (t2, b2)
