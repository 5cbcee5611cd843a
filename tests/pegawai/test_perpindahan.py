"""A move taking effect (issue 13 point 10), the pegawai side: the record, the atasan, the position
history with the decree, the one event, idempotency, refusals; and the position in force on a date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from pegawai import selectors
from pegawai.models import Pegawai, RiwayatJabatan
from pegawai.services import atasan_recompute
from pegawai.services_perpindahan import perpindahan_apply, terapkan_perpindahan
from pegawai.signals import jabatan_berubah
from tests.factories import JabatanFactory, PegawaiFactory, UserFactory

TMT = dt.date(2026, 7, 1)
TANGGAL_SK = dt.date(2026, 6, 20)


@pytest.fixture(autouse=True)
def hari_ini(time_machine):
    time_machine.move_to(dt.datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("Asia/Makassar")))


@pytest.fixture
def tujuan(org):
    """Dinas Kesehatan gets a head, so a mover's atasan there is derived from the chart."""
    kepala_jab = JabatanFactory(
        unit_kerja=org.opd_b, nama="Kepala Dinas Kesehatan", jenis="jpt", is_kepala=True, kelas_jabatan=14
    )
    kepala_b = PegawaiFactory(jabatan=kepala_jab, nama="Rudi Hartono")
    atasan_recompute()
    org.staf_b.refresh_from_db()
    return org.staf_b.jabatan, kepala_b


@pytest.fixture
def kejadian():
    diterima: list[dict] = []

    def receiver(sender, **kwargs):
        diterima.append(kwargs)

    jabatan_berubah.connect(receiver, dispatch_uid="uji-perpindahan")
    yield diterima
    jabatan_berubah.disconnect(dispatch_uid="uji-perpindahan")


def _pindah(org, users, jabatan, **kw):
    args = {
        "actor": users["admin_bkd"],
        "pegawai": org.staf_a,
        "jabatan_baru": jabatan,
        "tmt": TMT,
        "nomor_sk": "800/12/BKPSDM/2026",
        "tanggal_sk": TANGGAL_SK,
        "alasan": "Rotasi pemerataan tenaga administrasi",
    }
    args.update(kw)
    return perpindahan_apply(**args)


def test_move_sets_post_atasan_history_and_sends_one_event(org, users, tujuan, kejadian):
    jabatan_baru, kepala_b = tujuan
    assert org.staf_a.atasan == org.kabid_a
    tmt_lama = org.staf_a.tmt_jabatan
    riwayat = _pindah(org, users, jabatan_baru)

    staf = Pegawai.objects.get(pk=org.staf_a.pk)
    assert (staf.jabatan, staf.unit_kerja, staf.opd, staf.tmt_jabatan) == (
        jabatan_baru,
        org.opd_b,
        org.opd_b,
        TMT,
    )
    assert staf.atasan == kepala_b
    assert (riwayat.jabatan, riwayat.nama_jabatan, riwayat.nama_unit) == (
        jabatan_baru,
        "Pengadministrasi Umum",
        "Dinas Kesehatan",
    )
    assert (riwayat.tmt, riwayat.nomor_sk, riwayat.tanggal_sk) == (TMT, "800/12/BKPSDM/2026", TANGGAL_SK)
    # The post left keeps its own history row, so the position on an earlier date is still known.
    assert list(staf.riwayat_jabatan.order_by("tmt").values_list("tmt", "nama_jabatan")) == [
        (tmt_lama, "Pengelola Data Pendidikan"),
        (TMT, "Pengadministrasi Umum"),
    ]
    h = staf.history.latest()
    assert h.history_user == users["admin_bkd"]
    assert h.history_change_reason == (
        "Pindah jabatan (mutasi) SK 800/12/BKPSDM/2026 TMT 1 Juli 2026: Rotasi pemerataan tenaga administrasi"
    )
    assert riwayat.history.latest().history_user == users["admin_bkd"]

    assert len(kejadian) == 1
    e = kejadian[0]
    assert e["pegawai"] == staf
    assert (e["jabatan_lama"], e["jabatan_baru"]) == (org.staf_a.jabatan, jabatan_baru)
    assert (e["unit_lama"], e["unit_baru"]) == (org.bidang_a, org.opd_b)
    assert (e["atasan_lama"], e["atasan_baru"]) == (org.kabid_a, kepala_b)
    assert (e["tmt"], e["nomor_sk"], e["tanggal_sk"], e["actor"], e["riwayat"]) == (
        TMT,
        "800/12/BKPSDM/2026",
        TANGGAL_SK,
        users["admin_bkd"],
        riwayat,
    )


