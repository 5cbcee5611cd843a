"""Signatories as master data: the Admin BKD records, corrects and ends them (with history), one per role
and OPD at a date, and every printed document's signature block is filled from them — or says clearly
that nobody is recorded, while the page that prints it warns the Admin BKD."""

from __future__ import annotations

import datetime as dt
import subprocess
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from pegawai.models import Penandatangan
from pegawai.selectors import penandatangan_for, penandatangan_kosong
from penggajian import dokumen
from penggajian.models import Slip
from tests.penggajian.bantu import hitung

PANJANG = "x" * 500


@pytest.fixture
def hari_ini(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Makassar")))


def teks_pdf(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "dok.pdf"
    path.write_bytes(pdf)
    teks = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(teks.split())


def data_form(**kwargs) -> dict:
    return {
        "peran": "kepala_bkpsdm", "opd": "", "jabatan": "Kepala Badan Kepegawaian dan Pengembangan SDM",
        "atas_nama": "", "nip_pegawai": "", "nama": "", "nip": "", "pangkat": "", "berlaku_mulai": "2026-01-01",
        "berlaku_sampai": "", "keterangan": "", **kwargs,
    }  # fmt: skip


@pytest.mark.django_db
def test_only_the_admin_bkd_manages_signatories(users, client):
    for role in ("operator_opd", "pimpinan", "pegawai"):
        client.force_login(users[role])
        assert client.get(reverse("pegawai:penandatangan_list")).status_code == 403
        assert client.post(reverse("pegawai:penandatangan_create"), data_form()).status_code == 403
    assert not Penandatangan.objects.exists()


@pytest.mark.django_db
def test_create_and_edit_with_long_free_text_then_end_the_period(org, users, client):
    client.force_login(users["admin_bkd"])
    # A 500-character note is accepted; a 500-character title (255 at most) is a message, not a 500.
    response = client.post(
        reverse("pegawai:penandatangan_create"), data_form(nip_pegawai=org.kepala_a.nip, jabatan=PANJANG)
    )
    assert response.status_code == 200
    assert "paling banyak 255 karakter" in response.content.decode()
    response = client.post(
        reverse("pegawai:penandatangan_create"), data_form(nip_pegawai=org.kepala_a.nip, keterangan=PANJANG)
    )
    assert response.status_code == 302
    ttd = Penandatangan.objects.get()
    assert (ttd.pegawai, ttd.keterangan, ttd.nama_cetak) == (org.kepala_a, PANJANG, org.kepala_a.nama_lengkap)
    assert ttd.history.get().history_user == users["admin_bkd"]

    url = reverse("pegawai:penandatangan_update", args=[ttd.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, data_form(nip_pegawai="", nama="Dr. H. Amir", jabatan=PANJANG, keterangan=PANJANG)
    )
    assert response.status_code == 200 and "paling banyak 255 karakter" in response.content.decode()
    response = client.post(
        url,
        data_form(nip_pegawai="", nama="Dr. H. Amir", nip="19700101 199003 1 001", keterangan=PANJANG + "y"),
    )
    assert response.status_code == 200 and "paling banyak 500 karakter" in response.content.decode()
    response = client.post(
        url,
        data_form(
            nip_pegawai="", nama="Dr. H. Amir", nip="197001011990031001", pangkat="Pembina Utama Muda (IV/c)"
        ),
    )
    assert response.status_code == 302
    ttd.refresh_from_db()
    assert (ttd.pegawai, ttd.nama_cetak, ttd.nip_cetak) == (None, "Dr. H. Amir", "197001011990031001")

    response = client.post(
        reverse("pegawai:penandatangan_akhiri", args=[ttd.pk]),
        {"berlaku_sampai": "2025-12-31", "alasan": PANJANG},
        follow=True,
    )
    assert "tidak boleh sebelum tanggal berlaku mulai" in response.content.decode()
    client.post(
        reverse("pegawai:penandatangan_akhiri", args=[ttd.pk]),
        {"berlaku_sampai": "2026-06-30", "alasan": PANJANG},
    )
    ttd.refresh_from_db()
    assert ttd.berlaku_sampai == dt.date(2026, 6, 30)
    assert ttd.history.first().history_change_reason == PANJANG
    assert penandatangan_for("kepala_bkpsdm", None, dt.date(2026, 6, 30)) == ttd
    assert penandatangan_for("kepala_bkpsdm", None, dt.date(2026, 7, 1)) is None


@pytest.mark.django_db
def test_a_new_signatory_takes_over_and_an_overlap_is_refused(org, users, client):
    client.force_login(users["admin_bkd"])
    client.post(reverse("pegawai:penandatangan_create"), data_form(nip_pegawai=org.kepala_a.nip))
    client.post(
        reverse("pegawai:penandatangan_create"),
        data_form(nip_pegawai=org.kabid_a.nip, berlaku_mulai="2026-09-01"),
    )
    lama, baru = Penandatangan.objects.order_by("berlaku_mulai")
    assert (lama.pegawai, lama.berlaku_sampai) == (org.kepala_a, dt.date(2026, 8, 31))
    assert lama.history.first().history_change_reason == "Masa berakhir: diganti penandatangan baru"
    assert (baru.pegawai, baru.berlaku_sampai) == (org.kabid_a, None)
    # Starting inside someone else's period is an overlap, not a handover.
    response = client.post(
        reverse("pegawai:penandatangan_create"), data_form(nama="Orang Lain", berlaku_mulai="2026-05-01")
    )
    assert "bertumpang tindih" in response.content.decode()
    assert Penandatangan.objects.count() == 2
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Penandatangan.objects.create(
            peran="kepala_bkpsdm", jabatan="X", nama="Y", berlaku_mulai=dt.date(2026, 10, 1)
        )
    # A per-OPD role needs its OPD; a government-wide one refuses one.
    response = client.post(
        reverse("pegawai:penandatangan_create"),
        data_form(peran="bendahara_pengeluaran", nama="Bendahara", jabatan="Bendahara Pengeluaran"),
    )
    assert "OPD wajib diisi untuk Bendahara Pengeluaran" in response.content.decode()
    response = client.post(
        reverse("pegawai:penandatangan_create"),
        data_form(opd=org.opd_a.pk, nama="X", berlaku_mulai="2027-01-01"),
    )
    assert "kosongkan OPD" in response.content.decode()
    response = client.post(
        reverse("pegawai:penandatangan_create"), data_form(nip_pegawai="199999999999999999")
    )
    assert "tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_the_opd_signatory_comes_before_the_government_wide_one(org):
    umum = Penandatangan.objects.create(
        peran="bendahara_pengeluaran",
        jabatan="Bendahara Umum",
        nama="Umum",
        berlaku_mulai=dt.date(2026, 1, 1),
    )
    opd_a = Penandatangan.objects.create(
        peran="bendahara_pengeluaran", opd=org.opd_a, jabatan="Bendahara Pengeluaran", pegawai=org.staf_a,
        berlaku_mulai=dt.date(2026, 1, 1),
    )  # fmt: skip
    tanggal = dt.date(2026, 11, 20)
    assert penandatangan_for("bendahara_pengeluaran", org.opd_a, tanggal) == opd_a
    assert penandatangan_for("bendahara_pengeluaran", org.opd_b, tanggal) == umum
    assert penandatangan_for("bendahara_pengeluaran", org.opd_a, dt.date(2025, 12, 31)) is None


@pytest.mark.django_db
def test_the_slip_is_signed_by_the_opd_bendahara_or_says_nobody_is_recorded(
    bergaji, petugas, users, client, hari_ini, tmp_path
):
    run = hitung(petugas["pembuat"], bulan=11)
    slip = Slip.objects.get(run=run, pegawai=bergaji.staf_a)
    teks = teks_pdf(dokumen.slip_pdf(slip=slip), tmp_path)
    assert "[Penandatangan Bendahara Pengeluaran belum dicatat" in teks
    assert penandatangan_kosong(tanggal=dt.date(2026, 11, 20)) == [
        "Kepala BKPSDM",
        "Bendahara Pengeluaran Dinas Kesehatan, Dinas Pendidikan",
    ]
    client.force_login(users["admin_bkd"])
    assert (
        "Penandatangan belum dicatat untuk"
        in client.get(reverse("penggajian:run_detail", args=[run.pk])).content.decode()
    )

    Penandatangan.objects.create(
        peran="bendahara_pengeluaran", opd=bergaji.opd_a, jabatan="Bendahara Pengeluaran Dinas Pendidikan",
        pegawai=bergaji.kabid_a, berlaku_mulai=dt.date(2026, 1, 1),
    )  # fmt: skip
    teks = teks_pdf(dokumen.slip_pdf(slip=slip), tmp_path)
    assert "Bendahara Pengeluaran Dinas Pendidikan" in teks
    assert bergaji.kabid_a.nama_lengkap in teks
    assert "belum dicatat" not in teks
    assert penandatangan_kosong(tanggal=dt.date(2026, 11, 20), peran=["bendahara_pengeluaran"]) == [
        "Bendahara Pengeluaran Dinas Kesehatan"
    ]


@pytest.mark.django_db
def _cetak(client, jenis: str) -> bytes:
    """The report PDF as the page prints it: requested, printed by the job (here in-process), downloaded."""
    from pegawai.cetak_laporan import cetak_laporan_execute
    from pegawai.models import CetakLaporan

    assert client.post(reverse("pegawai:laporan_cetak", args=[jenis])).status_code == 302
    job = cetak_laporan_execute(CetakLaporan.objects.filter(jenis=jenis).latest("pk").pk)
    return b"".join(client.get(reverse("pegawai:laporan_cetak_unduh", args=[job.pk])).streaming_content)


def test_the_duk_pdf_is_signed_by_the_kepala_bkpsdm(org, users, client, hari_ini, tmp_path):
    client.force_login(users["admin_bkd"])
    page = client.get(reverse("pegawai:duk")).content.decode()
    assert "Penandatangan belum dicatat untuk: Kepala BKPSDM" in page
    teks = teks_pdf(_cetak(client, "duk"), tmp_path)
    assert "[Penandatangan Kepala BKPSDM belum dicatat" in teks
    Penandatangan.objects.create(
        peran="kepala_bkpsdm", jabatan="Kepala Badan Kepegawaian dan Pengembangan SDM", nama="Dr. H. Amir",
        nip="197001011990031001", pangkat="Pembina Utama Muda (IV/c)", berlaku_mulai=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert "Penandatangan belum dicatat" not in client.get(reverse("pegawai:duk")).content.decode()
    teks = teks_pdf(_cetak(client, "nominatif"), tmp_path)
    assert "Dr. H. Amir" in teks and "Pembina Utama Muda (IV/c)" in teks and "19700101 199003 1 001" in teks
