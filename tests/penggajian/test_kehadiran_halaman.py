"""The attendance recap pages: the month's list (scoped per OPD, fixed query cost), and the form for one
employee's recap with the deduction codes of the TPP rule in force; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pegawai.models import Pegawai
from penggajian.models import RekapKehadiran
from tests.factories import PegawaiFactory
from tests.querycount import assert_same_queries, get_queries

pytestmark = pytest.mark.django_db

LIST = reverse("penggajian:kehadiran_list")
ISI = reverse("penggajian:kehadiran_isi")


def _rekap(pegawai, **kw):
    return RekapKehadiran.objects.create(pegawai=pegawai, tahun=2026, bulan=11, hari_kerja=21, **kw)


def test_the_list_shows_the_month_with_its_deduction_codes_and_scopes_the_operator(org, client_as):
    _rekap(org.staf_a, tanpa_keterangan=1, jumlah={"TL2": 3})
    _rekap(org.staf_b)
    page = client_as("admin_bkd").get(LIST, {"bulan": "2026-11"}).content.decode()
    assert page.count('data-testid="rekap"') == 2
    assert "Rekap kehadiran November 2026" in page and ">TL2</th>" in page
    page = client_as("operator_opd").get(LIST, {"bulan": "2026-11"}).content.decode()
    assert page.count('data-testid="rekap"') == 1 and org.staf_a.nama in page and org.staf_b.nama not in page
    page = client_as("admin_bkd").get(LIST, {"bulan": "2026-11", "q": org.staf_b.nip}).content.decode()
    assert page.count('data-testid="rekap"') == 1 and org.staf_b.nama in page


@pytest.mark.parametrize(("role", "status"), [("pimpinan", 403), ("pegawai", 403), ("atasan", 403)])
def test_only_hr_officers_keep_recaps(org, client_as, role, status):
    assert client_as(role).get(LIST).status_code == status
    assert client_as(role).get(ISI).status_code == status


def test_the_form_creates_then_changes_a_recap_with_history(org, client_as):
    client = client_as("operator_opd")
    data = {
        "nip": org.staf_a.nip,
        "bulan": "2026-11",
        "hari_kerja": "21",
        "tanpa_keterangan": "1",
        "kode_TL1": "2",
    }
    response = client.post(ISI, data, follow=True)
    assert f"Rekap kehadiran {org.staf_a.nama} bulan November 2026 disimpan." in response.content.decode()
    rekap = RekapKehadiran.objects.get(pegawai=org.staf_a, tahun=2026, bulan=11)
    assert (rekap.hari_kerja, rekap.tanpa_keterangan, rekap.jumlah) == (21, 1, {"TL1": 2})
    page = client.get(ISI, {"nip": org.staf_a.nip, "bulan": "2026-11"}).content.decode()
    assert 'value="2"' in page and "Diisi lewat formulir" in page
    client.post(ISI, {**data, "tanpa_keterangan": "0", "kode_TL1": "0", "kode_PSW1": "1"})
    rekap.refresh_from_db()
    assert (rekap.tanpa_keterangan, rekap.jumlah) == (0, {"PSW1": 1})
    assert [h.history_change_reason for h in rekap.history.order_by("history_date")] == [
        "Diisi lewat formulir",
        "Diubah lewat formulir",
    ]


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"tanpa_keterangan": "25"}, "25 hari melebihi hari kerja (21)."),
        ({"bulan": "2019-01"}, "Belum ada aturan TPP yang berlaku untuk bulan 01-2019."),
        ({"bulan": "2026-13"}, "Tulis bulan sebagai YYYY-MM"),
        (
            {"nip": "199001012020011999"},
            "Tidak ada pegawai dengan NIP 199001012020011999 dalam cakupan Anda.",
        ),
        ({"kode_TL1": "-1"}, "Pastikan nilai ini lebih besar dari atau sama dengan 0."),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(org, client_as, ubah, pesan):
    data = {"nip": org.staf_a.nip, "bulan": "2026-11", "hari_kerja": "21", "tanpa_keterangan": "0", **ubah}
    response = client_as("admin_bkd").post(ISI, data)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not RekapKehadiran.objects.exists()


def test_another_opds_employee_is_404_for_the_operator(org, client_as):
    client = client_as("operator_opd")
    assert client.get(ISI, {"nip": org.staf_b.nip, "bulan": "2026-11"}).status_code == 404
    data = {"nip": org.staf_b.nip, "bulan": "2026-11", "hari_kerja": "21", "tanpa_keterangan": "0"}
    response = client.post(ISI, data)
    assert "dalam cakupan Anda" in response.content.decode()
    assert not RekapKehadiran.objects.exists()


def test_the_list_costs_the_same_queries_for_3_and_10_rows(org, client_as):
    client = client_as("admin_bkd")

    def queries() -> list[str]:
        return get_queries(client, f"{LIST}?bulan=2026-11")

    pegawai = list(Pegawai.objects.all())[:3]
    for p in pegawai:
        _rekap(p, jumlah={"TL1": 1})
    kecil = queries()
    for i in range(7):
        _rekap(PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tambahan {i}"))
    assert RekapKehadiran.objects.count() == 10
    assert_same_queries(kecil, queries())
