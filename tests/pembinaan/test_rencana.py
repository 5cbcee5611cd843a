"""The employee's development plan and the roll-up (issue 14 point 2): drafted from the needs, activities
checked field by field, submitted, agreed or returned by the atasan with history and actor; the
rencana pengembangan kompetensi per OPD and government approved by the PPK; pages scoped by role and OPD
(404 across OPDs), query counts, long texts on create and edit, the PDF.

Organisation (tests/conftest.py): staf_a is the `pegawai` login in OPD A, their atasan kabid_a is the
`atasan` login; staf_b is in OPD B; the operator is bound to OPD A; the Pimpinan is the PPK.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pembinaan import permissions, services_rencana
from pembinaan.models import (
    KebutuhanPengembangan,
    KegiatanRencana,
    Program,
    RencanaKompetensi,
    RencanaPengembangan,
)
from tests.factories import PegawaiFactory, UserFactory
from tests.querycount import assert_same_queries_after, get_queries

TAHUN = 2027
PANJANG = "k" * 501


def _kebutuhan(pegawai, kunci="jp:2026", sumber="jp", topik="Pemenuhan JP", bentuk="e_learning"):
    return KebutuhanPengembangan.objects.create(
        pegawai=pegawai,
        tahun=TAHUN,
        sumber=sumber,
        kunci=kunci,
        topik=topik,
        uraian="bukti",
        bentuk_saran=bentuk,
    )


def _data(**kw) -> dict:
    data = {
        "kebutuhan": None,
        "nama_kegiatan": "Bimtek Penyusunan Laporan Kinerja",
        "bentuk": "bimbingan_teknis",
        "target_jp": Decimal(16),
        "waktu_mulai": dt.date(TAHUN, 3, 2),
        "waktu_selesai": dt.date(TAHUN, 3, 3),
        "biaya": 1_500_000,
        "sumber_dana": "apbd",
        "keterangan": "",
    }
    data.update(kw)
    return data


@pytest.fixture
def rencana(org, users):
    """staf_a's 2027 plan drafted from two needs (one matches the e-learning catalogue programme)."""
    Program.objects.create(
        nama="E-learning Wawasan Kebangsaan", bentuk="e_learning", jp=10, jenis_penyelenggara="lan"
    )
    _kebutuhan(org.staf_a)
    _kebutuhan(
        org.staf_a, kunci="kompetensi:arsip", sumber="kompetensi", topik="Pengelolaan arsip", bentuk=""
    )
    return services_rencana.rencana_susun(actor=users["pegawai"], pegawai=org.staf_a, tahun=TAHUN)


# --- services ----------------------------------------------------------------------------------------------


def test_drafted_from_the_needs(rencana, org):
    kegiatan = list(rencana.kegiatan.order_by("id"))
    assert [(k.nama_kegiatan, k.bentuk, k.jalur, k.target_jp) for k in kegiatan] == [
        ("E-learning Wawasan Kebangsaan", "e_learning", "nonklasikal", Decimal(10)),
        ("Pengelolaan arsip", "pelatihan_teknis", "klasikal", Decimal(8)),
    ]  # needs in source order (jp, kompetensi); the e-learning need takes the catalogue programme's JP
    assert set(KebutuhanPengembangan.objects.values_list("status", flat=True)) == {"direncanakan"}
    assert all(k.waktu_mulai.year == TAHUN and k.waktu_selesai >= k.waktu_mulai for k in kegiatan)
    assert rencana.status == "draf"


def test_drafting_again_adds_only_new_needs(rencana, org, users):
    _kebutuhan(org.staf_a, kunci="usulan:1", sumber="usulan", topik="Bahasa Inggris", bentuk="kursus")
    services_rencana.rencana_susun(actor=users["pegawai"], pegawai=org.staf_a, tahun=TAHUN)
    assert rencana.kegiatan.count() == 3


def test_only_the_employee_drafts_their_plan(org, users):
    with pytest.raises(PermissionDenied):
        services_rencana.rencana_susun(actor=users["atasan"], pegawai=org.staf_a, tahun=TAHUN)


