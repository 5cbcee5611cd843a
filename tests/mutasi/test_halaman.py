"""The mutasi pages: each role's view, forms (new and edit, 501-character text), actions through the
pages, 404 across OPDs, the consultation on the employee's own page, and query counts for 3 and 10 rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mutasi import selectors, services
from mutasi.models import PutaranRotasi, UsulanMutasi
from tests.factories import JabatanFactory, PegawaiFactory
from tests.querycount import assert_same_queries_after

from .conftest import buat_usulan, lengkapi_dokumen, pdf

S = UsulanMutasi.Status


def _form(org, jabatan, **kwargs):
    data = {
        "jenis": "dalam_pemda",
        "nip": org.staf_a.nip,
        "jabatan_tujuan": jabatan.pk,
        "tmt_rencana": "2027-01-01",
        "alasan": "Pemerataan pegawai",
        "pejabat_penetap": "ppk",
    }
    data.update(kwargs)
    return data


def test_create_through_the_form(org, client_as, jabatan_tujuan):
    client = client_as("operator_opd")
    assert client.get(reverse("mutasi:usulan_create")).status_code == 200
    response = client.post(reverse("mutasi:usulan_create"), _form(org, jabatan_tujuan))
    usulan = UsulanMutasi.objects.get()
    assert response.status_code == 302 and response.url == reverse("mutasi:usulan_detail", args=[usulan.pk])
    assert usulan.pegawai == org.staf_a and usulan.jabatan_tujuan == jabatan_tujuan


def test_long_text_refused_with_a_message(org, client_as, jabatan_tujuan):
    client = client_as("operator_opd")
    response = client.post(reverse("mutasi:usulan_create"), _form(org, jabatan_tujuan, alasan="x" * 501))
    assert response.status_code == 200
    assert "501" in response.content.decode() and "500" in response.content.decode()
    assert not UsulanMutasi.objects.exists()


def test_edit_form_works_and_refuses_long_text(org, client_as, usulan_draft, jabatan_tujuan):
    client = client_as("operator_opd")
    url = reverse("mutasi:usulan_edit", args=[usulan_draft.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Pemerataan pegawai sesuai analisis beban kerja." in response.content.decode()  # prefilled
    response = client.post(url, _form(org, jabatan_tujuan, alasan="y" * 501))
    assert response.status_code == 200 and "501" in response.content.decode()
    response = client.post(
        url, _form(org, jabatan_tujuan, tmt_rencana="2027-03-01", alasan="Diubah lewat formulir")
    )
    assert response.status_code == 302
    usulan_draft.refresh_from_db()
    assert usulan_draft.tmt_rencana == dt.date(2027, 3, 1) and usulan_draft.alasan == "Diubah lewat formulir"


def test_form_names_unknown_nip(org, client_as, jabatan_tujuan):
    client = client_as("operator_opd")
    response = client.post(reverse("mutasi:usulan_create"), _form(org, jabatan_tujuan, nip=org.staf_b.nip))
    assert "tidak ditemukan dalam cakupan Anda" in response.content.decode()


def test_detail_shows_guards_checklist_and_actions(org, client_as, usulan_draft):
    body = (
        client_as("operator_opd")
        .get(reverse("mutasi:usulan_detail", args=[usulan_draft.pk]))
        .content.decode()
    )
    assert "Masa dalam jabatan" in body and "PP 11/2017 Pasal 190" in body
    assert "SK jabatan terakhir" in body
    assert reverse("mutasi:usulan_aksi", args=[usulan_draft.pk, "ajukan"]) in body
    assert "Ubah usulan" in body


def test_actions_through_the_pages(org, users, client_as, usulan_draft):
    client = client_as("operator_opd")
    lengkapi_dokumen(users["operator_opd"], usulan_draft)
    client.post(reverse("mutasi:usulan_aksi", args=[usulan_draft.pk, "ajukan"]), {"catatan": ""})
    usulan_draft.refresh_from_db()
    assert usulan_draft.status == S.DIAJUKAN
    client = client_as("admin_bkd")
    r = client.post(
        reverse("mutasi:usulan_aksi", args=[usulan_draft.pk, "kembalikan"]), {"alasan": "x" * 501}
    )
    usulan_draft.refresh_from_db()
    assert usulan_draft.status == S.DIAJUKAN
    assert "501" in client.get(r.url).content.decode()
    client.post(reverse("mutasi:usulan_aksi", args=[usulan_draft.pk, "verifikasi"]), {"catatan": "Lengkap"})
    usulan_draft.refresh_from_db()
    assert usulan_draft.status == S.DIVERIFIKASI


def test_upload_and_scoped_download(org, users, client_as, usulan_draft):
    client = client_as("operator_opd")
    syarat = selectors.checklist(usulan_draft)[0][0]
    client.post(reverse("mutasi:usulan_unggah", args=[usulan_draft.pk, syarat.pk]), {"berkas": pdf("sk.pdf")})
    dokumen = usulan_draft.dokumen.get()
    assert client.get(reverse("mutasi:dokumen_unduh", args=[dokumen.pk])).status_code == 200
    assert client_as("pegawai").get(reverse("mutasi:dokumen_unduh", args=[dokumen.pk])).status_code == 404


@pytest.fixture
def usulan_opd_b(org, users):
    """A proposal wholly inside OPD B (invisible to OPD A's operator)."""
    jab = JabatanFactory(unit_kerja=org.opd_b, nama="Perawat Terampil")
    return buat_usulan(users["admin_bkd"], org.staf_b, jab)


@pytest.mark.parametrize(
    "name",
    ["mutasi:usulan_detail", "mutasi:usulan_edit"],
)
def test_another_opd_answers_404(client_as, usulan_opd_b, name):
    assert client_as("operator_opd").get(reverse(name, args=[usulan_opd_b.pk])).status_code == 404


def test_another_opd_cannot_act_or_download(users, client_as, usulan_opd_b):
    services.usulan_mutasi_upload_dokumen(
        actor=users["admin_bkd"],
        usulan=usulan_opd_b,
        syarat=selectors.checklist(usulan_opd_b)[0][0],
        berkas=pdf(),
    )
    client = client_as("operator_opd")
    assert client.post(reverse("mutasi:usulan_aksi", args=[usulan_opd_b.pk, "ajukan"])).status_code == 404
    assert (
        client.get(reverse("mutasi:dokumen_unduh", args=[usulan_opd_b.dokumen.get().pk])).status_code == 404
    )
    assert usulan_opd_b.pk not in [u.pk for u in selectors.usulan_list_visible_to(user=users["operator_opd"])]


def test_pimpinan_sees_what_waits_and_the_answer(users, client_as, usulan_direkomendasikan, usulan_draft):
    services.usulan_mutasi_respond(
        actor=users["pegawai"],
        usulan=usulan_direkomendasikan,
        tanggapan="keberatan",
        alasan="Merawat orang tua.",
    )
    client = client_as("pimpinan")
    body = client.get(reverse("mutasi:usulan_list")).content.decode()
    assert reverse("mutasi:usulan_detail", args=[usulan_direkomendasikan.pk]) in body
    detail = client.get(reverse("mutasi:usulan_detail", args=[usulan_direkomendasikan.pk])).content.decode()
    assert "Merawat orang tua." in detail and "Keberatan" in detail
    assert reverse("mutasi:usulan_aksi", args=[usulan_direkomendasikan.pk, "setujui"]) in detail
    client.post(reverse("mutasi:usulan_aksi", args=[usulan_direkomendasikan.pk, "setujui"]), {"catatan": ""})
    usulan_direkomendasikan.refresh_from_db()
    assert usulan_direkomendasikan.status == S.DISETUJUI


def test_employee_page_consultation(users, client_as, usulan_diajukan):
    client = client_as("pegawai")
    url = reverse("mutasi:saya")
    assert "Tidak ada usulan mutasi tentang Anda" in client.get(url).content.decode()
    services.usulan_mutasi_verify(actor=users["admin_bkd"], usulan=usulan_diajukan)
    body = client.get(url).content.decode()
    assert "Pemerataan pegawai sesuai analisis beban kerja." in body
    tanggapan = reverse("mutasi:tanggapan", args=[usulan_diajukan.pk])
    assert tanggapan in body
    client.post(tanggapan, {"tanggapan": "setuju", "alasan": ""})
    usulan_diajukan.refresh_from_db()
    assert usulan_diajukan.tanggapan == "setuju"
    # nobody else answers through this URL
    assert client_as("atasan").post(tanggapan, {"tanggapan": "setuju"}).status_code == 404
    # the officers' page of a proposal does not exist for the employee (they use their own page)
    assert (
        client_as("pegawai").get(reverse("mutasi:usulan_detail", args=[usulan_diajukan.pk])).status_code
        == 404
    )


def test_wishes_in_an_open_round(org, users, client_as, jabatan_tujuan):
    client = client_as("pegawai")
    assert (
        "Tidak ada putaran rotasi yang sedang dibuka" in client.get(reverse("mutasi:saya")).content.decode()
    )
    services.putaran_rotasi_open(
        actor=users["admin_bkd"],
        nama="Rotasi 2027",
        tanggal_mulai=dt.date(2026, 11, 1),
        tanggal_selesai=dt.date(2026, 11, 30),
    )
    data = {
        "pilihan_1": f"j{jabatan_tujuan.pk}",
        "pilihan_2": f"u{org.opd_b.pk}",
        "kategori": "domisili",
        "alasan": "Rumah saya dekat Dinas Kesehatan.",
    }
    response = client.post(reverse("mutasi:saya"), {**data, "alasan": "z" * 501})
    assert response.status_code == 200 and "501" in response.content.decode()
    response = client.post(reverse("mutasi:saya"), data)
    assert response.status_code == 302
    pref = org.staf_a.preferensi_mutasi.get()
    assert [str(p) for p in pref.pilihan.all()] == [
        "Analis Data Kesehatan — Dinas Kesehatan",
        "Dinas Kesehatan",
    ]
    body = (
        client_as("admin_bkd").get(reverse("mutasi:putaran_detail", args=[pref.putaran_id])).content.decode()
    )
    assert "Rumah saya dekat Dinas Kesehatan." in body


def test_wishes_rules(org, users, jabatan_tujuan):
    putaran = services.putaran_rotasi_open(
        actor=users["admin_bkd"],
        nama="R",
        tanggal_mulai=dt.date(2026, 11, 1),
        tanggal_selesai=dt.date(2026, 11, 30),
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        services.preferensi_mutasi_save(
            actor=users["pegawai"],
            putaran=putaran,
            tetap=True,
            kategori="keluarga",
            alasan="x",
            pilihan=[jabatan_tujuan],
        )
    assert "pilihan" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.preferensi_mutasi_save(
            actor=users["pegawai"],
            putaran=putaran,
            tetap=True,
            kategori="keluarga",
            alasan="x",
            pilihan=[],
            nip_pasangan=org.staf_b.nip,
        )
    assert info.value.message_dict["nip_pasangan"] == [
        "Status perkawinan Anda di data kepegawaian bukan kawin."
    ]
    for p in (org.staf_a, org.staf_b):
        p.status_perkawinan = "kawin"
        p.save(update_fields=["status_perkawinan"])
    pref = services.preferensi_mutasi_save(
        actor=users["pegawai"],
        putaran=putaran,
        tetap=True,
        kategori="keluarga",
        alasan="Anak sekolah",
        pilihan=[],
        nip_pasangan=org.staf_b.nip,
    )
    assert pref.pasangan == org.staf_b
    with pytest.raises(ValidationError) as info:
        services.putaran_rotasi_open(
            actor=users["admin_bkd"],
            nama="R2",
            tanggal_mulai=dt.date(2026, 11, 20),
            tanggal_selesai=dt.date(2026, 12, 5),
        )
    assert "Bertumpang tindih" in info.value.message_dict["tanggal_mulai"][0]
    PutaranRotasi.objects.update(tanggal_selesai=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError):
        services.preferensi_mutasi_save(
            actor=users["pegawai"],
            putaran=PutaranRotasi.objects.get(),
            tetap=True,
            kategori="keluarga",
            alasan="x",
            pilihan=[],
        )


def test_aps_through_the_page(org, client_as, jabatan_tujuan):
    client = client_as("pegawai")
    client.post(reverse("mutasi:aps"), {"jabatan_tujuan": jabatan_tujuan.pk, "alasan": "Mengikuti suami"})
    usulan = UsulanMutasi.objects.get()
    assert usulan.sumber == "aps" and usulan.pegawai == org.staf_a
    assert "Permintaan sendiri" in client.get(reverse("mutasi:saya")).content.decode()


@pytest.mark.parametrize(
    ("role", "name", "status"),
    [
        ("admin_bkd", "mutasi:usulan_list", 200),
        ("operator_opd", "mutasi:usulan_list", 200),
        ("pimpinan", "mutasi:usulan_list", 200),
        ("pegawai", "mutasi:usulan_list", 403),
        ("admin_bkd", "mutasi:tpk", 200),
        ("pimpinan", "mutasi:tpk", 200),
        ("operator_opd", "mutasi:tpk", 403),
        ("admin_bkd", "mutasi:putaran_list", 200),
        ("pegawai", "mutasi:putaran_list", 403),
        ("admin_bkd", "mutasi:aturan", 200),
        ("operator_opd", "mutasi:aturan", 200),
        ("pegawai", "mutasi:aturan", 403),
        ("pegawai", "mutasi:saya", 200),
        ("admin_bkd", "mutasi:saya", 403),
    ],
)
def test_pages_per_role(client_as, role, name, status):
    assert client_as(role).get(reverse(name)).status_code == status


def test_menu_entries(client_as):
    body = client_as("admin_bkd").get(reverse("mutasi:usulan_list")).content.decode()
    assert reverse("mutasi:tpk") in body and reverse("mutasi:aturan") in body
    assert reverse("mutasi:saya") in client_as("pegawai").get(reverse("mutasi:saya")).content.decode()


def test_tpk_pages(users, client_as, usulan_diverifikasi, sidang):
    client = client_as("admin_bkd")
    body = client.get(reverse("mutasi:tpk")).content.decode()
    assert usulan_diverifikasi.nama_tampil in body
    client.post(reverse("mutasi:tpk_anggota"), {"nip": usulan_diverifikasi.pegawai.nip, "peran": "anggota"})
    client.post(reverse("mutasi:tpk_sidang", args=[sidang.pk]), {"berkas": pdf("notulen.pdf")})
    sidang.refresh_from_db()
    assert sidang.nama_notulen == "notulen.pdf"
    assert client.get(reverse("mutasi:tpk_notulen", args=[sidang.pk])).status_code == 200
    client.post(
        reverse("mutasi:usulan_rekomendasi", args=[usulan_diverifikasi.pk]),
        {"sidang": sidang.pk, "keputusan": "setuju", "catatan": "Sesuai kebutuhan"},
    )
    usulan_diverifikasi.refresh_from_db()
    assert usulan_diverifikasi.status == S.DIREKOMENDASIKAN


def test_rules_page_adds_a_version(client_as):
    client = client_as("admin_bkd")
    r = client.post(
        reverse("mutasi:aturan"),
        {
            "bagian": "guard",
            "kode": "masa_jabatan",
            "bulan_minimal": 6,
            "bulan_maksimal": 60,
            "berlaku_mulai": "2027-01-01",
            "aktif": "on",
            "dasar_hukum": "Peraturan (uji)",
            "alasan": "x" * 501,
        },
    )
    assert r.status_code == 200 and "501" in r.content.decode()
    from mutasi.models import AturanGuard

    assert not AturanGuard.objects.filter(berlaku_mulai=dt.date(2027, 1, 1)).exists()


# --- query counts ------------------------------------------------------------------------------------


def _grow_usulan(org, users, n: int):
    def grow():
        for i in range(n):
            p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tambahan {i}")
            buat_usulan(users["operator_opd"], p, JabatanFactory(unit_kerja=org.opd_b, nama=f"Tujuan {i}"))

    return grow


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("admin_bkd", "/mutasi/usulan/"),
        ("admin_bkd", "/mutasi/usulan/?status=draft&q=a"),
        ("operator_opd", "/mutasi/usulan/"),
    ],
)
def test_list_query_count(org, users, client_as, role, url):
    buat_usulan(users["operator_opd"], org.staf_a, JabatanFactory(unit_kerja=org.opd_b, nama="Tujuan awal"))
    client = client_as(role)

    def fetch():
        assert client.get(url).status_code == 200

    assert_same_queries_after(fetch, _grow_usulan(org, users, 7))


