"""E-learning authoring (issue 14 point 4): lessons and quiz questions edited and reordered by the BKD
author; a quiz changed after learners passed keeps their attempts' scores; long text refused with the
field named and nothing written; only the author may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pembinaan import services_belajar as belajar
from pembinaan import services_belajar_kelola as svc
from pembinaan.models import IkutModul, Modul, PercobaanKuis
from tests.querycount import assert_same_queries, get_queries

from . import pelatihan_data as d

pytestmark = pytest.mark.django_db


@pytest.fixture
def modul(users):
    return d.modul(users["admin_bkd"])


def _judul(m: Modul) -> list[str]:
    return list(m.pelajaran.order_by("urutan").values_list("judul", flat=True))


def test_ubah_pelajaran_lewat_halaman(users, modul, client_as):
    c = client_as("admin_bkd")
    p = modul.pelajaran.get(urutan=1)
    url = f"/belajar/kelola/{modul.pk}/pelajaran/{p.pk}/"
    r = c.get(url)
    assert r.status_code == 200 and r.context["form"].initial["judul"] == "Nilai BerAKHLAK"
    r = c.post(url, {"judul": "Nilai dasar BerAKHLAK", "jenis": "teks", "isi": "Berorientasi pelayanan."})
    assert r.status_code == 302 and r["Location"] == f"/belajar/kelola/{modul.pk}/"
    p.refresh_from_db()
    assert (p.judul, p.isi, p.urutan) == ("Nilai dasar BerAKHLAK", "Berorientasi pelayanan.", 1)
    h = p.history.first()
    assert (h.history_user, h.history_change_reason) == (users["admin_bkd"], "Pelajaran diubah")


def test_teks_panjang_pelajaran_dan_soal_tambah_dan_ubah(users, modul, client_as):
    c = client_as("admin_bkd")
    p = modul.pelajaran.get(urutan=1)
    s = modul.soal.get(urutan=1)
    kelola = f"/belajar/kelola/{modul.pk}/"
    pelajaran = {"judul": "J" * 201, "jenis": "teks", "isi": "Isi"}
    for url, extra in ((kelola, {"aksi": "pelajaran"}), (f"{kelola}pelajaran/{p.pk}/", {})):
        r = c.post(url, {**pelajaran, **extra})
        assert "Judul paling panjang 200 karakter (sekarang 201)." in r.content.decode(), url
    r = c.post(f"{kelola}pelajaran/{p.pk}/", {**pelajaran, "judul": "Baru", "alasan": "a" * 501})
    assert "alasan" in r.context["form"].errors and "500 karakter" in r.content.decode()
    soal = {"teks": "T" * 501, "pilihan_1": "a", "pilihan_2": "b", "benar": "0"}
    for url, extra in ((kelola, {"aksi": "soal"}), (f"{kelola}soal/{s.pk}/", {})):
        r = c.post(url, {**soal, **extra})
        assert "Pertanyaan paling panjang 500 karakter (sekarang 501)." in r.content.decode(), url
        r = c.post(url, {**soal, **extra, "teks": "Apa?", "pilihan_2": "p" * 301})
        assert "Pilihan jawaban paling panjang 300 karakter." in r.content.decode(), url
    # Nothing written.
    assert _judul(modul) == ["Nilai BerAKHLAK", "Video pengantar"] and modul.soal.count() == 2
    s.refresh_from_db()
    assert s.teks == "Pertanyaan 1?" and [x.teks for x in s.pilihan.order_by("id")] == ["Benar 1", "Salah 1"]


def test_ubah_soal_setelah_ada_yang_lulus_nilai_lama_tetap(org, users, modul, client_as):
    """Two questions, pass mark 70. Andi answers both right: 2/2 = 100, passes. The author then makes
    question 1's right answer 'Salah 1'. Andi's attempt stays 100 and passed; his pass, JP and
    certificate stay. The same answers again now score 1/2 = 50 < 70 (not passed); best stays 100."""
    lama = d.jawaban(modul)
    pertama = belajar.kuis_jawab(actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=lama)
    assert (pertama.nilai, pertama.benar, pertama.lulus) == (100, 2, True)
    ikut = IkutModul.objects.get()
    kegiatan_id, lulus_pada = ikut.kegiatan_id, ikut.lulus_pada
    c = client_as("admin_bkd")
    s1 = modul.soal.get(urutan=1)
    url = f"/belajar/kelola/{modul.pk}/soal/{s1.pk}/"
    r = c.get(url)
    assert "sudah memiliki 1 percobaan kuis (1 lulus)" in r.content.decode()
    assert r.context["form"].initial == {
        "teks": "Pertanyaan 1?",
        "benar": "0",
        "pilihan_1": "Benar 1",
        "pilihan_2": "Salah 1",
    }
    r = c.post(
        url, {"teks": "Pertanyaan 1 (revisi)?", "pilihan_1": "Benar 1", "pilihan_2": "Salah 1", "benar": "1"}
    )
    assert r.status_code == 302
    pertama.refresh_from_db()
    assert (pertama.nilai, pertama.benar, pertama.jumlah_soal, pertama.lulus) == (100, 2, 2, True)
    ikut.refresh_from_db()
    assert (ikut.nilai_terbaik, ikut.lulus_pada, ikut.kegiatan_id) == (100, lulus_pada, kegiatan_id)
    modul.refresh_from_db()
    assert modul.history.first().history_change_reason == (
        "Soal 1 diubah; 1 percobaan tercatat tetap dengan nilainya"
    )
    # The choice ids are kept (edited in place), so the same answers can be sent again.
    kedua = belajar.kuis_jawab(actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=lama)
    assert (kedua.nilai, kedua.benar, kedua.lulus) == (50, 1, False)
    ikut.refresh_from_db()
    assert ikut.nilai_terbaik == 100 and ikut.kegiatan_id == kegiatan_id
    assert PercobaanKuis.objects.count() == 2


def test_ubah_soal_tambah_dan_hapus_pilihan(users, modul):
    s = modul.soal.get(urutan=2)
    svc.soal_ubah(
        actor=users["admin_bkd"], soal=s, teks="Pertanyaan 2?", pilihan=["Benar 2", "", "C", "D"], benar=3
    )
    assert [(p.teks, p.benar) for p in s.pilihan.order_by("id")] == [
        ("Benar 2", False),
        ("C", False),
        ("D", True),
    ]
    with pytest.raises(ValidationError) as info:
        svc.soal_ubah(
            actor=users["admin_bkd"], soal=s, teks="Pertanyaan 2?", pilihan=["x", "", "", ""], benar=0
        )
    assert info.value.message_dict == {"pilihan": ["Isi paling sedikit dua pilihan jawaban."]}
    assert s.pilihan.count() == 3


def test_urutan_naik_turun(org, users, modul, client_as):
    c = client_as("admin_bkd")
    url = f"/belajar/kelola/{modul.pk}/urutan/"
    a, b = modul.pelajaran.order_by("urutan")
    r = c.post(url, {"jenis": "pelajaran", "id": a.pk, "arah": "turun"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 302
    assert _judul(modul) == ["Video pengantar", "Nilai BerAKHLAK"]
    assert modul.history.first().history_change_reason == (
        "Pelajaran 'Nilai BerAKHLAK' dipindah dari nomor 1 ke 2"
    )
    # The learner sees the new order.
    r = client_as("pegawai").get(f"/belajar/{modul.pk}/")
    assert [p.judul for p in r.context["pelajaran"]] == ["Video pengantar", "Nilai BerAKHLAK"]
    # The first going up stays.
    c = client_as("admin_bkd")
    c.post(url, {"jenis": "pelajaran", "id": b.pk, "arah": "naik"})
    assert _judul(modul) == ["Video pengantar", "Nilai BerAKHLAK"]
    s1, s2 = modul.soal.order_by("urutan")
    c.post(url, {"jenis": "soal", "id": s2.pk, "arah": "naik"})
    assert list(modul.soal.order_by("urutan").values_list("pk", flat=True)) == [s2.pk, s1.pk]
    # Another module's lesson, an unknown direction: a message, nothing moved.
    lain = d.modul(users["admin_bkd"], judul="Modul lain")
    r = c.post(url, {"jenis": "pelajaran", "id": lain.pelajaran.first().pk, "arah": "naik"}, follow=True)
    assert f"Pelajaran tidak ada pada modul {modul.judul}." in r.content.decode()
    r = c.post(url, {"jenis": "pelajaran", "id": a.pk, "arah": "samping"}, follow=True)
    assert "Perintah urutan tidak dikenal." in r.content.decode()
    assert _judul(modul) == ["Video pengantar", "Nilai BerAKHLAK"]


def test_pelajaran_pdf_tetap_memakai_berkas_lama(users, modul):
    asli = SimpleUploadedFile("materi.pdf", b"%PDF-1.4\n% materi\n", content_type="application/pdf")
    p = belajar.pelajaran_tambah(
        actor=users["admin_bkd"], modul=modul, data={"judul": "Materi", "jenis": "pdf"}, berkas=asli
    )
    nama = p.berkas.name
    p = svc.pelajaran_ubah(
        actor=users["admin_bkd"], pelajaran=p, data={"judul": "Materi inti", "jenis": "pdf"}
    )
    assert (p.judul, p.berkas.name) == ("Materi inti", nama)


def test_hanya_penulis_bkd(users, modul, client_as):
    p = modul.pelajaran.first()
    s = modul.soal.first()
    for role in ("operator_opd", "pimpinan", "atasan", "pegawai"):
        c = client_as(role)
        assert c.get(f"/belajar/kelola/{modul.pk}/pelajaran/{p.pk}/").status_code == 403, role
        assert c.get(f"/belajar/kelola/{modul.pk}/soal/{s.pk}/").status_code == 403, role
        r = c.post(f"/belajar/kelola/{modul.pk}/urutan/", {"jenis": "soal", "id": s.pk, "arah": "turun"})
        assert r.status_code == 403, role
    assert client_as("admin_bkd").get(f"/belajar/kelola/{modul.pk}/soal/999999/").status_code == 404
    assert modul.soal.order_by("urutan").first() == s


def test_modul_dengan_peserta_teks_boleh_diubah(org, users, modul, client_as):
    belajar.kuis_jawab(actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul))
    r = client_as("admin_bkd").post(
        f"/belajar/kelola/{modul.pk}/",
        {
            "aksi": "modul",
            "judul": "Etika, Integritas, dan Antikorupsi ASN",
            "deskripsi": "Diperbarui.",
            "durasi_menit": 200,
            "nilai_lulus": 70,
            "dibuka": dt.date(2026, 11, 1),
            "ditutup": dt.date(2026, 12, 31),
            "terbit": "on",
        },
    )
    assert r.status_code == 302
    modul.refresh_from_db()
    assert modul.judul == "Etika, Integritas, dan Antikorupsi ASN"
    assert IkutModul.objects.get().nilai_terbaik == 100


def test_jumlah_query_halaman_kelola_modul(users, modul, client_as):
    def tambah(n, mulai):
        for i in range(n):
            belajar.pelajaran_tambah(
                actor=users["admin_bkd"],
                modul=modul,
                data={"judul": f"P{mulai + i}", "jenis": "teks", "isi": "x"},
            )
            belajar.soal_tambah(
                actor=users["admin_bkd"],
                modul=modul,
                teks=f"S{mulai + i}?",
                pilihan=["a", "b", "", ""],
                benar=0,
            )

    c = client_as("admin_bkd")
    tambah(1, 0)  # 3 lessons, 3 questions
    kecil = get_queries(c, f"/belajar/kelola/{modul.pk}/")
    tambah(7, 1)  # 10 of each
    assert_same_queries(kecil, get_queries(c, f"/belajar/kelola/{modul.pk}/"), "kelola modul")
