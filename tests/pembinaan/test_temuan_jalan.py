"""Defects found by walking issue 14 as its users would (2026-12-02), each pinned by a test.

Organisation (tests/conftest.py): staf_a is the `pegawai` login in OPD A, their atasan kabid_a is the
`atasan` login; the Pimpinan is the PPK.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from pegawai.models import Penandatangan
from pembinaan import services_belajar, services_rencana
from pembinaan.models import GenerasiKebutuhan, IkutModul, KebutuhanPengembangan, Program

from . import pelatihan_data as d

TAHUN = 2027


@pytest.fixture
def rencana(org, users):
    KebutuhanPengembangan.objects.create(
        pegawai=org.staf_a, tahun=TAHUN, sumber="jp", kunci="jp:2026", topik="Pemenuhan JP", uraian="bukti"
    )
    return services_rencana.rencana_susun(actor=users["pegawai"], pegawai=org.staf_a, tahun=TAHUN)


def test_riwayat_rencana_tanpa_pengguna_tertulis_sistem(rencana, client_as):
    """A history row written without a user (the demo data, a command run without --user) made the plan
    page fail with VariableDoesNotExist (a 500) for everyone who opened it."""
    rencana.history.update(history_user=None)
    for role in ("pegawai", "atasan"):
        response = client_as(role).get(reverse("pembinaan:rencana_detail", args=[rencana.pk]))
        assert response.status_code == 200
        assert "Rencana disusun dari kebutuhan" in response.content.decode()
        assert "sistem" in response.content.decode()


def test_pembentukan_kebutuhan_dan_persetujuan_ppk_tanpa_pengguna(rencana, users, client_as):
    """The needs run and the PPK's approval keep their page when the account that made them is gone
    (both foreign keys are SET_NULL)."""
    run = GenerasiKebutuhan.objects.create(tahun=TAHUN, dijalankan_oleh=None, total_langkah=1)
    response = client_as("admin_bkd").get(reverse("pembinaan:generasi_detail", args=[run.pk]))
    assert response.status_code == 200
    assert "Dijalankan oleh sistem" in " ".join(response.content.decode().split())

    ppk = get_user_model().objects.create_user(username="ppk_lama", password="x")
    rencana.status = "disetujui"
    rencana.save(update_fields=["status"])
    persetujuan = services_rencana.rencana_kompetensi_setujui(actor=users["pimpinan"], tahun=TAHUN, opd=None)
    persetujuan.disetujui_oleh = ppk
    persetujuan.save(update_fields=["disetujui_oleh"])
    ppk.delete()
    response = client_as("pimpinan").get(reverse("pembinaan:rekap"), {"tahun": TAHUN})
    assert response.status_code == 200
    assert "Disetujui PPK" in response.content.decode()


def test_rencana_disusun_dengan_program_yang_menjawab_topik_kebutuhan(org, users):
    """Drafting took the catalogue's first programme of the suggested form for every need, so a gap in
    office applications was planned as 'Pelatihan Pelayanan Prima'. A programme now answers a need when
    its name or competence matches the topic; a JP shortfall (hours, no topic) takes the form's first."""
    Program.objects.create(
        nama="Pelatihan Pelayanan Prima", kompetensi="Pelayanan publik", bentuk="pelatihan_teknis", jp=24
    )
    Program.objects.create(
        nama="Pelatihan Pengadaan Barang/Jasa Tingkat Dasar",
        kompetensi="Pengadaan",
        bentuk="pelatihan_teknis",
        jp=32,
    )
    Program.objects.create(nama="E-learning Wawasan Kebangsaan", kompetensi="", bentuk="e_learning", jp=10)
    Program.objects.create(
        nama="Sosialisasi Manajemen Risiko", kompetensi="Manajemen risiko", bentuk="sosialisasi", jp=4
    )
    kebutuhan = [
        ("jp", "jp:2026", "Pemenuhan JP pengembangan kompetensi", "e_learning"),
        ("kompetensi", "kompetensi:1", "Aplikasi perkantoran", "pelatihan_teknis"),
        ("kompetensi", "kompetensi:2", "Pelayanan prima", "pelatihan_teknis"),
        ("kompetensi", "kompetensi:3", "Pengadaan barang/jasa pemerintah", "pelatihan_teknis"),
        ("kompetensi", "kompetensi:4", "Manajemen risiko", "pelatihan_teknis"),  # a programme, another form
    ]
    for sumber, kunci, topik, bentuk in kebutuhan:
        KebutuhanPengembangan.objects.create(
            pegawai=org.staf_a, tahun=TAHUN, sumber=sumber, kunci=kunci, topik=topik, uraian="bukti",
            bentuk_saran=bentuk,
        )  # fmt: skip
    rencana = services_rencana.rencana_susun(actor=users["pegawai"], pegawai=org.staf_a, tahun=TAHUN)
    hasil = [
        (k.kebutuhan.topik, k.nama_kegiatan, k.program and k.program.nama, k.target_jp)
        for k in rencana.kegiatan.select_related("kebutuhan", "program").order_by("kebutuhan__sumber", "id")
    ]
    assert hasil == [
        ("Pemenuhan JP pengembangan kompetensi", "E-learning Wawasan Kebangsaan", "E-learning Wawasan Kebangsaan", 10),
        ("Aplikasi perkantoran", "Aplikasi perkantoran", None, 8),
        ("Pelayanan prima", "Pelatihan Pelayanan Prima", "Pelatihan Pelayanan Prima", 24),
        ("Pengadaan barang/jasa pemerintah", "Pelatihan Pengadaan Barang/Jasa Tingkat Dasar",
         "Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", 32),
        ("Manajemen risiko", "Manajemen risiko", None, 8),
    ]  # fmt: skip


