"""Public satisfaction survey: anonymous form by QR code, one answer per browser, the scoped list page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import ResponSurvei, SurveiKepuasan

PESAN_SKOR = "Pilih tingkat kepuasan dari 1 sampai 5."


@pytest.fixture
def survei_a(org, periode) -> SurveiKepuasan:
    return SurveiKepuasan.objects.create(periode=periode, unit_kerja=org.bidang_a)


@pytest.fixture
def survei_b(org, periode) -> SurveiKepuasan:
    return SurveiKepuasan.objects.create(periode=periode, unit_kerja=org.opd_b)


def _url(survei) -> str:
    return reverse("kinerja:survei", args=[survei.kode])


# --- the public form -------------------------------------------------------------------------------


def test_anonymous_visitor_answers_and_one_response_is_stored(client, survei_a):
    page = client.get(_url(survei_a))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bidang Pembinaan SD" in html and "Dinas Pendidikan" in html  # the unit and its OPD
    assert "csrfmiddlewaretoken" in html
    response = client.post(_url(survei_a), {"skor": "4", "komentar": "  Petugas ramah, antrean agak lama. "})
    assert response.status_code == 302
    assert response.url == reverse("kinerja:survei_terima_kasih", args=[survei_a.kode])
    assert list(ResponSurvei.objects.values_list("survei", "skor", "komentar")) == [
        (survei_a.pk, 4, "Petugas ramah, antrean agak lama.")
    ]
    thanks = client.get(response.url)
    assert thanks.status_code == 200
    assert "Penilaian Anda atas layanan" in thanks.content.decode()


def test_csrf_is_kept_on_the_public_form(survei_a):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(_url(survei_a), {"skor": "5"}).status_code == 403
    browser.get(_url(survei_a))
    token = browser.cookies["csrftoken"].value
    response = browser.post(_url(survei_a), {"skor": "5", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ResponSurvei.objects.get().skor == 5


@pytest.mark.parametrize("skor", ["6", "0", "", "lima"])
def test_invalid_rating_gives_an_indonesian_error_and_stores_nothing(client, survei_a, skor):
    response = client.post(_url(survei_a), {"skor": skor, "komentar": "Tes"})
    assert response.status_code == 200
    assert response.context["form"].errors["skor"] == [PESAN_SKOR]
    assert PESAN_SKOR in response.content.decode()
    assert not ResponSurvei.objects.exists()


def test_comment_longer_than_the_model_allows_is_refused(client, survei_a):
    response = client.post(_url(survei_a), {"skor": "3", "komentar": "x" * 1001})
    assert response.context["form"].errors["komentar"] == ["Saran paling panjang 1000 karakter."]
    assert not ResponSurvei.objects.exists()


def test_unknown_or_closed_survey_answers_404(client, survei_a):
    assert client.get(reverse("kinerja:survei", args=["tidak-ada"])).status_code == 404
    assert client.post(reverse("kinerja:survei", args=["tidak-ada"]), {"skor": "5"}).status_code == 404
    survei_a.aktif = False
    survei_a.save()
    assert client.get(_url(survei_a)).status_code == 404
    assert client.post(_url(survei_a), {"skor": "5"}).status_code == 404
    assert client.get(reverse("kinerja:survei_terima_kasih", args=[survei_a.kode])).status_code == 404
    assert not ResponSurvei.objects.exists()


def test_the_same_browser_answers_once(client, survei_a, survei_b):
    client.post(_url(survei_a), {"skor": "2"})
    again = client.post(_url(survei_a), {"skor": "1"})
    assert again.url == reverse("kinerja:survei_terima_kasih", args=[survei_a.kode])
    assert "Anda sudah mengisi survei" in client.get(_url(survei_a)).content.decode()
    assert client.post(_url(survei_b), {"skor": "5"}).status_code == 302  # another unit's survey is open
    assert sorted(ResponSurvei.objects.values_list("survei", "skor")) == sorted(
        [(survei_a.pk, 2), (survei_b.pk, 5)]
    )
    assert client.cookies["survei_terisi"]["path"] == _url(survei_b)
    assert Client().post(_url(survei_a), {"skor": "3"}).status_code == 302  # another browser may answer
    assert ResponSurvei.objects.filter(survei=survei_a).count() == 2


# --- the list page ---------------------------------------------------------------------------------


def test_list_shows_qr_responses_and_average(client_as, survei_a, settings):
    settings.ASN_BASE_URL = "https://simpeg.palukota.go.id/"
    for skor in (5, 4, 4):
        ResponSurvei.objects.create(survei=survei_a, skor=skor)
    response = client_as("admin_bkd").get(reverse("kinerja:survei_list"))
    [row] = response.context["page"].object_list
    assert row.url_publik == f"https://simpeg.palukota.go.id/survei/{survei_a.kode}/"
    assert row.qr.startswith("data:image/svg+xml")
    assert (row.jumlah_respon, round(row.rata_rata, 2)) == (3, 4.33)
    html = response.content.decode()
    assert "4,33" in html
    assert row.url_publik in html


def test_list_is_scoped_to_the_units_the_user_sees(client_as, survei_a, survei_b, org, periode):
    survei_opd_a = SurveiKepuasan.objects.create(periode=periode, unit_kerja=org.opd_a)
    url = reverse("kinerja:survei_list")

    def units(role):
        return {s.unit_kerja.kode for s in client_as(role).get(url).context["page"].object_list}

    assert units("admin_bkd") == {"A", "A.1", "B"}
    assert units("pimpinan") == {"A", "A.1", "B"}
    assert units("operator_opd") == {"A", "A.1"}  # Dinas Pendidikan only, never Dinas Kesehatan
    assert units("atasan") == {"A.1"}  # kabid_a heads Bidang Pembinaan SD
    assert client_as("pegawai").get(url).status_code == 403
    assert survei_opd_a.kode not in client_as("atasan").get(url).content.decode()


def test_operator_creates_a_survey_for_a_unit_of_their_opd(client_as, org, periode):
    client = client_as("operator_opd")
    response = client.post(
        reverse("kinerja:survei_create"), {"unit_kerja": org.bidang_a.pk, "periode": periode.pk}, follow=True
    )
    survei = SurveiKepuasan.objects.get()
    assert (survei.unit_kerja, survei.periode, survei.aktif) == (org.bidang_a, periode, True)
    assert len(survei.kode) == 16  # secrets.token_urlsafe(12)
    assert "Survei Bidang Pembinaan SD tahun 2026 dibuat" in response.content.decode()
    again = client.post(
        reverse("kinerja:survei_create"), {"unit_kerja": org.bidang_a.pk, "periode": periode.pk}, follow=True
    )
    assert "Survei Bidang Pembinaan SD tahun 2026 sudah ada." in again.content.decode()
    foreign = client.post(
        reverse("kinerja:survei_create"), {"unit_kerja": org.opd_b.pk, "periode": periode.pk}, follow=True
    )
    assert "Pilih unit layanan dari daftar." in foreign.content.decode()
    assert SurveiKepuasan.objects.count() == 1
    assert client_as("pimpinan").post(reverse("kinerja:survei_create"), {}).status_code == 403


def test_closing_a_survey_is_scoped_and_closes_the_public_form(client_as, client, survei_a, survei_b):
    operator = client_as("operator_opd")
    assert operator.post(reverse("kinerja:survei_toggle", args=[survei_b.pk])).status_code == 404
    assert operator.post(reverse("kinerja:survei_toggle", args=[survei_a.pk])).status_code == 302
    survei_a.refresh_from_db()
    survei_b.refresh_from_db()
    assert (survei_a.aktif, survei_b.aktif) == (False, True)
    client.logout()
    assert client.get(_url(survei_a)).status_code == 404


def test_list_page_needs_login(client, survei_a):
    response = client.get(reverse("kinerja:survei_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_list_query_count_does_not_grow_with_surveys(client_as, org, periode):
    from tests.factories import UnitKerjaFactory

    client = client_as("operator_opd")

    def grow(n):
        for _ in range(n):
            unit = UnitKerjaFactory(induk=org.opd_a, jenis="bidang")
            survei = SurveiKepuasan.objects.create(periode=periode, unit_kerja=unit)
            ResponSurvei.objects.create(survei=survei, skor=4)

    grow(3)
    client.get(reverse("kinerja:survei_list"))
    counts = []
    for extra in (0, 7):
        grow(extra)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("kinerja:survei_list")).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], "\n".join(q["sql"] for q in ctx.captured_queries)


# --- flooding: limits per device, network and survey per day ---------------------------------------


def test_one_device_counts_once_per_day_even_without_the_answered_cookie(client, survei_a):
    assert client.post(_url(survei_a), {"skor": "5"}).status_code == 302
    perangkat = client.cookies["survei_perangkat"]
    assert perangkat["path"] == "/survei/" and perangkat["httponly"]
    del client.cookies["survei_terisi"]  # a visitor who clears only the answered cookie
    again = client.post(_url(survei_a), {"skor": "1"})
    assert again.status_code == 302
    assert list(ResponSurvei.objects.values_list("skor", flat=True)) == [5]


def test_nothing_personal_is_stored(client, survei_a):
    client.post(_url(survei_a), {"skor": "4"}, REMOTE_ADDR="203.0.113.7")
    respon = ResponSurvei.objects.get()
    perangkat = client.cookies["survei_perangkat"].value
    assert len(respon.jaringan) == 32 and "203.0.113.7" not in respon.jaringan
    assert len(respon.perangkat) == 32 and respon.perangkat not in perangkat
    stored = " ".join(str(v) for v in ResponSurvei.objects.values_list().get())
    assert "203.0.113" not in stored


def test_a_script_dropping_cookies_is_capped_per_network_and_per_survey(survei_a, survei_b, settings):
    settings.ASN_SURVEI_MAKS_PER_JARINGAN = 3
    settings.ASN_SURVEI_MAKS_PER_HARI = 5
    statuses = [Client().post(_url(survei_a), {"skor": "1"}).status_code for _ in range(6)]
    assert statuses == [302, 302, 302, 429, 429, 429]
    refused = Client().post(_url(survei_a), {"skor": "1"})
    assert "Terlalu banyak jawaban dari jaringan yang sama hari ini" in refused.content.decode()
    assert ResponSurvei.objects.filter(survei=survei_a).count() == 3
    # Other networks may still answer, up to the survey's daily total.
    statuses = [
        Client().post(_url(survei_a), {"skor": "4"}, REMOTE_ADDR=f"198.51.100.{i}").status_code
        for i in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert (
        "jumlah jawaban maksimum hari ini"
        in Client().post(_url(survei_a), {"skor": "4"}, REMOTE_ADDR="198.51.100.99").content.decode()
    )
    assert ResponSurvei.objects.filter(survei=survei_a).count() == 5
    assert Client().post(_url(survei_b), {"skor": "5"}).status_code == 302  # per survey


def test_limits_are_per_day(client, survei_a, settings, time_machine):
    settings.ASN_SURVEI_MAKS_PER_JARINGAN = 1
    time_machine.move_to("2026-11-30 10:00 +08:00")
    assert Client().post(_url(survei_a), {"skor": "3"}).status_code == 302
    assert Client().post(_url(survei_a), {"skor": "3"}).status_code == 429
    time_machine.move_to("2026-12-01 10:00 +08:00")
    assert Client().post(_url(survei_a), {"skor": "3"}).status_code == 302
    assert sorted(str(d) for d in ResponSurvei.objects.values_list("tanggal", flat=True)) == [
        "2026-11-30",
        "2026-12-01",
    ]


def test_the_database_refuses_a_second_answer_of_a_device_on_a_day(survei_a):
    from django.db import IntegrityError, transaction

    ResponSurvei.objects.create(survei=survei_a, skor=5, perangkat="a" * 32)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponSurvei.objects.create(survei=survei_a, skor=1, perangkat="a" * 32)


def test_behind_a_proxy_the_forwarded_address_counts(survei_a, settings):
    settings.ASN_PROXY_HOPS = 1
    settings.ASN_SURVEI_MAKS_PER_JARINGAN = 1
    # Two visitors behind the same proxy are two networks; a forged leftmost entry changes nothing.
    for alamat in ("198.51.100.1", "9.9.9.9, 198.51.100.2"):
        assert Client().post(_url(survei_a), {"skor": "4"}, HTTP_X_FORWARDED_FOR=alamat).status_code == 302
    forged = Client().post(_url(survei_a), {"skor": "4"}, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.2")
    assert forged.status_code == 429
