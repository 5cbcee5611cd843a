"""KGB: due in the next three months with eligibility from kinerja, issued or postponed, the SK PDF, and
the raise paid from its TMT (amounts from PP 5/2024)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import Penilaian, PeriodeKinerja
from pegawai.models import Pegawai
from penggajian.models import KenaikanGajiBerkala, Slip
from tests.factories import PegawaiFactory
from tests.penggajian.bantu import hitung


@pytest.fixture
def hari_ini(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Makassar")))


@pytest.fixture
def jatuh_tempo(bergaji, hari_ini):
    """staf_b (III/a, MKG 0 at 1 January 2015) reaches MKG 12 on 1 January 2027."""
    p = Pegawai.objects.get(pk=bergaji.staf_b.pk)
    p.tmt_golongan, p.mkg_tahun, p.mkg_bulan = dt.date(2015, 1, 1), 0, 0
    p.refresh_derived(timezone.localdate())
    p.save()
    assert p.tanggal_kgb_berikutnya == dt.date(2027, 1, 1)
    return p


def nilai_tahunan(pegawai, predikat_2025, predikat_2026):
    for tahun, predikat in ((2025, predikat_2025), (2026, predikat_2026)):
        periode, _ = PeriodeKinerja.objects.get_or_create(
            tahun=tahun, defaults={"jenis_evaluasi": "triwulanan"}
        )
        Penilaian.objects.create(
            periode_kinerja=periode, periode="tahunan", pegawai=pegawai, opd_id=pegawai.opd_id,
            rating_hasil_kerja="sesuai ekspektasi", rating_perilaku_kerja="sesuai ekspektasi", predikat=predikat,
        )  # fmt: skip


def test_an_eligible_kgb_is_issued_and_raises_the_pay_from_its_tmt(jatuh_tempo, users, petugas, client):
    nilai_tahunan(jatuh_tempo, "baik", "sangat baik")
    client.force_login(users["admin_bkd"])
    page = client.get(reverse("penggajian:kgb_list")).content.decode()
    # PP 5/2024 III/a: MKG 10 3.252.900 → MKG 12 3.355.400.
    assert "Rp3.252.900 → <strong>Rp3.355.400</strong>" in page
    assert "Memenuhi" in page
    client.post(
        reverse("penggajian:kgb_tetapkan", args=[jatuh_tempo.pk]), {"nomor_sk": "822.3/101/BKPSDM/2026"}
    )
    kgb = KenaikanGajiBerkala.objects.get()
    assert (kgb.status, kgb.mkg_tahun, int(kgb.gaji_pokok_baru)) == ("ditetapkan", 12, 3_355_400)
    pdf = client.get(reverse("penggajian:kgb_sk_pdf", args=[kgb.pk]))
    assert pdf.content.startswith(b"%PDF")
    # December 2026 is paid at the recorded MKG (0 → 2.785.700); the KGB only counts from its TMT, and
    # this one skips the steps in between because the record is the decree.
    desember = hitung(petugas["pembuat"], bulan=12)
    assert int(Slip.objects.get(run=desember, pegawai=jatuh_tempo).kolom["gaji_pokok"]) == 2_785_700


def test_the_raise_counts_from_the_tmt_month(jatuh_tempo, petugas):
    KenaikanGajiBerkala.objects.create(
        pegawai=jatuh_tempo, golongan="III/a", mkg_tahun=12, tmt=dt.date(2026, 12, 1),
        gaji_pokok_lama=3_252_900, gaji_pokok_baru=3_355_400, status="ditetapkan",
    )  # fmt: skip
    november, desember = hitung(petugas["pembuat"], bulan=11), hitung(petugas["pembuat"], bulan=12)
    assert int(Slip.objects.get(run=november, pegawai=jatuh_tempo).kolom["gaji_pokok"]) == 2_785_700
    assert int(Slip.objects.get(run=desember, pegawai=jatuh_tempo).kolom["gaji_pokok"]) == 3_355_400
    assert (
        "KGB TMT 01-12-2026" in Slip.objects.get(run=desember, pegawai=jatuh_tempo).rincian[0]["penjelasan"]
    )


def test_an_ineligible_kgb_is_refused_and_can_be_postponed(jatuh_tempo, users, client):
    nilai_tahunan(jatuh_tempo, "baik", "butuh perbaikan")
    client.force_login(users["admin_bkd"])
    page = client.post(
        reverse("penggajian:kgb_tetapkan", args=[jatuh_tempo.pk]), {"nomor_sk": "X"}, follow=True
    ).content.decode()
    assert "predikat tahunan 2025 dan 2026 belum keduanya minimal Baik" in page
    assert not KenaikanGajiBerkala.objects.exists()
    client.post(
        reverse("penggajian:kgb_tunda", args=[jatuh_tempo.pk]), {"alasan": "Predikat 2026 Butuh Perbaikan"}
    )
    assert KenaikanGajiBerkala.objects.get().status == "ditunda"


def test_scope_and_query_count(jatuh_tempo, users, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["pegawai"])
    assert client.get(reverse("penggajian:kgb_list")).status_code == 403
    client.force_login(users["operator_opd"])  # OPD A: staf_b is in OPD B
    assert "Tidak ada KGB" in client.get(reverse("penggajian:kgb_list")).content.decode()
    assert (
        client.post(reverse("penggajian:kgb_tunda", args=[jatuh_tempo.pk]), {"alasan": "x"}).status_code
        == 404
    )

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("penggajian:kgb_list"))
        return len(ctx.captured_queries)

    client.force_login(users["admin_bkd"])

    def tambah(n):
        for i in range(n):
            p = PegawaiFactory(jabatan=jatuh_tempo.jabatan, nama=f"KGB {i}", tmt_golongan=dt.date(2015, 1, 1))
            assert p.tanggal_kgb_berikutnya == dt.date(2027, 1, 1)

    tambah(2)
    sedikit = queries()
    tambah(7)
    assert queries() == sedikit