def _teks_pdf(content: bytes, tmp_path) -> str:
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(content)
    hasil = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(hasil.stdout.split())


def test_sertifikat_ditandatangani_kepala_bkpsdm_dari_register(org, users, client_as, tmp_path):
    """The certificate printed 'Kepala <instansi>' with no name under it; it now takes the Kepala BKPSDM
    in office on the day the activity ended from /penandatangan/, or prints the clear 'not recorded' mark
    the other documents print."""
    modul = d.modul(users["admin_bkd"])
    services_belajar.kuis_jawab(
        actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul)
    )
    url = f"/belajar/ikut/{IkutModul.objects.get().pk}/sertifikat/"

    teks = _teks_pdf(client_as("pegawai").get(url).content, tmp_path)
    assert "Penandatangan Kepala" in teks and "belum dicatat" in teks

    Penandatangan.objects.create(
        peran="kepala_bkpsdm", jabatan="Kepala BKPSDM", nama="Dr. Lama", berlaku_mulai=dt.date(2025, 1, 1),
        berlaku_sampai=dt.date(2026, 11, 30),
    )  # fmt: skip
    Penandatangan.objects.create(
        peran="kepala_bkpsdm", jabatan="Kepala BKPSDM", nama="Dr. Kepala Uji, M.Si.",
        berlaku_mulai=dt.date(2026, 12, 1),
    )  # fmt: skip
    teks = _teks_pdf(client_as("pegawai").get(url).content, tmp_path)  # passed on 2 December 2026
    assert "Dr. Kepala Uji, M.Si." in teks and "Dr. Lama" not in teks and "belum dicatat" not in teks
    assert "Halaman 1 dari 1" in teks


def test_halaman_pelatihan_yang_ditutup_tanpa_kata_ganda(org, users, client_as):
    """An employee not enrolled in a closed event read 'Pendaftaran pendaftaran ditutup.'"""
    from pembinaan import services_pelatihan

    run = d.pelaksanaan(users["admin_bkd"])
    services_pelatihan.pelaksanaan_status(actor=users["admin_bkd"], pelaksanaan=run, ke="ditutup")
    teks = " ".join(
        client_as("pegawai")
        .get(reverse("pembinaan:pelatihan_detail", args=[run.pk]))
        .content.decode()
        .split()
    )
    assert "Pendaftaran sudah ditutup." in teks and "Pendaftaran pendaftaran" not in teks
    services_pelatihan.pelaksanaan_status(actor=users["admin_bkd"], pelaksanaan=run, ke="selesai")
    teks = " ".join(
        client_as("pegawai")
        .get(reverse("pembinaan:pelatihan_detail", args=[run.pk]))
        .content.decode()
        .split()
    )
    assert "Pelatihan ini sudah selesai." in teks


def test_ubah_pelaksanaan_kuota_opd_di_bawah_yang_terdaftar_dan_jp_nol_ditolak(org, users, client_as):
    """Editing an event accepted an OPD quota below that OPD's enrolled employees ('1 kursi' with 3
    enrolled) and a JP of 0 (certificates of 0 JP); both now answer with a message, nothing written."""
    from pembinaan import services_pelatihan
    from pembinaan.models import KuotaOPD

    admin = users["admin_bkd"]
    run = d.pelaksanaan(admin, kuota_opd={org.opd_a.pk: 3})
    for pegawai in (org.staf_a, org.kabid_a):
        services_pelatihan.peserta_daftar(actor=admin, pelaksanaan=run, pegawai=pegawai, catatan=d.SUSULAN)
    data = {
        "program": run.program_id, "nama": run.nama, "tanggal_mulai": "2026-11-10",
        "tanggal_selesai": "2026-11-12", "tempat": "Aula", "kuota": 30, "biaya": 1500000, "jp": 24,
        "keterangan": "", "alasan": "uji", "kuota_opd": f"{org.opd_a.kode}=1", "kehadiran_minimal": 80,
    }  # fmt: skip
    url = reverse("pembinaan:pelatihan_ubah", args=[run.pk])
    teks = " ".join(client_as("admin_bkd").post(url, data).content.decode().split())
    assert f"Kuota {org.opd_a.nama} (1) lebih kecil dari pegawainya yang sudah terdaftar (2)." in teks
    assert KuotaOPD.objects.get(pelaksanaan=run).kuota == 3

    teks = " ".join(
        client_as("admin_bkd").post(url, {**data, "kuota_opd": "", "jp": 0}).content.decode().split()
    )
    assert "JP pelaksanaan harus lebih dari 0" in teks
    run.refresh_from_db()
    assert run.jp == 24 and KuotaOPD.objects.filter(pelaksanaan=run).count() == 1

    response = client_as("admin_bkd").post(url, {**data, "kuota_opd": f"{org.opd_a.kode}=2"})
    assert response.status_code == 302 and KuotaOPD.objects.get(pelaksanaan=run).kuota == 2  # equal is fine


