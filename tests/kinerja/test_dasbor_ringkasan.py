"""The atasan dashboard's kinerja block is read from plain rows (`ringkasan_tim`), not from the team
page's model instances (`tim_data`): the same counts, lists and curve, worked out here by hand."""

from __future__ import annotations

import pytest

from akun import roles
from kinerja import services
from kinerja.dashboards_tim import ringkasan_tim, tim_data
from tests.factories import PegawaiFactory, UserFactory

from .conftest import tambah_hasil_kerja

pytestmark = pytest.mark.usefixtures("pada_tanggal_uji")  # 20 November 2026: Triwulan IV


def _staf(org, nama: str):
    staf = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=nama)
    staf.atasan = org.kabid_a
    staf.user = UserFactory(username=f"u{staf.pk}", roles=[roles.PEGAWAI])
    staf.save(update_fields=["atasan", "user"])
    return staf


def _skp(users, org, periode, nama: str, *, sampai: str):
    """An SKP of a new report of kabid_a, taken up to `sampai` (draf, diajukan, disetujui)."""
    staf = _staf(org, nama)
    skp = services.skp_create(actor=staf.user, pegawai=staf, periode=periode)
    tambah_hasil_kerja(staf.user, skp)
    if sampai in ("diajukan", "disetujui"):
        services.skp_submit(actor=staf.user, skp=skp)
    if sampai == "disetujui":
        services.skp_approve(actor=users["atasan"], skp=skp)
    return skp


def _nilai(users, skp, periode_evaluasi: str, hk: str = "sesuai ekspektasi"):
    services.penilaian_rate(
        actor=users["atasan"],
        skp=skp,
        periode=periode_evaluasi,
        rating_hasil_kerja=hk,
        rating_perilaku_kerja="sesuai ekspektasi",
    )


def test_dashboard_block_counts_lists_and_curve(users, org, periode, client_as):
    # kabid_a's reports: staf_a (no SKP this year), and five new ones.
    diajukan = _skp(users, org, periode, "Dewi Diajukan", sampai="diajukan")
    _skp(users, org, periode, "Eko Draf", sampai="draf")
    baik_1 = _skp(users, org, periode, "Bayu Baik", sampai="disetujui")
    baik_2 = _skp(users, org, periode, "Citra Baik", sampai="disetujui")
    belum = _skp(users, org, periode, "Fajar Belum", sampai="disetujui")
    _nilai(users, baik_1, "triwulan-4")
    _nilai(users, baik_2, "triwulan-4")
    _nilai(users, belum, "triwulan-3")  # another period: Fajar is still to be rated for Triwulan IV

    r = ringkasan_tim(me=org.kabid_a.pk, periode=periode, kode="triwulan-4")

    # Approved: Bayu, Citra, Fajar; submitted: Dewi; draft: Eko; no SKP: staf_a.
    assert r["status"] == {"diajukan": 1, "disetujui": 3, "draf": 1, "belum": 1}
    assert [(s.pk, s.nama, s.url_detail) for s in r["diajukan"]] == [
        (diajukan.pk, "Dewi Diajukan", f"/kinerja/skp/{diajukan.pk}/")
    ]
    assert [(s.nama, s.url_nilai) for s in r["belum_dinilai"]] == [
        ("Fajar Belum", f"/kinerja/skp/{belum.pk}/nilai/triwulan-4/")
    ]
    # Two rated Baik in Triwulan IV (Fajar's Triwulan III rating is not this period's).
    assert dict(r["distribusi"])["Baik"] == 2 and sum(n for _l, n in r["distribusi"]) == 2
    assert r["grafik_kurva"]["datasets"][0]["data"] == [0, 2, 0, 0, 0]
    # Unit predikat not set: Baik. Its curve allows at most 70 % Baik (the team has 100 %) and wants at
    # least one Butuh Perbaikan or Kurang (the team has none): both bounds fail.
    assert (r["predikat_unit"], r["kurva_ditetapkan"]) == ("Baik", False)
    assert [k.pesan for k in r["kurva"] if not k.terpenuhi] == [
        "Baik: 2 dari 2 pegawai (100 %), ketentuan maksimal 70 %",
        "Butuh Perbaikan atau Kurang/Misconduct: 0 dari 2 pegawai (0 %), ketentuan minimal 1 orang",
    ]
    # The team page's reads agree on every figure the dashboard shows.
    t = tim_data(me=org.kabid_a.pk, periode=periode, kode="triwulan-4")
    assert t["status"] == r["status"] and t["distribusi"] == r["distribusi"] and t["kurva"] == r["kurva"]
    assert [s.pk for s in t["belum_dinilai"]] == [s.pk for s in r["belum_dinilai"]]

    page = client_as("atasan").get("/").content.decode()
    assert f'Nilai <a href="/kinerja/skp/{belum.pk}/nilai/triwulan-4/">Fajar Belum</a> untuk' in page
    assert f'SKP <a href="/kinerja/skp/{diajukan.pk}/">Dewi Diajukan</a> menunggu persetujuan' in page


def test_an_empty_team_has_nothing_waiting(users, org, periode):
    r = ringkasan_tim(me=org.staf_a.pk, periode=periode, kode="triwulan-4")
    assert r["status"] == {"diajukan": 0, "disetujui": 0, "draf": 0, "belum": 0}
    assert (r["diajukan"], r["belum_dinilai"], r["kurva"]) == ([], [], [])
