"""Evaluation of completed ledger activities: feedback (create and edit, long text), pre/post test (a
pass adds the programme's competency to the profile, a fail opens a follow-up need — both once), the atasan's check of use at work 3–6 months
later and the list of what is due, the predikat before and after per programme from FINAL annual predikat
only, 404 across OPDs, query counts flat for 3 and 10 rows. Today is 2 December 2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pembinaan import selectors_evaluasi as se
from pembinaan import services, services_evaluasi
from pembinaan import services_kebutuhan as svc_kebutuhan
from pembinaan.models import EvaluasiKegiatan, KebutuhanPengembangan, KompetensiPegawai, Program
from tests.factories import PegawaiFactory
from tests.querycount import assert_same_queries, get_queries

from . import data_kinerja as dk
from .conftest import data_kegiatan

pytestmark = pytest.mark.django_db


def catat(users, pegawai, nama="Bimtek Arsip", mulai=dt.date(2026, 3, 2), selesai=dt.date(2026, 3, 4), **kw):
    return services.kegiatan_catat(
        actor=users["admin_bkd"],
        pegawai=pegawai,
        sumber="event",
        data=data_kegiatan(nama_pelatihan=nama, tanggal_mulai=mulai, tanggal_selesai=selesai, **kw),
    )


def test_umpan_balik_isi_dan_ubah(org, users, client_as):
    k = catat(users, org.staf_a)
    c = client_as("pegawai")
    url = f"/pembinaan/evaluasi/{k.pk}/"
    data = {"bagian": "umpan_balik", "ub-nilai_materi": "4", "ub-nilai_penyaji": "5", "ub-nilai_manfaat": "3"}
    r = c.post(url, {**data, "ub-saran": "s" * 501})
    assert r.status_code == 400 and not EvaluasiKegiatan.objects.exists()
    assert c.post(url, {**data, "ub-saran": "Materi relevan"}).status_code == 302
    e = EvaluasiKegiatan.objects.get()
    assert (e.nilai_materi, e.nilai_penyaji, e.nilai_manfaat, e.saran) == (4, 5, 3, "Materi relevan")
    # Edit: a long text is refused and the earlier answer stays.
    r = c.post(url, {**data, "ub-nilai_materi": "2", "ub-saran": "s" * 501})
    assert r.status_code == 400
    e.refresh_from_db()
    assert (e.nilai_materi, e.saran) == (4, "Materi relevan")
    assert c.post(url, {**data, "ub-nilai_materi": "2", "ub-saran": "Diubah"}).status_code == 302
    e.refresh_from_db()
    assert (e.nilai_materi, e.saran, e.history.count()) == (2, "Diubah", 2)
    assert c.post(url, {**data, "ub-nilai_materi": "6"}).status_code == 400  # outside 1–5
    # The atasan may not answer the participant's feedback.
    assert client_as("atasan").post(url, data).status_code == 403


def _program(nama="Bimtek Arsip", kompetensi="Kearsipan") -> Program:
    return Program.objects.create(
        nama=nama, kompetensi=kompetensi, bentuk="bimbingan_teknis", jp=24, jenis_penyelenggara="bkd"
    )


def test_tes_lulus_mencatat_kompetensi_gagal_membuka_kebutuhan(org, users, client_as):
    program = _program()
    lulus = catat(users, org.staf_a, program=program)
    gagal = catat(users, org.staf_a, nama="Kursus Statistik", bentuk="kursus")
    c = client_as("operator_opd")
    r = c.post(f"/pembinaan/evaluasi/{lulus.pk}/", {"bagian": "tes", "tes-nilai_pre_test": "101"})
    assert r.status_code == 400 and not KompetensiPegawai.objects.exists()
    c.post(
        f"/pembinaan/evaluasi/{lulus.pk}/",
        {"bagian": "tes", "tes-nilai_pre_test": "55", "tes-nilai_post_test": "82.5", "tes-lulus": "1"},
    )
    e = EvaluasiKegiatan.objects.get(kegiatan=lulus)
    assert (e.nilai_pre_test, e.nilai_post_test, e.lulus, e.kompetensi_dicatat) == (
        Decimal("55.00"),
        Decimal("82.50"),
        True,
        True,
    )
    profil = KompetensiPegawai.objects.get()
    assert (profil.pegawai, profil.nama, profil.sumber, profil.tanggal) == (
        org.staf_a,
        "Kearsipan",
        "pelatihan",
        dt.date(2026, 3, 4),
    )
    h = profil.history.get()
    assert (h.history_user, h.history_change_reason) == (
        users["operator_opd"],
        "Lulus Bimtek Arsip (04-03-2026)",
    )
    assert not KebutuhanPengembangan.objects.exists()  # a pass opens no follow-up
    c.post(
        f"/pembinaan/evaluasi/{gagal.pk}/", {"bagian": "tes", "tes-nilai_post_test": "40", "tes-lulus": "0"}
    )
    assert EvaluasiKegiatan.objects.get(kegiatan=gagal).tindak_lanjut_dibuka is True
    halaman = c.get(f"/pembinaan/evaluasi/{gagal.pk}/").content.decode()
    assert "Kebutuhan pengembangan tindak lanjut dibuka" in halaman
    assert "Profil kompetensi diperbarui" not in halaman
    assert "Profil kompetensi diperbarui" in c.get(f"/pembinaan/evaluasi/{lulus.pk}/").content.decode()
    k = KebutuhanPengembangan.objects.get()
    assert (k.pegawai, k.tahun, k.sumber, k.kunci, k.topik, k.bentuk_saran, k.status, k.dibuat_oleh) == (
        org.staf_a,
        2026,
        "tindak_lanjut",
        f"tindak_lanjut:{gagal.pk}",
        "Tindak lanjut Kursus Statistik",
        "kursus",
        "terbuka",
        users["operator_opd"],
    )
    assert k.uraian == (
        "Tidak lulus Kursus Statistik (Kursus, selesai 04-03-2026); nilai post-test 40,00. "
        "Perlu diulang atau diganti bentuk pengembangan lain."
    )
    assert k.history.get().history_user == users["operator_opd"]
    assert k.get_sumber_display() == "Tindak lanjut evaluasi pelatihan"
    # Recording both results again adds nothing: no second need, no second profile row.
    services_evaluasi.catat_tes(
        actor=users["admin_bkd"], kegiatan=gagal, pre_test=None, post_test="40", lulus=False
    )
    services_evaluasi.catat_tes(
        actor=users["admin_bkd"], kegiatan=lulus, pre_test=None, post_test="90", lulus=True
    )
    assert (KebutuhanPengembangan.objects.count(), KompetensiPegawai.objects.count()) == (1, 1)
    assert profil.history.count() == 1
    # The participant cannot record their own test.
    assert client_as("pegawai").post(f"/pembinaan/evaluasi/{gagal.pk}/", {"bagian": "tes"}).status_code == 403
    # The need shows on the needs page of the employee's OPD, not on another OPD's.
    r = client_as("operator_opd").get("/pembinaan/kebutuhan/?tahun=2026&sumber=tindak_lanjut")
    assert [x.pk for x in r.context["page"]] == [k.pk]
    assert "Tindak lanjut evaluasi pelatihan" in r.content.decode()


def test_kompetensi_tanpa_program_atau_sudah_ada(org, users):
    # No programme: a free-text training name is no competency — nothing recorded, nothing marked.
    k = catat(users, org.staf_a)
    e = services_evaluasi.catat_tes(
        actor=users["admin_bkd"], kegiatan=k, pre_test="", post_test="90", lulus=True
    )
    assert not KompetensiPegawai.objects.exists() and e.kompetensi_dicatat is False
    # Already held (entered by the operator, other case): kept as it was, no duplicate; marked recorded.
    ada = KompetensiPegawai.objects.create(pegawai=org.staf_a, nama="KEARSIPAN", sumber="input")
    k2 = catat(users, org.staf_a, nama="Bimtek Arsip Lanjut", program=_program())
    e2 = services_evaluasi.catat_tes(
        actor=users["admin_bkd"], kegiatan=k2, pre_test="", post_test="90", lulus=True
    )
    assert e2.kompetensi_dicatat is True
    assert list(KompetensiPegawai.objects.values_list("pk", "nama", "sumber")) == [
        (ada.pk, "KEARSIPAN", "input")
    ]


def test_kompetensi_hanya_kegiatan_diakui(org, users):
    """A claim not yet verified by the operator does not touch the profile even if marked passed."""
    k = services.klaim_ajukan(
        actor=users["pegawai"],
        pegawai=org.staf_a,
        data=data_kegiatan(jp_tertera=Decimal(8), program=_program()),
        bukti=_pdf(),
    )
    assert (k.status, k.program.kompetensi) == ("diajukan", "Kearsipan")
    e = services_evaluasi.catat_tes(
        actor=users["admin_bkd"], kegiatan=k, pre_test="", post_test="90", lulus=True
    )
    assert not KompetensiPegawai.objects.exists() and e.kompetensi_dicatat is False


def test_kompetensi_lulus_menutup_kesenjangan_jabatan(org, users):
    """The profile written by a pass is the one the needs job checks the position against."""
    jabatan = org.staf_a.jabatan
    jabatan.kompetensi = "Kearsipan; Statistik"
    jabatan.save(update_fields=["kompetensi"])
    k = catat(users, org.staf_a, program=_program())
    services_evaluasi.catat_tes(actor=users["admin_bkd"], kegiatan=k, pre_test="", post_test="90", lulus=True)
    svc_kebutuhan.kebutuhan_bentuk(2027, actor=users["admin_bkd"])
    assert list(
        KebutuhanPengembangan.objects.filter(pegawai=org.staf_a, sumber="kompetensi").values_list(
            "kunci", flat=True
        )
    ) == ["kompetensi:statistik"]


def test_evaluasi_opd_lain_404_tidak_menulis(org, users, client_as):
    k_b = catat(users, org.staf_b, program=_program())
    url = f"/pembinaan/evaluasi/{k_b.pk}/"
    r = client_as("operator_opd").post(url, {"bagian": "tes", "tes-nilai_post_test": "40", "tes-lulus": "0"})
    assert r.status_code == 404
    r = client_as("operator_opd").post(url, {"bagian": "tes", "tes-nilai_post_test": "90", "tes-lulus": "1"})
    assert r.status_code == 404
    assert not EvaluasiKegiatan.objects.exists()
    assert not KebutuhanPengembangan.objects.exists() and not KompetensiPegawai.objects.exists()


def test_cek_penerapan_jatuh_tempo_dan_tindak_lanjut(org, users, client_as):
    jatuh_tempo = catat(
        users, org.staf_a, nama="Bimtek Arsip", selesai=dt.date(2026, 8, 1), mulai=dt.date(2026, 7, 30)
    )
    terlambat = catat(
        users, org.staf_a, nama="Kursus Lama", selesai=dt.date(2026, 5, 10), mulai=dt.date(2026, 5, 8)
    )
    baru = catat(
        users, org.staf_a, nama="Seminar Baru", selesai=dt.date(2026, 11, 1), mulai=dt.date(2026, 11, 1)
    )
    catat(users, org.kabid_a, nama="Bukan tim", selesai=dt.date(2026, 7, 1), mulai=dt.date(2026, 7, 1))
    c = client_as("atasan")
    r = c.get("/pembinaan/evaluasi/penerapan/")
    assert [(k.pk, k.terlambat) for k in r.context["page"]] == [(terlambat.pk, True), (jatuh_tempo.pk, False)]
    # Too early (ended a month ago): refused with the date it opens.
    r = c.post(f"/pembinaan/evaluasi/{baru.pk}/", {"bagian": "penerapan", "pn-penerapan": "diterapkan"})
    assert r.status_code == 400 and "01-02-2027" in r.content.decode()
    url = f"/pembinaan/evaluasi/{jatuh_tempo.pk}/"
    assert c.post(url, {"bagian": "penerapan", "pn-penerapan": "tidak"}).status_code == 400  # reason needed
    r = c.post(url, {"bagian": "penerapan", "pn-penerapan": "tidak", "pn-catatan_penerapan": "x" * 501})
    assert r.status_code == 400 and not EvaluasiKegiatan.objects.filter(kegiatan=jatuh_tempo).exists()
    c.post(url, {"bagian": "penerapan", "pn-penerapan": "tidak", "pn-catatan_penerapan": "Belum ada alatnya"})
    e = EvaluasiKegiatan.objects.get(kegiatan=jatuh_tempo)
    assert (e.penerapan, e.dicek_oleh, e.tindak_lanjut_dibuka) == ("tidak", users["atasan"], True)
    k = KebutuhanPengembangan.objects.get()
    assert (k.pegawai, k.sumber, k.kunci, k.dibuat_oleh) == (
        org.staf_a,
        "tindak_lanjut",
        f"tindak_lanjut:{jatuh_tempo.pk}",
        users["atasan"],
    )
    assert k.uraian == (
        "Atasan menilai hasil Bimtek Arsip (Bimbingan teknis, selesai 01-08-2026) tidak diterapkan "
        "di tempat kerja: Belum ada alatnya."
    )
    # Checked "tidak" again (e.g. a corrected note): still one need.
    services_evaluasi.cek_penerapan(
        actor=users["atasan"], kegiatan=jatuh_tempo, penerapan="tidak", catatan="Alat belum datang"
    )
    assert KebutuhanPengembangan.objects.count() == 1
    # Edit of the check: long text refused, earlier one stays.
    r = c.post(url, {"bagian": "penerapan", "pn-penerapan": "sebagian", "pn-catatan_penerapan": "y" * 501})
    e.refresh_from_db()
    assert r.status_code == 400 and e.penerapan == "tidak"
    r = c.get("/pembinaan/evaluasi/penerapan/")
    assert [k.pk for k in r.context["page"]] == [terlambat.pk]
    # Only the participant's atasan checks; an employee without a team has no list.
    assert client_as("operator_opd").post(url, {"bagian": "penerapan"}).status_code == 403
    assert client_as("pegawai").get("/pembinaan/evaluasi/penerapan/").status_code == 403


def test_predikat_sebelum_sesudah_hanya_final(org, users, client_as):
    program = Program.objects.create(
        nama="Pelatihan Pengadaan",
        kompetensi="Pengadaan",
        bentuk="pelatihan_teknis",
        jp=32,
        jenis_penyelenggara="lan",
    )
    # staf_a: 2024 baik → 2025 sangat baik (naik); kabid_a: 2024 sangat baik → 2025 baik (turun);
    # kepala_a: 2024 baik, 2025 under objection (not final) → belum ada.
    for p, sebelum, sesudah, status in (
        (org.staf_a, "baik", "sangat baik", "final"),
        (org.kabid_a, "sangat baik", "baik", "final"),
        (org.kepala_a, "baik", "baik", "keberatan"),
    ):
        dk.nilai(p, 2024, sebelum)
        dk.nilai(p, 2025, sesudah, status=status)
        catat(
            users,
            p,
            nama="Pelatihan Pengadaan",
            program=program,
            mulai=dt.date(2025, 4, 1),
            selesai=dt.date(2025, 4, 5),
        )
    # A 2026 activity: 2026 is still running (its FINAL-looking row in an open year does not count).
    dk.nilai(org.staf_a, 2026, "sangat baik", ditutup=False)
    catat(
        users,
        org.staf_a,
        nama="Pelatihan Pengadaan",
        program=program,
        mulai=dt.date(2026, 4, 1),
        selesai=dt.date(2026, 4, 5),
    )
    rows = se.predikat_per_program(tahun_dari=2023)
    assert rows == [
        {
            "nama_program": "Pelatihan Pengadaan",
            "peserta": 4,
            "naik": 1,
            "tetap": 0,
            "turun": 1,
            "belum_ada": 2,
        }
    ]
    assert se.efek_pelatihan(tahun_dari=2023, opd_id=org.opd_b.pk)["peserta"] == 0
    # Both from one statement (the dashboard's): one programme, so the totals are its counts.
    efek = {"peserta": 4, "naik": 1, "tetap": 0, "turun": 1, "belum_ada": 2}
    assert se.efek_pelatihan(tahun_dari=2023) == efek
    assert se.efek_dan_program(tahun_dari=2023, batas=5) == {"efek": efek, "program": rows}
    assert se.efek_dan_program(tahun_dari=2023, batas=0) == {"efek": efek, "program": []}
    kosong = dict.fromkeys(efek, 0)
    assert se.efek_dan_program(tahun_dari=2023, opd_id=org.opd_b.pk, batas=5) == {
        "efek": kosong,
        "program": [],
    }
    r = client_as("pimpinan").get("/pembinaan/evaluasi/program/")
    assert r.status_code == 200 and r.context["efek"]["naik"] == 1
    assert "belum ada" in r.content.decode().lower()
    assert client_as("pegawai").get("/pembinaan/evaluasi/program/").status_code == 403


def test_404_lintas_opd(org, users, client_as):
    k_b = catat(users, org.staf_b)
    assert client_as("operator_opd").get(f"/pembinaan/evaluasi/{k_b.pk}/").status_code == 404
    assert client_as("atasan").get(f"/pembinaan/evaluasi/{k_b.pk}/").status_code == 404
    assert client_as("pegawai").get(f"/pembinaan/evaluasi/{k_b.pk}/").status_code == 404
    assert client_as("admin_bkd").get(f"/pembinaan/evaluasi/{k_b.pk}/").status_code == 200


def test_umpan_balik_hanya_kegiatan_diakui(org, users):
    k = services.klaim_ajukan(
        actor=users["pegawai"], pegawai=org.staf_a, data=data_kegiatan(jp_tertera=Decimal(8)), bukti=_pdf()
    )
    with pytest.raises(ValidationError):
        services_evaluasi.isi_umpan_balik(
            actor=users["pegawai"],
            kegiatan=k,
            data={"nilai_materi": 4, "nilai_penyaji": 4, "nilai_manfaat": 4},
        )


def _pdf():
    from .conftest import pdf

    return pdf()


def _tim(org, users, n: int, awal: int) -> None:
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tim {awal + i:02d}", atasan=org.kabid_a)
        catat(users, p, nama=f"Bimtek {awal + i}", mulai=dt.date(2026, 6, 1), selesai=dt.date(2026, 6, 2))


def test_query_count_daftar_penerapan_dan_program(org, users, client_as):
    from django.test import Client

    from pegawai.models import Pegawai

    c = client_as("atasan")
    admin = Client()
    admin.force_login(users["admin_bkd"])
    _tim(org, users, 3, 0)
    Pegawai.objects.filter(nama__startswith="Tim ").update(atasan=org.kabid_a, atasan_manual=True)
    kecil = get_queries(c, "/pembinaan/evaluasi/penerapan/")
    kecil_program = get_queries(admin, "/pembinaan/evaluasi/program/")
    _tim(org, users, 7, 3)
    Pegawai.objects.filter(nama__startswith="Tim ").update(atasan=org.kabid_a, atasan_manual=True)
    r = c.get("/pembinaan/evaluasi/penerapan/")
    assert len(r.context["page"].object_list) == 10
    assert_same_queries(kecil, get_queries(c, "/pembinaan/evaluasi/penerapan/"), "cek penerapan")
    assert_same_queries(kecil_program, get_queries(admin, "/pembinaan/evaluasi/program/"), "efek program")
