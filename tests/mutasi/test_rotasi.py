"""The rotation round (issue 13 point 5): optimal assignment on hand-checkable cases, the stay option,
the side rules, the Celery task on a real worker, the pages and "Jadikan usulan"."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mutasi import services
from mutasi.models import HasilRotasi, PilihanTujuan, PreferensiMutasi, PutaranRotasi, UsulanMutasi
from mutasi.rotasi import Kursi, Pemindah, Soal, hungarian, selesaikan, unit_ditinggalkan
from pegawai.models import RiwayatJabatan
from tests.factories import JabatanFactory, PegawaiFactory

# --- the algorithm, without the database --------------------------------------------------------------


def test_hungarian_beats_greedy_3x3():
    # Greedy takes A–X (10) first, then B–Y (1), C–Z (1) = 12. Optimal: A–Y 9 + B–X 9 + C–Z 1 = 19.
    nilai = [[10, 9, 0], [9, 1, 0], [0, 0, 1]]
    pasang = sorted(hungarian(nilai))
    assert pasang == [(0, 1), (1, 0), (2, 2)]
    assert sum(nilai[i][j] for i, j in pasang) == 19


def test_hungarian_rectangular_both_ways():
    assert sorted(hungarian([[1, 5, 3]])) == [(0, 1)]
    assert sorted(hungarian([[1], [5], [3]])) == [(1, 0)]


def _soal(skor, *, opd=None, pasangan=(), batas_opd=None, nilai_tetap=50.0):
    orang = sorted({p for p, _j in skor} | {p for pair in pasangan for p in pair})
    kursi_ids = sorted({j for _p, j in skor})
    opd = opd or {}
    return Soal(
        kursi=[Kursi(j, f"Jabatan {j}", 100 + j, 900 + j, f"Unit {j}") for j in kursi_ids],
        pemindah=[
            Pemindah(p, f"NIP{p}", f"Pegawai {p}", opd.get(p, 1), 10, 20 + p, "Asal", "Unit asal")
            for p in orang
        ],
        skor=dict(skor),
        penjelasan=dict.fromkeys(skor, "uji"),
        tidak_layak={},
        nilai_tetap=dict.fromkeys(orang, nilai_tetap),
        pasangan=list(pasangan),
        batas_opd=batas_opd or {},
    )


def _tujuan(hasil):
    return {b["pegawai_id"]: b["tujuan_jabatan_id"] for b in hasil["penugasan"]}


def test_assignment_optimal_where_greedy_fails():
    # Fit = 50 (stay) + the gains of the 3×3 case above.
    skor = {(1, 1): 60, (1, 2): 59, (2, 1): 59, (2, 2): 51, (3, 3): 51}
    hasil = selesaikan(_soal(skor))
    assert _tujuan(hasil) == {1: 2, 2: 1, 3: 3}
    assert hasil["total"] == 59 + 59 + 51


def test_stay_option_nobody_forced():
    # Person 2 fits the only other seat below the stay value: stays; person 1 moves.
    skor = {(1, 1): 80, (2, 2): 40}
    hasil = selesaikan(_soal(skor))
    assert _tujuan(hasil) == {1: 1, 2: None}
    assert hasil["total"] == 80 + 50
    tetap = next(b for b in hasil["penugasan"] if b["pegawai_id"] == 2)
    assert (
        tetap["penjelasan"]
        == "Tetap: nilai tetap 50 (skor untuk jabatan sekarang); tidak ada lowongan yang lebih cocok."
    )


def test_infeasible_pair_never_assigned():
    # Person 1 would fit seat 1 best but the pair is excluded (missing from skor): takes seat 2.
    skor = {(1, 2): 70, (2, 1): 55}
    hasil = selesaikan(_soal(skor))
    assert _tujuan(hasil) == {1: 2, 2: 1}


def test_max_percent_of_opd_rule():
    # Persons 1, 2 and 3 all from OPD 7 (limit 1 mover): only the largest gain (person 2, +40) moves.
    skor = {(1, 1): 70, (2, 2): 90, (3, 3): 60}
    hasil = selesaikan(_soal(skor, opd={1: 7, 2: 7, 3: 7}, batas_opd={7: 1}))
    assert _tujuan(hasil) == {1: None, 2: 2, 3: None}
    assert hasil["catatan"][0].startswith("Batas OPD: 3 pegawai akan keluar dari satu OPD, batas 1")
    # Without the rule all three move.
    assert all(v for v in _tujuan(selesaikan(_soal(skor))).values())


def test_couple_rule_both_move_or_both_stay():
    skor = {(1, 1): 90}  # person 2 (the spouse) has no feasible seat
    hasil = selesaikan(_soal(skor, pasangan=[(1, 2)]))
    assert _tujuan(hasil) == {1: None, 2: None}
    assert "keduanya tetap bersama" in hasil["catatan"][0]
    # Both with a move: both move.
    hasil = selesaikan(_soal({(1, 1): 90, (2, 2): 70}, pasangan=[(1, 2)]))
    assert _tujuan(hasil) == {1: 1, 2: 2}


# --- with the database --------------------------------------------------------------------------------


@pytest.fixture
def bobot(db):
    from django.apps import apps

    from mutasi.reference_rekomendasi import seed_bobot_rekomendasi

    seed_bobot_rekomendasi(lambda name: apps.get_model("mutasi", name))


@pytest.fixture
def ronde(org, users, bobot):
    """Two vacancies in OPD B (no requirements) and two movers from OPD A who wished for them."""
    putaran = PutaranRotasi.objects.create(
        nama="Rotasi 2026",
        tanggal_mulai=dt.date(2026, 10, 1),
        tanggal_selesai=dt.date(2026, 12, 31),
        dibuka_oleh=users["admin_bkd"],
    )
    x = JabatanFactory(unit_kerja=org.opd_b, nama="Analis Kebijakan", jenis="pelaksana", kebutuhan=1)
    y = JabatanFactory(unit_kerja=org.opd_b, nama="Penata Laporan", jenis="pelaksana", kebutuhan=1)
    lahir = dt.date(1985, 5, 5)
    a = PegawaiFactory(
        nama="Agus", jabatan=org.staf_a.jabatan, tanggal_lahir=lahir, tmt_jabatan=dt.date(2020, 1, 1)
    )
    b = PegawaiFactory(
        nama="Bela", jabatan=org.staf_a.jabatan, tanggal_lahir=lahir, tmt_jabatan=dt.date(2020, 1, 1)
    )
    for p, j in ((a, x), (b, y)):
        pref = PreferensiMutasi.objects.create(
            putaran=putaran, pegawai=p, kategori="karier", alasan="Karier."
        )
        PilihanTujuan.objects.create(preferensi=pref, urutan=1, jabatan=j)
    return {"putaran": putaran, "x": x, "y": y, "a": a, "b": b}


def _hitung(users, ronde, **aturan):
    hasil = services.hasil_rotasi_create(
        actor=users["admin_bkd"],
        putaran=ronde["putaran"],
        jabatan_ids=[ronde["x"].pk, ronde["y"].pk],
        tanggal=dt.date(2027, 1, 1),
        aturan=aturan,
        jalankan=False,
    )
    return services.hasil_rotasi_hitung(hasil.pk)


def test_round_computed_and_turned_into_proposals(ronde, users):
    hasil = _hitung(users, ronde)
    assert hasil.status == "selesai" and hasil.persen == 100
    tujuan = {b["pegawai_id"]: b["tujuan_jabatan_id"] for b in hasil.hasil["penugasan"]}
    # Each got their own first wish (keinginan 10 points) rather than the other's post.
    assert tujuan[ronde["a"].pk] == ronde["x"].pk and tujuan[ronde["b"].pk] == ronde["y"].pk
    usulan = services.hasil_rotasi_jadikan_usulan(
        actor=users["admin_bkd"], hasil=hasil, rencana="sistem", alasan="Rotasi berkala."
    )
    assert len(usulan) == 2 and all(u.status == "draft" for u in usulan)
    hasil.refresh_from_db()
    assert hasil.status == "diusulkan"


def test_manual_plan_all_or_nothing(ronde, users):
    hasil = _hitung(users, ronde)
    # Both to X: two people for one seat — refused as a whole, nothing created.
    services.hasil_rotasi_ubah_rencana(
        actor=users["admin_bkd"], hasil=hasil, pegawai_id=ronde["b"].pk, jabatan_id=ronde["x"].pk
    )
    with pytest.raises(ValidationError, match="2 orang untuk 1 lowongan"):
        services.hasil_rotasi_jadikan_usulan(
            actor=users["admin_bkd"], hasil=hasil, rencana="manual", alasan="Rotasi."
        )
    assert not UsulanMutasi.objects.exists()
    with pytest.raises(PermissionDenied):
        services.hasil_rotasi_ubah_rencana(
            actor=users["operator_opd"], hasil=hasil, pegawai_id=ronde["b"].pk, jabatan_id=None
        )


def test_no_return_rule(ronde, users, org):
    # Agus left OPD B's unit in 2024 (2 years ago): with "no return within 3 years" he may not go back.
    lama = JabatanFactory(unit_kerja=org.opd_b, nama="Staf Lama", jenis="pelaksana")
    RiwayatJabatan.objects.create(
        pegawai=ronde["a"], jabatan=lama, nama_jabatan="Staf Lama", tmt=dt.date(2018, 1, 1)
    )
    RiwayatJabatan.objects.create(
        pegawai=ronde["a"],
        jabatan=org.staf_a.jabatan,
        nama_jabatan="Pengelola Data Pendidikan",
        tmt=dt.date(2024, 6, 1),
    )
    assert unit_ditinggalkan([ronde["a"].pk], dt.date(2027, 1, 1), 3) == {ronde["a"].pk: {org.opd_b.pk}}
    assert unit_ditinggalkan([ronde["a"].pk], dt.date(2027, 1, 1), 2) == {}
    hasil = _hitung(users, ronde, tahun_tidak_kembali=3)
    tujuan = {b["pegawai_id"]: b["tujuan_jabatan_id"] for b in hasil.hasil["penugasan"]}
    assert tujuan[ronde["a"].pk] is None
    assert hasil.hasil["tidak_layak"][f"{ronde['a'].pk}:{ronde['x'].pk}"].startswith(
        "Kembali ke unit yang ditinggalkan kurang dari 3 tahun lalu"
    )


def test_pages_and_htmx_rescoring(client, ronde, users):
    hasil = _hitung(users, ronde)
    client.force_login(users["admin_bkd"])
    r = client.get(reverse("mutasi:rotasi_hasil", args=[hasil.pk]))
    assert r.status_code == 200 and "Usulan sistem" in r.content.decode()
    assert client.get(reverse("mutasi:rotasi", args=[ronde["putaran"].pk])).status_code == 200
    r = client.post(
        reverse("mutasi:rotasi_rencana", args=[hasil.pk]),
        {"pegawai": ronde["a"].pk, "jabatan": "tetap"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "lowongan terisi: <strong>1</strong>" in html  # the officers' plan now fills one seat
    client.force_login(users["operator_opd"])
    assert client.get(reverse("mutasi:rotasi_hasil", args=[hasil.pk])).status_code == 403
    assert client.get(reverse("mutasi:rotasi", args=[ronde["putaran"].pk])).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_round_on_a_real_worker(ronde, users):
    from celery.contrib.testing.worker import start_worker

    from asn_portal.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        hasil = services.hasil_rotasi_create(
            actor=users["admin_bkd"],
            putaran=ronde["putaran"],
            jabatan_ids=[ronde["x"].pk, ronde["y"].pk],
            tanggal=dt.date(2027, 1, 1),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            hasil.refresh_from_db()
            if hasil.status in ("selesai", "gagal"):
                break
            time.sleep(0.2)
    assert hasil.status == HasilRotasi.Status.SELESAI, hasil.pesan_galat
    assert hasil.persen == 100 and len(hasil.hasil["penugasan"]) == 2
