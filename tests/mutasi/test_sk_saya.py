"""The employee sees their own petikan (PDF) and the SPMT state on /mutasi/saya/ and on the mutasi tab
of their profile once the SK is issued (issue 13 point 9); another employee's petikan answers 404."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from akun import roles
from mutasi.services import sk as services_sk
from tests.factories import UserFactory

from .test_sk import _pdftotext, terbitkan


def test_pegawai_melihat_petikan_dan_spmt_sendiri(
    client_as, users, org, usulan_disetujui, tmp_path, time_machine
):
    client = client_as("pegawai")  # staf_a's login
    assert "SK mutasi saya" not in client.get(reverse("mutasi:saya")).content.decode()
    sk = terbitkan(users, [usulan_disetujui])
    item = sk.pegawai_list.get()
    html = client.get(reverse("mutasi:saya")).content.decode()
    assert "SK mutasi saya" in html and sk.nomor in html
    assert reverse("mutasi:petikan_saya_pdf", args=[item.pk]) in html
    assert "Analis Data Kesehatan" in html and "Menunggu TMT" in html
    assert "Belum dicatat" in html
    response = client.get(reverse("mutasi:petikan_saya_pdf", args=[item.pk]))
    assert response["Content-Type"] == "application/pdf"
    teks = " ".join(_pdftotext(response.content, tmp_path).split())
    assert "PETIKAN" in teks.upper() and org.staf_a.nama in teks and sk.nomor in teks
    # No SPMT yet: its PDF is not there.
    assert client.get(reverse("mutasi:spmt_saya_pdf", args=[item.pk])).status_code == 404

    # The profile's mutasi tab, seen by the employee: the same rows with the employee's own links.
    tab = reverse("pegawai:detail_tab", args=[org.staf_a.nip, "mutasi"])
    profil = client.get(tab).content.decode()
    assert 'data-testid="sk-saya"' in profil
    assert reverse("mutasi:petikan_saya_pdf", args=[item.pk]) in profil
    # … and by the Admin BKD: a link to the SK page instead.
    profil = client_as("admin_bkd").get(tab).content.decode()
    assert reverse("mutasi:sk_detail", args=[sk.pk]) in profil

    time_machine.move_to(dt.datetime(2027, 1, 4, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    services_sk.spmt_record(actor=users["admin_bkd"], item=item, tanggal_spmt=dt.date(2027, 1, 4))
    client = client_as("pegawai")  # a month later: the session has expired, sign in again
    html = client.get(reverse("mutasi:saya")).content.decode()
    assert "Melaksanakan tugas 4 Januari 2027" in html
    response = client.get(reverse("mutasi:spmt_saya_pdf", args=[item.pk]))
    assert response["Content-Type"] == "application/pdf"


def test_petikan_pegawai_lain_404(client, users, org, usulan_disetujui):
    sk = terbitkan(users, [usulan_disetujui])
    item = sk.pegawai_list.get()
    lain = UserFactory(username="dewi", roles=[roles.PEGAWAI])
    org.staf_b.user = lain
    org.staf_b.save(update_fields=["user"])
    client.force_login(lain)
    assert client.get(reverse("mutasi:petikan_saya_pdf", args=[item.pk])).status_code == 404
    assert client.get(reverse("mutasi:spmt_saya_pdf", args=[item.pk])).status_code == 404
    assert "SK mutasi saya" not in client.get(reverse("mutasi:saya")).content.decode()
    # Nor through the officers' SK pages.
    assert client.get(reverse("mutasi:sk_petikan_pdf", args=[sk.pk, item.pk])).status_code == 404


def test_sk_dibatalkan_tidak_tampil(client_as, users, usulan_disetujui):
    sk = terbitkan(users, [usulan_disetujui])
    item = sk.pegawai_list.get()
    services_sk.sk_mutasi_cancel(actor=users["admin_bkd"], sk=sk, alasan="Salah ketik nama jabatan")
    client = client_as("pegawai")
    assert "SK mutasi saya" not in client.get(reverse("mutasi:saya")).content.decode()
    assert client.get(reverse("mutasi:petikan_saya_pdf", args=[item.pk])).status_code == 404


def test_query_halaman_saya_dan_tab_profil_rata(client_as, org, users):
    """/mutasi/saya/ and the profile's mutasi tab cost the same queries for 3 and 10 decree rows."""
    from mutasi.models import PegawaiSKMutasi, SKMutasi
    from tests.querycount import assert_same_queries_after

    def tambah(dari: int, sampai: int) -> None:
        for i in range(dari, sampai):
            sk = SKMutasi.objects.create(
                nomor=f"800/{i}/BKPSDM/2025", tanggal=dt.date(2025, 1, 2), tentang="Mutasi"
            )
            PegawaiSKMutasi.objects.create(
                sk=sk, pegawai=org.staf_a, jenis="dalam_pemda", nama=org.staf_a.nama, nip=org.staf_a.nip,
                nama_jabatan_tujuan=f"Jabatan {i}", nama_unit_tujuan="Dinas Kesehatan", opd_tujuan=org.opd_b,
                jabatan_tujuan=org.staf_b.jabatan,
                tmt=dt.date(2025, 2, 1), tanggal_spmt=dt.date(2025, 2, 3) if i % 2 else None,
            )  # fmt: skip

    client = client_as("pegawai")
    for url in (reverse("mutasi:saya"), reverse("pegawai:detail_tab", args=[org.staf_a.nip, "mutasi"])):
        SKMutasi.objects.all().delete()  # the decree rows go with their SK
        tambah(0, 3)

        def fetch(url=url):
            assert client.get(url).status_code == 200

        assert_same_queries_after(fetch, lambda: tambah(3, 10), label=url)
    assert "Jabatan 9" in client.get(reverse("mutasi:saya")).content.decode()
