"""The dashboards' JP reads in one query each: the atasan's team (counts as window aggregates, the rows
below target), the employee's JP read with the employee, the latest activities with their count.
Expected values worked out from the rule (target 20 JP for a PNS in 2026; meeting it is ≥)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pegawai.models import Pegawai
from pembinaan import selectors
from tests.factories import PegawaiFactory

from .test_dasbor import catat

pytestmark = pytest.mark.django_db


def _anggota(org, nama: str, **kwargs) -> Pegawai:
    return PegawaiFactory(
        jabatan=org.staf_a.jabatan, nama=nama, atasan=org.kabid_a, atasan_manual=True, **kwargs
    )


def test_jp_tim_counts_the_whole_team_and_lists_those_below_target(org, users):
    # kabid_a's active reports: staf_a (0 JP) and four more.
    catat(users, _anggota(org, "Ayu"), 24)  # meets
    catat(users, _anggota(org, "Bima"), 20)  # meets: exactly the target
    cahya = _anggota(org, "Cahya")
    catat(users, cahya, 5)
    dani = _anggota(org, "Dani")
    catat(users, dani, 19)
    _anggota(org, "Edo nonaktif", aktif=False)  # not counted
    catat(users, org.staf_b, 2)  # someone else's report

    # 5 reports, 2 meet; below target by least JP first: staf_a 0, Cahya 5, Dani 19.
    assert selectors.jp_tim(org.kabid_a.pk, 2026) == (5, 2, [org.staf_a, cahya, dani])
    # Fewer rows asked: the counts stay the whole team's.
    jumlah, memenuhi, rows = selectors.jp_tim(org.kabid_a.pk, 2026, tertinggal=2)
    assert (jumlah, memenuhi, rows) == (5, 2, [org.staf_a, cahya])
    assert [(p.jp_total, p.target_jp) for p in rows] == [(Decimal(0), 20), (Decimal(5), 20)]
    # Another year: nobody has JP, all five below target with 0 JP, so by name.
    jumlah, memenuhi, rows = selectors.jp_tim(org.kabid_a.pk, 2025, tertinggal=3)
    assert (jumlah, memenuhi, [p.nama for p in rows]) == (5, 0, ["Andi Pratama", "Ayu", "Bima"])
    # Nobody reports to staf_a.
    assert selectors.jp_tim(org.staf_a.pk, 2026) == (0, 0, [])


def test_ringkasan_from_the_employee_read_with_jp_needs_no_query(org, users, django_assert_num_queries):
    catat(users, org.staf_a, 5)
    pegawai = selectors.pegawai_dengan_jp(org.staf_a.pk, 2026)
    with django_assert_num_queries(0):
        ringkasan = selectors.ringkasan_pegawai(pegawai, 2026)
    # 5 of 20 JP: 25 %, not met.
    expected = {
        "tahun": 2026,
        "jp_klasikal": Decimal(5),
        "jp_nonklasikal": Decimal(0),
        "jp_total": Decimal(5),
        "target_jp": 20,
        "memenuhi": False,
        "persen": 25,
    }
    assert ringkasan == expected
    # The same as read from the recap for a plain employee; another year reads the recap too.
    assert selectors.ringkasan_pegawai(Pegawai.objects.get(pk=org.staf_a.pk), 2026) == expected
    assert selectors.ringkasan_pegawai(pegawai, 2025)["jp_total"] == Decimal(0)
    assert selectors.pegawai_dengan_jp(987654, 2026) is None


def test_kegiatan_terakhir_newest_first_with_the_years_count(org, users):
    for i in range(7):
        catat(users, org.staf_a, 2, nama=f"Bimtek {i}", selesai=dt.date(2026, 1 + i, 5))
    catat(users, org.staf_a, 2, nama="Bimtek lama", selesai=dt.date(2025, 6, 5))
    rows, jumlah = selectors.kegiatan_terakhir(org.staf_a, 2026, 5)
    assert jumlah == 7
    assert [k.nama_pelatihan for k in rows] == ["Bimtek 6", "Bimtek 5", "Bimtek 4", "Bimtek 3", "Bimtek 2"]
    assert selectors.kegiatan_terakhir(org.staf_b, 2026, 5) == ([], 0)


def test_ringkasan_mentoring_reads_what_the_card_shows_in_one_query(org, users, django_assert_num_queries):
    from pembinaan import services_mentoring
    from pembinaan.selectors_mentoring import ringkasan_mentoring

    services_mentoring.atur_kapasitas(actor=users["admin_bkd"], mentor=org.kepala_a, maks=5)
    for nama in ("Gita", "Hadi"):
        services_mentoring.usulkan(
            actor=users["admin_bkd"], mentor=org.kepala_a, mentee=_anggota(org, nama), jenis="mentoring"
        )
    with django_assert_num_queries(1):  # the names and labels the card shows load no deferred field
        r = ringkasan_mentoring(org.kepala_a.pk)
        baris = [
            (
                p.mentor.nama_lengkap,
                p.mentee.nama_lengkap,
                p.get_jenis_display(),
                p.get_status_display(),
                p.jumlah_sesi,
            )
            for p in r["sebagai_mentor"]
        ]
    assert sorted(b[1] for b in baris) == ["Gita", "Hadi"] and r["sebagai_mentee"] == []
    assert {b[4] for b in baris} == {0}