def test_percobaan_kuis_bertanggal_indonesia(org, users, client_as):
    """The module page listed quiz attempts as '02-12-2026 09.00'; dates are written the Indonesian way."""
    modul = d.modul(users["admin_bkd"])
    services_belajar.kuis_jawab(
        actor=users["pegawai"], modul=modul, pegawai=org.staf_a, jawaban=d.jawaban(modul)
    )
    teks = " ".join(
        client_as("pegawai").get(reverse("belajar:modul", args=[modul.pk])).content.decode().split()
    )
    assert "2 Desember 2026 09.00: nilai 100 (lulus)" in teks  # the tests run at 09.00 WITA


from .test_mentoring import pasangan, talenta  # noqa: E402, F401  (fixtures: kepala_a mentors staf_a)


def test_sesi_mentoring_yang_sama_tidak_dicatat_dua_kali(org, users, pasangan, client_as):  # noqa: F811
    """The operator and the admin both logged the mentor's meeting of 1 December (same agenda): two
    sessions, and the JP of both mentor and mentee credited twice. The second is now refused."""
    from pembinaan.models import KegiatanPengembangan, SesiMentoring

    data = {"tanggal": "2026-12-01", "durasi_menit": "90", "agenda": "Orientasi tugas", "catatan": ""}
    url = reverse("pembinaan:mentoring_sesi", args=[pasangan.pk])
    assert client_as("operator_opd").post(url, data).status_code == 302
    response = client_as("admin_bkd").post(url, {**data, "agenda": "orientasi tugas"})
    assert response.status_code == 400
    assert "sudah dicatat untuk pasangan ini; JP tidak dikreditkan dua kali" in response.content.decode()
    assert SesiMentoring.objects.filter(pasangan=pasangan).count() == 1
    assert KegiatanPengembangan.objects.filter(sumber="mentoring").count() == 2  # mentor and mentee, once
    # another meeting the same day, with its own agenda, is a session of its own
    assert client_as("admin_bkd").post(url, {**data, "agenda": "Tindak lanjut"}).status_code == 302
    assert SesiMentoring.objects.filter(pasangan=pasangan).count() == 2


def test_pdf_rencana_tiga_kebutuhan_tiga_kegiatan_satu_halaman(org, users, client_as, tmp_path):
    """The demo employee's plan (three needs, three activities) printed a second page holding only the
    verification note; the signature space is now 12 mm on both sides (it was 16 and 12: names not level)."""
    teks_bukti = "Jabatan Pengolah Data dan Informasi membutuhkan kompetensi {}; belum tercatat pada profil kompetensi pegawai."
    KebutuhanPengembangan.objects.create(
        pegawai=org.staf_a, tahun=TAHUN, sumber="jp", kunci="jp:2026", topik="Pemenuhan JP pengembangan kompetensi",
        uraian="JP tahun 2026: 17 dari target 20 JP (kurang 3 JP; PP 17/2020 Pasal 203 ayat (4)).", bentuk_saran="e_learning",
    )  # fmt: skip
    for i, topik in enumerate(("Aplikasi perkantoran", "Pelayanan prima")):
        KebutuhanPengembangan.objects.create(
            pegawai=org.staf_a, tahun=TAHUN, sumber="kompetensi", kunci=f"kompetensi:{i}", topik=topik,
            uraian=teks_bukti.format(topik), bentuk_saran="pelatihan_teknis",
        )  # fmt: skip
    rencana = services_rencana.rencana_susun(actor=users["pegawai"], pegawai=org.staf_a, tahun=TAHUN)
    assert rencana.kegiatan.count() == 3
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    services_rencana.rencana_setujui(actor=users["atasan"], rencana=rencana)  # approved: no DRAF ribbon
    response = client_as("pegawai").get(reverse("pembinaan:rencana_pdf", args=[rencana.pk]))
    teks = _teks_pdf(response.content, tmp_path)
    assert "Halaman 1 dari 1" in teks and "Keaslian dokumen ini" in teks
