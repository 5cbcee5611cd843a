"""Each role sees its own dashboard at `/`, scoped to what it may see."""

import datetime as dt

from django.utils import timezone

from pegawai.models import Pegawai


def test_admin_dashboard_counts_and_charts(org, client_as):
    response = client_as("admin_bkd").get("/")
    assert response.status_code == 200
    assert "Dasbor Admin BKD" in response.content.decode()
    ctx = response.context
    assert ctx["total"] == 4
    assert ctx["grafik"]["golongan"]["labels"] == ["III/a"]
    assert sum(ctx["grafik"]["opd"]["data"]) == 4
    pyramid = ctx["grafik"]["piramida"]
    assert -sum(pyramid["laki"]) + sum(pyramid["perempuan"]) == 4


def test_pimpinan_sees_the_same_figures(org, client_as):
    response = client_as("pimpinan").get("/")
    assert "Dasbor Pimpinan" in response.content.decode()
    assert response.context["total"] == 4


def test_operator_dashboard_is_limited_to_the_opd(org, client_as):
    Pegawai.objects.filter(pk=org.staf_b.pk).update(
        tanggal_pensiun=timezone.localdate() + dt.timedelta(days=30)
    )
    Pegawai.objects.filter(pk=org.staf_a.pk).update(
        tanggal_pensiun=timezone.localdate() + dt.timedelta(days=40)
    )
    response = client_as("operator_opd").get("/")
    page = response.content.decode()
    assert "Dasbor Operator OPD" in page
    assert response.context["total"] == 3
    assert org.staf_a.nama in page
    assert org.staf_b.nama not in page


def test_atasan_dashboard_lists_the_team(org, client_as):
    response = client_as("atasan").get("/")
    assert [p.nip for p in response.context["tim"]] == [org.staf_a.nip]
    assert "Tim saya" in response.content.decode()


def test_pegawai_dashboard_is_personal(org, client_as):
    response = client_as("pegawai").get("/")
    page = response.content.decode()
    assert response.context["me"] == org.staf_a
    assert "Ringkasan kepegawaian" in page
    assert org.kabid_a.nama not in page


def test_a_large_team_shows_the_first_rows_and_links_to_the_list(org, client_as):
    from tests.factories import PegawaiFactory

    for i in range(24):
        PegawaiFactory(
            jabatan=org.staf_a.jabatan, nama=f"Anggota {i:02d}", atasan=org.kabid_a, atasan_manual=True
        )
    response = client_as("atasan").get("/")
    assert len(response.context["tim"]) == 25
    assert len(response.context["tim_ditampilkan"]) == 20
    assert "Menampilkan 20 dari 25 bawahan" in response.content.decode()
