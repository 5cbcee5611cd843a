"""E-learning at /belajar/ (issue 14 point 4): progress per lesson, the quiz with its pass mark, JP
credited by the e_learning rule worked by hand, the certificate, a closed module refusing answers, PDF
lessons checked by content, permissions, query counts and long texts."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import DokumenTerverifikasi
from pembinaan import services_belajar as svc
from pembinaan.models import IkutModul, KegiatanPengembangan, Modul, PercobaanKuis, RekapJP
from tests.querycount import assert_same_queries, get_queries

from . import pelatihan_data as d

pytestmark = pytest.mark.django_db


@pytest.fixture
def modul(users):
    return d.modul(users["admin_bkd"])


def test_jp_dihitung_dari_aturan_e_learning(org, users, modul):
    """200 minutes under the e_learning rule (basis menit, 45 minutes per JP, no JP on the certificate):
    200 // 45 = 4 full JP (180 minutes); the remaining 20 minutes earn nothing."""
    percobaan = svc.kuis_jawab(
        actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul)
    )
    assert (percobaan.benar, percobaan.jumlah_soal, percobaan.nilai, percobaan.lulus) == (2, 2, 100, True)
    ikut = IkutModul.objects.get(pegawai=org.staf_a, modul=modul)
    k = ikut.kegiatan
    assert (k.sumber, k.bentuk, k.jalur, k.status) == (
        "e_learning",
        "e_learning",
        "nonklasikal",
        "diverifikasi",
    )
    assert (k.aturan.basis, k.aturan.nilai) == ("menit", Decimal("45.00"))
    assert k.jp_tertera is None and k.durasi_menit == 200
    assert k.jp_diakui == Decimal("4.00")
    rekap = RekapJP.objects.get(pegawai=org.staf_a, tahun=2026)
    assert (rekap.jp_nonklasikal, rekap.jp_total) == (Decimal("4.00"), Decimal("4.00"))
    assert k.nomor_sertifikat == "800/1/SERT/BKPSDM/2026"
    assert DokumenTerverifikasi.objects.get(kode=ikut.kode_verifikasi).fakta["JP"] == "4"
    # Passing again credits nothing more.
    svc.kuis_jawab(actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul))
    assert KegiatanPengembangan.objects.filter(pegawai=org.staf_a).count() == 1


def test_di_bawah_nilai_lulus(org, users, modul):
    percobaan = svc.kuis_jawab(
        actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul, benar=1)
    )
    assert (percobaan.nilai, percobaan.lulus) == (50, False)  # 1 of 2 = 50 < 70
    assert not KegiatanPengembangan.objects.exists()
    assert IkutModul.objects.get().nilai_terbaik == 50


def test_kuis_setelah_modul_ditutup_ditolak(org, users, modul, client_as, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 2, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    with pytest.raises(ValidationError) as info:
        svc.kuis_jawab(actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul))
    assert info.value.messages == [
        "Modul Etika dan Integritas ASN sudah ditutup sejak 31-12-2026; jawaban tidak diterima."
    ]
    assert not PercobaanKuis.objects.exists() and not IkutModul.objects.exists()
    assert not KegiatanPengembangan.objects.exists()
    data = {f"soal-{k}": v for k, v in d.jawaban(modul).items()}
    r = client_as("pegawai").post(f"/belajar/{modul.pk}/kuis/", data)
    assert r.status_code == 400 and "sudah ditutup sejak 31-12-2026" in r.content.decode()
    assert not PercobaanKuis.objects.exists()


def test_soal_belum_dijawab(org, users, modul):
    jawaban = d.jawaban(modul)
    jawaban.pop(next(iter(jawaban)))
    with pytest.raises(ValidationError, match="belum dijawab: nomor 1"):
        svc.kuis_jawab(actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=jawaban)
    assert not PercobaanKuis.objects.exists()


def test_kemajuan_tersimpan_per_pelajaran(org, users, modul, client_as):
    c = client_as("pegawai")
    pelajaran = list(modul.pelajaran.all())
    r = c.post(f"/belajar/{modul.pk}/pelajaran/{pelajaran[0].pk}/")
    assert r.status_code == 302 and r["Location"] == f"/belajar/{modul.pk}/pelajaran/{pelajaran[1].pk}/"
    assert list(IkutModul.objects.get(pegawai=org.staf_a).pelajaran_selesai.all()) == [pelajaran[0]]
    r = c.get("/belajar/")
    row = r.context["rows"][0]
    assert (row["selesai"], row["persen"]) == (1, 50)
    assert c.get(f"/belajar/{modul.pk}/").context["selesai"] == {pelajaran[0].pk}


