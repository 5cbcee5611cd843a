"""Rules of an event's calendar (issue 14 point 3, pembinaan/jadwal_pelatihan.py).

Today is Wednesday 2 December 2026, 09.00 WITA (tests/pembinaan/conftest.py). Worked by hand:
- a run whose first session starts today at 10.00 has not started: self-enrolment is open;
- a run whose first session started today at 08.00 has started: the employee and the atasan are refused,
  the organiser (Admin BKD) may still enrol while it is under way;
- a run of 10–12 November ended (12 November < 2 December): only the organiser records a participant,
  with a reason ("pencatatan susulan"); registration is not reopened; a participant is not cancelled;
- a run of 30 November – 2 December has not ended (its last day is today).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from pembinaan import services_pelatihan as svc
from pembinaan.models import Pelaksanaan, Peserta

from . import pelatihan_data as d

pytestmark = pytest.mark.django_db

HARI_INI = {"tanggal_mulai": dt.date(2026, 12, 2), "tanggal_selesai": dt.date(2026, 12, 4)}
NAMA_RUN = "Pelatihan Teknis Pengelolaan Keuangan Daerah — Angkatan I"


def _sesi_jam(admin, run, jam: int) -> None:
    svc.sesi_tambah(
        actor=admin,
        pelaksanaan=run,
        data={"tanggal": run.tanggal_mulai, "jam_mulai": dt.time(jam), "jam_selesai": dt.time(jam + 2)},
    )


def _riwayat_peserta() -> int:
    return Peserta.history.count()


def test_pendaftaran_sendiri_dan_nominasi_tutup_saat_sesi_pertama_mulai(org, users):
    admin = users["admin_bkd"]
    belum = d.pelaksanaan(admin, nama="Angkatan Siang", **HARI_INI)
    _sesi_jam(admin, belum, 10)  # starts 10.00, now 09.00
    assert svc.peserta_daftar(actor=users["pegawai"], pelaksanaan=belum, pegawai=org.staf_a).status == (
        "terdaftar"
    )

    mulai = d.pelaksanaan(admin, belum.program, **HARI_INI)
    _sesi_jam(admin, mulai, 8)  # started 08.00
    _sesi_jam(admin, mulai, 13)
    riwayat = _riwayat_peserta()
    with pytest.raises(ValidationError) as info:
        svc.peserta_daftar(actor=users["pegawai"], pelaksanaan=mulai, pegawai=org.staf_a)
    assert info.value.messages == [
        f"Andi Pratama tidak dapat didaftarkan: pendaftaran {NAMA_RUN} ditutup sejak sesi pertama dimulai "
        "(02-12-2026 pukul 08.00). Hubungi penyelenggara (Admin BKD)."
    ]
    with pytest.raises(ValidationError, match="ditutup sejak sesi pertama dimulai"):
        svc.peserta_daftar(actor=users["atasan"], pelaksanaan=mulai, pegawai=org.staf_a)
    with pytest.raises(ValidationError, match="ditutup sejak sesi pertama dimulai"):
        svc.peserta_daftar(actor=users["operator_opd"], pelaksanaan=mulai, pegawai=org.staf_a)
    assert not Peserta.objects.filter(pelaksanaan=mulai).exists() and _riwayat_peserta() == riwayat
    # The organiser still admits someone while the run is under way (not yet ended).
    p = svc.peserta_daftar(actor=admin, pelaksanaan=mulai, pegawai=org.staf_a)
    assert p.status == "terdaftar" and p.history.first().history_change_reason == "Dinominasikan: terdaftar"


def test_tanpa_sesi_tutup_pukul_nol_pada_tanggal_mulai(org, users):
    admin = users["admin_bkd"]
    hari_ini = d.pelaksanaan(admin, **HARI_INI)  # no session: closed since 2 December 00.00
    with pytest.raises(ValidationError, match=r"dimulai \(02-12-2026 pukul 00\.00\)"):
        svc.peserta_daftar(actor=users["pegawai"], pelaksanaan=hari_ini, pegawai=org.staf_a)
    besok = d.pelaksanaan(
        admin,
        hari_ini.program,
        nama="Angkatan II",
        tanggal_mulai=dt.date(2026, 12, 3),
        tanggal_selesai=dt.date(2026, 12, 4),
    )
    assert svc.peserta_daftar(actor=users["pegawai"], pelaksanaan=besok, pegawai=org.staf_a).pk


def test_halaman_tanpa_tombol_daftar_setelah_mulai(org, users, client_as):
    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin, **HARI_INI)
    _sesi_jam(admin, run, 8)
    c = client_as("pegawai")
    url = f"/pembinaan/pelatihan/{run.pk}/"
    halaman = c.get(url).content.decode()
    assert 'value="daftar"' not in halaman and 'data-testid="form-nominasi"' not in halaman
    assert "Pendaftaran ditutup sejak sesi pertama dimulai (2 Desember 2026 pukul 08.00)." in halaman
    r = c.post(url, {"aksi": "daftar"}, follow=True)
    assert "Andi Pratama tidak dapat didaftarkan" in r.content.decode()
    r = client_as("atasan").post(url, {"aksi": "nominasi", "nip": org.staf_a.nip})
    assert "ditutup sejak sesi pertama dimulai" in r.content.decode()
    assert not Peserta.objects.exists()


def test_pencatatan_susulan_hanya_penyelenggara_dengan_alasan(org, users):
    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin, kuota=1)  # 10–12 November: ended
    svc.pelaksanaan_status(actor=admin, pelaksanaan=run, ke="ditutup")
    for role in ("pegawai", "atasan", "operator_opd"):
        with pytest.raises(ValidationError) as info:
            svc.peserta_daftar(actor=users[role], pelaksanaan=run, pegawai=org.staf_a, catatan="Hadir")
        assert info.value.messages == [
            f"Andi Pratama tidak dapat didaftarkan: {NAMA_RUN} sudah berakhir (12-11-2026). Peserta susulan "
            "hanya dicatat oleh penyelenggara."
        ], role
    with pytest.raises(ValidationError) as info:
        svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_a)
    assert info.value.message_dict == {
        "catatan": [
            f"Alasan pencatatan susulan Andi Pratama wajib diisi: {NAMA_RUN} sudah berakhir (12-11-2026)."
        ]
    }
    assert not Peserta.objects.exists() and _riwayat_peserta() == 0
    # With a reason: recorded (the run is "ditutup": the organiser's record does not need it open).
    p = svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_a, catatan="Hadir, surat tugas 12")
    h = p.history.first()
    assert p.status == "terdaftar" and h.history_user == admin
    assert h.history_change_reason == "Pencatatan susulan: Hadir, surat tugas 12"
    # The one seat is taken: no waiting list after the fact, nothing written.
    with pytest.raises(ValidationError) as info:
        svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_b, tunggu=True, catatan="Hadir")
    assert info.value.messages == [f"Kuota {run} penuh (1 dari 1 kursi terisi). Naikkan kuota lebih dulu."]
    assert not Peserta.objects.filter(pegawai=org.staf_b).exists()


def test_susulan_pada_pelaksanaan_batal_ditolak(org, users):
    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin)
    svc.pelaksanaan_status(actor=admin, pelaksanaan=run, ke="batal")
    with pytest.raises(ValidationError, match=f"{NAMA_RUN} dibatalkan; Andi Pratama tidak dapat dicatat."):
        svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_a, catatan="Hadir")
    assert not Peserta.objects.exists()


def test_halaman_susulan(org, users, client_as):
    run = d.pelaksanaan(users["admin_bkd"])
    url = f"/pembinaan/pelatihan/{run.pk}/"
    halaman = client_as("atasan").get(url).content.decode()
    assert 'data-testid="form-susulan"' not in halaman and 'data-testid="form-nominasi"' not in halaman
    assert (
        client_as("atasan").post(url, {"aksi": "susulan", "susulan-nip": org.staf_a.nip}).status_code == 403
    )
    c = client_as("admin_bkd")
    halaman = c.get(url).content.decode()
    assert 'data-testid="form-susulan"' in halaman and 'data-testid="form-nominasi"' not in halaman
    r = c.post(url, {"aksi": "susulan", "susulan-nip": org.staf_a.nip, "susulan-catatan": "  "})
    assert r.status_code == 200 and "Bidang ini tidak boleh kosong." in r.content.decode()
    assert not Peserta.objects.exists()
    r = c.post(url, {"aksi": "susulan", "susulan-nip": org.staf_a.nip, "susulan-catatan": "Hadir 3 hari"})
    assert r.status_code == 302
    p = Peserta.objects.get(pegawai=org.staf_a)
    assert p.history.first().history_change_reason == "Pencatatan susulan: Hadir 3 hari"


def test_buka_kembali_pelaksanaan_yang_berakhir_ditolak(users, client_as):
    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin)
    svc.pelaksanaan_status(actor=admin, pelaksanaan=run, ke="ditutup")
    riwayat = run.history.count()
    with pytest.raises(ValidationError) as info:
        svc.pelaksanaan_status(actor=admin, pelaksanaan=run, ke="dibuka")
    assert info.value.messages == [
        f"Pendaftaran {NAMA_RUN} tidak dapat dibuka kembali: pelaksanaan sudah berakhir (12-11-2026). "
        "Peserta yang hadir dicatat lewat pencatatan susulan."
    ]
    run.refresh_from_db()
    assert run.status == "ditutup" and run.history.count() == riwayat
    c = client_as("admin_bkd")
    assert 'value="dibuka"' not in c.get(f"/pembinaan/pelatihan/{run.pk}/").content.decode()
    r = c.post(f"/pembinaan/pelatihan/{run.pk}/", {"aksi": "dibuka"}, follow=True)
    assert "tidak dapat dibuka kembali" in r.content.decode()
    assert Pelaksanaan.objects.get(pk=run.pk).status == "ditutup"
    # Its last day is today: not ended, reopening works.
    hari_terakhir = d.pelaksanaan(
        admin,
        run.program,
        nama="Angkatan II",
        tanggal_mulai=dt.date(2026, 11, 30),
        tanggal_selesai=dt.date(2026, 12, 2),
    )
    svc.pelaksanaan_status(actor=admin, pelaksanaan=hari_terakhir, ke="ditutup")
    assert svc.pelaksanaan_status(actor=admin, pelaksanaan=hari_terakhir, ke="dibuka").status == "dibuka"


def test_batal_setelah_berakhir_ditolak(org, users, client_as):
    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin)
    p = svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_a, catatan=d.SUSULAN)
    riwayat = p.history.count()
    with pytest.raises(ValidationError) as info:
        svc.peserta_batal(actor=admin, peserta=p, alasan="Tidak hadir")
    assert info.value.messages == [
        f"Andi Pratama tidak dapat dibatalkan: {NAMA_RUN} sudah berakhir (12-11-2026). Catat hasilnya "
        "(tidak lulus) di halaman hasil."
    ]
    p.refresh_from_db()
    assert p.status == "terdaftar" and p.history.count() == riwayat
    halaman = client_as("pegawai").get(f"/pembinaan/pelatihan/{run.pk}/").content.decode()
    assert f'action="/pembinaan/peserta/{p.pk}/batal/"' not in halaman
    r = client_as("pegawai").post(f"/pembinaan/peserta/{p.pk}/batal/", follow=True)
    assert "tidak dapat dibatalkan" in r.content.decode()
    assert Peserta.objects.get(pk=p.pk).status == "terdaftar"
    # The results form records them instead.
    assert svc.hasil_tetapkan(actor=admin, peserta=p, lulus=False).hasil == "tidak_lulus"


def test_batal_pada_hari_terakhir_masih_boleh(org, users):
    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin, tanggal_mulai=dt.date(2026, 11, 30), tanggal_selesai=dt.date(2026, 12, 2))
    p = svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_a)
    assert svc.peserta_batal(actor=admin, peserta=p, alasan="Sakit").status == "batal"


def test_daftar_tunggu_setelah_berakhir_dibatalkan_tanpa_naik(org, users, time_machine):
    """A waiting-list entry left after the run ended may be cleared; nobody moves up into a past run."""
    admin = users["admin_bkd"]
    time_machine.move_to(dt.datetime(2026, 11, 1, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    run = d.pelaksanaan(admin, kuota=1)
    andi = svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_a)
    dewi = svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.staf_b, tunggu=True)
    siti = svc.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=org.kabid_a, tunggu=True)
    time_machine.move_to(dt.datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    Peserta.objects.filter(pk=andi.pk).update(status="batal")  # a seat free, as if the data were edited
    assert svc.peserta_batal(actor=admin, peserta=dewi, alasan="Tidak jadi").status == "batal"
    siti.refresh_from_db()
    assert siti.status == "tunggu"


def test_halaman_hasil_kembali_ke_pelaksanaan(users, client_as):
    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin)
    _sesi_jam(admin, run, 8)
    c = client_as("admin_bkd")
    detail = f'href="/pembinaan/pelatihan/{run.pk}/"'
    halaman = c.get(f"/pembinaan/pelatihan/{run.pk}/hasil/").content.decode()
    assert f'{detail}\n           data-testid="kembali-pelaksanaan">Kembali ke pelaksanaan</a>' in halaman
    assert 'aria-label="breadcrumb"' in halaman and halaman.count(detail) == 2  # breadcrumb + button
    sesi = run.sesi.get()
    for url in (
        f"/pembinaan/pelatihan/{run.pk}/sesi/{sesi.pk}/kehadiran/",
        f"/pembinaan/pelatihan/{run.pk}/ubah/",
    ):
        halaman = c.get(url).content.decode()
        assert 'data-testid="remah-pelaksanaan"' in halaman and detail in halaman, url
    halaman = c.get(f"/pembinaan/pelatihan/{run.pk}/").content.decode()
    assert '<a href="/pembinaan/pelatihan/">Jadwal pelatihan</a>' in halaman


def test_daftar_pelaksanaan_menandai_berlangsung_dan_berakhir(users, client_as):
    admin = users["admin_bkd"]
    lalu = d.pelaksanaan(admin)  # 10–12 November
    kini = d.pelaksanaan(admin, lalu.program, nama="Angkatan II", **HARI_INI)  # 2–4 December
    akan = d.pelaksanaan(admin, lalu.program, nama="Angkatan III", **d.AKAN)  # 14–16 December
    r = client_as("pegawai").get("/pembinaan/pelatihan/")
    halaman = " ".join(r.content.decode().split())

    def baris(run):
        awal = halaman.index(f'data-testid="pelaksanaan-{run.pk}"')
        return halaman[awal : halaman.index("</tr>", awal)]

    assert "pelaksanaan sudah berakhir" in baris(lalu) and "berlangsung" not in baris(lalu)
    assert "sedang berlangsung" in baris(kini)
    assert "berakhir" not in baris(akan) and "berlangsung" not in baris(akan)
