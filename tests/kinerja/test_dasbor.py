"""Kinerja on the dashboards and the distribution page: what each role sees, with the numbers, and query
counts that do not grow with the number of employees."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akun import roles
from kinerja import services
from tests.factories import PegawaiFactory, UserFactory

from .conftest import tambah_hasil_kerja

pytestmark = pytest.mark.usefixtures("pada_tanggal_uji")


def _nilai(users, skp, periode="triwulan-4", hk="sesuai ekspektasi", pk="sesuai ekspektasi"):
    return services.penilaian_rate(
        actor=users["atasan"], skp=skp, periode=periode, rating_hasil_kerja=hk, rating_perilaku_kerja=pk
    )


def _anggota(users, org, periode, n: int, *, status: str = "disetujui"):
    """n more staff under kabid_a with an SKP in the given state (rated Baik when approved)."""
    for i in range(n):
        staf = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Staf Tambahan {i:02d}")
        staf.atasan = org.kabid_a
        staf.user = UserFactory(username=f"tambahan{org.kabid_a.pk}{staf.pk}", roles=[roles.PEGAWAI])
        staf.save(update_fields=["atasan", "user"])
        skp = services.skp_create(actor=staf.user, pegawai=staf, periode=periode)
        tambah_hasil_kerja(staf.user, skp)
        services.skp_submit(actor=staf.user, skp=skp)
        if status == "disetujui":
            services.skp_approve(actor=users["atasan"], skp=skp)
            _nilai(users, skp)


def test_atasan_dashboard_lists_approvals_due_ratings_and_the_curve(client_as, users, org, periode):
    _anggota(users, org, periode, 1, status="diajukan")
    _anggota(users, org, periode, 2)
    page = client_as("atasan").get("/").content.decode()
    assert "Kinerja tim 2026 · Triwulan IV" in page
    assert "SKP <a" in page and "Staf Tambahan 00</a> menunggu persetujuan" in page
    # Two rated Baik under a unit of predikat Baik: 100 % Baik > 70 %, and nobody Butuh Perbaikan/Kurang.
    assert "Baik: 2 dari 2 pegawai (100 %), ketentuan maksimal 70 %" in page
    assert "Andi Pratama" in page  # still listed as a direct report
    # The rows link to the SKP and to its rating form (URLs built once per page, not per row).
    from kinerja.models import SKP

    diajukan = SKP.objects.get(status="diajukan")
    disetujui = SKP.objects.get(pegawai__nama="Staf Tambahan 01")
    assert f'<a href="/kinerja/skp/{diajukan.pk}/">Staf Tambahan 00</a> menunggu' in page
    tim = client_as("atasan").get(reverse("kinerja:tim")).content.decode()
    assert f'<a href="/kinerja/skp/{diajukan.pk}/">Staf Tambahan 00</a>' in tim
    assert f'href="/kinerja/skp/{diajukan.pk}/">Tinjau SKP</a>' in tim
    assert f'href="/kinerja/skp/{disetujui.pk}/nilai/triwulan-4/">Nilai</a>' in tim
    assert ">Diajukan</span>" in tim and ">Baik</span>" in tim


def test_employee_dashboard_shows_skp_progress_and_predikat_history(client_as, users, org, skp_disetujui):
    _nilai(users, skp_disetujui, hk="di atas ekspektasi", pk="di atas ekspektasi")
    page = client_as("pegawai").get("/").content.decode()
    assert "SKP <strong>disetujui</strong> · 1 hasil kerja" in page
    assert "Triwulan IV 2026" in page and "Sangat Baik" in page


def test_admin_dashboard_and_distribution_page_count_per_opd(client_as, users, org, periode):
    _anggota(users, org, periode, 3)
    dasbor = client_as("admin_bkd").get("/").content.decode()
    assert "Kinerja Triwulan IV 2026" in dasbor
    page = client_as("admin_bkd").get(reverse("kinerja:sebaran")).content.decode()
    assert page.count('data-testid="sebaran-opd"') == 2  # Dinas Pendidikan and Dinas Kesehatan
    assert "Dinas Kesehatan" in page
    # OPD A: 7 active (kepala, kabid, staf_a, 3 extra), 3 rated Baik of 3 → Baik 100 % > 70 %.
    assert "Baik: 3 dari 3 pegawai (100 %), ketentuan maksimal 70 %" in page


def test_the_operator_sees_only_their_opd_and_employees_get_403(client_as, users, org, periode):
    page = client_as("operator_opd").get(reverse("kinerja:sebaran")).content.decode()
    assert page.count('data-testid="sebaran-opd"') == 1
    assert "Dinas Pendidikan" in page and "Dinas Kesehatan" not in page
    assert client_as("pegawai").get(reverse("kinerja:sebaran")).status_code == 403


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    ("role", "url"),
    [("atasan", "/"), ("admin_bkd", "/"), ("operator_opd", "/"), ("admin_bkd", "/kinerja/sebaran/")],
)
def test_kinerja_dashboards_query_count_is_the_same_for_3_and_10(client_as, users, org, periode, role, url):
    client = client_as(role)
    counts = []
    for n in (3, 7):
        _anggota(users, org, periode, n)
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]


@pytest.fixture
def cache_dasbor(settings):
    from django.core.cache import cache

    cache.clear()
    settings.ASN_DASBOR_CACHE_DETIK = 60
    yield
    cache.clear()


def test_distribution_figures_are_cached_per_scope_and_shared_with_the_dashboard(
    client_as, users, org, periode, cache_dasbor
):
    from asn_portal.tasks import dasbor_segarkan_task

    _anggota(users, org, periode, 2)
    admin = client_as("admin_bkd")
    with CaptureQueriesContext(connection) as pertama:
        page = admin.get(reverse("kinerja:sebaran"))
    assert page.context["total_dinilai"] == 2 and page.context["kode"] == "triwulan-4"
    assert "Angka pukul" in page.content.decode()
    _anggota(users, org, periode, 1)  # within the cache time the figures stay as computed
    with CaptureQueriesContext(connection) as kedua:
        page = admin.get(reverse("kinerja:sebaran"))
    assert page.context["total_dinilai"] == 2
    assert len(kedua) <= len(pertama) - 5
    # The dashboard reads the same figures (same scope, same default period).
    assert admin.get("/").context["kinerja"]["total_dinilai"] == 2
    # The operator's scope has its own figures; another period asked for is computed for itself.
    operator = client_as("operator_opd").get(reverse("kinerja:sebaran"))
    assert [r["opd"] for r in operator.context["rows"]] == [org.opd_a]
    assert operator.context["total_dinilai"] == 3
    kosong = admin.get(reverse("kinerja:sebaran"), {"periode": "triwulan-1"})
    assert (kosong.context["kode"], kosong.context["total_dinilai"]) == ("triwulan-1", 0)
    # Celery beat's refresh recomputes the government-wide figures, the dashboard's and the page's.
    dasbor_segarkan_task()
    assert admin.get(reverse("kinerja:sebaran")).context["total_dinilai"] == 3
    assert admin.get("/").context["kinerja"]["total_dinilai"] == 3
