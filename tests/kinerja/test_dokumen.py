"""The printed SKP and DEKP (PermenPANRB 6/2022): content read back from the PDF text, the verification
record behind the QR code, scoping (404 for another OPD) and query counts that do not grow with rows."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import DokumenTerverifikasi
from kinerja import dokumen, services
from kinerja.models import Penilaian, Predikat, Rating
from pegawai.services import atasan_recompute
from tests.factories import PegawaiFactory, UserFactory
from tests.kinerja.conftest import tambah_hasil_kerja
from tests.querycount import assert_same_queries, get_queries

URAIAN_ATASAN = "Tersedianya data pendidikan dasar yang akurat"
URAIAN_UTAMA = "Data peserta didik SD mutakhir"
URAIAN_TAMBAHAN = "Panduan pengisian Dapodik untuk operator sekolah"
TARGET_KUALITATIF = "Panduan disahkan kepala bidang"
EKSPEKTASI = "Menyerahkan laporan pemutakhiran data tepat waktu"


def baca_pdf(content: bytes, tmp_path, name: str = "dokumen") -> tuple[str, list[str]]:
    """The PDF's text with whitespace collapsed, and its lines as laid out on the page (a table row's
    cells side by side; a cell's text wraps onto the following lines)."""
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(content)
    datar = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    tata = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(datar.split()), tata.splitlines()


def baris(lines: list[str], *potongan: str) -> int:
    """The number of the first line holding all fragments left to right (one table row), else -1."""
    for nomor, line in enumerate(lines):
        pos = 0
        for p in potongan:
            pos = line.find(p, pos)
            if pos < 0:
                break
            pos += len(p)
        else:
            return nomor
    return -1


