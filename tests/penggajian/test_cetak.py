"""Bulk slip printing: a ZIP with one PDF per OPD and one page per employee, each page with its own
verification code; only for an approved run, only the Admin BKD; on a real worker from the run page."""

from __future__ import annotations

import io
import subprocess
import time
import zipfile

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from asn_portal.celery import app
from core.models import DokumenTerverifikasi
from penggajian import services
from penggajian.models import CetakSlipMassal, Slip
from tests.penggajian.bantu import hitung, kunci


def _teks_halaman(pdf: bytes, tmp_path, nama: str) -> list[str]:
    path = tmp_path / nama
    path.write_bytes(pdf)
    teks = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return [h for h in teks.split("\f") if h.strip()]


@pytest.mark.django_db
def test_a_locked_run_prints_one_pdf_per_opd_with_one_page_per_employee(bergaji, petugas, tmp_path):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    job = services.cetak_minta(actor=petugas["pembuat"], run=run)
    assert (job.status, job.jumlah) == ("antri", 4)

    job = services.cetak_execute(job.pk)

    assert (job.status, job.selesai_dicetak, job.persen) == ("selesai", 4, 100)
    with zipfile.ZipFile(job.berkas.open("rb")) as z:
        names = sorted(z.namelist())
        assert len(names) == 2 and all(n.endswith("-001.pdf") for n in names)
        pages = {n: _teks_halaman(z.read(n), tmp_path, n) for n in names}
    per_opd = {n: len(p) for n, p in pages.items()}
    opd_a = next(n for n in names if "dinas-pendidikan" in n)
    assert per_opd[opd_a] == 3 and sum(per_opd.values()) == 4
    # Each page is one employee's slip with that slip's own code in its footer, and the code verifies.
    for slip in Slip.objects.filter(run=run):
        halaman = [h for p in pages.values() for h in p if slip.nama in h]
        assert len(halaman) == 1, slip.nama
        assert slip.kode_verifikasi in halaman[0]
        assert "SLIP GAJI INDUK" in halaman[0]
    assert set(DokumenTerverifikasi.objects.values_list("kode", flat=True)) >= set(
        Slip.objects.filter(run=run).values_list("kode_verifikasi", flat=True)
    )


@pytest.mark.django_db
def test_one_opd_only_and_a_second_print_reuses_the_verification_records(bergaji, petugas, tmp_path):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    org = bergaji
    for _ in range(2):
        job = services.cetak_execute(
            services.cetak_minta(actor=petugas["pembuat"], run=run, opd=org.opd_b).pk
        )
        with zipfile.ZipFile(job.berkas.open("rb")) as z:
            (name,) = z.namelist()
            (halaman,) = _teks_halaman(z.read(name), tmp_path, name)
        assert org.staf_b.nama in halaman
    assert DokumenTerverifikasi.objects.count() == 1


@pytest.mark.django_db
def test_refused_before_approval_and_for_anyone_but_the_admin_bkd(bergaji, petugas, users):
    run = hitung(petugas["pembuat"])
    with pytest.raises(ValidationError, match="belum disetujui"):
        services.cetak_minta(actor=petugas["pembuat"], run=run)
    run = kunci(petugas, run)
    for role in ("pimpinan", "operator_opd", "pegawai"):
        with pytest.raises(PermissionDenied):
            services.cetak_minta(actor=users[role], run=run)
    assert not CetakSlipMassal.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"), [("admin_bkd", 200), ("pimpinan", 403), ("operator_opd", 403), ("pegawai", 403)]
)
def test_who_may_print_and_download(bergaji, petugas, client_as, role, status):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    job = services.cetak_execute(services.cetak_minta(actor=petugas["pembuat"], run=run).pk)
    client = client_as(role)
    assert client.get(reverse("penggajian:cetak_slip", args=[run.pk])).status_code == status
    assert client.get(reverse("penggajian:cetak_unduh", args=[job.pk])).status_code == status
    assert client.post(reverse("penggajian:cetak_slip", args=[run.pk])).status_code == (
        302 if status == 200 else status
    )


@pytest.mark.django_db
def test_unknown_job_or_opd_answers_404(bergaji, petugas, client_as):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    client = client_as("admin_bkd")
    assert client.get(reverse("penggajian:cetak_unduh", args=[99999])).status_code == 404
    assert client.post(reverse("penggajian:cetak_slip", args=[run.pk]), {"opd": "99999"}).status_code == 404
    assert not CetakSlipMassal.objects.exists()


@pytest.mark.django_db
def test_the_run_page_says_why_it_cannot_print_yet(bergaji, petugas, client_as):
    run = hitung(petugas["pembuat"])
    response = client_as("admin_bkd").post(reverse("penggajian:cetak_slip", args=[run.pk]), follow=True)
    assert "belum disetujui" in response.content.decode()
    assert "Slip dapat dicetak massal setelah run disetujui pimpinan." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_printed_by_a_real_worker_from_the_run_page(bergaji, petugas, client_as):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    client = client_as("admin_bkd")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.post(reverse("penggajian:cetak_slip", args=[run.pk]), follow=True)
        assert "4 slip sedang dicetak di latar belakang." in response.content.decode()
        job = CetakSlipMassal.objects.get()
        batas = time.monotonic() + 60
        while job.status not in ("selesai", "gagal") and time.monotonic() < batas:
            time.sleep(0.2)
            job.refresh_from_db()
    assert (job.status, job.selesai_dicetak) == ("selesai", 4), job.pesan_galat
    page = client.get(reverse("penggajian:run_detail", args=[run.pk])).content.decode()
    assert reverse("penggajian:cetak_unduh", args=[job.pk]) in page
    response = client.get(reverse("penggajian:cetak_unduh", args=[job.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="slip-induk-2026-11-semua-opd')
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as z:
        assert len(z.namelist()) == 2
