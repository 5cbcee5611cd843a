"""The pembinaan cards of the dashboards at `/`: the employee's JP against the target and mentoring, the
atasan's team JP, proposals to decide and checks due, the government's / OPD's compliance per OPD
(Chart.js data), mentoring and the effect of training on the predikat. Query counts flat for 3 and 10
rows (employees with activities, pairs, sessions). Today is 2 December 2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from pembinaan import services, services_mentoring
from tests.factories import PegawaiFactory
from tests.querycount import assert_same_queries, get_queries

from .conftest import data_kegiatan

pytestmark = pytest.mark.django_db


def catat(users, pegawai, jp, nama="Bimtek", selesai=dt.date(2026, 6, 2)):
    return services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=pegawai,
        sumber="event",
        data=data_kegiatan(
            nama_pelatihan=nama, jp_tertera=Decimal(jp), tanggal_mulai=selesai, tanggal_selesai=selesai
        ),
    )


def test_kartu_pegawai_dan_atasan(org, users, client_as):
    catat(users, org.staf_a, 12)
    p = services_mentoring.usulkan(
        actor=users["operator_opd"], mentor=org.kepala_a, mentee=org.staf_a, jenis="coaching"
    )
    r = client_as("pegawai").get("/")
    jp = r.context["jp_saya"]
    assert (jp["ringkasan"]["jp_total"], jp["ringkasan"]["target_jp"], jp["jumlah_kegiatan"]) == (
        Decimal("12.00"),
        20,
        1,
    )
    assert [x.pk for x in jp["mentoring"]["sebagai_mentee"]] == [p.pk]
    assert 'data-testid="dasbor-jp-saya"' in r.content.decode()
    r = client_as("atasan").get("/")
    tim = r.context["pembinaan"]
    # kabid_a's team: staf_a (12 of 20 JP); the proposal for staf_a waits for kabid_a.
    assert (tim["jumlah"], tim["memenuhi"], [x.pk for x in tim["tertinggal"]]) == (1, 0, [org.staf_a.pk])
    assert [x.pk for x in tim["usulan_diputus"]] == [p.pk]
    assert tim["cek_jatuh_tempo"] == 1  # ended 2 June 2026: due from 2 September


def test_kartu_instansi_grafik_kepatuhan(org, users, client_as):
    catat(users, org.staf_a, 24)
    catat(users, org.staf_b, 4)
    r = client_as("admin_bkd").get("/")
    b = r.context["pembinaan"]
    # OPD A: 1 of 3 meets 20 JP (33.3 %); OPD B: 0 of 1. Rows by OPD name: Kesehatan (B), Pendidikan (A).
    assert (b["jumlah"], b["memenuhi"], b["persen"]) == (4, 1, 25.0)
    assert b["grafik"]["labels"] == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert b["grafik"]["datasets"][0]["data"] == [0.0, 33.3]
    page = r.content.decode()
    assert 'data-grafik="grafik-jp-opd"' in page and 'id="grafik-jp-opd"' in page
    r = client_as("operator_opd").get("/")
    assert r.context["pembinaan"]["grafik"]["labels"] == ["Dinas Pendidikan"]


def _isi(org, users, n: int, awal: int) -> None:
    services_mentoring.atur_kapasitas(actor=users["admin_bkd"], mentor=org.kepala_a, maks=20)
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Pegawai {awal + i:02d}")
        catat(users, p, 5 + i)
        pasangan = services_mentoring.usulkan(
            actor=users["admin_bkd"], mentor=org.kepala_a, mentee=p, jenis="mentoring"
        )
        services_mentoring.putuskan(actor=users["admin_bkd"], pasangan=pasangan, setuju=True)
        services_mentoring.catat_sesi(
            actor=users["admin_bkd"],
            pasangan=pasangan,
            data={"tanggal": dt.date(2026, 11, 2), "durasi_menit": 90, "agenda": "Orientasi"},
        )
    from pegawai.models import Pegawai

    Pegawai.objects.filter(nama__startswith="Pegawai ").update(atasan=org.kabid_a, atasan_manual=True)


@pytest.mark.parametrize("role", ["admin_bkd", "operator_opd", "atasan", "pegawai", "pimpinan"])
def test_query_count_dasbor(org, users, role, settings):
    settings.ASN_DASBOR_CACHE_DETIK = 0
    c = Client()
    c.force_login(users[role])
    _isi(org, users, 3, 0)
    kecil = get_queries(c, "/")
    _isi(org, users, 7, 3)
    assert_same_queries(kecil, get_queries(c, "/"), f"dasbor {role}")