def test_round_wishes_query_count(org, users, client_as, jabatan_tujuan):
    putaran = services.putaran_rotasi_open(
        actor=users["admin_bkd"],
        nama="R",
        tanggal_mulai=dt.date(2026, 11, 1),
        tanggal_selesai=dt.date(2026, 11, 30),
    )
    services.preferensi_mutasi_save(
        actor=users["pegawai"],
        putaran=putaran,
        tetap=False,
        kategori="karier",
        alasan="x",
        pilihan=[jabatan_tujuan],
    )
    client = client_as("admin_bkd")

    def fetch():
        assert client.get(reverse("mutasi:putaran_detail", args=[putaran.pk])).status_code == 200

    def grow():
        from mutasi.models import PilihanTujuan, PreferensiMutasi

        for i in range(7):
            p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tambahan {i}")
            pref = PreferensiMutasi.objects.create(putaran=putaran, pegawai=p, kategori="karier", alasan="x")
            PilihanTujuan.objects.create(preferensi=pref, urutan=1, jabatan=jabatan_tujuan)
            PilihanTujuan.objects.create(preferensi=pref, urutan=2, unit_kerja=org.opd_b)

    assert_same_queries_after(fetch, grow)


def test_team_page_query_count(org, users, client_as):
    client = client_as("admin_bkd")

    def fetch():
        assert client.get(reverse("mutasi:tpk")).status_code == 200

    def grow():
        for i in range(7):
            p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Tambahan {i}")
            u = buat_usulan(
                users["operator_opd"], p, JabatanFactory(unit_kerja=org.opd_b, nama=f"Tujuan {i}")
            )
            UsulanMutasi.objects.filter(pk=u.pk).update(status=S.DIVERIFIKASI)
            services.anggota_tpk_save(actor=users["admin_bkd"], pegawai=p, peran="anggota")
            services.sidang_tpk_create(actor=users["admin_bkd"], tanggal=dt.date(2026, 10, i + 1))

    services.sidang_tpk_create(actor=users["admin_bkd"], tanggal=dt.date(2026, 9, 1))
    services.anggota_tpk_save(actor=users["admin_bkd"], pegawai=org.kepala_a, peran="ketua")
    assert_same_queries_after(fetch, grow)


