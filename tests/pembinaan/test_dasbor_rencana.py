"""The dashboards' newer pembinaan cards (issue 14 point 8): the employee's plan of the year and courses,
what waits for the atasan (plans submitted, mentoring proposals) and the team's coming events, the
government's / OPD's spend against plan per OPD (Chart.js, two datasets) and top needs. Expected figures
worked out by hand from the rules; query counts flat for 3 and 10 rows; the operator sees only OPD A.

Today is 2 December 2026 (tests/pembinaan/conftest.py). staf_a (OPD A) is the `pegawai` login, kabid_a
the `atasan`, staf_b is in OPD B.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client

from pembinaan import services, services_belajar, services_mentoring, services_pelatihan, services_rencana
from pembinaan.models import KebutuhanPengembangan, RencanaKompetensi
from tests.factories import PegawaiFactory, UserFactory
from tests.querycount import assert_same_queries, get_queries

from .conftest import data_kegiatan
from .pelatihan_data import SUSULAN, modul, pelaksanaan, program

pytestmark = pytest.mark.django_db

TAHUN = 2026


def _kegiatan(**kw) -> dict:
    data = {
        "kebutuhan": None,
        "nama_kegiatan": "Bimtek Arsip Dinamis",
        "bentuk": "bimbingan_teknis",
        "target_jp": Decimal(16),
        "waktu_mulai": dt.date(TAHUN, 3, 2),
        "waktu_selesai": dt.date(TAHUN, 3, 4),
        "biaya": 1_500_000,
        "sumber_dana": "apbd",
        "keterangan": "",
    }
    data.update(kw)
    return data


def _rencana(users, pegawai, user, prog):
    """A 2026 plan of two activities: a bimtek without programme (16 JP, Rp1.500.000) and the catalogue
    programme `prog` (24 JP, Rp2.250.000)."""
    rencana = services_rencana.rencana_susun(actor=user, pegawai=pegawai, tahun=TAHUN)
    services_rencana.kegiatan_simpan(actor=user, rencana=rencana, data=_kegiatan())
    services_rencana.kegiatan_simpan(
        actor=user,
        rencana=rencana,
        data=_kegiatan(
            nama_kegiatan=prog.nama,
            bentuk=prog.bentuk,
            program=prog,
            target_jp=Decimal(24),
            biaya=2_250_000,
        ),
    )
    return rencana


def _bimtek_selesai(users, pegawai, nama="Bimtek Tata Naskah"):
    """A verified bimbingan teknis of 2026 without programme: realises the planned bimtek."""
    return services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=pegawai,
        sumber="impor",
        data=data_kegiatan(
            nama_pelatihan=nama, tanggal_mulai=dt.date(2026, 5, 4), tanggal_selesai=dt.date(2026, 5, 6)
        ),
    )


# --- the employee ---------------------------------------------------------------------------------------------


def test_pegawai_tanpa_rencana_diajak_menyusun(org, users, client_as):
    KebutuhanPengembangan.objects.create(
        pegawai=org.staf_a, tahun=TAHUN, sumber="jp", kunci="jp:2025", topik="Pemenuhan JP", uraian="bukti"
    )
    r = client_as("pegawai").get("/")
    rencana = r.context["jp_saya"]["rencana"]
    assert (rencana["rencana"], rencana["kebutuhan_terbuka"], rencana["jumlah"]) == (None, 1, 0)
    page = r.content.decode()
    assert 'data-testid="rencana-ajakan"' in page
    assert "Anda belum memiliki rencana pengembangan 2026." in page
    assert "/pembinaan/rencana/saya/?tahun=2026" in page


def test_pegawai_rencana_dan_kursus(org, users, client_as):
    prog = program(users["admin_bkd"])
    rencana = _rencana(users, org.staf_a, users["pegawai"], prog)
    _bimtek_selesai(users, org.staf_a)
    # The course run: 14–16 December 2026 with a session on the 15th; a second run, full, puts staf_a on
    # the waiting list; a run that ended in November is over and not listed.
    akan = pelaksanaan(
        users["admin_bkd"], prog, nama="Angkatan II", tanggal_mulai=dt.date(2026, 12, 14),
        tanggal_selesai=dt.date(2026, 12, 16),
    )  # fmt: skip
    services_pelatihan.sesi_tambah(
        actor=users["admin_bkd"],
        pelaksanaan=akan,
        data={"tanggal": dt.date(2026, 12, 15), "jam_mulai": dt.time(8), "jam_selesai": dt.time(12)},
    )
    services_pelatihan.peserta_daftar(actor=users["pegawai"], pelaksanaan=akan, pegawai=org.staf_a)
    penuh = pelaksanaan(
        users["admin_bkd"], prog, nama="Angkatan III", kuota=1, tanggal_mulai=dt.date(2026, 12, 21),
        tanggal_selesai=dt.date(2026, 12, 22),
    )  # fmt: skip
    services_pelatihan.peserta_daftar(actor=users["admin_bkd"], pelaksanaan=penuh, pegawai=org.staf_b)
    services_pelatihan.peserta_daftar(
        actor=users["pegawai"], pelaksanaan=penuh, pegawai=org.staf_a, tunggu=True
    )
    lalu = pelaksanaan(users["admin_bkd"], prog, nama="Angkatan I")  # 10–12 November 2026
    services_pelatihan.peserta_daftar(
        actor=users["admin_bkd"], pelaksanaan=lalu, pegawai=org.staf_a, catatan=SUSULAN
    )
    # E-learning: two lessons, one done → 50 %; a module passed would not be listed.
    m = modul(users["admin_bkd"])
    services_belajar.pelajaran_selesai(
        actor=users["pegawai"], pelajaran=m.pelajaran.first(), pegawai=org.staf_a
    )

    r = client_as("pegawai").get("/")
    d = r.context["jp_saya"]["rencana"]
    # Planned 16 + 24 = 40 JP and Rp1.500.000 + Rp2.250.000; the bimtek is realised by the verified
    # bimtek of May (same form, no programme), the programme's activity is not (nobody passed it yet).
    assert d["rencana"].pk == rencana.pk
    assert (d["jumlah"], d["terlaksana"], d["jp"], d["jp_terlaksana"], d["biaya"], d["persen_kegiatan"]) == (
        2, 1, Decimal("40.00"), Decimal("16.00"), 3_750_000, 50
    )  # fmt: skip
    k = r.context["jp_saya"]["kursus"]
    assert [(p.pelaksanaan_id, p.status, p.sesi_berikut) for p in k["pelatihan"]] == [
        (akan.pk, "terdaftar", dt.date(2026, 12, 15)),
        (penuh.pk, "tunggu", None),
    ]
    assert k["jumlah_pelatihan"] == 2
    assert [(x.modul_id, x.selesai, x.jumlah_pelajaran, x.persen) for x in k["modul"]] == [(m.pk, 1, 2, 50)]
    page = r.content.decode()
    assert 'data-testid="dasbor-rencana-saya"' in page and 'data-testid="dasbor-kursus-saya"' in page
    assert "Rp3.750.000" in page
    assert re.search(r'data-testid="rencana-jp-terlaksana">\s*16 JP', page)
    assert "Rencana masih draf." in page
    assert "Sesi berikutnya 15 Desember 2026" in page
    assert "daftar tunggu" in page
    assert f'href="/belajar/{m.pk}/"' in page and "50 %" in page

    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    page = client_as("pegawai").get("/").content.decode()
    assert "Menunggu persetujuan atasan sejak 2 Desember 2026." in page

    # The programme's activity: a 2025 course of that programme and a 2026 course of its form without the
    # programme do not realise it; a 2026 course of the programme does (2 of 2, 16 + 24 = 40 JP).
    def catat(nama, selesai, **kw):
        data = data_kegiatan(
            nama_pelatihan=nama, bentuk=prog.bentuk, tanggal_mulai=selesai, tanggal_selesai=selesai
        )
        services.kegiatan_catat(
            actor=users["admin_bkd"], pegawai=org.staf_a, sumber="impor", data={**data, **kw}
        )

    catat("Keuangan 2025", dt.date(2025, 9, 1), program=prog)
    catat("Teknis lain", dt.date(2026, 9, 1))
    d = client_as("pegawai").get("/").context["jp_saya"]["rencana"]
    assert (d["terlaksana"], d["jp_terlaksana"]) == (1, Decimal("16.00"))
    catat("Keuangan 2026", dt.date(2026, 10, 1), program=prog)
    d = client_as("pegawai").get("/").context["jp_saya"]["rencana"]
    assert (d["terlaksana"], d["jp_terlaksana"], d["persen_kegiatan"]) == (2, Decimal("40.00"), 100)


# --- the atasan ------------------------------------------------------------------------------------------------


def test_atasan_keputusan(org, users, client_as):
    prog = program(users["admin_bkd"])
    rencana = _rencana(users, org.staf_a, users["pegawai"], prog)
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    # staf_b's plan (OPD B, another atasan) does not wait for kabid_a.
    pasangan = services_mentoring.usulkan(
        actor=users["operator_opd"], mentor=org.kepala_a, mentee=org.staf_a, jenis="coaching"
    )
    run = pelaksanaan(
        users["admin_bkd"], prog, tanggal_mulai=dt.date(2026, 12, 14), tanggal_selesai=dt.date(2026, 12, 16)
    )
    services_pelatihan.peserta_daftar(actor=users["atasan"], pelaksanaan=run, pegawai=org.staf_a)
    services_pelatihan.peserta_daftar(actor=users["admin_bkd"], pelaksanaan=run, pegawai=org.staf_b)

    r = client_as("atasan").get("/")
    k = r.context["pembinaan"]["keputusan"]
    assert (k["jumlah_keputusan"], k["jumlah_rencana"], k["jumlah_mentoring"]) == (2, 1, 1)
    assert [x.pk for x in k["rencana"]] == [rencana.pk]
    assert (k["jumlah_pelatihan_tim"], [p.pegawai_id for p in k["pelatihan_tim"]]) == (1, [org.staf_a.pk])
    page = r.content.decode()
    assert f'href="/pembinaan/rencana/{rencana.pk}/"' in page
    assert 'data-testid="jumlah-keputusan">2<' in page

    services_rencana.rencana_setujui(actor=users["atasan"], rencana=rencana)
    services_mentoring.putuskan(actor=users["atasan"], pasangan=pasangan, setuju=False, catatan="Belum perlu")
    k = client_as("atasan").get("/").context["pembinaan"]["keputusan"]
    assert (k["jumlah_keputusan"], k["rencana"]) == (0, [])


# --- the government / one OPD ------------------------------------------------------------------------------


def _kebutuhan(pegawai, topik, sumber, n=0, status="terbuka"):
    return KebutuhanPengembangan.objects.create(
        pegawai=pegawai, tahun=TAHUN, sumber=sumber, kunci=f"{sumber}:{topik}:{n}", topik=topik,
        uraian="bukti", status=status,
    )  # fmt: skip


@pytest.fixture
def biaya(org, users):
    """OPD A: staf_a's plan agreed (Rp3.750.000), one participant of a November run at Rp1.500.000 per
    head. OPD B: rencana kompetensi approved by the PPK at Rp5.000.000, staf_b in the same run. A run
    in the future and a cancelled run add nothing."""
    prog = program(users["admin_bkd"])
    rencana = _rencana(users, org.staf_a, users["pegawai"], prog)
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    services_rencana.rencana_setujui(actor=users["atasan"], rencana=rencana)
    RencanaKompetensi.objects.create(tahun=TAHUN, opd=org.opd_b, status="disetujui", biaya=5_000_000)
    lalu = pelaksanaan(users["admin_bkd"], prog, nama="Angkatan I")  # 10–12 November 2026
    for p in (org.staf_a, org.staf_b):
        services_pelatihan.peserta_daftar(
            actor=users["admin_bkd"], pelaksanaan=lalu, pegawai=p, catatan=SUSULAN
        )
    akan = pelaksanaan(
        users["admin_bkd"], prog, nama="Angkatan II", tanggal_mulai=dt.date(2026, 12, 14),
        tanggal_selesai=dt.date(2026, 12, 16),
    )  # fmt: skip
    services_pelatihan.peserta_daftar(actor=users["admin_bkd"], pelaksanaan=akan, pegawai=org.staf_a)
    batal = pelaksanaan(users["admin_bkd"], prog, nama="Angkatan Batal")
    services_pelatihan.peserta_daftar(
        actor=users["admin_bkd"], pelaksanaan=batal, pegawai=org.staf_a, catatan=SUSULAN
    )
    services_pelatihan.pelaksanaan_status(actor=users["admin_bkd"], pelaksanaan=batal, ke="batal")
    lain = [PegawaiFactory(jabatan=org.staf_a.jabatan) for _ in range(2)]
    _kebutuhan(org.staf_a, "Pengelolaan arsip", "kompetensi")
    _kebutuhan(lain[0], "Pengelolaan arsip", "kompetensi")
    _kebutuhan(lain[1], "Pengelolaan arsip", "usulan")
    _kebutuhan(lain[1], "Pengelolaan arsip", "kompetensi", status="dibatalkan")
    _kebutuhan(org.staf_a, "Pemenuhan JP", "jp")
    _kebutuhan(lain[0], "Pemenuhan JP", "jp")
    _kebutuhan(org.staf_b, "Pelayanan publik", "kinerja")
    _kebutuhan(org.staf_b, "Pelayanan publik", "kinerja", n=1)
    _kebutuhan(org.staf_b, "Pelayanan publik", "talenta")
    return rencana


def test_instansi_biaya_dan_kebutuhan(org, users, client_as, biaya):
    r = client_as("admin_bkd").get("/")
    b = r.context["pembinaan"]["biaya"]
    # By OPD name: Dinas Kesehatan (B) Rp5.000.000 (frozen by the PPK) / Rp1.500.000; Dinas Pendidikan
    # (A) Rp3.750.000 / Rp1.500.000 (the future and the cancelled runs not spent).
    assert [
        (x["opd"].nama, x["rencana"], x["realisasi"], x["disetujui_ppk"], x["persen"]) for x in b["rows"]
    ] == [
        ("Dinas Kesehatan", 5_000_000, 1_500_000, True, 30.0),
        ("Dinas Pendidikan", 3_750_000, 1_500_000, False, 40.0),
    ]
    assert (b["total_rencana"], b["total_realisasi"], b["persen"]) == (8_750_000, 3_000_000, 34.3)
    assert b["grafik"]["labels"] == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert [d["data"] for d in b["grafik"]["datasets"]] == [[5.0, 3.75], [1.5, 1.5]]
    page = r.content.decode()
    assert 'data-grafik="grafik-biaya-opd"' in page and 'id="grafik-biaya-opd"' in page
    assert "Rp8.750.000" in page and "Rp3.000.000" in page and "34,3 %" in page
    teratas = r.context["pembinaan"]["kebutuhan_teratas"]
    assert [
        (t["topik"], t["jumlah"], [(s["sumber"], s["jumlah"]) for s in t["sumber"]]) for t in teratas
    ] == [
        ("Pelayanan publik", 3, [("kinerja", 2), ("talenta", 1)]),
        ("Pengelolaan arsip", 3, [("kompetensi", 2), ("usulan", 1)]),
        ("Pemenuhan JP", 2, [("jp", 2)]),
    ]
    assert "/pembinaan/kebutuhan/?tahun=2026&amp;topik=Pengelolaan%20arsip" in page


def test_operator_hanya_opd_sendiri(org, users, client_as, biaya):
    r = client_as("operator_opd").get("/")
    b = r.context["pembinaan"]["biaya"]
    assert [(x["opd"].nama, x["rencana"], x["realisasi"]) for x in b["rows"]] == [
        ("Dinas Pendidikan", 3_750_000, 1_500_000)
    ]
    assert (b["total_rencana"], b["total_realisasi"]) == (3_750_000, 1_500_000)
    teratas = r.context["pembinaan"]["kebutuhan_teratas"]
    assert [(t["topik"], t["jumlah"]) for t in teratas] == [("Pengelolaan arsip", 3), ("Pemenuhan JP", 2)]
    page = r.content.decode()
    assert "Dinas Kesehatan" not in page.split('data-testid="dasbor-biaya-pembinaan"')[1]
    assert "Pelayanan publik" not in page


def test_daftar_kebutuhan_disaring_topik(org, users, client_as, biaya):
    r = client_as("admin_bkd").get("/pembinaan/kebutuhan/?tahun=2026&topik=Pengelolaan+arsip")
    assert {k.topik for k in r.context["page"]} == {"Pengelolaan arsip"}
    assert len(r.context["page"].object_list) == 4  # the cancelled one is still listed on the needs page
    r = client_as("admin_bkd").get("/pembinaan/kebutuhan/?tahun=2026&topik=Pengelolaan+arsip&sumber=usulan")
    assert len(r.context["page"].object_list) == 1
    assert 'data-testid="saringan-topik"' in r.content.decode()
    # The operator of OPD A filtering on OPD B's topic finds nothing (the list's scope still applies).
    r = client_as("operator_opd").get("/pembinaan/kebutuhan/?tahun=2026&topik=Pelayanan+publik")
    assert list(r.context["page"].object_list) == []


# --- query counts ------------------------------------------------------------------------------------------


def _isi(org, users, prog, run, n: int, awal: int) -> None:
    """n more team members of kabid_a in OPD A, each with a submitted plan of two activities, one need,
    an enrolment in `run`, a module followed; staf_a gets one more enrolment and module each time."""
    from pegawai.models import Pegawai

    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Pegawai {awal + i:02d}")
        Pegawai.objects.filter(pk=p.pk).update(atasan=org.kabid_a, atasan_manual=True)
        _kebutuhan(p, f"Topik {awal + i:02d}", "usulan")
        services_pelatihan.peserta_daftar(
            actor=users["admin_bkd"], pelaksanaan=run, pegawai=p, catatan=SUSULAN
        )
        akan = pelaksanaan(
            users["admin_bkd"], prog, nama=f"Angkatan {awal + i}", tanggal_mulai=dt.date(2026, 12, 14),
            tanggal_selesai=dt.date(2026, 12, 16),
        )  # fmt: skip
        services_pelatihan.peserta_daftar(actor=users["admin_bkd"], pelaksanaan=akan, pegawai=org.staf_a)
        m = modul(users["admin_bkd"], judul=f"Modul {awal + i}")
        services_belajar.ikut(actor=users["pegawai"], modul=m, pegawai=org.staf_a)
        _bimtek_selesai(users, org.staf_a, nama=f"Bimtek {awal + i}")
    for p in Pegawai.objects.filter(nama__startswith="Pegawai ", rencana_pengembangan__isnull=True):
        p.user = UserFactory()
        p.save(update_fields=["user"])
        rencana = _rencana(users, p, p.user, prog)
        services_rencana.rencana_ajukan(actor=p.user, rencana=rencana)
    RencanaKompetensi.objects.filter(tahun=TAHUN).delete()


@pytest.mark.parametrize("role", ["admin_bkd", "operator_opd", "atasan", "pegawai", "pimpinan"])
def test_query_count_kartu_baru(org, users, role, settings):
    settings.ASN_DASBOR_CACHE_DETIK = 0
    prog = program(users["admin_bkd"])
    _rencana(users, org.staf_a, users["pegawai"], prog)
    run = pelaksanaan(users["admin_bkd"], prog, nama="Angkatan I")  # ended in November: spent
    c = Client()
    c.force_login(users[role])
    _isi(org, users, prog, run, 3, 0)
    kecil = get_queries(c, "/")
    _isi(org, users, prog, run, 7, 3)
    assert_same_queries(kecil, get_queries(c, "/"), f"dasbor {role}")
