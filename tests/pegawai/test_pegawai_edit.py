"""Editing employees and the organisation: validation in Indonesian, audit trail, derived atasan."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pegawai import services
from pegawai.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from tests.factories import JabatanFactory


def _form_data(pegawai: Pegawai, **changes):
    data = {
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "gelar_depan": "",
        "gelar_belakang": "",
        "tempat_lahir": pegawai.tempat_lahir,
        "tanggal_lahir": pegawai.tanggal_lahir.isoformat(),
        "jenis_kelamin": pegawai.jenis_kelamin,
        "agama": pegawai.agama,
        "status_perkawinan": "",
        "status_kepegawaian": pegawai.status_kepegawaian,
        "golongan": pegawai.golongan_id,
        "tmt_golongan": pegawai.tmt_golongan.isoformat(),
        "mkg_tahun": pegawai.mkg_tahun,
        "mkg_bulan": 0,
        "tmt_cpns": pegawai.tmt_cpns.isoformat(),
        "unit_kerja": pegawai.unit_kerja_id,
        "jabatan": pegawai.jabatan_id,
        "tmt_jabatan": pegawai.tmt_jabatan.isoformat(),
        "pendidikan_jenjang": "S1",
        "pendidikan_jurusan": "",
        "npwp": "",
        "nama_bank": "",
        "nomor_rekening": "",
        "email": "",
        "telepon": "",
        "aktif": "on",
        "nip_atasan": "",
    }
    data.update(changes)
    return data


def test_admin_edit_is_recorded_in_history_and_shown_on_profile(org, users, client_as):
    client = client_as("admin_bkd")
    response = client.post(
        f"/pegawai/{org.staf_a.nip}/ubah/", _form_data(org.staf_a, tempat_lahir="Donggala")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    assert pegawai.tempat_lahir == "Donggala"
    response = client.get(f"/pegawai/{org.staf_a.nip}/tab/riwayat/")  # loaded on demand by the profile
    # The label, the name and the value all appear elsewhere on the page (biodata, the navbar's login):
    # check the history entry itself.
    terbaru = response.context["perubahan"][0]
    assert (terbaru.oleh, terbaru.jenis) == (str(users["admin_bkd"]), "Diubah")
    assert ("tempat lahir", "—", "Donggala") in terbaru.rincian
    assert (
        '<strong>Tempat lahir</strong>: <span class="diff-old">—</span> → <span class="diff-new">Donggala</span>'
        in response.content.decode()
    )
    assert Pegawai.history.filter(id=org.staf_a.pk).first().history_user == users["admin_bkd"]


def test_nip_mismatch_is_a_field_error_in_indonesian(org, client_as):
    wrong_birth = (org.staf_a.tanggal_lahir + dt.timedelta(days=1)).isoformat()
    response = client_as("admin_bkd").post(
        f"/pegawai/{org.staf_a.nip}/ubah/", _form_data(org.staf_a, tanggal_lahir=wrong_birth)
    )
    assert response.status_code == 200
    assert "NIP tidak cocok dengan tanggal lahir." in response.content.decode()
    assert Pegawai.objects.get(pk=org.staf_a.pk).tanggal_lahir == org.staf_a.tanggal_lahir


def test_manual_atasan_override_survives_recompute(org, client_as):
    response = client_as("admin_bkd").post(
        f"/pegawai/{org.staf_a.nip}/ubah/",
        _form_data(org.staf_a, atasan_manual="on", nip_atasan=org.kepala_a.nip),
    )
    assert response.status_code == 302
    services.atasan_recompute()
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    assert pegawai.atasan_id == org.kepala_a.pk
    assert pegawai.atasan_manual


def test_job_change_writes_riwayat_jabatan_and_new_atasan(org, users):
    new_jab = JabatanFactory(
        unit_kerja=org.opd_a,
        nama="Analis Kebijakan",
        jenis="fungsional",
        jenjang_fungsional="ahli muda",
        kelas_jabatan=9,
    )
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    pegawai.unit_kerja = org.opd_a
    pegawai.jabatan = new_jab
    pegawai.tmt_jabatan = dt.date(2026, 1, 2)
    services.pegawai_save(actor=users["admin_bkd"], pegawai=pegawai)
    pegawai.refresh_from_db()
    assert pegawai.atasan_id == org.kepala_a.pk  # now directly under the OPD head
    assert RiwayatJabatan.objects.filter(
        pegawai=pegawai, tmt=dt.date(2026, 1, 2), nama_jabatan="Analis Kebijakan"
    ).exists()


def test_jabatan_in_another_unit_is_refused(org, users):
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    pegawai.jabatan = Jabatan.objects.get(nama="Pengadministrasi Umum")
    with pytest.raises(ValidationError) as exc:
        services.pegawai_save(actor=users["admin_bkd"], pegawai=pegawai)
    assert "jabatan" in exc.value.message_dict


def test_operator_cannot_edit_other_opd_via_service(org, users):
    from django.core.exceptions import PermissionDenied

    pegawai = Pegawai.objects.get(pk=org.staf_b.pk)
    with pytest.raises(PermissionDenied):
        services.pegawai_save(actor=users["operator_opd"], pegawai=pegawai)


def test_derived_dates(org):
    pegawai = Pegawai.objects.get(pk=org.staf_a.pk)
    pegawai.tanggal_lahir = dt.date(1970, 5, 17)
    assert pegawai.hitung_tanggal_pensiun() == dt.date(2028, 6, 1)  # 58 years, first day of next month
    pegawai.jabatan.jenis = "jpt"
    assert pegawai.hitung_tanggal_pensiun() == dt.date(2030, 6, 1)  # 60 for JPT
    pegawai.tmt_golongan = dt.date(2020, 4, 1)
    pegawai.mkg_tahun, pegawai.mkg_bulan = 3, 0
    # MKG 0 on 2017-04-01 → KGB every two years: …, 2025-04-01, 2027-04-01
    assert pegawai.hitung_kgb_berikutnya(dt.date(2026, 11, 22)) == dt.date(2027, 4, 1)
    assert pegawai.mkg_pada(dt.date(2026, 11, 22)) == (9, 7)


def test_unit_move_updates_descendant_paths_and_opd(org, users):
    unit = UnitKerja.objects.get(kode="A.1")
    unit.induk = org.opd_b
    services.unit_kerja_save(actor=users["admin_bkd"], unit=unit)
    unit.refresh_from_db()
    assert unit.path == "B/A.1"
    assert unit.opd_id == org.opd_b.pk
    assert Pegawai.objects.get(pk=org.staf_a.pk).opd_id == org.opd_b.pk


def test_unit_and_jabatan_pages_for_admin_only(org, client_as):
    assert client_as("admin_bkd").get("/organisasi/A/jabatan/tambah/").status_code == 200
    assert client_as("operator_opd").get("/organisasi/A/jabatan/tambah/").status_code == 403
    response = client_as("admin_bkd").post(
        "/organisasi/A/jabatan/tambah/",
        {
            "unit_kerja": org.opd_a.pk,
            "nama": "Sekretaris Dinas",
            "jenis": "administrator",
            "eselon": "",
            "kelas_jabatan": 11,
            "kebutuhan": 1,
        },
    )
    assert "Jabatan struktural wajib memiliki eselon." in response.content.decode()


def test_family_edit_is_audited(org, users, client_as):
    client = client_as("operator_opd")
    url = f"/pegawai/{org.staf_a.nip}/keluarga/"
    data = {
        "keluarga-TOTAL_FORMS": "2",
        "keluarga-INITIAL_FORMS": "0",
        "keluarga-MIN_NUM_FORMS": "0",
        "keluarga-MAX_NUM_FORMS": "1000",
        "keluarga-0-hubungan": "istri",
        "keluarga-0-nama": "Nur Aisyah",
        "keluarga-0-tanggal_lahir": "1990-02-03",
        "keluarga-0-dapat_tunjangan": "on",
        "keluarga-1-hubungan": "",
        "keluarga-1-nama": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    anggota = org.staf_a.keluarga.get()
    assert anggota.nama == "Nur Aisyah"
    assert anggota.history.first().history_user == users["operator_opd"]
    page = client.get(f"/pegawai/{org.staf_a.nip}/tab/riwayat/").content.decode()
    assert "Keluarga: Nur Aisyah" in page
    assert client_as("operator_opd").get(f"/pegawai/{org.staf_b.nip}/keluarga/").status_code == 404