def test_activity_bad_input_every_field_named_nothing_written(rencana, users):
    sebelum = KegiatanRencana.objects.count()
    with pytest.raises(ValidationError) as exc:
        services_rencana.kegiatan_simpan(
            actor=users["pegawai"],
            rencana=rencana,
            data=_data(
                nama_kegiatan="",
                bentuk="ngopi_bareng",
                target_jp=None,
                waktu_mulai=dt.date(TAHUN, 5, 2),
                waktu_selesai=dt.date(TAHUN, 5, 1),
                biaya=-5,
                sumber_dana="",
                keterangan=PANJANG,
            ),
        )
    pesan = exc.value.message_dict
    assert set(pesan) == {
        "nama_kegiatan", "bentuk", "target_jp", "waktu_selesai", "biaya", "sumber_dana", "keterangan"
    }  # fmt: skip
    assert pesan["waktu_selesai"] == ["Rencana selesai tidak boleh sebelum rencana mulai."]
    assert pesan["bentuk"] == ["Bentuk 'ngopi_bareng' tidak dikenal (Peraturan LAN 10/2018)."]
    assert pesan["keterangan"] == ["Keterangan paling panjang 500 karakter (sekarang 501)."]
    assert KegiatanRencana.objects.count() == sebelum


def test_activity_outside_the_plan_year_refused(rencana, users):
    with pytest.raises(ValidationError) as exc:
        services_rencana.kegiatan_simpan(
            actor=users["pegawai"], rencana=rencana, data=_data(waktu_mulai=dt.date(2026, 12, 20))
        )
    assert exc.value.message_dict["waktu_mulai"] == ["Rencana mulai harus dalam tahun rencana 2027."]


def test_submit_agree_with_history_and_actors(rencana, users):
    with pytest.raises(PermissionDenied):
        services_rencana.rencana_setujui(actor=users["atasan"], rencana=rencana)  # not submitted yet
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana, catatan="Mohon arahan")
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services_rencana.kegiatan_simpan(actor=users["pegawai"], rencana=rencana, data=_data())
    for role in ("pegawai", "operator_opd", "admin_bkd", "pimpinan"):
        with pytest.raises(PermissionDenied):
            services_rencana.rencana_setujui(actor=users[role], rencana=rencana)
    services_rencana.rencana_setujui(actor=users["atasan"], rencana=rencana)
    rencana.refresh_from_db()
    assert rencana.status == "disetujui" and rencana.diputus_oleh == users["atasan"]
    riwayat = [
        (h.status, h.history_user, h.history_change_reason)
        for h in rencana.history.order_by("history_date", "history_id")
    ]
    assert riwayat == [
        ("draf", users["pegawai"], "Rencana disusun dari kebutuhan"),
        ("diajukan", users["pegawai"], "Mohon arahan"),
        ("disetujui", users["atasan"], "Rencana disetujui atasan"),
    ]


def test_return_needs_a_reason_then_edit_and_resubmit(rencana, users):
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    with pytest.raises(ValidationError) as exc:
        services_rencana.rencana_kembalikan(actor=users["atasan"], rencana=rencana, alasan="  ")
    assert exc.value.message_dict == {"alasan": ["Alasan pengembalian wajib diisi."]}
    with pytest.raises(ValidationError):
        services_rencana.rencana_kembalikan(actor=users["atasan"], rencana=rencana, alasan=PANJANG)
    services_rencana.rencana_kembalikan(
        actor=users["atasan"], rencana=rencana, alasan="Tambah pelatihan teknis"
    )
    rencana.refresh_from_db()
    assert (rencana.status, rencana.alasan_dikembalikan) == ("dikembalikan", "Tambah pelatihan teknis")
    assert rencana.history.first().history_change_reason == "Tambah pelatihan teknis"
    services_rencana.kegiatan_simpan(actor=users["pegawai"], rencana=rencana, data=_data())
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    rencana.refresh_from_db()
    assert rencana.status == "diajukan"


