"""Decrees of a move (issue 13 point 9): issuing an SK mutasi (individual and collective) from approved
proposals, its gap-free number, cancellation (number kept and marked, prints verify as cancelled, proposals
back to disetujui), the SPMT, the PDFs, and the pages (scope, 404 across OPDs, query counts)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from core.models import DokumenTerverifikasi, NomorDokumen
from mutasi import services
from mutasi.models import PegawaiSKMutasi, SKMutasi, UsulanMutasi
from mutasi.services import sk as services_sk
from tests.factories import JabatanFactory, PegawaiFactory
from tests.querycount import assert_same_queries, get_queries

from .conftest import HARI_INI, buat_usulan, lengkapi_dokumen

S = UsulanMutasi.Status


def setujui(users, usulan: UsulanMutasi, sidang) -> UsulanMutasi:
    """Take a draft through submit → verify → TPK → PPK approval."""
    lengkapi_dokumen(users["operator_opd"], usulan)
    usulan = services.usulan_mutasi_submit(actor=users["operator_opd"], usulan=usulan)
    usulan = services.usulan_mutasi_verify(actor=users["admin_bkd"], usulan=usulan)
    services.rekomendasi_tpk_record(
        actor=users["admin_bkd"], sidang=sidang, usulan=usulan, keputusan="setuju", catatan="Sesuai"
    )
    usulan.refresh_from_db()
    return services.usulan_mutasi_approve(actor=users["pimpinan"], usulan=usulan)


@pytest.fixture
def dua_disetujui(org, users, sidang, usulan_disetujui) -> list[UsulanMutasi]:
    """staf_a (OPD A → OPD B) and kabid... no: a second employee of OPD A to a post in OPD A."""
    jab = JabatanFactory(unit_kerja=org.bidang_a, nama="Analis Kurikulum", jenis="pelaksana", kelas_jabatan=7)
    lain = PegawaiFactory(jabatan=org.staf_a.jabatan, nama="Rina Marlina")
    kedua = setujui(users, buat_usulan(users["operator_opd"], lain, jab), sidang)
    return [usulan_disetujui, kedua]


def terbitkan(users, usulan_list, **kwargs) -> SKMutasi:
    data = {
        "tanggal": HARI_INI,
        "menimbang": "a. bahwa perlu;",
        "mengingat": "1. UU 20/2023;",
        "tembusan": "Kepala BKN\nArsip",
    }
    data.update(kwargs)
    return services_sk.sk_mutasi_issue(actor=users["admin_bkd"], usulan_list=usulan_list, **data)


def test_sk_kolektif_diterbitkan_dengan_nomor_dan_usulan_sk_terbit(users, dua_disetujui):
    sk = terbitkan(users, dua_disetujui)
    assert sk.nomor == "800/1/BKPSDM/2026"
    assert sk.nomor_dokumen.urut == 1
    items = list(sk.pegawai_list.order_by("urutan"))
    assert len(items) == 2
    assert {i.status for i in items} == {PegawaiSKMutasi.Status.MENUNGGU_TMT}
    for u in dua_disetujui:
        u.refresh_from_db()
        assert u.status == S.SK_TERBIT
        assert u.history.first().history_user == users["admin_bkd"]
    assert (
        DokumenTerverifikasi.objects.filter(sumber__startswith=sk.sumber_dokumen).count() == 3
    )  # SK + 2 petikan
    staf = next(i for i in items if i.usulan_id == dua_disetujui[0].pk)
    assert staf.nama_jabatan_asal == "Pengelola Data Pendidikan"
    assert staf.nama_unit_asal == "Bidang Pembinaan SD"
    assert staf.nama_jabatan_tujuan == "Analis Data Kesehatan"
    assert staf.nama_unit_tujuan == "Dinas Kesehatan"
    assert staf.tmt == dt.date(2027, 1, 1)


def test_usulan_belum_disetujui_ditolak_dengan_nama(users, org, usulan_diverifikasi):
    with pytest.raises(ValidationError) as info:
        terbitkan(users, [usulan_diverifikasi])
    pesan = " ".join(info.value.messages)
    assert "Andi Pratama" in pesan and "Diverifikasi" in pesan and "disetujui PPK" in pesan
    assert not SKMutasi.objects.exists()
    assert not NomorDokumen.objects.exists()


def test_hanya_admin_bkd_menerbitkan(users, usulan_disetujui):
    for role in ("operator_opd", "pimpinan", "pegawai"):
        with pytest.raises(PermissionDenied):
            services_sk.sk_mutasi_issue(
                actor=users[role],
                usulan_list=[usulan_disetujui],
                tanggal=HARI_INI,
                menimbang="a",
                mengingat="b",
            )


def test_nomor_tanpa_celah_bila_penerbitan_gagal(users, dua_disetujui):
    """A failure after the number was taken rolls the number back: the next SK gets 1, not 2."""
    with pytest.raises(RuntimeError), transaction.atomic():
        terbitkan(users, [dua_disetujui[0]])
        raise RuntimeError("gagal setelah nomor diambil")
    assert not NomorDokumen.objects.exists()
    sk = terbitkan(users, [dua_disetujui[0]])
    assert sk.nomor == "800/1/BKPSDM/2026"
    sk2 = terbitkan(users, [dua_disetujui[1]])
    assert sk2.nomor == "800/2/BKPSDM/2026"


def test_batal_sk_menyimpan_nomor_dan_mengembalikan_usulan(client, users, dua_disetujui):
    sk = terbitkan(users, dua_disetujui)
    services_sk.sk_mutasi_cancel(actor=users["admin_bkd"], sk=sk, alasan="Salah jabatan tujuan")
    sk.refresh_from_db()
    assert sk.status == SKMutasi.Status.DIBATALKAN
    nomor = NomorDokumen.objects.get()
    assert nomor.nomor == "800/1/BKPSDM/2026" and nomor.dibatalkan
    for u in dua_disetujui:
        u.refresh_from_db()
        assert u.status == S.DISETUJUI
    assert set(sk.pegawai_list.values_list("status", flat=True)) == {"batal"}
    # The prints verify as cancelled.
    for dok in DokumenTerverifikasi.objects.filter(sumber__startswith=sk.sumber_dokumen):
        assert dok.dicabut is not None
    response = client.get(reverse("verifikasi", args=[sk.kode_verifikasi]))
    assert response.status_code == 200
    assert (
        "dicabut" in response.content.decode().lower() or "tidak berlaku" in response.content.decode().lower()
    )
    # The same proposals go into a new SK, with the next number (the cancelled one is never reused).
    baru = terbitkan(users, dua_disetujui)
    assert baru.nomor == "800/2/BKPSDM/2026"


def test_batal_wajib_alasan_dan_maks_500(users, usulan_disetujui):
    sk = terbitkan(users, [usulan_disetujui])
    with pytest.raises(ValidationError):
        services_sk.sk_mutasi_cancel(actor=users["admin_bkd"], sk=sk, alasan=" ")
    with pytest.raises(ValidationError) as info:
        services_sk.sk_mutasi_cancel(actor=users["admin_bkd"], sk=sk, alasan="x" * 501)
    assert "500" in " ".join(info.value.messages)


def test_spmt_mendapat_nomor_sekali(users, usulan_disetujui, time_machine):
    sk = terbitkan(users, [usulan_disetujui])
    item = sk.pegawai_list.get()
    with pytest.raises(ValidationError, match="sebelum TMT"):
        services_sk.spmt_record(actor=users["admin_bkd"], item=item, tanggal_spmt=HARI_INI)
    time_machine.move_to(dt.datetime(2027, 1, 4, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    item = services_sk.spmt_record(actor=users["admin_bkd"], item=item, tanggal_spmt=dt.date(2027, 1, 4))
    assert item.nomor_spmt == "800/1/SPMT/BKPSDM/2027"
    item = services_sk.spmt_record(actor=users["admin_bkd"], item=item, tanggal_spmt=dt.date(2027, 1, 2))
    assert item.nomor_spmt == "800/1/SPMT/BKPSDM/2027" and item.tanggal_spmt == dt.date(2027, 1, 2)
    assert NomorDokumen.objects.filter(register__jenis__kode="spmt").count() == 1
    # Operator of the origin OPD (A) may not record it: the move goes to OPD B.
    with pytest.raises(PermissionDenied):
        services_sk.spmt_record(actor=users["operator_opd"], item=item, tanggal_spmt=dt.date(2027, 1, 4))


def _pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "dok.pdf"
    path.write_bytes(data)
    if os.environ.get("MUTASI_PDF_DIR"):  # to look at the layout by hand (pdftoppm)
        n = len(list(Path(os.environ["MUTASI_PDF_DIR"]).glob("*.pdf")))
        (Path(os.environ["MUTASI_PDF_DIR"]) / f"dok{n}.pdf").write_bytes(data)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext tidak tersedia")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_sk_petikan_spmt(client_as, users, dua_disetujui, tmp_path, time_machine):
    sk = terbitkan(users, dua_disetujui)
    client = client_as("admin_bkd")
    response = client.get(reverse("mutasi:sk_pdf", args=[sk.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    teks = " ".join(_pdftotext(response.content, tmp_path).split())
    for kata in (
        "800/1/BKPSDM/2026",
        "Menimbang",
        "Mengingat",
        "MEMUTUSKAN",
        "KESATU",
        "LAMPIRAN",
        "Andi Pratama",
        "Rina Marlina",
        "Analis Data Kesehatan",
        "1 Januari 2027",
        "Tembusan",
    ):
        assert kata in teks, kata
    item = sk.pegawai_list.get(usulan=dua_disetujui[0])
    response = client.get(reverse("mutasi:sk_petikan_pdf", args=[sk.pk, item.pk]))
    teks = " ".join(_pdftotext(response.content, tmp_path).split())
    assert "PETIKAN" in teks and "Andi Pratama" in teks and "Rina Marlina" not in teks
    assert "Untuk petikan yang sah" in teks
    time_machine.move_to(dt.datetime(2027, 1, 4, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    services_sk.spmt_record(actor=users["admin_bkd"], item=item, tanggal_spmt=dt.date(2027, 1, 4))
    client = client_as("admin_bkd")  # the session of two months ago has expired
    response = client.get(reverse("mutasi:sk_spmt_pdf", args=[sk.pk, item.pk]))
    assert response.status_code == 200
    teks = " ".join(_pdftotext(response.content, tmp_path).split())
    assert "telah secara nyata melaksanakan tugas" in teks and "800/1/SPMT/BKPSDM/2027" in teks
    assert "4 Januari 2027" in teks


def test_halaman_sk_dan_404_lintas_opd(client_as, users, org, usulan_disetujui):
    sk = terbitkan(users, [usulan_disetujui])
    admin = client_as("admin_bkd")
    assert admin.get(reverse("mutasi:sk_list")).status_code == 200
    assert admin.get(reverse("mutasi:sk_detail", args=[sk.pk])).status_code == 200
    assert admin.get(reverse("mutasi:sk_create")).status_code == 200
    html = admin.get(reverse("mutasi:usulan_detail", args=[usulan_disetujui.pk])).content.decode()
    assert 'data-testid="sk-usulan"' in html and sk.nomor in html
    # The operator of OPD A sees it (origin); one of a third OPD gets 404 on every URL.
    from akun import roles
    from tests.factories import UnitKerjaFactory, UserFactory, bind_operator

    opd_c = UnitKerjaFactory(kode="C", nama="Dinas Perhubungan", jenis="opd")
    lain = UserFactory(username="operator_c", roles=[roles.OPERATOR_OPD])
    bind_operator(lain, opd_c)
    item = sk.pegawai_list.get()
    client = client_as("operator_opd")
    assert client.get(reverse("mutasi:sk_detail", args=[sk.pk])).status_code == 200
    client.force_login(lain)
    for url in (
        reverse("mutasi:sk_detail", args=[sk.pk]),
        reverse("mutasi:sk_pdf", args=[sk.pk]),
        reverse("mutasi:sk_petikan_pdf", args=[sk.pk, item.pk]),
        reverse("mutasi:sk_batal", args=[sk.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("mutasi:sk_spmt", args=[sk.pk, item.pk]), {"tanggal_spmt": "2026-11-02"}
        ).status_code
        == 404
    )
    assert client.get(reverse("mutasi:sk_create")).status_code == 403


def test_halaman_menampilkan_keberatan(client_as, users, usulan_diverifikasi, sidang):
    services.usulan_mutasi_respond(
        actor=users["pegawai"],
        usulan=usulan_diverifikasi,
        tanggapan="keberatan",
        alasan="Anak masih sekolah di sini",
    )
    services.rekomendasi_tpk_record(
        actor=users["admin_bkd"],
        sidang=sidang,
        usulan=usulan_diverifikasi,
        keputusan="setuju",
        catatan="Sesuai",
    )
    usulan_diverifikasi.refresh_from_db()
    usulan = services.usulan_mutasi_approve(actor=users["pimpinan"], usulan=usulan_diverifikasi)
    sk = terbitkan(users, [usulan])
    html = client_as("admin_bkd").get(reverse("mutasi:sk_detail", args=[sk.pk])).content.decode()
    assert 'data-testid="keberatan"' in html and "Anak masih sekolah di sini" in html


def test_batal_lewat_halaman(client_as, users, usulan_disetujui):
    sk = terbitkan(users, [usulan_disetujui])
    client = client_as("admin_bkd")
    assert client.get(reverse("mutasi:sk_batal", args=[sk.pk])).status_code == 200
    response = client.post(reverse("mutasi:sk_batal", args=[sk.pk]), {"alasan": "x" * 501})
    assert response.status_code == 200
    sk.refresh_from_db()
    assert sk.status == SKMutasi.Status.TERBIT
    response = client.post(reverse("mutasi:sk_batal", args=[sk.pk]), {"alasan": "Salah ketik"})
    assert response.status_code == 302
    sk.refresh_from_db()
    assert sk.status == SKMutasi.Status.DIBATALKAN


def test_terbit_lewat_halaman(client_as, users, usulan_disetujui):
    client = client_as("admin_bkd")
    html = client.get(reverse("mutasi:sk_create")).content.decode()
    assert "Undang-Undang Nomor 20 Tahun 2023" in html
    response = client.post(
        reverse("mutasi:sk_create"),
        {
            "usulan": [usulan_disetujui.pk],
            "tanggal": "2026-11-02",
            "tentang": "Pemindahan dan Penempatan Pegawai Negeri Sipil",
            "menimbang": "a. bahwa",
            "mengingat": "1. UU",
            "tembusan": "Arsip",
        },
    )
    assert response.status_code == 302
    sk = SKMutasi.objects.get()
    assert response["Location"] == reverse("mutasi:sk_detail", args=[sk.pk])


def _buat_sk(users, org, sidang, n: int) -> None:
    jab = JabatanFactory(unit_kerja=org.opd_b, nama=f"Analis {n}", jenis="pelaksana", kebutuhan=50)
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf_a.jabatan, nama=f"Pegawai {n}-{i}")
        u = setujui(users, buat_usulan(users["operator_opd"], p, jab), sidang)
        terbitkan(users, [u])


@pytest.mark.parametrize("role", ["admin_bkd", "operator_opd"])
def test_query_count_daftar_sk_sama_untuk_3_dan_10(client_as, users, org, sidang, role):
    client = client_as(role)
    url = reverse("mutasi:sk_list")
    _buat_sk(users, org, sidang, 3)
    get_queries(client, url)  # warm-up
    kecil = get_queries(client, url)
    _buat_sk(users, org, sidang, 7)
    besar = get_queries(client, url)
    assert_same_queries(kecil, besar, "daftar SK mutasi")
