"""The JP rules as a page (issue 14 point 6): per form the rule in force today in words, earlier and
planned versions collapsed, the target per status; the Admin BKD's dated new version (history user and
reason, bad values named in Indonesian, no change of a version already in force)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pembinaan import services_aturan
from pembinaan.aturan import uraian_basis
from pembinaan.models import AturanJP
from tests.querycount import assert_same_queries_after

from .conftest import HARI_INI

URL = "/pembinaan/aturan-jp/"
URL_BARU = "/pembinaan/aturan-jp/seminar/versi-baru/"

pytestmark = pytest.mark.django_db


def _versi(bentuk: str, mulai: dt.date, **kw) -> AturanJP:
    nilai = {"basis": "sesi", "nilai": Decimal(2), "dasar_hukum": "Perkada 7/2026", **kw}
    return AturanJP.objects.create(bentuk=bentuk, jalur="klasikal", berlaku_mulai=mulai, **nilai)


def _post(**kw) -> dict:
    data = {
        "basis": "sesi",
        "nilai": "2",
        "maks_per_tahun": "",
        "wajib_bukti": "on",
        "dasar_hukum": "Peraturan Bupati 12/2026",
        "berlaku_mulai": "2027-01-01",
        "alasan": "Seminar dihitung per sesi mulai tahun anggaran 2027.",
    }
    data.update(kw)
    return data


@pytest.mark.parametrize(
    ("basis", "nilai", "harapan"),
    [
        ("menit", 45, "1 JP per 45 menit penuh"),
        ("sertifikat", 0, "sesuai sertifikat"),
        ("sesi", 2, "2 JP per sesi"),
        ("hari", Decimal("7.5"), "7,5 JP per hari"),
        ("tetap", 8, "8 JP per kegiatan"),
    ],
)
def test_basis_in_words(basis, nilai, harapan):
    assert uraian_basis(basis, Decimal(nilai)) == harapan


@pytest.mark.parametrize("role", ["admin_bkd", "operator_opd", "pimpinan"])
def test_the_page_shows_the_rule_in_force_per_form(client_as, role):
    page = client_as(role).get(URL).content.decode()
    # every form is seeded with "1 JP per full 45 minutes" from 1 January 2000, no yearly maximum
    assert page.count("1 JP per 45 menit penuh") == 23
    assert "Pelatihan struktural kepemimpinan" in page and "Magang/praktik kerja" in page
    assert "1 Januari 2000" in page
    assert "Klasikal" in page and "Nonklasikal" in page
    # the target per status: 20 JP for a PNS, PP 17/2020
    assert "PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4)" in page
    assert ("Versi baru" in page) is (role == "admin_bkd")


@pytest.mark.parametrize("role", ["atasan", "pegawai"])
def test_others_may_not_view(client_as, role):
    client = client_as(role)
    assert client.get(URL).status_code == 403
    assert client.get(URL_BARU).status_code == 403


@pytest.mark.parametrize("role", ["operator_opd", "pimpinan"])
def test_only_the_admin_bkd_adds_a_version(client_as, role):
    client = client_as(role)
    sebelum = AturanJP.objects.count()
    assert client.get(URL_BARU).status_code == 403
    assert client.post(URL_BARU, _post()).status_code == 403
    assert AturanJP.objects.count() == sebelum


def test_versions_in_force_earlier_and_planned(client_as):
    _versi("seminar", dt.date(2026, 1, 1), basis="tetap", nilai=Decimal(3), maks_per_tahun=Decimal(12))
    _versi("seminar", dt.date(2027, 1, 1), basis="sesi", nilai=Decimal(2), wajib_bukti=False)
    page = client_as("operator_opd").get(URL).content.decode()
    baris = page.split('data-bentuk="seminar"')[1].split('data-bentuk="workshop"')[0]
    # in force on 2 December 2026: the 2026 version (3 JP flat, max 12); 2000 earlier, 2027 planned
    kini = baris.split("</tr>")[0]
    assert "3 JP per kegiatan" in kini and "12" in kini and "1 Januari 2026" in kini
    assert "Versi lain (2)" in baris
    assert "Mulai 1 Januari 2027 (mendatang): 2 JP per sesi" in baris
    assert "bukti wajib Tidak" in baris
    assert "Mulai 1 Januari 2000: 1 JP per 45 menit penuh" in baris


def test_page_query_count_is_the_same_for_3_and_10_versions(client_as):
    client = client_as("admin_bkd")
    for i in range(3):
        _versi("seminar", dt.date(2010 + i, 1, 1))

    def grow():
        for i in range(7):
            _versi("workshop", dt.date(2010 + i, 1, 1))

    def fetch():
        assert client.get(URL).status_code == 200

    assert_same_queries_after(fetch, grow)


def test_admin_adds_a_version_with_history_user_and_reason(client_as, users):
    response = client_as("admin_bkd").post(URL_BARU, _post())
    assert response.status_code == 302
    baru = AturanJP.objects.get(bentuk="seminar", berlaku_mulai=dt.date(2027, 1, 1))
    assert (baru.basis, baru.nilai, baru.maks_per_tahun, baru.wajib_bukti) == ("sesi", Decimal(2), None, True)
    assert baru.jalur == "klasikal" and baru.perlu_ditinjau is False
    riwayat = baru.history.get()
    assert riwayat.history_user == users["admin_bkd"]
    assert riwayat.history_change_reason == "Seminar dihitung per sesi mulai tahun anggaran 2027."
    # the version in force today is untouched
    assert AturanJP.objects.get(bentuk="seminar", berlaku_mulai=dt.date(2000, 1, 1)).basis == "menit"


def test_the_form_opens_with_today(client_as):
    page = client_as("admin_bkd").get(URL_BARU).content.decode()
    assert 'value="2026-12-02"' in page and "Versi yang sudah berlaku tidak dapat diubah" in page


def test_unknown_form_is_404(client_as):
    assert client_as("admin_bkd").get("/pembinaan/aturan-jp/bukan/versi-baru/").status_code == 404


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        (
            {"basis": "menit", "nilai": "0"},
            "nilai",
            "Nilai harus lebih dari 0 untuk dasar 'menit' (menit per JP).",
        ),
        ({"basis": "sesi", "nilai": ""}, "nilai", "Nilai wajib diisi"),
        ({"maks_per_tahun": "0"}, "maks_per_tahun", "Maksimal JP per tahun harus lebih dari 0"),
        ({"berlaku_mulai": "2026-12-01"}, "berlaku_mulai", "Berlaku mulai tidak boleh sebelum hari ini"),
        ({"berlaku_mulai": "2000-01-01"}, "berlaku_mulai", "Berlaku mulai tidak boleh sebelum hari ini"),
        ({"alasan": "x" * 501}, "alasan", "sekarang 501"),
        ({"dasar_hukum": "   "}, "dasar_hukum", "Dasar hukum wajib diisi."),
        ({"berlaku_mulai": ""}, "berlaku_mulai", "Tanggal berlaku mulai wajib diisi."),
        ({"alasan": ""}, "alasan", "Alasan wajib diisi."),
    ],
)
def test_bad_values_are_named_and_nothing_is_written(client_as, ubah, field, pesan):
    sebelum = AturanJP.objects.count()
    response = client_as("admin_bkd").post(URL_BARU, _post(**ubah))
    assert response.status_code == 400
    assert pesan in " ".join(response.context["form"].errors[field])
    assert AturanJP.objects.count() == sebelum


def _layanan(users, **ubah):
    kw = {
        "actor": users["admin_bkd"],
        "bentuk": "seminar",
        "basis": "hari",
        "nilai": Decimal(6),
        "maks_per_tahun": Decimal(30),
        "wajib_bukti": True,
        "dasar_hukum": "Perbup 1/2027",
        "berlaku_mulai": HARI_INI,
        "alasan": "Per hari.",
    }
    return services_aturan.aturan_versi_baru(**{**kw, **ubah})


def test_a_second_version_on_the_same_date_is_refused(users):
    _layanan(users)
    with pytest.raises(ValidationError) as exc:
        _layanan(users, nilai=Decimal(7))
    assert exc.value.message_dict["berlaku_mulai"] == [
        "Sudah ada versi aturan bentuk ini yang berlaku mulai 02-12-2026."
    ]
    assert AturanJP.objects.get(bentuk="seminar", berlaku_mulai=HARI_INI).nilai == Decimal(6)


def test_the_service_refuses_a_long_reason_without_the_form(users):
    with pytest.raises(ValidationError) as exc:
        _layanan(users, alasan="a" * 600)
    assert exc.value.message_dict["alasan"] == ["Alasan paling panjang 500 karakter (sekarang 600)."]
    assert not AturanJP.objects.filter(bentuk="seminar", berlaku_mulai=HARI_INI).exists()


def test_a_certificate_rule_needs_no_value(users):
    baru = _layanan(users, basis="sertifikat", nilai=None, maks_per_tahun=None)
    assert (baru.basis, baru.nilai, baru.maks_per_tahun) == ("sertifikat", Decimal(0), None)