def test_submit_refused_without_activities_or_atasan(org, users):
    kosong = RencanaPengembangan.objects.create(pegawai=org.staf_a, tahun=TAHUN)
    with pytest.raises(ValidationError, match="paling sedikit satu kegiatan"):
        services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=kosong)


def test_deleting_an_activity_reopens_its_need(rencana, users):
    kegiatan = rencana.kegiatan.get(bentuk="e_learning")
    services_rencana.kegiatan_hapus(actor=users["pegawai"], kegiatan=kegiatan)
    assert KebutuhanPengembangan.objects.get(sumber="jp").status == "terbuka"


def test_permission_table(rencana, users, org):
    tabel = {
        "pegawai": (True, True, False),
        "atasan": (True, False, False),
        "operator_opd": (True, False, False),
        "admin_bkd": (True, False, False),
        "pimpinan": (True, False, False),
    }
    for role, (lihat, ubah, putus) in tabel.items():
        u = users[role]
        assert (
            permissions.can_view_rencana(u, rencana),
            permissions.can_edit_rencana(u, rencana),
            permissions.can_decide_rencana(u, rencana),
        ) == (lihat, ubah, putus), role
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    rencana.refresh_from_db()
    assert permissions.can_decide_rencana(users["atasan"], rencana)
    assert not permissions.can_edit_rencana(users["pegawai"], rencana)
    assert [r for r in users if permissions.can_approve_rencana_kompetensi(users[r])] == ["pimpinan"]


# --- roll-up -------------------------------------------------------------------------------------------------


def _setujui(rencana, users):
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    services_rencana.rencana_setujui(actor=users["atasan"], rencana=rencana)


def test_rollup_figures_and_ppk_approval(rencana, users, org):
    services_rencana.kegiatan_simpan(actor=users["pegawai"], rencana=rencana, data=_data())
    _setujui(rencana, users)
    # a draft plan in OPD B counts in "all plans" but not in the agreed figures
    lain = RencanaPengembangan.objects.create(pegawai=org.staf_b, tahun=TAHUN)
    KegiatanRencana.objects.create(
        rencana=lain, nama_kegiatan="x", bentuk="kursus", jalur="klasikal", target_jp=4,
        waktu_mulai=dt.date(TAHUN, 1, 5), waktu_selesai=dt.date(TAHUN, 1, 5), biaya=100_000, sumber_dana="apbd",
    )  # fmt: skip
    from pembinaan import selectors_kebutuhan as sk

    angka = sk.rekap_angka(None, TAHUN)
    # 10 (e-learning programme) + 8 (default) + 16 (bimtek) JP agreed; 1,500,000 agreed
    assert angka == {
        "jumlah_kebutuhan": 2,
        "jumlah_rencana_semua": 2,
        "jumlah_rencana": 1,
        "jp": Decimal(38),
        "biaya": 1_600_000,
        "jp_disetujui": Decimal(34),
        "biaya_disetujui": 1_500_000,
    }
    with pytest.raises(PermissionDenied):
        services_rencana.rencana_kompetensi_setujui(actor=users["admin_bkd"], tahun=TAHUN, opd=None)
    with pytest.raises(ValidationError, match="Belum ada rencana"):
        services_rencana.rencana_kompetensi_setujui(actor=users["pimpinan"], tahun=TAHUN, opd=org.opd_b)
    rpk = services_rencana.rencana_kompetensi_setujui(
        actor=users["pimpinan"], tahun=TAHUN, opd=None, catatan="OK"
    )
    assert (rpk.status, rpk.jumlah_rencana, rpk.jp_rencana, rpk.biaya) == (
        "disetujui",
        1,
        Decimal(34),
        1_500_000,
    )
    assert rpk.history.first().history_user == users["pimpinan"]
    with pytest.raises(ValidationError):
        services_rencana.rencana_kompetensi_setujui(actor=users["pimpinan"], tahun=TAHUN, opd=None)
    opd = services_rencana.rencana_kompetensi_setujui(actor=users["pimpinan"], tahun=TAHUN, opd=org.opd_a)
    assert RencanaKompetensi.objects.count() == 2 and opd.opd == org.opd_a