def test_same_decree_twice_changes_nothing(org, users, tujuan, kejadian):
    jabatan_baru, _kepala = tujuan
    pertama = _pindah(org, users, jabatan_baru)
    jumlah_history = Pegawai.history.filter(id=org.staf_a.pk).count()
    kedua = terapkan_perpindahan(
        actor=users["admin_bkd"],
        pegawai=org.staf_a,
        jabatan_baru=jabatan_baru,
        tmt=TMT,
        nomor_sk=" 800/12/BKPSDM/2026 ",
        tanggal_sk=TANGGAL_SK,
        sumber="import_mutasi",
    )
    assert kedua == pertama
    assert RiwayatJabatan.objects.filter(pegawai=org.staf_a, nomor_sk="800/12/BKPSDM/2026").count() == 1
    assert Pegawai.history.filter(id=org.staf_a.pk).count() == jumlah_history
    assert len(kejadian) == 1
    with pytest.raises(ValidationError) as exc:
        _pindah(org, users, org.kepala_a.jabatan)
    assert "sudah diterapkan untuk Andi Pratama dengan jabatan Pengadministrasi Umum" in exc.value.messages[0]


def test_a_move_resets_a_manual_atasan(org, users, tujuan):
    jabatan_baru, kepala_b = tujuan
    Pegawai.objects.filter(pk=org.staf_a.pk).update(atasan_manual=True, atasan=org.kepala_a)
    _pindah(org, users, jabatan_baru)
    staf = Pegawai.objects.get(pk=org.staf_a.pk)
    assert (staf.atasan_manual, staf.atasan) == (False, kepala_b)


def test_a_unit_head_leaving_changes_the_atasan_of_the_team(org, users, tujuan):
    """kabid_a leaves: the post staf_a reports to is vacant, so staf_a has no derived atasan until it is
    filled (pegawai.services.jabatan_atasan_map: a position reports to a position, then its holder)."""
    jabatan_baru, kepala_b = tujuan
    perpindahan_apply(
        actor=users["admin_bkd"],
        pegawai=org.kabid_a,
        jabatan_baru=jabatan_baru,
        tmt=TMT,
        nomor_sk="800/13/BKPSDM/2026",
        tanggal_sk=TANGGAL_SK,
    )
    org.staf_a.refresh_from_db()
    org.kabid_a.refresh_from_db()
    assert org.staf_a.atasan is None
    assert org.kabid_a.atasan == kepala_b


@pytest.mark.parametrize(
    ("keadaan", "field", "pesan"),
    [
        ("nonaktif", "pegawai", "Andi Pratama (NIP {nip}) tidak aktif; perpindahan tidak dapat diterapkan."),
        (
            "pensiun",
            "pegawai",
            "Andi Pratama (NIP {nip}) pensiun sejak 1 Juni 2026; perpindahan dengan TMT 1 Juli 2026 tidak dapat diterapkan.",
        ),
        (
            "unit_nonaktif",
            "jabatan_baru",
            "Jabatan Pengadministrasi Umum pada Dinas Kesehatan tidak aktif (unit kerjanya nonaktif).",
        ),
        ("tmt_nanti", "tmt", "TMT 2 Juli 2026 belum tiba; perpindahan diterapkan pada TMT-nya."),
        ("tanpa_nomor", "nomor_sk", "Nomor SK wajib diisi."),
    ],
)
def test_refusals_name_the_problem_and_change_nothing(org, users, tujuan, kejadian, keadaan, field, pesan):
    jabatan_baru, _kepala = tujuan
    kw = {}
    if keadaan == "nonaktif":
        Pegawai.objects.filter(pk=org.staf_a.pk).update(aktif=False)
    elif keadaan == "pensiun":
        Pegawai.objects.filter(pk=org.staf_a.pk).update(tanggal_pensiun=dt.date(2026, 6, 1))
    elif keadaan == "unit_nonaktif":
        org.opd_b.aktif = False
        org.opd_b.save(update_fields=["aktif"])
    elif keadaan == "tmt_nanti":
        kw["tmt"] = dt.date(2026, 7, 2)
    elif keadaan == "tanpa_nomor":
        kw["nomor_sk"] = "  "
    sebelum = Pegawai.objects.values("jabatan_id", "unit_kerja_id", "tmt_jabatan").get(pk=org.staf_a.pk)
    with pytest.raises(ValidationError) as exc:
        _pindah(org, users, jabatan_baru, **kw)
    assert exc.value.message_dict[field] == [pesan.format(nip=org.staf_a.nip)]
    assert (
        Pegawai.objects.values("jabatan_id", "unit_kerja_id", "tmt_jabatan").get(pk=org.staf_a.pk) == sebelum
    )
    assert not RiwayatJabatan.objects.filter(pegawai=org.staf_a, tmt=TMT).exists()
    assert kejadian == []


def test_reason_over_500_characters(org, users, tujuan):
    with pytest.raises(ValidationError) as exc:
        _pindah(org, users, tujuan[0], alasan="x" * 501)
    assert exc.value.message_dict == {"alasan": ["Alasan paling panjang 500 karakter (sekarang 501)."]}


def test_a_receiver_failing_rolls_the_move_back(org, users, tujuan):
    def gagal(sender, **kwargs):
        raise RuntimeError("receiver failed")

    jabatan_berubah.connect(gagal, dispatch_uid="uji-gagal")
    try:
        with pytest.raises(RuntimeError):
            _pindah(org, users, tujuan[0])
    finally:
        jabatan_berubah.disconnect(dispatch_uid="uji-gagal")
    staf = Pegawai.objects.get(pk=org.staf_a.pk)
    assert staf.jabatan == org.staf_a.jabatan
    assert not RiwayatJabatan.objects.filter(pegawai=org.staf_a, nomor_sk="800/12/BKPSDM/2026").exists()


