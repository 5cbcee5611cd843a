"""Corrections of a locked month are paid in a later run: the locked run never changes, and
paid + correction = the month recomputed (amounts from PP 5/2024, worked by hand below)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from penggajian import services
from penggajian.models import KenaikanGajiBerkala, Penyesuaian, Slip
from tests.penggajian.bantu import hitung
from tests.penggajian.bantu import kunci as _kunci


@pytest.fixture
def staf(org):
    p = org.staf_b
    p.nama_bank, p.nomor_rekening, p.status_perkawinan = "Bank Sulteng", "0012345678", "belum kawin"
    p.mkg_tahun = 0
    p.save()
    return p


def kunci(petugas, run):
    return _kunci(petugas, run, catatan="Pegawai lain tanpa rekening")


def test_a_late_kgb_is_paid_as_a_correction_in_the_next_run(org, staf, petugas):
    oktober = kunci(petugas, hitung(petugas["pembuat"], 10))
    slip_okt = Slip.objects.get(run=oktober, pegawai=staf)
    # III/a MKG 0 (PP 5/2024) 2.785.700 + tunjangan umum III 185.000 + beras 1 × 72.420 = 3.043.120 kotor
    # before rounding; IWP 8 % = 222.856, BPJS 1 % × 2.970.700 = 29.707; TER A 0 % (bruto 3.188.691);
    # 3.043.120 − 252.563 = 2.790.557 → pembulatan 43 → bersih 2.790.600.
    assert slip_okt.jumlah_bersih == Decimal(2_790_600)

    # The KGB SK to MKG 2 from 1 October arrives after October was locked.
    KenaikanGajiBerkala.objects.create(
        pegawai=staf, golongan="III/a", mkg_tahun=2, tmt=dt.date(2026, 10, 1),
        gaji_pokok_lama=2_785_700, gaji_pokok_baru=2_873_500, status="ditetapkan",
    )  # fmt: skip
    adj = services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip_okt, alasan="SK KGB terlambat")
    # MKG 2: 2.873.500; IWP 229.880; BPJS 1 % × 3.058.500 = 30.585; kotor 3.130.920 before rounding;
    # bersih 2.870.455 → pembulatan 45 → 2.870.500. Difference: gaji pokok +87.800, pembulatan +2,
    # IWP +7.024, BPJS +878 → bersih +79.900. The PPh bruto (for December's annual tax) moves by the
    # gaji pokok +87.800, JKK 0,24 % (6.686 → 6.896) +210, JKM 0,72 % (20.057 → 20.689) +632 and the
    # employer's BPJS 4 % (118.828 → 122.340) +3.512 = 92.154.
    assert adj.selisih == {
        "gaji_pokok": 87_800, "pembulatan": 2, "jumlah_kotor": 87_802, "potongan_iwp": 7_024,
        "potongan_bpjs": 878, "jumlah_potongan": 7_902, "jumlah_bersih": 79_900, "bruto_pph": 92_154,
    }  # fmt: skip
    assert adj.selisih_bersih == Decimal(79_900)
    assert "Gaji pokok Rp2.785.700 → Rp2.873.500 (+Rp87.800)" in adj.penjelasan

    november = hitung(petugas["pembuat"], 11)
    slip_nov = Slip.objects.get(run=november, pegawai=staf)
    # November itself is at MKG 2 (2.870.500) plus October's correction (79.900).
    assert slip_nov.jumlah_bersih == Decimal(2_870_500 + 79_900)
    assert slip_nov.kolom["gaji_pokok"] == 2_873_500 + 87_800
    assert "bruto_pph" not in slip_nov.kolom
    # November's own PPh bruto at MKG 2: 2.873.500 + umum 185.000 + beras 72.420 + JKK 6.896 + JKM 20.689
    # + BPJS pemda 122.340 = 3.280.845, plus October's 92.154.
    assert slip_nov.bruto_pph == Decimal(3_280_845 + 92_154)
    koreksi = [b for b in slip_nov.rincian if b["kode"] == "koreksi"]
    assert [(b["label"], b["jenis"], b["jumlah"]) for b in koreksi] == [
        ("Koreksi Oktober 2026", "penghasilan", 79_900)
    ]
    adj.refresh_from_db()
    assert adj.run_tujuan == november
    # The locked October slip is untouched; paid + correction = October recomputed.
    slip_okt.refresh_from_db()
    assert slip_okt.jumlah_bersih + adj.selisih_bersih == Decimal(2_870_500)

    # Recomputing November applies the correction once, not twice.
    november = hitung(petugas["pembuat"], 11)
    assert Slip.objects.get(run=november, pegawai=staf).jumlah_bersih == Decimal(2_950_400)


def test_corrections_need_a_locked_month_a_reason_and_a_difference(org, staf, petugas):
    oktober = hitung(petugas["pembuat"], 10)
    slip = Slip.objects.get(run=oktober, pegawai=staf)
    with pytest.raises(ValidationError, match="belum dikunci"):
        services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip, alasan="x")
    oktober = kunci(petugas, oktober)
    with pytest.raises(ValidationError, match="Alasan koreksi wajib"):
        services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip, alasan=" ")
    with pytest.raises(ValidationError, match="tidak berubah"):
        services.penyesuaian_buat(actor=petugas["pembuat"], slip=slip, alasan="Periksa ulang")
    assert not Penyesuaian.objects.exists()


def test_the_correction_pages(org, staf, petugas, users, client, django_assert_num_queries):
    oktober = kunci(petugas, hitung(petugas["pembuat"], 10))
    slip = Slip.objects.get(run=oktober, pegawai=staf)
    KenaikanGajiBerkala.objects.create(
        pegawai=staf, golongan="III/a", mkg_tahun=2, tmt=dt.date(2026, 10, 1),
        gaji_pokok_lama=2_785_700, gaji_pokok_baru=2_873_500, status="ditetapkan",
    )  # fmt: skip
    url = reverse("penggajian:penyesuaian_buat", args=[slip.pk])
    for role in ("pegawai", "operator_opd", "pimpinan"):
        client.force_login(users[role])
        assert client.post(url, {"alasan": "SK KGB terlambat"}).status_code in (403, 404), role
    assert not Penyesuaian.objects.exists()
    client.force_login(petugas["pembuat"])
    response = client.post(url, {"alasan": "SK KGB terlambat"}, follow=True)
    assert "dibayarkan pada run berikutnya" in response.content.decode()
    assert "Rp79.900" in response.content.decode()
    client.force_login(users["pegawai"])
    assert client.get(reverse("penggajian:penyesuaian_list")).status_code == 403
    client.force_login(users["pimpinan"])
    page = client.get(reverse("penggajian:penyesuaian_list"))
    assert "Gaji pokok Rp2.785.700 → Rp2.873.500" in page.content.decode()
