"""The SKP follows a move (issue 13 point 10; PermenPANRB 6/2022): the running SKP ends the day before
the TMT and the old atasan still rates the periods it covers; a new draft with the new atasan starts on
the TMT. Driven through pegawai's service, as mutasi and import_mutasi drive it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja import permissions, selectors, services
from kinerja.models import SKP, Penilaian, PeriodeKinerja
from pegawai.services import atasan_recompute
from pegawai.services_perpindahan import perpindahan_apply
from tests.factories import JabatanFactory, PegawaiFactory, UserFactory

ATAS = "di atas ekspektasi"
SESUAI = "sesuai ekspektasi"
TMT = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def hari_ini(time_machine):
    time_machine.move_to(dt.datetime(2026, 7, 3, 9, tzinfo=ZoneInfo("Asia/Makassar")))


@pytest.fixture
def tujuan(org):
    kepala_jab = JabatanFactory(
        unit_kerja=org.opd_b, nama="Kepala Dinas Kesehatan", jenis="jpt", is_kepala=True, kelas_jabatan=14
    )
    kepala_b = PegawaiFactory(jabatan=kepala_jab, nama="Rudi Hartono")
    atasan_recompute()
    kepala_b.user = UserFactory(username="kadinkes")
    kepala_b.save(update_fields=["user"])
    return org.staf_b.jabatan, kepala_b


def _pindah(pegawai, jabatan, actor, tmt=TMT, nomor_sk="800/21/BKPSDM/2026"):
    return perpindahan_apply(
        actor=actor,
        pegawai=pegawai,
        jabatan_baru=jabatan,
        tmt=tmt,
        nomor_sk=nomor_sk,
        tanggal_sk=dt.date(2026, 6, 25),
    )


def test_move_closes_the_skp_and_drafts_a_new_one(org, users, tujuan, skp_disetujui):
    jabatan_baru, kepala_b = tujuan
    _pindah(org.staf_a, jabatan_baru, users["admin_bkd"])

    lama = SKP.objects.get(pk=skp_disetujui.pk)
    assert (lama.tanggal_selesai, lama.status, lama.pejabat_penilai, lama.jabatan) == (
        dt.date(2026, 6, 30),
        SKP.Status.DISETUJUI,
        org.kabid_a,
        org.staf_a.jabatan,
    )
    assert lama.alasan_selesai == (
        "Berakhir karena pindah jabatan ke Pengadministrasi Umum TMT 1 Juli 2026 (SK 800/21/BKPSDM/2026)"
    )
    baru = SKP.objects.get(pegawai=org.staf_a, tanggal_selesai__isnull=True)
    assert (baru.tanggal_mulai, baru.status, baru.jabatan, baru.unit_kerja, baru.opd) == (
        TMT,
        SKP.Status.DRAFT,
        jabatan_baru,
        org.opd_b,
        org.opd_b,
    )
    assert (baru.pejabat_penilai, baru.atasan_pejabat_penilai) == (kepala_b, None)
    assert baru.perilaku.count() == 7
    for skp in (lama, baru):
        h = skp.history.latest()
        assert h.history_user == users["admin_bkd"]
    assert baru.history.latest().history_change_reason == (
        "SKP disusun: pindah jabatan ke Pengadministrasi Umum TMT 1 Juli 2026 (SK 800/21/BKPSDM/2026)"
    )


def test_old_atasan_rates_the_months_served_and_only_those(org, users, tujuan, skp_disetujui):
    jabatan_baru, kepala_b = tujuan
    _pindah(org.staf_a, jabatan_baru, users["admin_bkd"])
    lama = SKP.objects.select_related("periode", "pegawai", "jabatan").get(pk=skp_disetujui.pk)
    assert permissions.can_rate_skp(users["atasan"], lama)
    for kode in ("triwulan-1", "triwulan-2"):
        n = services.penilaian_rate(
            actor=users["atasan"],
            skp=lama,
            periode=kode,
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=SESUAI,
        )
        assert (n.skp, n.pejabat_penilai) == (lama, org.kabid_a)
    with pytest.raises(ValidationError) as exc:
        services.penilaian_rate(
            actor=users["atasan"],
            skp=lama,
            periode="triwulan-3",
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=ATAS,
        )
    assert exc.value.messages == [
        "SKP ini berakhir 30 Juni 2026 (Berakhir karena pindah jabatan ke Pengadministrasi Umum TMT 1 Juli 2026 "
        "(SK 800/21/BKPSDM/2026)); penilaian Triwulan III 2026 dilakukan pada SKP jabatan berikutnya."
    ]
    baru = SKP.objects.select_related("periode", "pegawai", "jabatan").get(
        pegawai=org.staf_a, tanggal_selesai=None
    )
    assert not permissions.can_rate_skp(users["atasan"], baru)
    assert permissions.can_rate_skp(kepala_b.user, baru)
    assert selectors.skp_mencakup_periode(baru, "triwulan-3")
    assert selectors.skp_mencakup_periode(baru, "tahunan")
    assert not selectors.skp_mencakup_periode(baru, "triwulan-2")
    assert not selectors.skp_mencakup_periode(lama, "tahunan")
    assert Penilaian.objects.filter(pegawai=org.staf_a).count() == 2


def test_the_pages_show_both_skps(org, users, tujuan, skp_disetujui, client):
    _pindah(org.staf_a, tujuan[0], users["admin_bkd"])
    baru = SKP.objects.get(pegawai=org.staf_a, tanggal_selesai=None)
    client.force_login(users["pegawai"])
    r = client.get(reverse("kinerja:skp_saya"))
    assert r.status_code == 302 and r.url == reverse("kinerja:skp_detail", args=[baru.pk])
    assert "SKP ini berlaku mulai 1 Juli 2026 (jabatan baru)." in client.get(r.url).content.decode()
    halaman = client.get(reverse("kinerja:skp_detail", args=[skp_disetujui.pk])).content.decode()
    assert "SKP ini berlaku 1 Januari 2026 s.d. 30 Juni 2026." in halaman


def test_the_old_atasans_team_page_lists_the_closed_skp_for_its_periods(org, users, tujuan, skp_disetujui):
    from kinerja.dashboards import tim_data

    _pindah(org.staf_a, tujuan[0], users["admin_bkd"])
    periode = skp_disetujui.periode
    q2 = tim_data(me=org.kabid_a.pk, periode=periode, kode="triwulan-2")
    q3 = tim_data(me=org.kabid_a.pk, periode=periode, kode="triwulan-3")
    assert [s.pk for s in q2["skps"]] == [skp_disetujui.pk]
    assert [s.pk for s in q3["skps"]] == []


def test_same_move_twice_changes_nothing(org, users, tujuan, skp_disetujui):
    _pindah(org.staf_a, tujuan[0], users["admin_bkd"])
    _pindah(org.staf_a, tujuan[0], users["admin_bkd"])
    assert SKP.objects.filter(pegawai=org.staf_a).count() == 2
    # and the receiver on its own is idempotent too (a second event for the same position)
    from kinerja.services.perpindahan import skp_ikuti_perpindahan

    org.staf_a.refresh_from_db()
    skp_ikuti_perpindahan(
        actor=users["admin_bkd"],
        pegawai=org.staf_a,
        jabatan_baru=tujuan[0],
        atasan_baru=tujuan[1],
        tmt=TMT,
        nomor_sk="800/21/BKPSDM/2026",
    )
    assert SKP.objects.filter(pegawai=org.staf_a).count() == 2


def test_a_move_without_an_skp_just_works(org, users, tujuan, periode):
    staf_b = org.staf_b
    jabatan = JabatanFactory(unit_kerja=org.bidang_a, nama="Analis Kebijakan", jenis="fungsional")
    _pindah(staf_b, jabatan, users["admin_bkd"])
    staf_b.refresh_from_db()
    assert staf_b.jabatan == jabatan
    assert not SKP.objects.filter(pegawai=staf_b).exists()


def test_a_move_on_the_first_day_of_the_skp_replans_it(org, users, tujuan, skp_disetujui):
    jabatan_baru, kepala_b = tujuan
    _pindah(org.staf_a, jabatan_baru, users["admin_bkd"], tmt=dt.date(2026, 1, 1))
    skp = SKP.objects.get(pegawai=org.staf_a)
    assert (skp.pk, skp.status, skp.jabatan, skp.pejabat_penilai, skp.tanggal_selesai) == (
        skp_disetujui.pk,
        SKP.Status.DRAFT,
        jabatan_baru,
        kepala_b,
        None,
    )
    assert skp.history.latest().history_change_reason.startswith("SKP disusun ulang: pindah jabatan")


def test_a_closed_year_is_left_alone(org, users, tujuan, skp_disetujui):
    PeriodeKinerja.objects.filter(pk=skp_disetujui.periode_id).update(status=PeriodeKinerja.Status.DITUTUP)
    _pindah(org.staf_a, tujuan[0], users["admin_bkd"])
    skp = SKP.objects.get(pegawai=org.staf_a)
    assert (skp.tanggal_selesai, skp.jabatan) == (None, org.staf_a.jabatan)


def test_history_user_is_the_actor_outside_a_request(org, users, tujuan, skp_disetujui):
    """As from a Celery task or import_mutasi: the user passed as actor, no request."""
    petugas = UserFactory(username="petugas_worker")
    _pindah(org.staf_a, tujuan[0], petugas)
    for skp in SKP.objects.filter(pegawai=org.staf_a):
        assert skp.history.latest().history_user == petugas


def test_closing_a_period_reads_the_skp_in_force_on_its_last_day(org, users, tujuan, skp_disetujui):
    """The closing run's list of people without a final evaluation names the reason from the SKP that
    covers the period: Triwulan II is the old, agreed SKP (rated: final); Triwulan III the new draft."""
    from kinerja.models import TidakDinilai

    _pindah(org.staf_a, tujuan[0], users["admin_bkd"])
    lama = SKP.objects.select_related("periode", "pegawai", "jabatan").get(pk=skp_disetujui.pk)
    services.penilaian_rate(
        actor=users["atasan"],
        skp=lama,
        periode="triwulan-2",
        rating_hasil_kerja=ATAS,
        rating_perilaku_kerja=ATAS,
    )
    hasil = {}
    for kode in ("triwulan-2", "triwulan-3"):
        run = services.penutupan_start(actor=users["admin_bkd"], periode_kinerja=lama.periode, periode=kode)
        services.penutupan_execute(run.pk)
        hasil[kode] = dict(TidakDinilai.objects.filter(penutupan=run).values_list("pegawai_id", "alasan"))
    assert org.staf_a.pk not in hasil["triwulan-2"]
    assert Penilaian.objects.get(pegawai=org.staf_a, periode="triwulan-2").status == Penilaian.Status.FINAL
    assert hasil["triwulan-3"][org.staf_a.pk] == "skp belum disetujui"


def test_the_rating_page_offers_each_skp_its_own_periods(org, users, tujuan, skp_disetujui, client):
    _pindah(org.staf_a, tujuan[0], users["admin_bkd"])
    client.force_login(users["atasan"])
    halaman = client.get(reverse("kinerja:skp_penilaian", args=[skp_disetujui.pk])).content.decode()
    assert "Triwulan II" in halaman and "Triwulan III" not in halaman
    assert (
        client.get(reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-2"])).status_code
        == 200
    )
    assert (
        client.get(reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-3"])).status_code
        == 404
    )


def test_moves_of_one_sk_in_bulk_every_skp_follows_and_every_move_is_told(
    org, users, tujuan, skp_disetujui, periode
):
    """A collective SK: one bulk event with every move's payload, the per-move event for each as well;
    kinerja (listening to the bulk form) ends each running SKP and drafts the new ones, each with its
    history row attributed to the actor."""
    from pegawai.services_perpindahan import Perpindahan, perpindahan_apply_bulk
    from pegawai.signals import jabatan_berubah, jabatan_berubah_massal

    jabatan_baru, kepala_b = tujuan
    kedua = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Rina Marlina")
    atasan_recompute()
    kedua.refresh_from_db()
    skp_kedua = services.skp_create(actor=users["admin_bkd"], pegawai=kedua, periode=periode)
    jab_lain = JabatanFactory(
        unit_kerja=org.opd_b, nama="Analis Data Kesehatan", jenis="pelaksana", kelas_jabatan=7
    )
    massal, satu = [], []

    def terima_massal(sender, *, perpindahan, actor, sumber, **kw):
        massal.append((perpindahan, actor, sumber))

    def terima_satu(sender, **kw):
        kw.pop("signal")
        satu.append(kw)

    jabatan_berubah_massal.connect(terima_massal, dispatch_uid="uji-massal")
    jabatan_berubah.connect(terima_satu, dispatch_uid="uji-satu")
    try:
        perpindahan_apply_bulk(
            actor=users["admin_bkd"],
            daftar=[
                Perpindahan(org.staf_a, jabatan_baru, TMT, "800/30/BKPSDM/2026", dt.date(2026, 6, 25)),
                Perpindahan(kedua, jab_lain, TMT, "800/30/BKPSDM/2026", dt.date(2026, 6, 25)),
            ],
        )
    finally:
        jabatan_berubah_massal.disconnect(dispatch_uid="uji-massal")
        jabatan_berubah.disconnect(dispatch_uid="uji-satu")
    assert len(massal) == 1
    muatan, actor, sumber = massal[0]
    assert (actor, sumber) == (users["admin_bkd"], "mutasi")
    assert [m["pegawai"].pk for m in muatan] == [org.staf_a.pk, kedua.pk]
    assert [m["jabatan_baru"] for m in muatan] == [jabatan_baru, jab_lain]
    assert muatan[0]["atasan_baru"] == kepala_b and muatan[0]["jabatan_lama"] == org.staf_a.jabatan
    assert satu == muatan  # the per-move form: the same payload, one call per move
    for skp, jabatan in ((skp_disetujui, jabatan_baru), (skp_kedua, jab_lain)):
        lama = SKP.objects.get(pk=skp.pk)
        assert lama.tanggal_selesai == dt.date(2026, 6, 30)
        assert lama.history.first().history_user == users["admin_bkd"]
        assert lama.history.first().history_change_reason.startswith("Berakhir karena pindah jabatan ke")
        baru = SKP.objects.get(pegawai_id=skp.pegawai_id, tanggal_selesai__isnull=True)
        assert (baru.jabatan, baru.tanggal_mulai, baru.status) == (jabatan, TMT, SKP.Status.DRAFT)
        assert baru.perilaku.count() == 7  # the seven BerAKHLAK aspects
        assert baru.history.get().history_user == users["admin_bkd"]
