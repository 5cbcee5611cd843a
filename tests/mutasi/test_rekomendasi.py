"""The shortlist for a vacancy (issue 13 point 4): hard requirements shown met/unmet with their text,
the score worked by hand, dated weights, finalised years only, the CONTRACT file, pages and scope."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kinerja.models import Penilaian, PenilaianPotensial, PeriodeKinerja
from mutasi import services
from mutasi.models import (
    BobotRekomendasi,
    PilihanTujuan,
    PreferensiMutasi,
    PutaranRotasi,
    SnapshotRekomendasi,
)
from mutasi.rekomendasi import daftar_pendek, jabatan_untuk_rekomendasi
from pegawai.models import Golongan, RiwayatHukumanDisiplin, RiwayatJabatan
from tests.factories import JabatanFactory, PegawaiFactory
from tests.querycount import assert_same_queries, get_queries

TANGGAL = dt.date(2027, 1, 1)
BOBOT = {
    "pendidikan": 20,
    "kompetensi": 10,
    "kinerja": 30,
    "talenta": 0,
    "pelatihan": 0,
    "pengalaman": 10,
    "keinginan": 20,
    "masa_jabatan": 10,
}


@pytest.fixture
def bobot(db):
    from django.apps import apps

    from mutasi.reference_rekomendasi import seed_bobot_rekomendasi

    seed_bobot_rekomendasi(lambda name: apps.get_model("mutasi", name))
    return BobotRekomendasi.objects.create(
        berlaku_mulai=dt.date(2026, 1, 1), dasar_hukum="Peraturan BKN 5/2019 (uji)", **BOBOT
    )


def nilai(pegawai, opd, tahun, predikat, status=Penilaian.Status.FINAL):
    periode = PeriodeKinerja.objects.get(tahun=tahun)
    rating = "di atas ekspektasi" if predikat == "sangat baik" else "sesuai ekspektasi"
    Penilaian.objects.create(
        periode_kinerja=periode,
        periode="tahunan",
        pegawai=pegawai,
        opd=opd,
        rating_hasil_kerja=rating,
        rating_perilaku_kerja=rating,
        predikat=predikat,
        status=status,
    )


@pytest.fixture
def kasus(org, users, bobot):
    """A position in OPD B and three hand-checked candidates (Ani, Bayu, Citra) plus Dodi (guards)."""
    for tahun, status in ((2024, "ditutup"), (2025, "ditutup"), (2026, "dibuka")):
        PeriodeKinerja.objects.update_or_create(tahun=tahun, defaults={"status": status})
    jab = JabatanFactory(
        unit_kerja=org.opd_b,
        nama="Analis Data Kesehatan",
        jenis="pelaksana",
        kelas_jabatan=7,
        kebutuhan=2,
        syarat_pendidikan="S1",
        syarat_jurusan="Kesehatan Masyarakat; Statistik",
        syarat_golongan=Golongan.objects.get(kode="III/a"),
    )
    lain_b = JabatanFactory(unit_kerja=org.opd_b, nama="Pranata Komputer", jenis="pelaksana")
    lahir = dt.date(1985, 5, 5)
    ani = PegawaiFactory(
        nama="Ani Wijaya",
        jabatan=org.staf_a.jabatan,
        tanggal_lahir=lahir,
        pendidikan_jurusan="Kesehatan Masyarakat",
        tmt_jabatan=dt.date(2024, 1, 1),
    )
    bayu = PegawaiFactory(
        nama="Bayu Saputra",
        jabatan=lain_b,
        tanggal_lahir=lahir,
        pendidikan_jurusan="Statistik",
        tmt_jabatan=dt.date(2020, 1, 1),
    )
    citra = PegawaiFactory(
        nama="Citra Maharani",
        jabatan=org.staf_a.jabatan,
        tanggal_lahir=lahir,
        pendidikan_jurusan="Ilmu Hukum",
        tmt_jabatan=dt.date(2025, 1, 1),
    )
    dodi = PegawaiFactory(
        nama="Dodi Kurniawan",
        jabatan=org.staf_a.jabatan,
        tanggal_lahir=dt.date(1969, 3, 10),
        pendidikan_jurusan="Statistik",
        tmt_jabatan=dt.date(2026, 6, 1),
    )
    RiwayatHukumanDisiplin.objects.create(
        pegawai=dodi,
        tingkat="ringan",
        jenis="Teguran lisan",
        tmt=dt.date(2026, 10, 1),
        tanggal_selesai=dt.date(2027, 3, 31),
    )
    RiwayatJabatan.objects.create(
        pegawai=ani,
        jabatan=jab,
        nama_jabatan="Analis Data Kesehatan",
        nama_unit="Dinas Kesehatan",
        tmt=dt.date(2019, 1, 1),
    )
    PenilaianPotensial.objects.create(
        pegawai=ani,
        dicatat_oleh=users["admin_bkd"],
        skor=Decimal("80"),
        tanggal=dt.date(2026, 3, 1),
        berlaku_sampai=dt.date(2028, 3, 1),
    )
    PenilaianPotensial.objects.create(
        pegawai=citra,
        dicatat_oleh=users["admin_bkd"],
        skor=Decimal("90"),
        tanggal=dt.date(2026, 3, 1),
        berlaku_sampai=dt.date(2028, 3, 1),
    )
    nilai(ani, org.opd_a, 2024, "sangat baik")
    nilai(ani, org.opd_a, 2025, "baik")
    nilai(bayu, org.opd_b, 2024, "baik")
    nilai(bayu, org.opd_b, 2025, "baik")
    nilai(citra, org.opd_a, 2025, "sangat baik")
    nilai(citra, org.opd_a, 2026, "sangat baik")  # a year still running: never read
    putaran = PutaranRotasi.objects.create(
        nama="Putaran Rotasi 2026",
        tanggal_mulai=dt.date(2026, 10, 1),
        tanggal_selesai=dt.date(2027, 1, 31),
        dibuka_oleh=users["admin_bkd"],
    )
    pref = PreferensiMutasi.objects.create(
        putaran=putaran, pegawai=ani, kategori="karier", alasan="Pengembangan karier."
    )
    PilihanTujuan.objects.create(preferensi=pref, urutan=1, jabatan=jab)
    return {"jab": jab, "ani": ani, "bayu": bayu, "citra": citra, "dodi": dodi, "putaran": putaran}


def _by_nip(daftar):
    return {k.nip: k for k in daftar.kandidat}


def test_score_worked_by_hand(kasus):
    daftar = daftar_pendek(jabatan_untuk_rekomendasi(kasus["jab"].pk), TANGGAL)
    k = _by_nip(daftar)
    ani, bayu, citra = k[kasus["ani"].nip], k[kasus["bayu"].nip], k[kasus["citra"].nip]
    poin = lambda kand: {f.kode: f.poin for f in kand.faktor}  # noqa: E731
    # Ani: field fits 20×1; assessment 80 → 10×0.8 = 8; 2024 Sangat Baik (1) + 2025 Baik (0.75) → 30×0.875
    # = 26.25; held this position before → 10; first wish → 20; 36 months in post → 10×36/60 = 6.
    assert poin(ani) == {
        "pendidikan": 20,
        "kompetensi": 8,
        "kinerja": 26.25,
        "talenta": 0,
        "pelatihan": 0,
        "pengalaman": 10,
        "keinginan": 20,
        "masa_jabatan": 6,
    }
    assert ani.skor == 90.25
    # Bayu: 20 + 0 (no assessment) + 30×0.75 = 22.5 + 5 (works in the destination OPD) + 0 + 10 (84 months,
    # capped at 60) = 57.5.
    assert bayu.skor == 57.5
    assert poin(bayu)["pengalaman"] == 5 and poin(bayu)["masa_jabatan"] == 10
    # Citra: field not accepted 0 + 9 + (2024 missing 0 + 2025 Sangat Baik 1)/2 → 15 + 0 + 0 + 24/60 → 4 = 28;
    # 2026 is still open and is not read.
    assert citra.skor == 28
    kinerja = next(f for f in citra.faktor if f.kode == "kinerja")
    assert kinerja.bukti == "Predikat tahunan 2024 tidak ada predikat final; 2025 Sangat Baik."
    assert [x.peringkat for x in daftar.kandidat][:2] == [1, 2]
    assert [x.nip for x in daftar.kandidat][:2] == [kasus["ani"].nip, kasus["bayu"].nip]
    assert all(not x.memenuhi for x in daftar.kandidat[2:])
    # The fast ranking path and the explained factors agree for everyone.
    for x in daftar.kandidat:
        assert x.skor == round(sum(f.poin for f in x.faktor), 2)
        assert x.memenuhi == all(s.terpenuhi for s in x.syarat)


def test_each_hard_requirement_met_and_unmet_with_text(kasus):
    k = _by_nip(daftar_pendek(jabatan_untuk_rekomendasi(kasus["jab"].pk), TANGGAL))
    ani = {s.nama: (s.terpenuhi, s.uraian) for s in k[kasus["ani"].nip].syarat}
    assert ani["Pendidikan minimal"] == (True, "Pendidikan S-1 memenuhi syarat minimal S-1.")
    assert ani["Jurusan pendidikan"] == (True, "Jurusan Kesehatan Masyarakat sesuai (Kesehatan Masyarakat).")
    assert ani["Golongan minimal"] == (True, "Golongan III/a memenuhi syarat minimal III/a.")
    assert ani["Status aktif"] == (True, "Pegawai aktif (PNS).")
    assert ani["Tidak pensiun dalam satu tahun"][0] is True
    assert any(
        ok and t.startswith("3 tahun dalam jabatan sekarang") and "memenuhi minimal 2 tahun" in t
        for ok, t in ani.values()
    ), ani
    citra = {s.nama: (s.terpenuhi, s.uraian) for s in k[kasus["citra"].nip].syarat}
    assert citra["Jurusan pendidikan"] == (
        False,
        "Jurusan Ilmu Hukum tidak termasuk jurusan yang diterima: Kesehatan Masyarakat; Statistik.",
    )
    dodi = k[kasus["dodi"].nip]
    gagal = {s.nama: s.uraian for s in dodi.syarat_gagal}
    assert (
        gagal["Tidak pensiun dalam satu tahun"]
        == "Pensiun pada 1 April 2027, dalam satu tahun sejak 1 Januari 2027."
    )
    assert any(
        "Baru 7 bulan dalam jabatan sekarang" in t and "minimal 2 tahun" in t for t in gagal.values()
    ), gagal
    assert any("Teguran lisan" in t and "masih berlaku" in t for t in gagal.values()), gagal
    assert "Tidak memenuhi: " in dodi.alasan and "Pensiun pada 1 April 2027" in dodi.alasan


def test_weights_dated_version_in_force(kasus):
    # Before 2026 the seeded weights (kinerja 25, keinginan 10 ...) apply; from 2026 the test version.
    lama = daftar_pendek(jabatan_untuk_rekomendasi(kasus["jab"].pk), dt.date(2025, 12, 31))
    assert lama.bobot.berlaku_mulai == dt.date(2019, 4, 8)
    baru = daftar_pendek(jabatan_untuk_rekomendasi(kasus["jab"].pk), TANGGAL)
    assert baru.bobot.kinerja == 30


def test_command_columns_order_and_jumlah(kasus, tmp_path):
    path = tmp_path / "r.csv"
    call_command(
        "rekomendasi_mutasi",
        "B",
        "Analis Data Kesehatan",
        str(path),
        "--tanggal",
        "2027-01-01",
        "--jumlah",
        "0",
    )
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [
        "peringkat",
        "nip",
        "nama",
        "kode_unit",
        "jabatan",
        "skor",
        "memenuhi_syarat",
        "alasan",
    ]
    assert rows[1][:7] == [
        "1",
        kasus["ani"].nip,
        "Ani Wijaya",
        "A.1",
        "Pengelola Data Pendidikan",
        "90.25",
        "Y",
    ]
    assert rows[2][1] == kasus["bayu"].nip and rows[2][6] == "Y"
    assert all(r[6] == "N" for r in rows[3:])
    assert len(rows) - 1 == 8  # every active employee (4 of the org, 4 here); nobody holds the position yet
    n_row = next(r for r in rows if r[1] == kasus["citra"].nip)
    assert "Jurusan pendidikan — Jurusan Ilmu Hukum tidak termasuk" in n_row[7]
    call_command(
        "rekomendasi_mutasi",
        "B",
        "Analis Data Kesehatan",
        str(path),
        "--tanggal",
        "2027-01-01",
        "--jumlah",
        "1",
    )
    assert len(list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))) == 2
    x = tmp_path / "r.xlsx"
    call_command("rekomendasi_mutasi", "B", "Analis Data Kesehatan", str(x), "--tanggal", "2027-01-01")
    assert x.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("rekomendasi_mutasi", "B", "Tidak Ada", str(path))
    with pytest.raises(CommandError, match=r"\.csv atau \.xlsx"):
        call_command("rekomendasi_mutasi", "B", "Analis Data Kesehatan", str(tmp_path / "r.txt"))


def test_page_admin_and_operator_scope(client, kasus, users, org):
    url = reverse("mutasi:rekomendasi", args=[kasus["jab"].pk])
    client.force_login(users["admin_bkd"])
    r = client.get(url + "?tanggal=2027-01-01")
    assert r.status_code == 200
    assert "Ani Wijaya" in r.content.decode() and "90,25" in r.content.decode()
    client.force_login(users["operator_opd"])  # bound to OPD A: OPD B's position answers 404
    assert client.get(url).status_code == 404
    jab_a = JabatanFactory(unit_kerja=org.bidang_a, nama="Analis Kurikulum", jenis="pelaksana")
    r = client.get(reverse("mutasi:rekomendasi", args=[jab_a.pk]) + "?tanggal=2027-01-01")
    assert r.status_code == 200
    assert "Bayu Saputra" not in r.content.decode()  # candidates of its own OPD only
    client.force_login(users["pegawai"])
    assert client.get(url).status_code == 403


def test_buat_usulan_stores_snapshot(client, kasus, users):
    client.force_login(users["admin_bkd"])
    url = reverse("mutasi:rekomendasi_usulan", args=[kasus["jab"].pk])
    r = client.post(
        url,
        {"pegawai": kasus["ani"].pk, "tanggal": "2027-01-01", "alasan": "Mengisi kekurangan analis data."},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    snap = SnapshotRekomendasi.objects.get()
    assert snap.usulan.pegawai_id == kasus["ani"].pk and snap.usulan.status == "draft"
    assert snap.data["kandidat"][0]["nip"] == kasus["ani"].nip
    assert snap.data["kandidat"][0]["skor"] == 90.25
    detail = client.get(reverse("mutasi:usulan_detail", args=[snap.usulan.pk]))
    assert "Daftar kandidat saat usulan dibuat" in detail.content.decode()
    assert "90,25" in detail.content.decode()


def test_export_xlsx(client, kasus, users):
    client.force_login(users["admin_bkd"])
    r = client.get(reverse("mutasi:rekomendasi", args=[kasus["jab"].pk]) + "?tanggal=2027-01-01&format=xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_bobot_service_versions_and_history(kasus, users):
    obj = services.bobot_rekomendasi_save(
        actor=users["admin_bkd"],
        berlaku_mulai=dt.date(2027, 1, 1),
        dasar_hukum="Keputusan Kepala BKPSDM (uji)",
        bobot={**BOBOT, "pelatihan": 5, "masa_jabatan": 5},
        alasan="Data pelatihan mulai tersedia.",
    )
    assert obj.history.first().history_change_reason == "Data pelatihan mulai tersedia."
    assert daftar_pendek(jabatan_untuk_rekomendasi(kasus["jab"].pk), TANGGAL).bobot.pk == obj.pk
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        services.bobot_rekomendasi_save(
            actor=users["admin_bkd"], berlaku_mulai=TANGGAL, dasar_hukum="x", bobot=BOBOT, alasan="a" * 501
        )
    with pytest.raises(PermissionDenied):
        services.bobot_rekomendasi_save(
            actor=users["operator_opd"], berlaku_mulai=TANGGAL, dasar_hukum="x", bobot=BOBOT, alasan="x"
        )


def _tambah(org, n):
    jab = JabatanFactory(unit_kerja=org.opd_b, nama=f"Staf {n}", jenis="pelaksana")
    for _ in range(n):
        PegawaiFactory(jabatan=jab)


@pytest.mark.parametrize("dummy", [0])
def test_query_count_flat(client, org, users, bobot, dummy):
    jab = JabatanFactory(unit_kerja=org.opd_b, nama="Analis", jenis="pelaksana", syarat_pendidikan="S1")
    client.force_login(users["admin_bkd"])
    url = reverse("mutasi:rekomendasi", args=[jab.pk])
    _tambah(org, 3)
    kecil = get_queries(client, url)
    _tambah(org, 7)
    besar = get_queries(client, url)
    assert_same_queries(kecil, besar, "rekomendasi")