# --- pages ---------------------------------------------------------------------------------------------------


def test_pages_answer_per_role(rencana, client_as):
    for role in ("pegawai", "atasan", "operator_opd", "admin_bkd", "pimpinan"):
        c = client_as(role)
        assert c.get(reverse("pembinaan:rencana_list"), {"tahun": TAHUN}).status_code == 200, role
        assert c.get(reverse("pembinaan:kebutuhan_list"), {"tahun": TAHUN}).status_code == 200, role
        assert c.get(reverse("pembinaan:rencana_detail", args=[rencana.pk])).status_code == 200, role
        rekap = c.get(reverse("pembinaan:rekap"), {"tahun": TAHUN}).status_code
        assert rekap == (403 if role in ("pegawai", "atasan") else 200), role


def test_another_opds_plan_answers_404(org, users, client, rencana):
    lain = RencanaPengembangan.objects.create(pegawai=org.staf_b, tahun=TAHUN)
    kegiatan = KegiatanRencana.objects.create(
        rencana=lain, nama_kegiatan="x", bentuk="kursus", jalur="klasikal", target_jp=4,
        waktu_mulai=dt.date(TAHUN, 1, 5), waktu_selesai=dt.date(TAHUN, 1, 5), biaya=0, sumber_dana="apbd",
    )  # fmt: skip
    for role in ("operator_opd", "atasan", "pegawai"):
        client.force_login(users[role])
        assert client.get(reverse("pembinaan:rencana_detail", args=[lain.pk])).status_code == 404, role
        assert client.get(reverse("pembinaan:rencana_pdf", args=[lain.pk])).status_code == 404, role
        assert client.get(reverse("pembinaan:kegiatan_ubah", args=[kegiatan.pk])).status_code == 404, role
        assert (
            client.post(reverse("pembinaan:rencana_aksi", args=[lain.pk]), {"aksi": "setujui"}).status_code
            == 404
        )
        assert client.post(reverse("pembinaan:kegiatan_hapus", args=[kegiatan.pk])).status_code == 404
    client.force_login(users["operator_opd"])
    page = client.get(reverse("pembinaan:rencana_list"), {"tahun": TAHUN})
    assert [r.pk for r in page.context["page"]] == [rencana.pk]
    # the list's per-plan totals: every activity of the plan, summed from the rows themselves
    baris = page.context["page"][0]
    kegiatan = list(rencana.kegiatan.all())
    assert len(kegiatan) >= 2 and baris.jumlah_kegiatan == len(kegiatan)
    assert baris.total_jp == sum((k.target_jp for k in kegiatan), Decimal(0))
    assert baris.total_biaya == sum(k.biaya for k in kegiatan)


def test_journey_pages_create_submit_return_agree(rencana, client, users):
    client.force_login(users["pegawai"])
    url = reverse("pembinaan:rencana_detail", args=[rencana.pk])
    r = client.post(url, {**_post(), "keterangan": "Dari rekomendasi atasan"})
    assert r.status_code == 302
    assert rencana.kegiatan.count() == 3
    client.post(reverse("pembinaan:rencana_aksi", args=[rencana.pk]), {"aksi": "ajukan"})
    client.force_login(users["atasan"])
    client.post(
        reverse("pembinaan:rencana_aksi", args=[rencana.pk]),
        {"aksi": "kembalikan", "alasan": "Kurangi biaya"},
    )
    rencana.refresh_from_db()
    assert rencana.status == "dikembalikan"
    client.force_login(users["pegawai"])
    assert "Kurangi biaya" in client.get(url).content.decode()
    client.post(reverse("pembinaan:rencana_aksi", args=[rencana.pk]), {"aksi": "ajukan"})
    client.force_login(users["atasan"])
    client.post(reverse("pembinaan:rencana_aksi", args=[rencana.pk]), {"aksi": "setujui"})
    rencana.refresh_from_db()
    assert rencana.status == "disetujui"