def test_pelajaran_pdf_diperiksa_isinya(users, modul, client_as):
    palsu = SimpleUploadedFile("materi.pdf", b"\x89PNG\r\n\x1a\n bukan pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as info:
        svc.pelajaran_tambah(
            actor=users["admin_bkd"], modul=modul, data={"judul": "Materi", "jenis": "pdf"}, berkas=palsu
        )
    assert info.value.message_dict["berkas"] == ["Isi berkas bukan PDF yang sah."]
    assert modul.pelajaran.count() == 2
    asli = SimpleUploadedFile("materi.pdf", b"%PDF-1.4\n% materi\n", content_type="application/pdf")
    p = svc.pelajaran_tambah(
        actor=users["admin_bkd"], modul=modul, data={"judul": "Materi", "jenis": "pdf"}, berkas=asli
    )
    r = client_as("pegawai").get(f"/belajar/{modul.pk}/pelajaran/{p.pk}/berkas/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")


def test_modul_tutup_sebelum_buka_dan_terbit_tanpa_soal(users):
    with pytest.raises(ValidationError) as info:
        d.modul(users["admin_bkd"], dibuka=dt.date(2026, 12, 10), ditutup=dt.date(2026, 12, 1))
    assert "tidak boleh sebelum tanggal buka" in info.value.message_dict["ditutup"][0]
    with pytest.raises(ValidationError, match="tanpa soal"):
        d.modul(users["admin_bkd"], soal=0)
    assert not Modul.objects.filter(terbit=True).exists()


IZIN = {
    "/belajar/": {"admin_bkd": 403, "operator_opd": 403, "pimpinan": 403, "atasan": 200, "pegawai": 200},
    "/belajar/kelola/": {
        "admin_bkd": 200,
        "operator_opd": 403,
        "pimpinan": 403,
        "atasan": 403,
        "pegawai": 403,
    },
    "/belajar/kelola/{m}/": {
        "admin_bkd": 200,
        "operator_opd": 403,
        "pimpinan": 403,
        "atasan": 403,
        "pegawai": 403,
    },
    "/belajar/{m}/": {"admin_bkd": 403, "operator_opd": 403, "pimpinan": 403, "atasan": 200, "pegawai": 200},
    "/belajar/{m}/kuis/": {
        "admin_bkd": 403,
        "operator_opd": 403,
        "pimpinan": 403,
        "atasan": 200,
        "pegawai": 200,
    },
}


@pytest.mark.parametrize("url", list(IZIN))
def test_tabel_izin(url, modul, client_as):
    for role, status in IZIN[url].items():
        assert client_as(role).get(url.format(m=modul.pk)).status_code == status, (url, role)


def test_modul_draf_tidak_terlihat_dan_sertifikat_lintas_opd(org, users, client_as):
    draf = d.modul(users["admin_bkd"], terbit=False)
    assert client_as("pegawai").get(f"/belajar/{draf.pk}/").status_code == 404
    m = d.modul(users["admin_bkd"], judul="Modul B")
    svc.kuis_jawab(actor=users["admin_bkd"], modul=m, pegawai=org.staf_b, jawaban=d.jawaban(m))
    ikut = IkutModul.objects.get(pegawai=org.staf_b)
    for role in ("operator_opd", "atasan", "pegawai"):
        assert client_as(role).get(f"/belajar/ikut/{ikut.pk}/sertifikat/").status_code == 404, role
    assert client_as("admin_bkd").get(f"/belajar/ikut/{ikut.pk}/sertifikat/").status_code == 200


def test_jumlah_query_beranda_dan_kelola(org, users, client_as):
    admin = users["admin_bkd"]
    daftar = [d.modul(admin, judul=f"Modul {i}", soal=1) for i in range(10)]
    Modul.objects.filter(pk__in=[m.pk for m in daftar[3:]]).update(terbit=False)
    for m in daftar[:3]:
        svc.pelajaran_selesai(actor=users["pegawai"], pelajaran=m.pelajaran.first(), pegawai=org.staf_a)
    kecil = get_queries(client_as("pegawai"), "/belajar/")
    Modul.objects.exclude(pk__in=[m.pk for m in daftar[7:]]).count()
    kecil_kelola = get_queries(client_as("admin_bkd"), "/belajar/kelola/")
    Modul.objects.update(terbit=True)
    for m in daftar[3:]:
        svc.pelajaran_selesai(actor=users["pegawai"], pelajaran=m.pelajaran.first(), pegawai=org.staf_a)
    for i in range(7):
        d.modul(admin, judul=f"Modul tambahan {i}", soal=1)
    besar = get_queries(client_as("pegawai"), "/belajar/")
    assert len(besar) and len(client_as("pegawai").get("/belajar/").context["rows"]) == 17
    assert_same_queries(kecil, besar, "/belajar/")
    assert_same_queries(kecil_kelola, get_queries(client_as("admin_bkd"), "/belajar/kelola/"), "kelola")


PANJANG = "x" * 501


def test_teks_panjang_buat_dan_ubah(users, modul, client_as):
    c = client_as("admin_bkd")
    dasar = {
        "judul": "Modul baru",
        "durasi_menit": 90,
        "nilai_lulus": 70,
        "dibuka": "2026-12-01",
        "ditutup": "2026-12-31",
    }
    for url, extra in (("/belajar/kelola/", {}), (f"/belajar/kelola/{modul.pk}/", {"aksi": "modul"})):
        r = c.post(url, {**dasar, **extra, "judul": "J" * 201})
        assert "200 karakter" in r.content.decode(), url
        r = c.post(url, {**dasar, **extra, "alasan": PANJANG})
        assert "500 karakter" in r.content.decode(), url
    assert Modul.objects.count() == 1
    modul.refresh_from_db()
    assert modul.judul == "Etika dan Integritas ASN"
    r = c.post(
        f"/belajar/kelola/{modul.pk}/",
        {"aksi": "soal", "teks": "T" * 501, "pilihan_1": "a", "pilihan_2": "b", "benar": "0"},
    )
    assert "500 karakter" in r.content.decode() and modul.soal.count() == 2


def test_penulisan_modul_lewat_halaman(users, client_as):
    c = client_as("admin_bkd")
    r = c.post(
        "/belajar/kelola/",
        {
            "judul": "Pelayanan Publik",
            "durasi_menit": 90,
            "nilai_lulus": 80,
            "dibuka": "2026-12-01",
            "ditutup": "2026-12-31",
        },
    )
    m = Modul.objects.get(judul="Pelayanan Publik")
    assert r["Location"] == f"/belajar/kelola/{m.pk}/"
    url = f"/belajar/kelola/{m.pk}/"
    c.post(url, {"aksi": "pelajaran", "judul": "Standar pelayanan", "jenis": "teks", "isi": "Isi"})
    c.post(
        url,
        {"aksi": "soal", "teks": "Apa itu SP?", "pilihan_1": "Standar", "pilihan_2": "Lain", "benar": "0"},
    )
    c.post(
        url,
        {
            "aksi": "modul",
            "judul": "Pelayanan Publik",
            "durasi_menit": 90,
            "nilai_lulus": 80,
            "dibuka": "2026-12-01",
            "ditutup": "2026-12-31",
            "terbit": "on",
        },
    )
    m.refresh_from_db()
    assert (m.terbit, m.pelajaran.count(), m.soal.get().pilihan.get(benar=True).teks) == (True, 1, "Standar")
    assert m.history.first().history_user == users["admin_bkd"]


def test_sertifikat_pdf(org, users, modul, client_as, tmp_path):
    svc.kuis_jawab(actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul))
    ikut = IkutModul.objects.get()
    r = client_as("pegawai").get(f"/belajar/ikut/{ikut.pk}/sertifikat/")
    assert r.status_code == 200 and r.content[:4] == b"%PDF"
    path = tmp_path / "sertifikat.pdf"
    path.write_bytes(r.content)
    if os.environ.get("PEMBINAAN_PDF_DIR"):  # to look at it by hand (pdftoppm -png -r 60)
        shutil.copy(path, os.environ["PEMBINAAN_PDF_DIR"])
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext tidak tersedia")
    teks = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for kata in (
        "SERTIFIKAT",
        "800/1/SERT/BKPSDM/2026",
        org.staf_a.nama,
        "E-learning: Etika dan Integritas ASN",
        "4 jam pelajaran",
        "LULUS",
        ikut.kode_verifikasi,
    ):
        assert kata in teks, kata
    assert "Halaman 1 dari 1" in teks
