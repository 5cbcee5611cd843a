"""The SKP pages as people use them: the employee plans and submits, the atasan approves or returns,
evidence and daily logs, the rating form with realisasi and capaian, acknowledgement and objection."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akun import roles
from kinerja import services
from kinerja.models import (
    SKP,
    BuktiDukung,
    HasilKerja,
    Keberatan,
    LogHarian,
    Penilaian,
    PerilakuKerja,
    SasaranUnit,
    UmpanBalikRekan,
)
from tests.factories import PegawaiFactory, UserFactory, bind_operator
from tests.querycount import assert_same_queries, get_queries

from .conftest import tambah_hasil_kerja

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


pytestmark = pytest.mark.usefixtures("pada_tanggal_uji")


def _indikator_data(*rows, initial=1):
    data = {
        "indikator-TOTAL_FORMS": str(len(rows)),
        "indikator-INITIAL_FORMS": str(initial),
        "indikator-MIN_NUM_FORMS": "0",
        "indikator-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"indikator-{n}-{k}": v for k, v in row.items()})
    return data


def test_employee_drafts_an_skp_adds_a_cascaded_row_and_submits(client_as, users, org, periode):
    atasan_skp = services.skp_create(actor=users["atasan"], pegawai=org.kabid_a, periode=periode)
    atasan_row = tambah_hasil_kerja(users["atasan"], atasan_skp, uraian="Mutu layanan SD meningkat")
    client = client_as("pegawai")

    page = client.get(reverse("kinerja:skp_saya")).content.decode()
    assert "Susun SKP 2026" in page
    response = client.post(reverse("kinerja:skp_saya"))
    skp = SKP.objects.get(pegawai=org.staf_a)
    assert response.url == reverse("kinerja:skp_detail", args=[skp.pk])
    assert client.get(reverse("kinerja:skp_saya")).url == response.url  # one SKP a year: goes to it

    form_url = reverse("kinerja:hasil_kerja_tambah", args=[skp.pk])
    assert "Mutu layanan SD meningkat" in client.get(form_url).content.decode()  # the cascading picker
    response = client.post(
        form_url,
        {
            "jenis": "utama",
            "uraian": "Data peserta didik mutakhir",
            "mendukung": atasan_row.pk,
            **_indikator_data(
                {
                    "uraian": "Sekolah terverifikasi",
                    "jenis": "kuantitatif",
                    "target_angka": "120",
                    "satuan": "sekolah",
                },
                {
                    "uraian": "Ketepatan laporan",
                    "jenis": "kualitatif",
                    "target_teks": "Tepat waktu setiap bulan",
                },
            ),
        },
    )
    assert response.status_code == 302
    row = HasilKerja.objects.get(skp=skp)
    assert row.mendukung == atasan_row
    assert [(i.jenis, i.target_tampil) for i in row.indikator.order_by("id")] == [
        ("kuantitatif", "120 sekolah"),
        ("kualitatif", "Tepat waktu setiap bulan"),
    ]
    detail = client.get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()
    assert "Data peserta didik mutakhir" in detail and "120 sekolah" in detail

    response = client.post(reverse("kinerja:skp_ajukan", args=[skp.pk]), follow=True)
    assert "SKP diajukan kepada Siti Rahmawati" in response.content.decode()
    skp.refresh_from_db()
    assert skp.status == SKP.Status.DIAJUKAN
    assert client.get(form_url).status_code == 302  # no more edits once submitted


def test_a_row_with_a_bad_indicator_gets_the_message_and_nothing_is_written(client_as, users, org, periode):
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    response = client_as("pegawai").post(
        reverse("kinerja:hasil_kerja_tambah", args=[skp.pk]),
        {
            "jenis": "utama",
            "uraian": "Laporan kepegawaian",
            **_indikator_data({"uraian": "Jumlah laporan", "jenis": "kuantitatif", "target_angka": ""}),
        },
    )
    assert response.status_code == 200
    assert "Indikator 1: target kuantitatif harus angka &gt; 0." in response.content.decode()
    assert not HasilKerja.objects.exists()


def test_submitting_without_a_main_row_is_refused_with_a_message(client_as, users, org, periode):
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    response = client_as("pegawai").post(reverse("kinerja:skp_ajukan", args=[skp.pk]), follow=True)
    assert "SKP belum mempunyai hasil kerja utama." in response.content.decode()
    skp.refresh_from_db()
    assert skp.status == SKP.Status.DRAFT


def _diajukan(users, org, periode) -> SKP:
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    tambah_hasil_kerja(users["pegawai"], skp)
    return services.skp_submit(actor=users["pegawai"], skp=skp)


def test_atasan_sees_the_submission_and_approves_with_expectations(client_as, users, org, periode):
    skp = _diajukan(users, org, periode)
    client = client_as("atasan")
    team = client.get(reverse("kinerja:tim")).content.decode()
    assert "Andi Pratama" in team and "Tinjau SKP" in team
    detail = client.get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()
    assert "Setujui SKP" in detail
    response = client.post(
        reverse("kinerja:skp_setujui", args=[skp.pk]),
        {"berorientasi pelayanan": "Membalas pertanyaan sekolah paling lambat satu hari kerja"},
        follow=True,
    )
    assert "SKP Andi Pratama disetujui." in response.content.decode()
    skp.refresh_from_db()
    assert skp.status == SKP.Status.DISETUJUI
    assert (
        PerilakuKerja.objects.get(skp=skp, aspek="berorientasi pelayanan").ekspektasi_khusus
        == "Membalas pertanyaan sekolah paling lambat satu hari kerja"
    )


def test_returning_needs_a_comment_and_the_employee_sees_it(client_as, users, org, periode):
    skp = _diajukan(users, org, periode)
    client = client_as("atasan")
    response = client.post(reverse("kinerja:skp_kembalikan", args=[skp.pk]), {"catatan": " "}, follow=True)
    assert "Tuliskan apa yang perlu diperbaiki." in response.content.decode()
    skp.refresh_from_db()
    assert skp.status == SKP.Status.DIAJUKAN
    client.post(reverse("kinerja:skp_kembalikan", args=[skp.pk]), {"catatan": "Target terlalu rendah"})
    skp.refresh_from_db()
    assert (skp.status, skp.catatan_atasan) == (SKP.Status.DIKEMBALIKAN, "Target terlalu rendah")
    riwayat = skp.history.first()
    assert (riwayat.history_change_reason, riwayat.history_user) == (
        "SKP dikembalikan: Target terlalu rendah",
        users["atasan"],
    )
    page = client_as("pegawai").get(reverse("kinerja:skp_detail", args=[skp.pk])).content.decode()
    assert (
        '<div class="alert alert-warning"><strong>Catatan pejabat penilai:</strong> Target terlalu rendah</div>'
        in page
    )
    assert '<span class="badge fs-6 text-bg-danger" data-testid="status-skp">Dikembalikan</span>' in page


def test_the_employee_cannot_approve_their_own_skp(client_as, users, org, periode):
    skp = _diajukan(users, org, periode)
    assert client_as("pegawai").post(reverse("kinerja:skp_setujui", args=[skp.pk])).status_code == 403
    skp.refresh_from_db()
    assert skp.status == SKP.Status.DIAJUKAN


def test_evidence_upload_checks_type_and_the_log_is_reviewed(client_as, users, org, skp_disetujui):
    row = skp_disetujui.hasil_kerja.get()
    url = reverse("kinerja:skp_pelaksanaan", args=[skp_disetujui.pk])
    client = client_as("pegawai")
    bad = client.post(
        url,
        {"aksi": "bukti", "hasil_kerja": row.pk, "berkas": SimpleUploadedFile("catatan.exe", b"MZ\x90\x00")},
    )
    assert "Jenis berkas .exe tidak diterima" in bad.content.decode()
    assert not BuktiDukung.objects.exists()
    fake = client.post(
        url,
        {"aksi": "bukti", "hasil_kerja": row.pk, "berkas": SimpleUploadedFile("laporan.pdf", b"bukan pdf")},
    )
    assert "Isi berkas bukan PDF yang sah." in fake.content.decode()
    ok = client.post(
        url,
        {"aksi": "bukti", "hasil_kerja": row.pk, "berkas": SimpleUploadedFile("laporan.pdf", PDF)},
        follow=True,
    )
    assert "Bukti dukung diunggah." in ok.content.decode()
    bukti = BuktiDukung.objects.get()
    assert client.get(reverse("kinerja:bukti_unduh", args=[bukti.pk])).getvalue() == PDF

    hari_ini = dt.date(2026, 11, 2)
    client.post(
        url,
        {
            "aksi": "log",
            "tanggal": hari_ini.isoformat(),
            "hasil_kerja": row.pk,
            "uraian": "Verifikasi data 12 sekolah",
            "jumlah": "12",
            "satuan": "sekolah",
        },
    )
    log = LogHarian.objects.get()
    assert (log.uraian, log.jumlah, log.direviu_pada) == ("Verifikasi data 12 sekolah", Decimal(12), None)
    atasan = client_as("atasan")
    assert "Reviu" in atasan.get(url).content.decode()
    atasan.post(reverse("kinerja:log_reviu", args=[log.pk]), {"komentar": "Lanjutkan"})
    log.refresh_from_db()
    assert log.direviu_pada is not None and log.komentar_atasan == "Lanjutkan"


def test_atasan_rates_with_realisasi_sees_capaian_and_the_predikat_follows_the_matrix(
    client_as, users, org, skp_disetujui
):
    indikator = skp_disetujui.hasil_kerja.get().indikator.get()  # target 120 sekolah
    url = reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-1"])
    client = client_as("atasan")
    response = client.post(
        url,
        {
            f"realisasi-{indikator.pk}": "90",
            "rating_hasil_kerja": "di atas ekspektasi",
            "rating_perilaku_kerja": "di atas ekspektasi",
        },
        follow=True,
    )
    # PermenPANRB 6/2022: Di Atas × Di Atas = Sangat Baik.
    assert "dinilai untuk Triwulan I: predikat Sangat Baik." in response.content.decode()
    penilaian = Penilaian.objects.get(pegawai=org.staf_a, periode="triwulan-1")
    assert penilaian.predikat == "sangat baik"
    # 90 of 120 = 75.00 %
    assert "75 %" in client.get(url).content.decode()


def test_a_bad_realisasi_keeps_everything_unchanged(client_as, users, org, skp_disetujui):
    indikator = skp_disetujui.hasil_kerja.get().indikator.get()
    response = client_as("atasan").post(
        reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-1"]),
        {
            f"realisasi-{indikator.pk}": "sembilan puluh",
            "rating_hasil_kerja": "sesuai ekspektasi",
            "rating_perilaku_kerja": "sesuai ekspektasi",
        },
    )
    page = response.content.decode()
    assert "Realisasi “sembilan puluh” bukan angka." in page
    assert not Penilaian.objects.exists()


def test_only_the_pejabat_penilai_opens_the_rating_form(client_as, users, org, skp_disetujui):
    url = reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-1"])
    assert client_as("pegawai").get(url).status_code == 403  # never oneself
    assert client_as("operator_opd").get(url).status_code == 403  # sees it, does not rate
    assert client_as("atasan").get(url).status_code == 200


def test_employee_acknowledges_or_objects_and_the_superior_decides(client_as, users, org, skp_disetujui):
    kepala = users["admin_bkd"].__class__.objects.create_user("kepala", password="x")
    org.kepala_a.user = kepala
    org.kepala_a.save(update_fields=["user"])
    penilaian = services.penilaian_rate(
        actor=users["atasan"],
        skp=skp_disetujui,
        periode="triwulan-1",
        rating_hasil_kerja="sesuai ekspektasi",
        rating_perilaku_kerja="di bawah ekspektasi",
    )
    client = client_as("pegawai")
    page = client.get(reverse("kinerja:skp_penilaian", args=[skp_disetujui.pk])).content.decode()
    # "Terima" alone is also part of "Diterima": look for the two forms of this evaluation.
    assert f'action="{reverse("kinerja:penilaian_terima", args=[penilaian.pk])}"' in page
    assert f'action="{reverse("kinerja:keberatan_ajukan", args=[penilaian.pk])}"' in page
    response = client.post(
        reverse("kinerja:keberatan_ajukan", args=[penilaian.pk]), {"alasan": ""}, follow=True
    )
    assert "Uraikan alasan keberatan." in response.content.decode()
    client.post(
        reverse("kinerja:keberatan_ajukan", args=[penilaian.pk]), {"alasan": "Sudah melayani sesuai SOP"}
    )
    keberatan = Keberatan.objects.get()
    assert keberatan.pemutus == org.kepala_a

    assert client_as("atasan").get(reverse("kinerja:keberatan_putus", args=[keberatan.pk])).status_code == 404
    client.force_login(kepala)
    assert "Andi Pratama" in client.get(reverse("kinerja:tim")).content.decode()
    response = client.post(
        reverse("kinerja:keberatan_putus", args=[keberatan.pk]),
        {
            "dikabulkan": "1",
            "alasan_keputusan": "Bukti pelayanan lengkap",
            "rating_hasil_kerja": "sesuai ekspektasi",
            "rating_perilaku_kerja": "sesuai ekspektasi",
        },
    )
    assert response.status_code == 302
    penilaian.refresh_from_db()
    # Sesuai × Sesuai = Baik (PermenPANRB 6/2022).
    assert (penilaian.predikat, penilaian.status) == ("baik", "diterima")


def test_the_team_page_checks_the_curve_and_shows_the_numbers(client_as, users, org, skp_disetujui):
    services.penilaian_rate(
        actor=users["atasan"],
        skp=skp_disetujui,
        periode="triwulan-1",
        rating_hasil_kerja="sesuai ekspektasi",
        rating_perilaku_kerja="sesuai ekspektasi",
    )
    page = client_as("atasan").get(reverse("kinerja:tim") + "?periode=triwulan-1").content.decode()
    # Unit predikat Baik: Baik at most 70 %; at least one Butuh Perbaikan or Kurang. One employee, Baik.
    assert "Tidak sesuai kurva — Baik: 1 dari 1 pegawai (100 %), ketentuan maksimal 70 %" in page
    assert "Tidak sesuai kurva — Butuh Perbaikan atau Kurang/Misconduct: 0 dari 1 pegawai" in page


# --- who may do what: another OPD's object answers 404 -----------------------------------------------


@pytest.fixture
def orang_lain(org):
    """An operator bound to OPD B and staf_b's own login: outsiders to staf_a's SKP."""
    operator_b = UserFactory(username="operator_b", roles=[roles.OPERATOR_OPD])
    bind_operator(operator_b, org.opd_b)
    staf_b = UserFactory(username="staf_b", roles=[roles.PEGAWAI])
    org.staf_b.user = staf_b
    org.staf_b.save(update_fields=["user"])
    return {"operator_b": operator_b, "staf_b": staf_b}


def _status(client, user, url) -> int:
    client.force_login(user)
    return client.get(url).status_code


IZIN_SKP_DISETUJUI = {
    # url name: {role: status}
    "kinerja:skp_detail": {
        "pegawai": 200,
        "atasan": 200,
        "operator_opd": 200,
        "admin_bkd": 200,
        "pimpinan": 200,
    },
    "kinerja:skp_pelaksanaan": {"pegawai": 200, "atasan": 200, "operator_opd": 200, "admin_bkd": 200},
    "kinerja:skp_penilaian": {"pegawai": 200, "atasan": 200, "operator_opd": 200, "pimpinan": 200},
    "kinerja:penilaian_form": {"pegawai": 403, "atasan": 200, "operator_opd": 403, "admin_bkd": 403},
}


@pytest.mark.parametrize("name", list(IZIN_SKP_DISETUJUI))
def test_permission_table_of_the_skp_pages(client, users, orang_lain, skp_disetujui, name):
    args = [skp_disetujui.pk, "triwulan-1"] if name == "kinerja:penilaian_form" else [skp_disetujui.pk]
    url = reverse(name, args=args)
    for role, expected in IZIN_SKP_DISETUJUI[name].items():
        assert _status(client, users[role], url) == expected, (name, role)
    for outsider in orang_lain.values():
        assert _status(client, outsider, url) == 404, (name, outsider.username)


def test_plan_edits_belong_to_the_owner_and_outsiders_get_404(client, users, org, orang_lain, periode):
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    url = reverse("kinerja:hasil_kerja_tambah", args=[skp.pk])
    assert _status(client, users["pegawai"], url) == 200
    for role in ("atasan", "operator_opd", "admin_bkd"):
        assert _status(client, users[role], url) == 403, role
    for outsider in orang_lain.values():
        assert _status(client, outsider, url) == 404


def test_evidence_files_are_not_served_to_outsiders(client, users, org, orang_lain, skp_disetujui):
    bukti = services.bukti_upload(
        actor=users["pegawai"],
        hasil_kerja=skp_disetujui.hasil_kerja.get(),
        periode="triwulan-1",
        berkas=SimpleUploadedFile("laporan.pdf", PDF),
    )
    url = reverse("kinerja:bukti_unduh", args=[bukti.pk])
    assert _status(client, users["atasan"], url) == 200
    for outsider in orang_lain.values():
        assert _status(client, outsider, url) == 404


# --- query counts: the same for 3 and 10 rows -----------------------------------------------------------


def _queries(client, url) -> list[str]:
    return get_queries(client, url)


def test_skp_pages_query_count_is_the_same_for_3_and_10_rows(client_as, users, org, periode):
    skp = services.skp_create(actor=users["pegawai"], pegawai=org.staf_a, periode=periode)
    client = client_as("pegawai")
    counts = []
    for extra in (3, 7):
        for i in range(extra):
            tambah_hasil_kerja(users["pegawai"], skp, uraian=f"Hasil kerja {extra}-{i}")
        counts.append(_queries(client, reverse("kinerja:skp_detail", args=[skp.pk])))
    assert_same_queries(*counts)


def test_team_page_query_count_is_the_same_for_3_and_10_members(client_as, users, org, periode):
    client = client_as("atasan")
    counts = []
    for extra in (3, 7):
        for i in range(extra):
            staf = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Staf {extra}-{i}")
            staf.atasan = org.kabid_a
            staf.save(update_fields=["atasan"])
            staf_user = UserFactory(username=f"staf{extra}{i}", roles=[roles.PEGAWAI])
            staf.user = staf_user
            staf.save(update_fields=["user"])
            skp = services.skp_create(actor=staf_user, pegawai=staf, periode=periode)
            tambah_hasil_kerja(staf_user, skp)
            services.skp_submit(actor=staf_user, skp=skp)
            services.skp_approve(actor=users["atasan"], skp=skp)
            services.penilaian_rate(
                actor=users["atasan"],
                skp=skp,
                periode="triwulan-1",
                rating_hasil_kerja="sesuai ekspektasi",
                rating_perilaku_kerja="sesuai ekspektasi",
            )
        counts.append(_queries(client, reverse("kinerja:tim") + "?periode=triwulan-1"))
    assert_same_queries(*counts)


def test_daily_log_page_query_count_is_the_same_for_3_and_10_logs(client_as, users, skp_disetujui):
    client = client_as("atasan")
    row = skp_disetujui.hasil_kerja.get()
    counts = []
    for extra in (3, 7):
        for i in range(extra):
            services.log_harian_create(
                actor=users["pegawai"],
                skp=skp_disetujui,
                hasil_kerja=row,
                tanggal=dt.date(2026, 3, 1 + i),
                uraian=f"Kegiatan {extra}-{i}",
            )
        counts.append(_queries(client, reverse("kinerja:skp_pelaksanaan", args=[skp_disetujui.pk])))
    assert_same_queries(*counts)


def test_a_colleague_gives_peer_feedback_once_and_the_atasan_sees_it(client, users, org, skp_disetujui):
    rekan = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Rudi Hartono")
    rekan.user = UserFactory(username="rudi", roles=[roles.PEGAWAI])
    rekan.save(update_fields=["user"])
    client.force_login(rekan.user)
    page = client.get(reverse("kinerja:rekan")).content.decode()
    assert "Umpan balik rekan kerja · Triwulan IV 2026" in page and "Andi Pratama" in page
    client.post(
        reverse("kinerja:rekan"), {"skp": skp_disetujui.pk, "rating": "di atas ekspektasi", "isi": "Sigap"}
    )
    assert "Sudah diberikan" in client.get(reverse("kinerja:rekan")).content.decode()
    client.post(reverse("kinerja:rekan"), {"skp": skp_disetujui.pk, "rating": "di bawah ekspektasi"})
    assert UmpanBalikRekan.objects.get().rating == "di atas ekspektasi"  # once per period

    client.force_login(users["atasan"])
    form = client.get(
        reverse("kinerja:penilaian_form", args=[skp_disetujui.pk, "triwulan-4"])
    ).content.decode()
    assert "Umpan balik rekan sejawat (1)" in form and "Di Atas Ekspektasi: <strong>1</strong>" in form

    client.force_login(orang_lain_login := UserFactory(username="dewi", roles=[roles.PEGAWAI]))
    org.staf_b.user = orang_lain_login
    org.staf_b.save(update_fields=["user"])
    assert "Andi Pratama" not in client.get(reverse("kinerja:rekan")).content.decode()  # another unit
    client.post(reverse("kinerja:rekan"), {"skp": skp_disetujui.pk, "rating": "di bawah ekspektasi"})
    assert UmpanBalikRekan.objects.count() == 1


def test_the_unit_head_sets_targets_and_links_their_rows_to_them(client_as, users, org, periode):
    client = client_as("atasan")  # kabid_a heads Bidang Pembinaan SD
    client.post(
        reverse("kinerja:sasaran_unit"),
        {"unit": org.bidang_a.pk, "uraian": "Angka partisipasi SD 99%", "indikator": "APK SD"},
    )
    sasaran = SasaranUnit.objects.get(unit_kerja=org.bidang_a)
    assert "Angka partisipasi SD 99%" in client.get(reverse("kinerja:sasaran_unit")).content.decode()
    assert client_as("pegawai").get(reverse("kinerja:sasaran_unit")).status_code == 403

    skp = services.skp_create(actor=users["atasan"], pegawai=org.kabid_a, periode=periode)
    client = client_as("atasan")
    form_url = reverse("kinerja:hasil_kerja_tambah", args=[skp.pk])
    assert "Mendukung sasaran unit" in client.get(form_url).content.decode()
    client.post(
        form_url,
        {
            "jenis": "utama",
            "uraian": "Program wajib belajar SD terlaksana",
            "sasaran_unit": sasaran.pk,
            **_indikator_data(
                {"uraian": "APK SD", "jenis": "kuantitatif", "target_angka": "99", "satuan": "%"}
            ),
        },
    )
    assert HasilKerja.objects.get(skp=skp).sasaran_unit == sasaran