def _post(**kw) -> dict:
    data = {
        "kebutuhan": "",
        "nama_kegiatan": "Workshop Anjab",
        "bentuk": "workshop",
        "target_jp": "12",
        "waktu_mulai": f"{TAHUN}-06-01",
        "waktu_selesai": f"{TAHUN}-06-02",
        "biaya": "750000",
        "sumber_dana": "apbd",
        "keterangan": "",
    }
    data.update(kw)
    return data


def test_long_text_on_create_and_on_edit(rencana, client, users):
    client.force_login(users["pegawai"])
    sebelum = rencana.kegiatan.count()
    r = client.post(reverse("pembinaan:rencana_detail", args=[rencana.pk]), _post(keterangan=PANJANG))
    assert r.status_code == 200 and "paling banyak 500 karakter" in r.content.decode()
    assert rencana.kegiatan.count() == sebelum
    kegiatan = rencana.kegiatan.first()
    url = reverse("pembinaan:kegiatan_ubah", args=[kegiatan.pk])
    r = client.post(url, _post(keterangan=PANJANG))
    assert r.status_code == 200 and "paling banyak 500 karakter" in r.content.decode()
    kegiatan.refresh_from_db()
    assert kegiatan.keterangan == "" and kegiatan.nama_kegiatan != "Workshop Anjab"
    r = client.post(url, _post(keterangan="k" * 500, waktu_selesai=f"{TAHUN}-05-01"))
    assert "Rencana selesai tidak boleh sebelum rencana mulai." in r.content.decode()
    r = client.post(url, _post(keterangan="k" * 500))
    assert r.status_code == 302
    kegiatan.refresh_from_db()
    assert (kegiatan.keterangan, kegiatan.nama_kegiatan, kegiatan.biaya) == (
        "k" * 500,
        "Workshop Anjab",
        750_000,
    )
    assert kegiatan.history.first().history_change_reason == "Kegiatan diubah"


def test_long_reasons_in_the_return_and_proposal_forms(rencana, client, users, org):
    services_rencana.rencana_ajukan(actor=users["pegawai"], rencana=rencana)
    client.force_login(users["atasan"])
    r = client.post(
        reverse("pembinaan:rencana_aksi", args=[rencana.pk]),
        {"aksi": "kembalikan", "alasan": PANJANG},
        follow=True,
    )
    assert "paling panjang 500 karakter" in r.content.decode()
    rencana.refresh_from_db()
    assert rencana.status == "diajukan"
    r = client.post(
        reverse("pembinaan:kebutuhan_usul"),
        {"pegawai": org.staf_a.pk, "tahun": TAHUN, "topik": "Arsip", "uraian": PANJANG, "bentuk_saran": ""},
    )
    assert r.status_code == 200 and "paling banyak 500 karakter" in r.content.decode()
    assert not KebutuhanPengembangan.objects.filter(sumber="usulan").exists()


def test_proposal_page_for_a_subordinate(org, users, client):
    client.force_login(users["atasan"])
    r = client.post(
        reverse("pembinaan:kebutuhan_usul"),
        {
            "pegawai": org.staf_a.pk,
            "tahun": TAHUN,
            "topik": "Analisis data",
            "uraian": "Laporan",
            "bentuk_saran": "kursus",
        },
    )
    assert r.status_code == 302
    k = KebutuhanPengembangan.objects.get(sumber="usulan")
    assert (k.pegawai, k.dibuat_oleh, k.bentuk_saran) == (org.staf_a, users["atasan"], "kursus")
    r = client.post(
        reverse("pembinaan:kebutuhan_usul"),
        {"pegawai": org.staf_b.pk, "tahun": TAHUN, "topik": "x", "uraian": "y"},
    )
    assert r.status_code == 200 and KebutuhanPengembangan.objects.count() == 1  # not their subordinate


