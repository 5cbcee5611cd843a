"""The pay pages: who may open them, the workflow through the browser endpoints, slips and their PDF,
the month-over-month diff, and query counts that do not grow with the number of slips."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from pegawai.models import Pegawai
from penggajian import services
from penggajian.models import KenaikanGajiBerkala, RekapKehadiran, RunGaji, Slip
from tests.factories import PegawaiFactory
from tests.penggajian.bantu import hitung, kunci
from tests.querycount import assert_same_queries, get_queries


@pytest.mark.parametrize("role", ["pegawai", "atasan", "operator_opd"])
def test_only_admin_bkd_and_pimpinan_open_the_runs(bergaji, users, petugas, client, role):
    run = hitung(petugas["pembuat"])
    client.force_login(users[role])
    assert client.get(reverse("penggajian:run_list")).status_code == 403
    assert client.get(reverse("penggajian:run_detail", args=[run.pk])).status_code == 404
    assert client.get(reverse("penggajian:run_slip_list", args=[run.pk])).status_code == 404
    assert client.post(reverse("penggajian:run_kunci", args=[run.pk])).status_code == 404


def test_compute_verify_approve_lock_through_the_pages(bergaji, petugas, client):
    client.force_login(petugas["pembuat"])
    response = client.post(reverse("penggajian:run_list"), {"jenis": "induk", "bulan": "2026-11"})
    run = RunGaji.objects.get()
    assert response.url == reverse("penggajian:run_detail", args=[run.pk])
    assert run.status == "antri"
    services.run_execute(run.pk)  # what the worker does
    detail = client.get(reverse("penggajian:run_detail", args=[run.pk])).content.decode()
    assert "Anda yang menghitung run ini" in detail
    assert reverse("penggajian:run_verifikasi", args=[run.pk]) not in detail
    page = client.post(reverse("penggajian:run_verifikasi", args=[run.pk]), follow=True).content.decode()
    assert "yang menghitung tidak boleh memverifikasi" in page

    client.force_login(petugas["verifikator"])
    client.post(reverse("penggajian:run_verifikasi", args=[run.pk]), {"catatan": "Cocok dengan rekap BPKAD"})
    client.force_login(petugas["pimpinan"])
    client.post(reverse("penggajian:run_setujui", args=[run.pk]))
    client.force_login(petugas["pembuat"])
    page = client.post(reverse("penggajian:run_kunci", args=[run.pk]), follow=True).content.decode()
    run.refresh_from_db()
    assert run.status == "dikunci"
    assert "dikunci" in page
    # A second computation of a locked month is refused with a message naming it.
    page = client.post(
        reverse("penggajian:run_list"), {"jenis": "induk", "bulan": "2026-11"}
    ).content.decode()
    assert "Gaji induk November 2026 sudah dikunci" in page


def test_a_month_without_a_tpp_rule_is_refused_on_the_page(bergaji, petugas, client):
    client.force_login(petugas["pembuat"])
    page = client.post(reverse("penggajian:run_list"), {"jenis": "tpp", "bulan": "2023-05"}).content.decode()
    assert "Belum ada aturan TPP yang berlaku untuk bulan 05-2023" in page
    assert not RunGaji.objects.exists()


def test_failed_employees_are_listed_and_recomputed_alone(bergaji, petugas, client):
    staf = Pegawai.objects.get(pk=bergaji.staf_b.pk)
    staf.nomor_rekening = ""
    staf.save()
    run = hitung(petugas["pembuat"])
    client.force_login(petugas["pembuat"])
    page = client.get(reverse("penggajian:run_detail", args=[run.pk])).content.decode()
    assert "Nama bank atau nomor rekening kosong" in page
    staf.nomor_rekening = "0099"
    staf.save()
    page = client.post(
        reverse("penggajian:run_hitung_ulang", args=[run.pk]), {"hanya_galat": "1"}, follow=True
    )
    assert "Pegawai yang gagal sedang dihitung ulang" in page.content.decode()
    run = services.run_execute(run.pk)
    assert (run.jumlah_slip, run.jumlah_galat) == (4, 0)


def _queries(client, url) -> list[str]:
    return get_queries(client, url)


def test_list_pages_cost_the_same_for_3_and_10_slips(bergaji, petugas, client):
    def tambah(dari, sampai):
        for i in range(dari, sampai):
            PegawaiFactory(
                jabatan=bergaji.staf_a.jabatan, nama=f"Tambahan {i}", nama_bank="BNI", nomor_rekening=f"7{i}"
            )

    hitung(petugas["pembuat"], bulan=8)
    tambah(0, 3)
    run_kecil = hitung(petugas["pembuat"], bulan=9)  # 3 new slips since August
    tambah(3, 13)
    run_besar = hitung(petugas["pembuat"], bulan=10)  # 10 new slips since September
    assert (run_kecil.jumlah_slip, run_besar.jumlah_slip) == (7, 17)
    client.force_login(petugas["pembuat"])
    for name in ("run_detail", "run_slip_list", "run_perubahan"):
        kecil = _queries(client, reverse(f"penggajian:{name}", args=[run_kecil.pk]))
        besar = _queries(client, reverse(f"penggajian:{name}", args=[run_besar.pk]))
        assert_same_queries(kecil, besar, name)


def test_the_diff_says_why_a_net_pay_changed(bergaji, petugas, client):
    staf = bergaji.staf_b
    hitung(petugas["pembuat"], bulan=10)
    KenaikanGajiBerkala.objects.create(
        pegawai=staf, golongan="III/a", mkg_tahun=2, tmt=dt.date(2026, 11, 1),
        gaji_pokok_lama=2_785_700, gaji_pokok_baru=2_873_500, status="ditetapkan",
    )  # fmt: skip
    november = hitung(petugas["pembuat"], bulan=11)
    client.force_login(petugas["pimpinan"])
    page = client.get(reverse("penggajian:run_perubahan", args=[november.pk])).content.decode()
    assert "MKG 0 → 2 tahun (KGB TMT 01-11-2026)" in page
    assert "1 pegawai berubah" in page


def test_employees_see_only_their_own_slips_of_locked_runs(bergaji, users, petugas, client):
    run = hitung(petugas["pembuat"])
    own = Slip.objects.get(run=run, pegawai=bergaji.staf_a)
    other = Slip.objects.get(run=run, pegawai=bergaji.staf_b)
    client.force_login(users["pegawai"])
    assert client.get(reverse("penggajian:slip_detail", args=[own.pk])).status_code == 404  # not locked yet
    assert "Belum ada slip" in client.get(reverse("penggajian:slip_saya")).content.decode()
    kunci(petugas, run)
    assert client.get(reverse("penggajian:slip_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("penggajian:slip_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("penggajian:slip_pdf", args=[other.pk])).status_code == 404
    assert "Gaji induk" in client.get(reverse("penggajian:slip_saya")).content.decode()
    # The operator of OPD A sees A's slips, not B's.
    client.force_login(users["operator_opd"])
    assert client.get(reverse("penggajian:slip_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("penggajian:slip_detail", args=[other.pk])).status_code == 404


def test_a_tpp_slip_explains_itself(bergaji, users, petugas, client):
    staf = bergaji.staf_a
    RekapKehadiran.objects.create(pegawai=staf, tahun=2026, bulan=11, hari_kerja=21, jumlah={"TL1": 2})
    run = hitung(petugas["pembuat"], jenis="tpp")
    slip = Slip.objects.get(run=run, pegawai=staf)
    client.force_login(petugas["pembuat"])
    page = client.get(reverse("penggajian:slip_detail", args=[slip.pk])).content.decode()
    # Kelas 6 in the example rule: pagu Rp3.000.000; no predikat yet → kinerja part 0 %;
    # disiplin 100 − 2 × 0,5 = 99 % → 40 % × 3.000.000 × 99 % = 1.188.000.
    assert "Mengapa TPP saya sebesar ini?" in page
    assert "Rp3.000.000" in page
    assert "40 % × Rp3.000.000 × 99 %" in page
    assert "Rp1.188.000" in page
    assert "TL1 2×" in page


def test_the_slip_pdf_is_a_real_pdf_with_a_verification_page(bergaji, users, petugas, client, tmp_path):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    slip = Slip.objects.get(run=run, pegawai=bergaji.staf_a)
    client.force_login(users["pegawai"])
    response = client.get(reverse("penggajian:slip_pdf", args=[slip.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.get(reverse("penggajian:slip_pdf", args=[slip.pk]))  # printing again reuses the record
    client.logout()
    page = client.get(reverse("verifikasi", args=[slip.kode_verifikasi])).content.decode()
    assert "Gaji induk November 2026" in page
    assert bergaji.staf_a.nama in page
    if shutil.which("pdftoppm"):
        pdf = tmp_path / "slip.pdf"
        pdf.write_bytes(response.content)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(tmp_path / "slip")], check=True
        )
        assert (tmp_path / "slip.png").stat().st_size > 5000


def test_dashboards_show_the_pay_blocks_at_a_fixed_query_cost(bergaji, users, petugas, client):
    RekapKehadiran.objects.bulk_create(
        [
            RekapKehadiran(pegawai=p, tahun=2026, bulan=b, hari_kerja=21)
            for p in Pegawai.objects.all()
            for b in (10, 11)
        ]
    )
    client.force_login(petugas["pembuat"])
    kunci(petugas, hitung(petugas["pembuat"], bulan=10))
    hitung(petugas["pembuat"], bulan=10, jenis="tpp")
    kecil = _queries(client, "/")
    kunci(petugas, hitung(petugas["pembuat"], bulan=11))
    for i in range(7):
        PegawaiFactory(
            jabatan=bergaji.staf_a.jabatan, nama=f"Baru {i}", nama_bank="BRI", nomor_rekening=f"8{i}"
        )
    hitung(petugas["pembuat"], bulan=11, jenis="tpp")
    assert_same_queries(kecil, _queries(client, "/"), "dasbor")
    page = client.get("/").content.decode()
    assert "Gaji induk November 2026" in page and "TPP bersih per OPD" in page
    assert "dibanding Oktober 2026" in page
    client.force_login(users["pegawai"])
    page = client.get("/").content.decode()
    assert "Slip gaji dan TPP terakhir" in page and "Gaji induk November 2026" in page