def nip_tampil(nip: str) -> str:
    """PNS NIP as the reference displays it: birth date, TMT CPNS, sex, serial (19710712 199303 1 009)."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def skp_kabid(users, org, periode):
    """kabid_a's SKP row that staf_a's rows support (cascading)."""
    skp = services.skp_create(actor=users["atasan"], pegawai=org.kabid_a, periode=periode)
    return tambah_hasil_kerja(users["atasan"], skp, uraian=URAIAN_ATASAN)


def skp_dengan_baris(user, pegawai, periode, n: int, mendukung=None):
    """A draft SKP of `pegawai` with n hasil kerja rows, each with one quantitative indicator."""
    skp = services.skp_create(actor=user, pegawai=pegawai, periode=periode)
    for i in range(n):
        tambah_hasil_kerja(user, skp, uraian=f"Hasil kerja {i + 1}", mendukung=mendukung)
    return skp


# --- SKP ---------------------------------------------------------------------------------------------


def test_skp_pdf_prints_the_plan_and_registers_a_verifiable_document(
    pada_tanggal_uji, org, users, periode, client_as, client, tmp_path
):
    atasan_row = skp_kabid(users, org, periode)
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    tambah_hasil_kerja(users["pegawai"], skp, uraian=URAIAN_UTAMA, mendukung=atasan_row)
    services.hasil_kerja_save(
        actor=users["pegawai"],
        skp=skp,
        uraian=URAIAN_TAMBAHAN,
        jenis="tambahan",
        indikator=[{"uraian": "Kualitas panduan", "jenis": "kualitatif", "target_teks": TARGET_KUALITATIF}],
    )
    services.skp_submit(actor=users["pegawai"], skp=skp)
    services.skp_approve(actor=users["atasan"], skp=skp, ekspektasi={"akuntabel": EKSPEKTASI})

    response = client_as("pegawai").get(reverse("kinerja:skp_pdf", args=[skp.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="SKP-2026-{org.staf_a.nip}.pdf"'
    text, lines = baca_pdf(response.content, tmp_path)
    assert "SASARAN KINERJA PEGAWAI" in text  # the h1 is set in capitals
    assert "Periode penilaian 1 Januari 2026 s.d. 31 Desember 2026" in text
    # identity: the employee on the left, the pejabat penilai kinerja (kabid_a, the atasan) on the right
    assert baris(lines, "Nama", "Andi Pratama", "Nama", "Siti Rahmawati") >= 0
    assert baris(lines, "NIP", nip_tampil(org.staf_a.nip), "NIP", nip_tampil(org.kabid_a.nip)) >= 0
    # the factory's golongan III/a, named as in PP 99/2000
    assert baris(lines, "Pangkat/gol. ruang", "Penata Muda (III/a)", "Penata Muda (III/a)") >= 0
    assert baris(lines, "Jabatan", "Pengelola Data Pendidikan", "Jabatan", "Kepala Bidang") >= 0
    assert baris(lines, "Unit kerja", "Bidang Pembinaan SD", "Unit kerja", "Bidang Pembinaan SD") >= 0
    # Utama before Tambahan; each row: the atasan's row it supports, the row, indicator, target
    utama = baris(lines, "Tersedianya data", "Data peserta didik SD", "Jumlah sekolah yang", "120 sekolah")
    tambahan = baris(lines, "-", "Panduan pengisian", "Kualitas panduan", "Panduan")
    assert 0 < baris(lines, "A", "Utama") < utama < baris(lines, "B", "Tambahan") < tambahan
    for kalimat in (URAIAN_ATASAN, URAIAN_UTAMA, URAIAN_TAMBAHAN, TARGET_KUALITATIF, EKSPEKTASI):
        assert kalimat in text
    aspek = ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]
    posisi = [baris(lines, f"{n}", a) for n, a in enumerate(aspek, start=1)]
    assert -1 not in posisi and posisi == sorted(posisi)
    assert baris(lines, "Akuntabel", "Menyerahkan laporan") == posisi[1]
    assert "Status SKP: Disetujui · disetujui pejabat penilai kinerja pada 20 November 2026" in text
    assert baris(lines, "Pegawai yang Dinilai", "Pejabat Penilai Kinerja") >= 0
    assert baris(lines, "NIP " + nip_tampil(org.staf_a.nip), "NIP " + nip_tampil(org.kabid_a.nip)) >= 0

    arsip = DokumenTerverifikasi.objects.get()
    assert arsip.jenis == "Sasaran Kinerja Pegawai"
    assert arsip.fakta["NIP"] == nip_tampil(org.staf_a.nip)
    assert arsip.fakta["Jumlah hasil kerja"] == "2"
    assert arsip.fakta["Tanggal persetujuan"] == "20 November 2026"
    assert f"http://127.0.0.1:8000/verifikasi/{arsip.kode}/" in text
    client.logout()
    halaman = client.get(f"/verifikasi/{arsip.kode}/").content.decode()
    # The public page shows the name and a masked NIP only (UU 27/2022 PDP): the rater is not shown,
    # but a verifier holding the paper can check it.
    assert "Andi Pratama" in halaman and "Siti Rahmawati" not in halaman
    assert org.staf_a.nip[4:15] not in halaman.replace(" ", "")
    cek = client.post(
        f"/verifikasi/{arsip.kode}/", {"fakta": "Pejabat penilai kinerja", "nilai": "Siti Rahmawati"}
    )
    assert "<strong>cocok</strong>" in cek.content.decode()


def test_skp_pdf_of_another_opd_is_404(org, users, periode, client_as):
    skp_b = services.skp_create(actor=users["admin_bkd"], pegawai=org.staf_b, periode=periode)
    url = reverse("kinerja:skp_pdf", args=[skp_b.pk])
    assert client_as("operator_opd").get(url).status_code == 404
    assert client_as("atasan").get(url).status_code == 404
    assert DokumenTerverifikasi.objects.count() == 0
    response = client_as("admin_bkd").get(url)  # no pejabat penilai in opd_b: the form still prints
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_skp_pdf_query_count_is_the_same_for_3_and_10_rows(org, users, periode, client_as):
    atasan_row = skp_kabid(users, org, periode)
    skp = skp_dengan_baris(users["pegawai"], org.staf_a, periode, 3, mendukung=atasan_row)
    client = client_as("operator_opd")
    url = reverse("kinerja:skp_pdf", args=[skp.pk])
    client.get(url)
    tiga = get_queries(client, url)
    for i in range(7):
        tambah_hasil_kerja(users["pegawai"], skp, uraian=f"Tambahan {i}", mendukung=atasan_row)
    sepuluh = get_queries(client, url)
    assert skp.hasil_kerja.count() == 10
    assert_same_queries(tiga, sepuluh)


def test_skp_pdf_before_approval_is_stamped_draf_and_replaced_by_the_approved_print(
    pada_tanggal_uji, org, users, periode, client_as, client, tmp_path
):
    skp = skp_dengan_baris(users["pegawai"], org.staf_a, periode, 1)
    url = reverse("kinerja:skp_pdf", args=[skp.pk])

    text, _ = baca_pdf(client_as("pegawai").get(url).content, tmp_path, "draf")

    assert "DRAF" in text and "bukan bukti yang sah" in text
    draf = DokumenTerverifikasi.objects.get()
    assert draf.draf and draf.sumber == f"kinerja.skp:{skp.pk}"
    assert "<strong>DRAF</strong>" in client.get(f"/verifikasi/{draf.kode}/").content.decode()

    services.skp_submit(actor=users["pegawai"], skp=skp)
    text, _ = baca_pdf(client_as("pegawai").get(url).content, tmp_path, "diajukan")
    assert "DRAF" in text  # submitted is not agreed yet
    services.skp_approve(actor=users["atasan"], skp=skp)
    text, _ = baca_pdf(client_as("pegawai").get(url).content, tmp_path, "disetujui")

    assert "DRAF" not in text
    final = DokumenTerverifikasi.objects.order_by("-id").first()
    assert not final.draf and final.berlaku
    draf.refresh_from_db()
    assert draf.diganti_oleh_id == final.pk  # the verification page of the draft points to the final print


# --- DEKP --------------------------------------------------------------------------------------------


def test_dekp_prints_the_annual_predikat_by_the_regulation_matrix(
    pada_tanggal_uji, org, users, skp_disetujui, client_as, tmp_path
):
    atasan = users["atasan"]
    indikator = skp_disetujui.hasil_kerja.get().indikator.get()
    services.realisasi_save(
        actor=atasan, indikator=indikator, periode="tahunan", realisasi_angka=Decimal(126)
    )
    services.penilaian_rate(
        actor=atasan,
        skp=skp_disetujui,
        periode="triwulan-1",
        rating_hasil_kerja=Rating.SESUAI,
        rating_perilaku_kerja=Rating.SESUAI,
    )
    services.penilaian_rate(
        actor=atasan,
        skp=skp_disetujui,
        periode="triwulan-2",
        rating_hasil_kerja=Rating.DI_BAWAH,
        rating_perilaku_kerja=Rating.SESUAI,
    )
    tahunan = services.penilaian_rate(
        actor=atasan,
        skp=skp_disetujui,
        periode="tahunan",
        rating_hasil_kerja=Rating.DI_ATAS,
        rating_perilaku_kerja=Rating.SESUAI,
        catatan="Pertahankan ketepatan data.",
    )
    # PermenPANRB 6/2022 matrix: hasil kerja Di Atas × perilaku Sesuai = Baik (not Sangat Baik, which
    # needs both Di Atas); Di Bawah × Sesuai = Butuh Perbaikan; Sesuai × Sesuai = Baik.
    assert tahunan.predikat == Predikat.BAIK

    response = client_as("pegawai").get(reverse("kinerja:dekp_pdf", args=[2026, org.staf_a.nip]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="DEKP-2026-{org.staf_a.nip}.pdf"'
    text, lines = baca_pdf(response.content, tmp_path, "dekp")
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text
    # columns: the employee, the pejabat penilai (kabid_a), the atasan pejabat penilai (kepala_a)
    assert baris(lines, "Nama", "Andi Pratama", "Siti Rahmawati", "Budi Santoso") >= 0
    nips = (nip_tampil(p.nip) for p in (org.staf_a, org.kabid_a, org.kepala_a))
    assert baris(lines, "NIP", *nips) >= 0
    assert baris(lines, "Jabatan", "Pengelola Data", "Kepala Bidang", "Kepala Dinas Pendidikan") >= 0
    assert baris(lines, "Rating hasil kerja", "Di Atas Ekspektasi") >= 0
    assert baris(lines, "Rating perilaku kerja", "Sesuai Ekspektasi") >= 0
    assert baris(lines, "Predikat kinerja pegawai", "Baik") >= 0
    assert "Sangat Baik" not in text
    assert baris(lines, "Catatan", "Pertahankan ketepatan data.") >= 0
    assert baris(lines, "Triwulan I ", "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik", "Dinilai") >= 0
    assert (
        baris(lines, "Triwulan II", "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan", "Dinilai")
        >= 0
    )
    # realisasi 126 against a target of 120 sekolah: capaian 126 / 120 × 100 = 105,00 %
    assert baris(lines, "Data peserta didik SD", "Jumlah sekolah", "120 sekolah", "126 sekolah", "105 %") >= 0
    assert baris(lines, "Palu, 20 November 2026") >= 0

    # the annual rating is not final yet (the period is open): the print is a draft
    assert "DRAF" in text and "bukan bukti yang sah" in text
    arsip = DokumenTerverifikasi.objects.get()
    assert arsip.draf
    assert arsip.jenis == "Dokumen Evaluasi Kinerja Pegawai"
    assert arsip.fakta["Predikat kinerja pegawai"] == "Baik"
    assert arsip.fakta["NIP"] == nip_tampil(org.staf_a.nip)
    assert f"http://127.0.0.1:8000/verifikasi/{arsip.kode}/" in text

    pdf = tmp_path / "dekp.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "hal")], check=True
    )
    png = tmp_path / "hal-1.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert png.stat().st_size > 5000  # a real page, not a blank one

    # Once the closing run finalised the rating, the DEKP is no longer a draft and replaces the draft.
    Penilaian.objects.filter(pk=tahunan.pk).update(status=Penilaian.Status.FINAL)
    response = client_as("pegawai").get(reverse("kinerja:dekp_pdf", args=[2026, org.staf_a.nip]))
    text, _ = baca_pdf(response.content, tmp_path, "dekp-final")
    assert "DRAF" not in text
    final = DokumenTerverifikasi.objects.order_by("-id").first()
    assert not final.draf
    arsip.refresh_from_db()
    assert arsip.diganti_oleh_id == final.pk


def test_dekp_without_annual_rating_goes_back_with_a_message(org, users, skp_disetujui, client_as):
    services.penilaian_rate(
        actor=users["atasan"],
        skp=skp_disetujui,
        periode="triwulan-1",
        rating_hasil_kerja=Rating.SESUAI,
        rating_perilaku_kerja=Rating.SESUAI,
    )
    with pytest.raises(ValidationError) as exc:
        dokumen.dekp_pdf(pegawai=org.staf_a, periode_kinerja=skp_disetujui.periode, actor=users["pegawai"])
    assert exc.value.messages == ["Penilaian tahunan 2026 untuk Andi Pratama belum ada."]

    client = client_as("pegawai")
    asal = reverse("kinerja:skp_penilaian", args=[skp_disetujui.pk])
    url = reverse("kinerja:dekp_pdf", args=[2026, org.staf_a.nip])
    response = client.get(url, headers={"referer": f"http://testserver{asal}"})
    assert response.status_code == 302
    assert response.url == f"http://testserver{asal}"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Penilaian tahunan 2026 untuk Andi Pratama belum ada."
    ]
    response = client.get(url, headers={"referer": "https://contoh-luar.example/"})
    assert response.url == "/"  # never back to another site
    assert DokumenTerverifikasi.objects.count() == 0


def test_dekp_of_another_opd_or_unknown_nip_is_404(org, users, periode, client_as):
    Penilaian.objects.create(  # an imported annual rating of opd_b's employee
        periode_kinerja=periode,
        periode="tahunan",
        pegawai=org.staf_b,
        opd=org.opd_b,
        rating_hasil_kerja=Rating.SESUAI,
        rating_perilaku_kerja=Rating.SESUAI,
        predikat=Predikat.BAIK,
        sumber=Penilaian.Sumber.IMPOR,
    )
    url = reverse("kinerja:dekp_pdf", args=[2026, org.staf_b.nip])
    assert client_as("operator_opd").get(url).status_code == 404
    assert client_as("pegawai").get(url).status_code == 404
    assert (
        client_as("operator_opd").get(reverse("kinerja:dekp_pdf", args=[2026, "1" * 18])).status_code == 404
    )
    assert (
        client_as("operator_opd").get(reverse("kinerja:dekp_pdf", args=[2025, org.staf_a.nip])).status_code
        == 404
    )
    assert DokumenTerverifikasi.objects.count() == 0
    response = client_as("admin_bkd").get(url)  # no SKP in the app: printed from the rating alone
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_dekp_query_count_is_the_same_for_3_and_10_rows(org, users, periode, client_as):
    atasan = users["atasan"]
    atasan_row = skp_kabid(users, org, periode)
    rina = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Rina Wulandari")
    atasan_recompute()
    rina.refresh_from_db()
    rina.user = UserFactory(username="rina")
    rina.save(update_fields=["user"])
    urls = []
    for user, pegawai, n in ((users["pegawai"], org.staf_a, 3), (rina.user, rina, 10)):
        skp = skp_dengan_baris(user, pegawai, periode, n, mendukung=atasan_row)
        services.skp_submit(actor=user, skp=skp)
        services.skp_approve(actor=atasan, skp=skp)
        for hk in skp.hasil_kerja.all():
            services.realisasi_save(
                actor=atasan, indikator=hk.indikator.get(), periode="tahunan", realisasi_angka=Decimal(100)
            )
        for kode in ("triwulan-1", "tahunan"):
            services.penilaian_rate(
                actor=atasan,
                skp=skp,
                periode=kode,
                rating_hasil_kerja=Rating.SESUAI,
                rating_perilaku_kerja=Rating.SESUAI,
            )
        urls.append(reverse("kinerja:dekp_pdf", args=[2026, pegawai.nip]))
    client = client_as("operator_opd")
    client.get(urls[0])
    assert_same_queries(get_queries(client, urls[0]), get_queries(client, urls[1]))