def test_ppk_approves_on_the_page_operator_cannot(rencana, users, client):
    _setujui(rencana, users)
    client.force_login(users["operator_opd"])
    assert client.post(reverse("pembinaan:rekap") + f"?tahun={TAHUN}").status_code == 403
    client.force_login(users["pimpinan"])
    r = client.post(reverse("pembinaan:rekap") + f"?tahun={TAHUN}", {"catatan": "Setuju"})
    assert r.status_code == 302
    assert RencanaKompetensi.objects.get(opd__isnull=True).status == "disetujui"
    assert "Disetujui PPK" in client.get(reverse("pembinaan:rekap"), {"tahun": TAHUN}).content.decode()


def test_job_page_starts_and_shows_progress(org, users, client, django_capture_on_commit_callbacks):
    client.force_login(users["admin_bkd"])
    with django_capture_on_commit_callbacks(execute=False):
        r = client.post(reverse("pembinaan:generasi_mulai"), {"tahun": "2026"})
    assert r.status_code == 302
    page = client.get(r["Location"])
    assert page.status_code == 200 and "0 dari 6 langkah" in page.content.decode()
    client.force_login(users["operator_opd"])
    assert client.post(reverse("pembinaan:generasi_mulai"), {"tahun": "2026"}).status_code == 403


# --- query counts ------------------------------------------------------------------------------------------


def _plans(org, n: int):
    for _ in range(n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan)
        r = RencanaPengembangan.objects.create(pegawai=p, tahun=TAHUN, status="disetujui")
        KegiatanRencana.objects.create(
            rencana=r, nama_kegiatan="x", bentuk="kursus", jalur="klasikal", target_jp=4,
            waktu_mulai=dt.date(TAHUN, 1, 5), waktu_selesai=dt.date(TAHUN, 1, 5), biaya=10, sumber_dana="apbd",
        )  # fmt: skip
        KebutuhanPengembangan.objects.create(
            pegawai=p, tahun=TAHUN, sumber="jp", kunci="jp:2026", topik="t", uraian="u"
        )


@pytest.mark.parametrize("name", ["pembinaan:rencana_list", "pembinaan:kebutuhan_list", "pembinaan:rekap"])
def test_query_count_3_vs_10_rows(org, client_as, name):
    _plans(org, 3)
    c = client_as("admin_bkd")
    url = reverse(name) + f"?tahun={TAHUN}"
    assert_same_queries_after(lambda: get_queries(c, url), lambda: _plans(org, 7), name)


def test_plan_detail_query_count(rencana, client_as, users):
    c = client_as("pegawai")
    url = reverse("pembinaan:rencana_detail", args=[rencana.pk])

    def tambah():
        for i in range(7):
            services_rencana.kegiatan_simpan(
                actor=users["pegawai"], rencana=rencana, data=_data(nama_kegiatan=f"K{i}")
            )

    assert_same_queries_after(lambda: get_queries(c, url), tambah, "rencana_detail")


# --- PDF ---------------------------------------------------------------------------------------------------


def test_plan_pdf_and_rollup_pdf(rencana, users, client, tmp_path):
    services_rencana.kegiatan_simpan(actor=users["pegawai"], rencana=rencana, data=_data(biaya=2_250_000))
    _setujui(rencana, users)
    client.force_login(users["atasan"])
    r = client.get(reverse("pembinaan:rencana_pdf", args=[rencana.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content[:4] == b"%PDF"
    (tmp_path / "rencana.pdf").write_bytes(r.content)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "rencana.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "RENCANA PENGEMBANGAN KOMPETENSI PEGAWAI TAHUN 2027" in teks
    assert "Rp2.250.000" in teks.replace(" ", "") or "Rp 2.250.000" in teks
    assert "DRAF" not in teks
    client.force_login(users["pimpinan"])
    r = client.get(reverse("pembinaan:rekap"), {"tahun": TAHUN, "unduh": "pdf"})
    assert r.status_code == 200 and r.content[:4] == b"%PDF"
    (tmp_path / "rekap.pdf").write_bytes(r.content)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "rekap.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Belum disetujui PPK" in teks and "DRAF" in teks


def test_unused_factory_user_has_no_plan_access(rencana, client):
    orang = UserFactory(username="tamu")
    client.force_login(orang)
    assert client.get(reverse("pembinaan:rencana_detail", args=[rencana.pk])).status_code == 404
