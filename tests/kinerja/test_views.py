"""The Admin BKD period page: open a year, close an evaluation period, watch progress, reopen."""

from __future__ import annotations

from django.urls import reverse

from kinerja import services
from kinerja.models import PenutupanPeriode, PeriodeKinerja


def test_only_admin_bkd_sees_the_period_page(client_as, users):
    for role in ("operator_opd", "pimpinan", "atasan", "pegawai"):
        assert client_as(role).get(reverse("kinerja:periode_list")).status_code == 403, role
    assert client_as("admin_bkd").get(reverse("kinerja:periode_list")).status_code == 200


def test_admin_opens_a_year_and_a_duplicate_gets_a_field_message(client_as, users):
    client = client_as("admin_bkd")
    response = client.post(
        reverse("kinerja:periode_list"), {"tahun": 2026, "jenis_evaluasi": "bulanan"}, follow=True
    )
    assert "Periode kinerja 2026 dibuka." in response.content.decode()
    assert PeriodeKinerja.objects.get(tahun=2026).kode_periode_evaluasi[:2] == ["bulan-01", "bulan-02"]
    response = client.post(reverse("kinerja:periode_list"), {"tahun": 2026, "jenis_evaluasi": "bulanan"})
    assert "Periode kinerja 2026 sudah ada." in response.content.decode()


def test_closing_page_shows_progress_and_the_fragment_polls_until_done(client_as, users, periode, org):
    client = client_as("admin_bkd")
    response = client.post(reverse("kinerja:penutupan_start", args=[2026, "triwulan-1"]))
    run = PenutupanPeriode.objects.get()
    assert response.url == reverse("kinerja:penutupan_detail", args=[run.pk])
    polled = client.get(response.url, headers={"HX-Request": "true"})
    fragment = polled.content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "Menunggu worker" in fragment
    assert "HX-Refresh" not in polled
    services.penutupan_execute(run.pk)  # what the worker does (the worker itself: test_penutupan)
    polled = client.get(response.url, headers={"HX-Request": "true"})
    fragment = polled.content.decode()
    assert polled["HX-Refresh"] == "true"  # one reload shows the not-evaluated list
    assert "hx-trigger" not in fragment
    assert 'value="100"' in fragment
    page = client.get(response.url).content.decode()
    assert "Siti Rahmawati" in page and "Belum menyusun SKP" in page


def test_closing_page_query_count_is_the_same_for_3_and_10_not_evaluated(client_as, users, periode, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PegawaiFactory

    client = client_as("admin_bkd")
    counts = []
    for kode, extra in (("triwulan-1", 3), ("triwulan-2", 7)):
        for i in range(extra):
            PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Staf {kode} {i}")
        run = services.penutupan_start(actor=users["admin_bkd"], periode_kinerja=periode, periode=kode)
        services.penutupan_execute(run.pk)
        url = reverse("kinerja:penutupan_detail", args=[run.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert PenutupanPeriode.objects.get(periode="triwulan-2").jumlah_tidak_dinilai == 4 + 10
    assert counts[0] == counts[1], counts