def test_a_decree_older_than_the_post_on_record_only_adds_history(org, users, tujuan, kejadian):
    jabatan_baru, _kepala = tujuan
    staf = org.staf_a
    riwayat = _pindah(org, users, jabatan_baru, tmt=staf.tmt_jabatan - dt.timedelta(days=400))
    staf.refresh_from_db()
    assert staf.jabatan == org.staf_a.jabatan
    assert riwayat.jabatan == jabatan_baru
    assert kejadian == []


def test_history_user_is_the_actor_outside_a_request(org, tujuan):
    """A Celery task or a management command passes the user who asked; no request is involved."""
    petugas = UserFactory(username="petugas_tmt")
    perpindahan_apply(
        actor=petugas,
        pegawai=org.staf_a,
        jabatan_baru=tujuan[0],
        tmt=TMT,
        nomor_sk="800/14/BKPSDM/2026",
        tanggal_sk=TANGGAL_SK,
        sumber="import_mutasi",
    )
    assert Pegawai.history.filter(id=org.staf_a.pk).latest().history_user == petugas


# --- the position in force on a date ----------------------------------------------------------------


def test_jabatan_pada_follows_the_history(org, users, tujuan):
    jabatan_lama = org.staf_a.jabatan
    tmt_lama = org.staf_a.tmt_jabatan
    _pindah(org, users, tujuan[0])
    staf = Pegawai.objects.select_related("jabatan").get(pk=org.staf_a.pk)
    assert selectors.jabatan_pada(staf, dt.date(2026, 6, 30)) == jabatan_lama
    assert selectors.jabatan_pada(staf, TMT) == tujuan[0]
    assert selectors.jabatan_pada(staf, dt.date(2026, 8, 1)) == tujuan[0]
    assert selectors.jabatan_pada(staf, tmt_lama - dt.timedelta(days=1)) is None
    # Pay of July 2026 reads the position held on 1 July; a TMT of 2 July would pay the new class from August.
    bulk = selectors.jabatan_pada_bulk([staf.pk, org.kabid_a.pk], dt.date(2026, 7, 1))
    assert bulk == {staf.pk: tujuan[0].pk, org.kabid_a.pk: org.kabid_a.jabatan_id}


def test_jabatan_pada_bulk_is_two_queries(org, users, tujuan, django_assert_num_queries):
    _pindah(org, users, tujuan[0])
    ids = list(Pegawai.objects.values_list("id", flat=True))
    with django_assert_num_queries(2):
        selectors.jabatan_pada_bulk(ids, dt.date(2026, 6, 1))


# --- many moves at once (a collective SK on its TMT) ------------------------------------------------


def test_bulk_moves_all_or_nothing_with_every_problem_named(org, users, tujuan, kejadian):
    from pegawai.services_perpindahan import Perpindahan, perpindahan_apply_bulk

    jabatan_baru, kepala_b = tujuan
    analis = JabatanFactory(unit_kerja=org.bidang_a, nama="Analis Kepegawaian", jenis="fungsional")
    Pegawai.objects.filter(pk=org.staf_b.pk).update(aktif=False)
    org.staf_b.refresh_from_db()
    daftar = [
        Perpindahan(org.staf_a, jabatan_baru, TMT, "800/30/BKPSDM/2026", TANGGAL_SK),
        Perpindahan(org.staf_b, analis, TMT, "800/30/BKPSDM/2026", TANGGAL_SK),
        Perpindahan(org.kabid_a, analis, TMT, "", TANGGAL_SK),
    ]
    with pytest.raises(ValidationError) as exc:
        perpindahan_apply_bulk(actor=users["admin_bkd"], daftar=daftar)
    assert exc.value.messages == [
        f"NIP {org.staf_b.nip}: Dewi Lestari (NIP {org.staf_b.nip}) tidak aktif; perpindahan tidak dapat diterapkan.",
        f"NIP {org.kabid_a.nip}: Nomor SK wajib diisi.",
    ]
    assert not RiwayatJabatan.objects.filter(nomor_sk="800/30/BKPSDM/2026").exists()
    assert kejadian == []

    Pegawai.objects.filter(pk=org.staf_b.pk).update(aktif=True)
    daftar[2] = Perpindahan(org.kabid_a, analis, TMT, "800/30/BKPSDM/2026", TANGGAL_SK)
    riwayat = perpindahan_apply_bulk(actor=users["admin_bkd"], daftar=[daftar[0], daftar[2]])
    assert [r.pegawai_id for r in riwayat] == [org.staf_a.pk, org.kabid_a.pk]
    assert [(e["pegawai"].pk, e["atasan_baru"]) for e in kejadian] == [
        (org.staf_a.pk, kepala_b),
        (org.kabid_a.pk, None),  # the head of Bidang A they report to is now vacant: they left it
    ]
    # applying the same collective decree again changes nothing
    assert perpindahan_apply_bulk(actor=users["admin_bkd"], daftar=[daftar[0], daftar[2]]) == riwayat
    assert len(kejadian) == 2