def test_rounds_and_rules_and_own_page_query_count(org, users, client_as, jabatan_tujuan):
    admin = client_as("admin_bkd")
    from django.test import Client

    pegawai = Client()
    pegawai.force_login(users["pegawai"])

    def fetch():
        for url in (reverse("mutasi:putaran_list"), reverse("mutasi:aturan")):
            assert admin.get(url).status_code == 200
        assert pegawai.get(reverse("mutasi:saya")).status_code == 200

    def grow():
        for i in range(7):
            services.putaran_rotasi_open(
                actor=users["admin_bkd"],
                nama=f"R{i}",
                tanggal_mulai=dt.date(2020 + i, 1, 1),
                tanggal_selesai=dt.date(2020 + i, 1, 31),
            )
            services.masa_larangan_create(
                actor=users["admin_bkd"],
                jenis="pilkada",
                nama=f"Pilkada {i}",
                mulai=dt.date(2030 + i, 1, 1),
                selesai=dt.date(2030 + i, 6, 1),
                dasar_hukum="UU 10/2016",
            )
            u = buat_usulan(
                users["operator_opd"], org.staf_a, JabatanFactory(unit_kerja=org.opd_b, nama=f"Tujuan {i}")
            )
            UsulanMutasi.objects.filter(pk=u.pk).update(status=S.DIVERIFIKASI)

    services.putaran_rotasi_open(
        actor=users["admin_bkd"],
        nama="Buka",
        tanggal_mulai=dt.date(2026, 11, 1),
        tanggal_selesai=dt.date(2026, 11, 30),
    )
    u = buat_usulan(users["operator_opd"], org.staf_a, jabatan_tujuan)
    UsulanMutasi.objects.filter(pk=u.pk).update(status=S.DIVERIFIKASI)
    assert_same_queries_after(fetch, grow)
