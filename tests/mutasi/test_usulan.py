"""The proposal's path through the services: data checks, guards and overrides, the checklist, the
placement team, the consultation, the PPK's decision, and every step in the history with its actor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mutasi import selectors, services
from mutasi.models import PengecualianGuard, SyaratDokumen, UsulanMutasi
from pegawai.models import RiwayatHukumanDisiplin

from .conftest import buat_usulan, lengkapi_dokumen, pdf

S = UsulanMutasi.Status


def test_create_takes_a_snapshot_of_the_origin(org, users, usulan_draft, jabatan_tujuan):
    u = usulan_draft
    assert u.status == S.DRAFT and u.sumber == "operator_opd"
    assert u.lingkup == "antar_opd"
    assert (u.opd_asal, u.unit_asal, u.jabatan_asal) == (org.opd_a, org.bidang_a, org.staf_a.jabatan)
    assert u.nama_jabatan_asal == "Pengelola Data Pendidikan" and u.nama_unit_asal == "Bidang Pembinaan SD"
    assert u.opd_tujuan == org.opd_b
    h = u.history.first()
    assert h.history_user == users["operator_opd"] and h.history_change_reason == "Usulan dibuat"


def test_rotation_within_the_unit_and_between_units(org, users):
    from tests.factories import JabatanFactory

    sama_unit = JabatanFactory(unit_kerja=org.bidang_a, nama="Analis Kurikulum")
    other = JabatanFactory(unit_kerja=org.opd_a, nama="Pengelola Umum")
    assert buat_usulan(users["operator_opd"], org.staf_a, sama_unit).lingkup == "rotasi"
    assert buat_usulan(users["operator_opd"], org.staf_a, other).lingkup == "antar_unit"


def test_bad_data_each_named(org, users, jabatan_tujuan):
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_create(
            actor=users["admin_bkd"],
            jenis="dalam_pemda",
            pegawai=None,
            jabatan_tujuan=None,
            tmt_rencana=None,
            alasan="",
        )
    errors = info.value.message_dict
    assert errors["pegawai"] == ["Pegawai wajib dipilih."]
    assert errors["jabatan_tujuan"] == ["Jabatan tujuan wajib dipilih."]
    assert errors["tmt_rencana"] == ["TMT yang direncanakan wajib diisi."]
    assert errors["alasan"] == ["Alasan usulan wajib diisi."]


def test_long_reason_refused_with_a_message(org, users, jabatan_tujuan):
    with pytest.raises(ValidationError) as info:
        buat_usulan(users["operator_opd"], org.staf_a, jabatan_tujuan, alasan="x" * 501)
    assert info.value.message_dict["alasan"] == ["Alasan usulan paling panjang 500 karakter (sekarang 501)."]
    assert not UsulanMutasi.objects.exists()


def test_inactive_and_retiring_employees_refused(org, users, jabatan_tujuan):
    org.staf_a.aktif = False
    org.staf_a.save(update_fields=["aktif"])
    with pytest.raises(ValidationError) as info:
        buat_usulan(users["admin_bkd"], org.staf_a, jabatan_tujuan)
    assert "tidak aktif" in info.value.message_dict["pegawai"][0]
    org.staf_a.aktif = True
    org.staf_a.save(update_fields=["aktif"])
    with pytest.raises(ValidationError) as info:
        buat_usulan(users["admin_bkd"], org.staf_a, jabatan_tujuan, tmt_rencana=org.staf_a.tanggal_pensiun)
    assert "pensiun pada" in info.value.message_dict["pegawai"][0]


def test_operator_cannot_propose_for_another_opd(org, users):
    from tests.factories import JabatanFactory

    lain = JabatanFactory(unit_kerja=org.opd_b, nama="Perawat")
    with pytest.raises(PermissionDenied):
        buat_usulan(users["operator_opd"], org.staf_b, lain)


def test_incoming_and_outgoing_need_the_other_government(org, users, jabatan_tujuan):
    with pytest.raises(ValidationError) as info:
        buat_usulan(users["admin_bkd"], None, jabatan_tujuan, jenis="masuk")
    assert "nama_pegawai" in info.value.message_dict and "instansi" in info.value.message_dict
    masuk = buat_usulan(
        users["admin_bkd"],
        None,
        jabatan_tujuan,
        jenis="masuk",
        nama_pegawai="Rina Marlina",
        nip_pegawai="199001012015032001",
        instansi="Pemerintah Kabupaten Sigi",
        jabatan_instansi_lain="Pengadministrasi Umum",
    )
    assert masuk.lingkup == "antar_instansi" and masuk.opd_asal is None and masuk.opd_tujuan == org.opd_b
    keluar = buat_usulan(
        users["admin_bkd"],
        org.staf_a,
        jabatan_tujuan,
        jenis="keluar",
        instansi="Pemerintah Provinsi Sulawesi Tengah",
    )
    assert keluar.jabatan_tujuan is None and keluar.tujuan_tampil.endswith(
        "Pemerintah Provinsi Sulawesi Tengah"
    )


def test_edit_a_draft(org, users, usulan_draft, jabatan_tujuan):
    services.usulan_mutasi_update(
        actor=users["operator_opd"],
        usulan=usulan_draft,
        jenis="dalam_pemda",
        pegawai=org.staf_a,
        jabatan_tujuan=jabatan_tujuan,
        tmt_rencana=dt.date(2027, 2, 1),
        alasan="Alasan yang diperbarui",
    )
    usulan_draft.refresh_from_db()
    assert usulan_draft.tmt_rencana == dt.date(2027, 2, 1) and usulan_draft.alasan == "Alasan yang diperbarui"
    assert usulan_draft.history.first().history_change_reason == "Usulan diubah"


# --- guards and overrides -----------------------------------------------------------------------------


@pytest.fixture
def staf_baru_menjabat(org):
    """staf_a in the current post since 1 February 2025: 1 year 11 months on TMT 1 January 2027."""
    org.staf_a.tmt_jabatan = dt.date(2025, 2, 1)
    org.staf_a.save(update_fields=["tmt_jabatan"])
    return org.staf_a


def test_violated_guard_blocks_submission(users, staf_baru_menjabat, jabatan_tujuan):
    usulan = buat_usulan(users["operator_opd"], staf_baru_menjabat, jabatan_tujuan)
    lengkapi_dokumen(users["operator_opd"], usulan)
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan)
    teks = " ".join(info.value.messages)
    assert "Masa dalam jabatan: Baru 1 tahun 11 bulan" in teks and "minimal 2 tahun" in teks
    assert "PP 11/2017 Pasal 190" in teks
    usulan.refresh_from_db()
    assert usulan.status == S.DRAFT


@pytest.mark.parametrize(
    ("alasan", "nomor", "tanggal", "field"),
    [
        ("", "800/12/BKN", dt.date(2026, 10, 1), "alasan"),
        ("Kebutuhan mendesak", "", dt.date(2026, 10, 1), "nomor_dokumen"),
        ("Kebutuhan mendesak", "800/12/BKN", None, "tanggal_dokumen"),
        ("x" * 501, "800/12/BKN", dt.date(2026, 10, 1), "alasan"),
    ],
)
def test_override_needs_reason_number_and_date(
    users, staf_baru_menjabat, jabatan_tujuan, alasan, nomor, tanggal, field
):
    usulan = buat_usulan(users["operator_opd"], staf_baru_menjabat, jabatan_tujuan)
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_override_guard(
            actor=users["admin_bkd"],
            usulan=usulan,
            kode_guard="masa_jabatan",
            alasan=alasan,
            nomor_dokumen=nomor,
            tanggal_dokumen=tanggal,
        )
    assert field in info.value.message_dict
    assert not PengecualianGuard.objects.exists()


def test_override_lets_the_proposal_pass_and_is_kept(users, staf_baru_menjabat, jabatan_tujuan):
    usulan = buat_usulan(users["operator_opd"], staf_baru_menjabat, jabatan_tujuan)
    with pytest.raises(PermissionDenied):  # the operator records no override
        services.usulan_mutasi_override_guard(
            actor=users["operator_opd"],
            usulan=usulan,
            kode_guard="masa_jabatan",
            alasan="x",
            nomor_dokumen="1",
            tanggal_dokumen=dt.date(2026, 10, 1),
        )
    services.usulan_mutasi_override_guard(
        actor=users["admin_bkd"],
        usulan=usulan,
        kode_guard="masa_jabatan",
        alasan="Pengisian jabatan kosong di puskesmas terpencil",
        nomor_dokumen="800.1/45/BKPSDM",
        tanggal_dokumen=dt.date(2026, 10, 20),
    )
    lengkapi_dokumen(users["operator_opd"], usulan)
    services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan)
    usulan.refresh_from_db()
    assert usulan.status == S.DIAJUKAN
    p = PengecualianGuard.objects.get(usulan=usulan)
    assert (p.nomor_dokumen, p.tanggal_dokumen, p.dibuat_oleh) == (
        "800.1/45/BKPSDM",
        dt.date(2026, 10, 20),
        users["admin_bkd"],
    )
    assert any(
        "Pengecualian Masa dalam jabatan: 800.1/45/BKPSDM" in (h.history_change_reason or "")
        for h in usulan.history.all()
    )


def test_guard_checked_again_at_approval(org, users, usulan_direkomendasikan):
    RiwayatHukumanDisiplin.objects.create(
        pegawai=org.staf_a,
        tingkat="sedang",
        jenis="Pemotongan tunjangan kinerja 25% selama 6 bulan",
        tmt=dt.date(2026, 11, 1),
        tanggal_selesai=dt.date(2027, 4, 30),
    )
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_approve(actor=users["pimpinan"], usulan=usulan_direkomendasikan)
    assert "Hukuman disiplin yang berlaku" in " ".join(info.value.messages)


# --- checklist ---------------------------------------------------------------------------------------


def test_checklist_follows_kind_and_source(org, users, usulan_draft):
    nama = [s.nama for s, _ in selectors.checklist(usulan_draft)]
    assert "Rekomendasi kepala OPD asal" in nama  # between OPDs
    assert "Surat permohonan pindah dari pegawai (APS)" not in nama  # not the employee's own request


def test_verification_lists_missing_documents(users, usulan_draft):
    services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan_draft)
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_verify(actor=users["admin_bkd"], usulan=usulan_draft)
    assert "Dokumen belum diunggah: SK jabatan terakhir." in info.value.messages
    lengkapi_dokumen(users["admin_bkd"], usulan_draft)
    services.usulan_mutasi_verify(actor=users["admin_bkd"], usulan=usulan_draft)
    usulan_draft.refresh_from_db()
    assert usulan_draft.status == S.DIVERIFIKASI


def test_upload_checks_content(users, usulan_draft):
    syarat = selectors.checklist(usulan_draft)[0][0]
    palsu = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_upload_dokumen(
            actor=users["operator_opd"], usulan=usulan_draft, syarat=syarat, berkas=palsu
        )
    assert info.value.message_dict["berkas"] == ["Isi berkas bukan PDF yang sah."]
    lain = SyaratDokumen.objects.filter(jenis="masuk").first()
    with pytest.raises(ValidationError):
        services.usulan_mutasi_upload_dokumen(
            actor=users["operator_opd"], usulan=usulan_draft, syarat=lain, berkas=pdf()
        )


def test_maker_is_not_checker(users, admin2, org, jabatan_tujuan):
    usulan = buat_usulan(users["admin_bkd"], org.staf_a, jabatan_tujuan)
    lengkapi_dokumen(users["admin_bkd"], usulan)
    services.usulan_mutasi_submit(actor=users["admin_bkd"], usulan=usulan)
    with pytest.raises(PermissionDenied):
        services.usulan_mutasi_verify(actor=users["admin_bkd"], usulan=usulan)
    services.usulan_mutasi_verify(actor=admin2, usulan=usulan)


def test_incoming_needs_origin_approval_at_verification(users, admin2, jabatan_tujuan):
    usulan = buat_usulan(
        users["admin_bkd"],
        None,
        jabatan_tujuan,
        jenis="masuk",
        nama_pegawai="Rina",
        nip_pegawai="199001012015032001",
        instansi="Pemerintah Kabupaten Sigi",
    )
    lengkapi_dokumen(users["admin_bkd"], usulan)
    services.usulan_mutasi_submit(actor=users["admin_bkd"], usulan=usulan)
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_verify(actor=admin2, usulan=usulan)
    assert info.value.messages == ["Nomor dan tanggal persetujuan PPK instansi asal belum diisi."]


# --- team, consultation, decision ------------------------------------------------------------------


def test_tpk_recommendation_moves_it_to_the_ppk(users, usulan_diverifikasi, sidang):
    services.rekomendasi_tpk_record(
        actor=users["admin_bkd"], sidang=sidang, usulan=usulan_diverifikasi, keputusan="tunda"
    )
    usulan_diverifikasi.refresh_from_db()
    assert usulan_diverifikasi.status == S.DIVERIFIKASI
    with pytest.raises(ValidationError) as info:
        services.rekomendasi_tpk_record(
            actor=users["admin_bkd"],
            sidang=services.sidang_tpk_create(actor=users["admin_bkd"], tanggal=dt.date(2026, 11, 9)),
            usulan=usulan_diverifikasi,
            keputusan="tidak",
        )
    assert info.value.message_dict["catatan"] == ["Catatan wajib diisi bila TPK tidak setuju."]


def test_consultation_visible_from_review_and_answered(org, users, usulan_draft):
    pegawai = users["pegawai"]
    assert not selectors.usulan_saya(user=pegawai).exists()
    lengkapi_dokumen(users["operator_opd"], usulan_draft)
    services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan_draft)
    assert not selectors.usulan_saya(user=pegawai).exists()  # not yet at the review stage
    with pytest.raises(PermissionDenied):
        services.usulan_mutasi_respond(actor=pegawai, usulan=usulan_draft, tanggapan="setuju")
    services.usulan_mutasi_verify(actor=users["admin_bkd"], usulan=usulan_draft)
    assert list(selectors.usulan_saya(user=pegawai)) == [usulan_draft]
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_respond(actor=pegawai, usulan=usulan_draft, tanggapan="keberatan", alasan="")
    assert info.value.message_dict["alasan"] == ["Alasan keberatan wajib diisi."]
    with pytest.raises(PermissionDenied):  # someone else cannot answer for them
        services.usulan_mutasi_respond(actor=users["atasan"], usulan=usulan_draft, tanggapan="setuju")
    services.usulan_mutasi_respond(
        actor=pegawai,
        usulan=usulan_draft,
        tanggapan="keberatan",
        alasan="Anak saya bersekolah di dekat kantor sekarang.",
    )
    usulan_draft.refresh_from_db()
    assert usulan_draft.tanggapan == "keberatan"
    assert usulan_draft.history.first().history_user == pegawai


def test_full_path_to_approval_with_history(users, usulan_direkomendasikan):
    with pytest.raises(PermissionDenied):
        services.usulan_mutasi_approve(actor=users["admin_bkd"], usulan=usulan_direkomendasikan)
    services.usulan_mutasi_approve(actor=users["pimpinan"], usulan=usulan_direkomendasikan, catatan="Setuju")
    u = usulan_direkomendasikan
    u.refresh_from_db()
    assert u.status == S.DISETUJUI and u.diputuskan_oleh == users["pimpinan"]
    langkah = [(h.status, h.history_user.username) for h in reversed(u.history.all())]
    assert langkah[0] == ("draft", "operator_opd")
    assert ("diajukan", "operator_opd") in langkah
    assert ("diverifikasi", "admin_bkd") in langkah
    assert ("direkomendasikan", "admin_bkd") in langkah
    assert langkah[-1] == ("disetujui", "pimpinan")


def test_return_needs_a_reason_and_allows_resubmission(users, usulan_diverifikasi):
    with pytest.raises(ValidationError) as info:
        services.usulan_mutasi_return(actor=users["admin_bkd"], usulan=usulan_diverifikasi, alasan=" ")
    assert info.value.message_dict["alasan"] == ["Alasan pengembalian wajib diisi."]
    services.usulan_mutasi_return(
        actor=users["admin_bkd"], usulan=usulan_diverifikasi, alasan="Lengkapi rekomendasi atasan"
    )
    usulan_diverifikasi.refresh_from_db()
    assert usulan_diverifikasi.status == S.DIKEMBALIKAN
    assert usulan_diverifikasi.catatan_status == "Lengkapi rekomendasi atasan"
    services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan_diverifikasi)
    usulan_diverifikasi.refresh_from_db()
    assert usulan_diverifikasi.status == S.DIAJUKAN


def test_reject(users, usulan_direkomendasikan):
    services.usulan_mutasi_reject(
        actor=users["pimpinan"], usulan=usulan_direkomendasikan, alasan="Tidak sesuai pola karier"
    )
    usulan_direkomendasikan.refresh_from_db()
    assert usulan_direkomendasikan.status == S.DITOLAK


# --- APS ---------------------------------------------------------------------------------------------


def test_employee_files_a_request_to_move(org, users, jabatan_tujuan):
    usulan = services.aps_create(
        actor=users["pegawai"], jabatan_tujuan=jabatan_tujuan, alasan="Mengikuti suami"
    )
    assert (usulan.sumber, usulan.status, usulan.pegawai) == ("aps", "draft", org.staf_a)
    assert usulan in selectors.usulan_saya(user=users["pegawai"])
    assert usulan in selectors.usulan_list_visible_to(user=users["operator_opd"])
    nama = [s.nama for s, _ in selectors.checklist(usulan)]
    assert "Surat permohonan pindah dari pegawai (APS)" in nama
