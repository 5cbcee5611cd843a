"""SKP planning, evaluation and objection: who may do what, and bad input changing nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from kinerja import selectors, services
from kinerja.models import (
    SKP,
    Delegasi,
    HasilKerja,
    Penilaian,
    PenilaianPotensial,
    PenutupanPeriode,
    PerilakuKerja,
)
from tests.factories import PegawaiFactory, UserFactory

from .conftest import tambah_hasil_kerja

ATAS, SESUAI, BAWAH = "di atas ekspektasi", "sesuai ekspektasi", "di bawah ekspektasi"


def test_skp_is_agreed_with_the_atasan_from_the_org_chart(org, users, periode):
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    assert skp.pejabat_penilai == org.kabid_a
    assert skp.atasan_pejabat_penilai == org.kepala_a
    assert sorted(skp.perilaku.values_list("aspek", flat=True)) == sorted(PerilakuKerja.Aspek.values)
    assert len(PerilakuKerja.Aspek.values) == 7  # BerAKHLAK

    with pytest.raises(ValidationError, match="belum mempunyai hasil kerja utama"):
        services.skp_submit(actor=users["pegawai"], skp=skp)

    # Cascading: the row supports a row of the atasan's own SKP of the same year.
    skp_atasan = services.skp_create(actor=users["atasan"], pegawai=org.kabid_a, periode=periode)
    hk_atasan = tambah_hasil_kerja(users["atasan"], skp_atasan, uraian="Tata kelola data pendidikan dasar")
    hk = tambah_hasil_kerja(users["pegawai"], skp, mendukung=hk_atasan)
    assert hk.mendukung == hk_atasan
    services.skp_submit(actor=users["pegawai"], skp=skp)

    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        tambah_hasil_kerja(users["pegawai"], skp, uraian="Baris setelah diajukan")
    with pytest.raises(PermissionDenied):
        services.skp_approve(actor=users["pegawai"], skp=skp)  # nobody approves their own SKP
    services.skp_return(actor=users["atasan"], skp=skp, catatan="Target terlalu rendah")
    skp.refresh_from_db()
    assert (skp.status, skp.catatan_atasan) == (SKP.Status.DIKEMBALIKAN, "Target terlalu rendah")
    services.skp_submit(actor=users["pegawai"], skp=skp)
    services.skp_approve(
        actor=users["atasan"], skp=skp, ekspektasi={"akuntabel": "Laporan data tepat waktu setiap bulan"}
    )
    skp.refresh_from_db()
    assert skp.status == SKP.Status.DISETUJUI
    assert skp.perilaku.get(aspek="akuntabel").ekspektasi_khusus == "Laporan data tepat waktu setiap bulan"
    assert [h.history_change_reason for h in skp.history.order_by("history_date")] == [
        "SKP disusun",
        "SKP diajukan",
        "SKP dikembalikan: Target terlalu rendah",
        "SKP diajukan",
        "SKP disetujui",
    ]


def test_row_without_indicator_or_target_is_refused_and_nothing_written(org, users, periode):
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    with pytest.raises(ValidationError) as err:
        services.hasil_kerja_save(
            actor=users["pegawai"], skp=skp, uraian="Laporan", jenis="utama", indikator=[]
        )
    assert err.value.message_dict == {
        "indikator": ["Setiap hasil kerja wajib mempunyai minimal satu indikator."]
    }
    with pytest.raises(ValidationError) as err:
        services.hasil_kerja_save(
            actor=users["pegawai"],
            skp=skp,
            uraian="Laporan",
            jenis="utama",
            indikator=[{"uraian": "Jumlah laporan", "jenis": "kuantitatif", "target_angka": None}],
        )
    assert err.value.message_dict == {"indikator": ["Indikator 1: target kuantitatif harus angka > 0."]}
    assert not HasilKerja.objects.filter(skp=skp).exists()


def test_rating_gives_the_matrix_predikat_and_only_the_pejabat_penilai_rates(skp_disetujui, org, users):
    with pytest.raises(PermissionDenied):  # nobody rates themselves
        services.penilaian_rate(
            actor=users["pegawai"],
            skp=skp_disetujui,
            periode="triwulan-1",
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=ATAS,
        )
    kepala = UserFactory(username="kepala")
    org.kepala_a.user = kepala
    org.kepala_a.save(update_fields=["user"])
    with pytest.raises(PermissionDenied):  # the atasan's atasan is not the pejabat penilai
        services.penilaian_rate(
            actor=kepala,
            skp=skp_disetujui,
            periode="triwulan-1",
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=ATAS,
        )
    penilaian = services.penilaian_rate(
        actor=users["atasan"],
        skp=skp_disetujui,
        periode="triwulan-1",
        rating_hasil_kerja=SESUAI,
        rating_perilaku_kerja=BAWAH,
    )
    assert (penilaian.predikat, penilaian.pejabat_penilai, penilaian.opd) == (
        "kurang",
        org.kabid_a,
        org.opd_a,
    )
    assert (
        not Penilaian.objects.filter(pegawai=org.staf_a, periode="triwulan-1")
        .exclude(pk=penilaian.pk)
        .exists()
    )


def test_an_acting_official_with_a_valid_delegation_may_rate(skp_disetujui, org, users):
    plt = PegawaiFactory(jabatan=org.kabid_a.jabatan, nama="Rahmat Hidayat")
    plt_user = UserFactory(username="plt")
    plt.user = plt_user
    plt.save(update_fields=["user"])
    with pytest.raises(PermissionDenied):
        services.penilaian_rate(
            actor=plt_user,
            skp=skp_disetujui,
            periode="triwulan-2",
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=ATAS,
        )
    today = timezone.localdate()
    Delegasi.objects.create(
        jenis="Plt",
        pemberi=org.kabid_a,
        penerima=plt,
        mulai=today - dt.timedelta(days=1),
        selesai=today + dt.timedelta(days=30),
        nomor_sk="800/12/BKPSDM/2026",
    )
    penilaian = services.penilaian_rate(
        actor=plt_user,
        skp=skp_disetujui,
        periode="triwulan-2",
        rating_hasil_kerja=ATAS,
        rating_perilaku_kerja=ATAS,
    )
    assert penilaian.predikat == "sangat baik"


def test_rating_outside_an_open_period_is_refused(skp_disetujui, users):
    PenutupanPeriode.objects.create(
        periode_kinerja=skp_disetujui.periode,
        periode="triwulan-1",
        status="selesai",
        dijalankan_oleh=users["admin_bkd"],
    )
    with pytest.raises(ValidationError, match="Triwulan I 2026 sudah ditutup"):
        services.penilaian_rate(
            actor=users["atasan"],
            skp=skp_disetujui,
            periode="triwulan-1",
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=ATAS,
        )
    with pytest.raises(
        ValidationError, match="bulan-03' tidak ada"
    ):  # a quarterly year has no monthly periods
        services.penilaian_rate(
            actor=users["atasan"],
            skp=skp_disetujui,
            periode="bulan-03",
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=ATAS,
        )
    skp_disetujui.periode.status = "ditutup"
    skp_disetujui.periode.save()
    with pytest.raises(ValidationError, match="Periode kinerja 2026 sudah ditutup"):
        services.penilaian_rate(
            actor=users["atasan"],
            skp=skp_disetujui,
            periode="triwulan-2",
            rating_hasil_kerja=ATAS,
            rating_perilaku_kerja=ATAS,
        )
    assert not Penilaian.objects.exists()


def test_unit_head_annual_rating_follows_the_unit_predikat(org, users, periode):
    skp = services.skp_create(actor=users["atasan"], pegawai=org.kabid_a, periode=periode)
    tambah_hasil_kerja(users["atasan"], skp)
    services.skp_submit(actor=users["atasan"], skp=skp)
    kepala = UserFactory(username="kepala")
    org.kepala_a.user = kepala
    org.kepala_a.save(update_fields=["user"])
    services.skp_approve(actor=kepala, skp=skp)
    with pytest.raises(ValidationError, match="Predikat unit kerja belum ditetapkan"):
        services.penilaian_rate(
            actor=kepala, skp=skp, periode="tahunan", rating_hasil_kerja=ATAS, rating_perilaku_kerja=SESUAI
        )
    with pytest.raises(PermissionDenied):  # the bidang's own head cannot set its predikat
        services.predikat_unit_set(
            actor=users["atasan"], unit_kerja=org.bidang_a, periode=periode, predikat="istimewa"
        )
    services.predikat_unit_set(
        actor=kepala, unit_kerja=org.bidang_a, periode=periode, predikat="butuh perbaikan"
    )
    penilaian = services.penilaian_rate(
        actor=kepala, skp=skp, periode="tahunan", rating_hasil_kerja=ATAS, rating_perilaku_kerja=SESUAI
    )
    assert (penilaian.rating_hasil_kerja, penilaian.predikat) == (BAWAH, "butuh perbaikan")


def test_employee_acknowledges_or_objects_and_the_atasans_superior_decides(skp_disetujui, org, users):
    penilaian = services.penilaian_rate(
        actor=users["atasan"],
        skp=skp_disetujui,
        periode="triwulan-1",
        rating_hasil_kerja=BAWAH,
        rating_perilaku_kerja=SESUAI,
    )
    assert penilaian.predikat == "butuh perbaikan"
    keberatan = services.keberatan_submit(
        actor=users["pegawai"],
        penilaian=penilaian,
        alasan="Bukti verifikasi 130 sekolah belum dipertimbangkan",
    )
    assert keberatan.pemutus == org.kepala_a
    with pytest.raises(
        PermissionDenied
    ):  # the pejabat penilai does not decide the objection to their own rating
        services.keberatan_decide(
            actor=users["atasan"], keberatan=keberatan, dikabulkan=False, alasan_keputusan="x"
        )
    kepala = UserFactory(username="kepala")
    org.kepala_a.user = kepala
    org.kepala_a.save(update_fields=["user"])
    with pytest.raises(ValidationError, match="Alasan keputusan wajib diisi"):
        services.keberatan_decide(actor=kepala, keberatan=keberatan, dikabulkan=True, alasan_keputusan=" ")
    services.keberatan_decide(
        actor=kepala,
        keberatan=keberatan,
        dikabulkan=True,
        alasan_keputusan="Bukti dukung lengkap",
        rating_hasil_kerja=SESUAI,
        rating_perilaku_kerja=SESUAI,
    )
    penilaian.refresh_from_db()
    assert (penilaian.predikat, penilaian.status, penilaian.sumber) == ("baik", "diterima", "keberatan")
    assert penilaian.history.first().history_change_reason == "Keberatan dikabulkan: Bukti dukung lengkap"


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("bukti.exe", b"MZ\x90\x00", "Jenis berkas .exe tidak diterima"),
        ("bukti.pdf", b"bukan pdf", "Isi berkas bukan PDF yang sah"),
        ("besar.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "terlalu besar; maksimal 5 MB"),
    ],
)
def test_evidence_of_the_wrong_type_or_size_is_refused(
    skp_disetujui, users, nama, isi, pesan, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    hk = skp_disetujui.hasil_kerja.get()
    with pytest.raises(ValidationError, match=pesan):
        services.bukti_upload(
            actor=users["pegawai"], hasil_kerja=hk, periode="triwulan-1", berkas=SimpleUploadedFile(nama, isi)
        )
    assert not hk.bukti.exists()
    bukti = services.bukti_upload(
        actor=users["pegawai"],
        hasil_kerja=hk,
        periode="triwulan-1",
        berkas=SimpleUploadedFile("rekap.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    assert (bukti.nama_berkas, bukti.ukuran) == ("rekap.pdf", 15)


def test_daily_log_is_linked_to_a_row_and_reviewed_by_the_atasan(skp_disetujui, users):
    hk = skp_disetujui.hasil_kerja.get()
    with pytest.raises(ValidationError) as err:
        services.log_harian_create(
            actor=users["pegawai"],
            skp=skp_disetujui,
            hasil_kerja=hk,
            tanggal=dt.date(2025, 12, 31),
            uraian="x",
        )
    assert err.value.message_dict == {"tanggal": ["Tanggal harus dalam tahun 2026."]}
    log = services.log_harian_create(
        actor=users["pegawai"],
        skp=skp_disetujui,
        hasil_kerja=hk,
        tanggal=dt.date(2026, 3, 2),
        uraian="Verifikasi data 12 SD di Kecamatan Palu Barat",
        jumlah=Decimal(12),
        satuan="sekolah",
    )
    with pytest.raises(PermissionDenied):
        services.log_harian_review(actor=users["pegawai"], log=log, komentar="baik")
    services.log_harian_review(actor=users["atasan"], log=log, komentar="Lanjutkan")
    log.refresh_from_db()
    assert log.direviu_pada is not None and log.komentar_atasan == "Lanjutkan"


def test_another_opds_operator_gets_404_for_an_skp(skp_disetujui, org, users):
    from tests.factories import bind_operator

    operator_b = UserFactory(username="operator_b", roles=["Operator OPD"])
    bind_operator(operator_b, org.opd_b)
    with pytest.raises(Http404):
        selectors.skp_get_visible(user=operator_b, pk=skp_disetujui.pk)
    assert selectors.skp_get_visible(user=users["operator_opd"], pk=skp_disetujui.pk) == skp_disetujui
    assert selectors.skp_get_visible(user=users["atasan"], pk=skp_disetujui.pk) == skp_disetujui


def test_potential_scores_by_admin_bkd_or_the_operator_of_the_employees_opd(org, users):
    kwargs = {"skor": Decimal("82.5"), "tanggal": dt.date(2026, 3, 1), "berlaku_sampai": dt.date(2029, 2, 28)}
    services.potensial_save(actor=users["operator_opd"], pegawai=org.staf_a, **kwargs)
    services.potensial_save(actor=users["admin_bkd"], pegawai=org.staf_b, **kwargs)
    for actor, pegawai in ((users["operator_opd"], org.staf_b), (users["atasan"], org.staf_a)):
        with pytest.raises(PermissionDenied):
            services.potensial_save(actor=actor, pegawai=pegawai, **kwargs)
    assert PenilaianPotensial.objects.count() == 2
