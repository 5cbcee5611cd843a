"""December, the last tax period: PPh 21 on the year's income at the Pasal 17 tariff less what TER withheld
in January–November (PP 58/2023 Pasal 3; PMK 168/2023 Pasal 17 and its Lampiran). Amounts are worked by
hand below: PTKP 54.000.000 + 4.500.000 (kawin) + 4.500.000 per dependant (max 3); biaya jabatan 5 % of
bruto, at most 500.000 per month; PKP rounded down to a thousand; 5 % up to 60.000.000, 15 % to
250.000.000, 25 % to 500.000.000, 30 % to 5.000.000.000, 35 % above (UU 7/2021 HPP)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from penggajian import pph21, selectors
from penggajian.hitung import hitung_induk, hitung_tpp
from penggajian.models import RekapKehadiran, Slip
from tests.penggajian.bantu import hitung, kunci
from tests.penggajian.test_hitung import aturan, kolom, pegawai, tpp  # noqa: F401 (fixtures)


@pytest.mark.parametrize(
    ("pkp", "pajak"),
    [
        (0, 0),
        (60_000_000, 3_000_000),  # 5 % × 60 jt
        (250_000_000, 31_500_000),  # 3 jt + 15 % × 190 jt
        (500_000_000, 94_000_000),  # 31,5 jt + 25 % × 250 jt
        (5_000_000_000, 1_444_000_000),  # 94 jt + 30 % × 4,5 M
        (6_000_000_000, 1_794_000_000),  # 1.444 jt + 35 % × 1 M
        (60_001_000, 3_000_150),  # the first rupiah of the second layer at 15 %
    ],
)
def test_pasal_17_layers(pkp, pajak):
    assert pph21.pph_pasal_17(Decimal(pkp)) == Decimal(pajak)


def test_ptkp_per_status():
    assert [pph21.ptkp_setahun(s) for s in ("TK/0", "TK/3", "K/0", "K/2", "K/3")] == [
        54_000_000, 67_500_000, 58_500_000, 67_500_000, 72_000_000,
    ]  # fmt: skip


def test_biaya_jabatan_is_capped_per_month_worked():
    # 3 months, bruto 40.000.000: 5 % = 2.000.000 > 3 × 500.000 → 1.500.000. Neto 40.000.000 − 1.500.000
    # − 1.000.000 = 37.500.000 < PTKP TK/0 → PKP 0.
    t = pph21.pph_setahun(bruto=Decimal(40_000_000), iuran=Decimal(1_000_000), bulan=3, status="TK/0")
    assert (t.biaya_jabatan, t.neto, t.pkp, t.pph) == (1_500_000, 37_500_000, 0, 0)
    # 12 months, bruto 150.000.000: 5 % = 7.500.000 > 6.000.000. Neto 150.000.000 − 6.000.000 − 3.000.000
    # = 141.000.000; − PTKP K/1 63.000.000 = 78.000.000 → 3.000.000 + 15 % × 18.000.000 = 5.700.000.
    t = pph21.pph_setahun(bruto=Decimal(150_000_000), iuran=Decimal(3_000_000), bulan=12, status="K/1")
    assert (t.biaya_jabatan, t.pkp, t.pph) == (6_000_000, 78_000_000, 5_700_000)


def test_december_salary_tax_is_the_year_tax_less_january_to_november(aturan):  # noqa: F811
    # The eselon II.a employee of test_hitung (K/0): every month bruto 9.143.334, IWP 428.595, TER A
    # 1,75 % = 160.008 withheld. Eleven such months were paid and locked.
    setahun = {"bulan": 11, "bruto_gaji": 11 * 9_143_334, "bruto_tpp": 0, "iuran": 11 * 428_595,
               "pph_gaji": 11 * 160_008, "pph_tpp": 0}  # fmt: skip
    m = pegawai(
        golongan="IV/c", mkg_tahun=21, jenis_jabatan="jpt", eselon="II.a", anak_ditunjang=0, setahun=setahun
    )
    h = hitung_induk(m, aturan)
    # Year: bruto 12 × 9.143.334 = 109.720.008; biaya jabatan 5 % = 5.486.000,40 (< 6.000.000); iuran
    # 12 × 428.595 = 5.143.140; neto 99.090.867,60; − PTKP K/0 58.500.000 = 40.590.867,60 → PKP 40.590.000;
    # 5 % = 2.029.500. December: 2.029.500 − 11 × 160.008 (1.760.088) = 269.412.
    k = kolom(h)
    assert (k["tunjangan_pph"], k["potongan_pph"]) == (269_412, 269_412)
    # Borne by the government: the net pay is the same as in a TER month.
    assert (k["pembulatan"], k["jumlah_bersih"]) == (89, 8_237_700)
    assert k["jumlah_kotor"] == 8_912_377 - 160_008 + 269_412
    assert h.bruto_pph == 9_143_334 and h.pph_setahun == 2_029_500
    tahunan = next(b for b in h.rincian if b.kode == "pph_setahun")
    assert (tahunan.jenis, int(tahunan.jumlah)) == ("info", 2_029_500)
    assert tahunan.penjelasan.startswith("Bruto setahun Rp109.720.008 (12 bulan) − biaya jabatan Rp5.486.000")
    assert "PKP Rp40.590.000" in tahunan.penjelasan
    potong = next(b for b in h.rincian if b.kode == "potongan_pph")
    assert potong.penjelasan == (
        "Masa pajak terakhir (PMK 168/2023): PPh setahun atas gaji Rp2.029.500 − PPh 21 gaji Januari–November "
        "Rp1.760.088"
    )


def test_december_salary_tax_never_goes_negative(aturan):  # noqa: F811
    # Same employee, but TER withheld 2.100.000 in January–November: the year's 2.029.500 is lower, so
    # December's is nil (the salary tax is the government's, the net pay does not move).
    setahun = {"bulan": 11, "bruto_gaji": 11 * 9_143_334, "bruto_tpp": 0, "iuran": 11 * 428_595,
               "pph_gaji": 2_100_000, "pph_tpp": 0}  # fmt: skip
    m = pegawai(
        golongan="IV/c", mkg_tahun=21, jenis_jabatan="jpt", eselon="II.a", anak_ditunjang=0, setahun=setahun
    )
    h = hitung_induk(m, aturan)
    assert (int(h.kolom["potongan_pph"]), int(h.kolom["jumlah_bersih"])) == (0, 8_237_700)
    assert "potongan_pph" not in {b.kode for b in h.rincian}
    assert next(b.penjelasan for b in h.rincian if b.kode == "pph_setahun").endswith(
        "; PPh 21 gaji Januari–November Rp2.100.000 lebih dipotong Rp70.500: PPh Desember nihil (ditanggung "
        "pemerintah, gaji bersih tetap)"
    )


def test_december_tpp_tax_tops_up_what_ter_missed(aturan, tpp):  # noqa: F811
    # The K/2 pelaksana III/b of test_hitung's TPP case: salary bruto 4.534.406 (IWP 309.214, TER B 0 %),
    # TPP bruto 3.660.000 + BPJS pemda on TPP 146.400 = 3.806.400 for PPh, TER withheld 83.408 on TPP.
    setahun = {"bulan": 11, "bruto_gaji": 11 * 4_534_406, "bruto_tpp": 11 * 3_806_400, "iuran": 11 * 309_214,
               "pph_gaji": 0, "pph_tpp": 11 * 83_408}  # fmt: skip
    m = pegawai(
        predikat="baik", periode_predikat="Triwulan III 2026", hukdis="sedang",
        hukdis_keterangan="Pemotongan tunjangan kinerja 25% selama 6 bulan",
        rekap={"hari_kerja": 21, "tanpa_keterangan": 1, "jumlah": {"TL1": 2, "APEL": 1}}, setahun=setahun,
    )  # fmt: skip
    h = hitung_tpp(m, aturan, tpp)
    # Salary alone: bruto 12 × 4.534.406 = 54.412.872; biaya jabatan 2.720.643,60; iuran 12 × 309.214 =
    # 3.710.568; neto 47.981.660,40 < PTKP K/2 67.500.000 → 0.
    # Salary + TPP: bruto 54.412.872 + 12 × 3.806.400 = 100.089.672; biaya jabatan 5.004.483,60; neto
    # 91.374.620,40; − 67.500.000 = 23.874.620,40 → PKP 23.874.000; 5 % = 1.193.700.
    # December: 1.193.700 − 0 − 11 × 83.408 (917.488) = 276.212.
    k = kolom(h)
    assert (k["tpp_bruto"], k["potongan_pph"], k["potongan_bpjs"]) == (3_660_000, 276_212, 36_600)
    assert k["tpp_bersih"] == 3_660_000 - 276_212 - 36_600
    assert h.bruto_pph == 3_806_400
    assert int(next(b.jumlah for b in h.rincian if b.kode == "pph_setahun")) == 1_193_700


def test_december_tpp_returns_what_ter_withheld_too_much(aturan, tpp):  # noqa: F811
    # The same employee started in October: two months paid, TPP PPh 2 × 83.408 = 166.816 withheld.
    setahun = {"bulan": 2, "bruto_gaji": 2 * 4_534_406, "bruto_tpp": 2 * 3_806_400, "iuran": 2 * 309_214,
               "pph_gaji": 0, "pph_tpp": 2 * 83_408}  # fmt: skip
    m = pegawai(
        predikat="baik", periode_predikat="Triwulan III 2026", hukdis="sedang",
        rekap={"hari_kerja": 21, "tanpa_keterangan": 1, "jumlah": {"TL1": 2, "APEL": 1}}, setahun=setahun,
    )  # fmt: skip
    h = hitung_tpp(m, aturan, tpp)
    # Year (3 months, not annualised): bruto 3 × (4.534.406 + 3.806.400) = 25.022.418; biaya jabatan
    # 1.251.120,90 (< 1.500.000); neto 22.843.655,10 < PTKP → 0. December returns 166.816.
    k = kolom(h)
    assert k["potongan_pph"] == -166_816
    assert k["tpp_bersih"] == 3_660_000 + 166_816 - 36_600
    kembali = next(b for b in h.rincian if b.kode == "potongan_pph")
    assert kembali.label == "Pengembalian kelebihan PPh 21 atas TPP"
    assert kembali.penjelasan.endswith("= lebih dipotong Rp166.816, dikembalikan bersama TPP Desember")


@pytest.fixture
def staf(org):
    p = org.staf_b
    p.nama_bank, p.nomor_rekening, p.status_perkawinan = "Bank Sulteng", "0012345678", "belum kawin"
    p.mkg_tahun = 0
    p.save()
    return p


def test_december_reads_the_locked_months_and_warns_about_the_others(org, staf, petugas, client):
    kunci(petugas, hitung(petugas["pembuat"], 9), catatan="Pegawai lain tanpa rekening")
    kunci(petugas, hitung(petugas["pembuat"], 10), catatan="Pegawai lain tanpa rekening")
    november = hitung(petugas["pembuat"], 11)  # computed, not locked: not paid yet
    desember = hitung(petugas["pembuat"], 12)
    slip = Slip.objects.get(run=desember, pegawai=staf)
    # III/a MKG 0, TK/0 (test_penyesuaian): PPh bruto 3.188.691 and IWP 222.856 a month, no tax.
    assert slip.masukan["setahun"] == {
        "bulan": 2, "bruto_gaji": 2 * 3_188_691, "bruto_tpp": 0, "iuran": 2 * 222_856, "pph_gaji": 0, "pph_tpp": 0,
        # Nothing imported; the months without a locked run of each kind (November is not locked).
        "impor": {"induk": [], "tpp": []},
        "tanpa_data": {"induk": [1, 2, 3, 4, 5, 6, 7, 8, 11], "tpp": list(range(1, 12))},
    }  # fmt: skip
    assert slip.bruto_pph == 3_188_691
    tahunan = next(b for b in slip.rincian if b["kode"] == "pph_setahun")
    # 3 months: bruto 9.566.073, biaya jabatan 478.303,65, iuran 668.568 → neto 8.419.201 < PTKP → 0.
    assert tahunan["jumlah"] == 0
    assert tahunan["penjelasan"].startswith("Bruto setahun Rp9.566.073 (3 bulan) − biaya jabatan Rp478.304")
    assert "pph_setahun" not in {b["kode"] for b in Slip.objects.get(run=november, pegawai=staf).rincian}

    client.force_login(petugas["pembuat"])
    page = client.get(reverse("penggajian:run_detail", args=[desember.pk])).content.decode()
    assert 'data-testid="peringatan-pph"' in page and "Gaji induk November 2026</a> (dihitung)" in page

    # Locking November after December was computed: December is now stale, and says so.
    kunci(petugas, november, catatan="Pegawai lain tanpa rekening")
    page = client.get(reverse("penggajian:run_detail", args=[desember.pk])).content.decode()
    assert "Dikunci setelah run ini dihitung" in page and "Gaji induk November 2026" in page
    desember = hitung(petugas["pembuat"], 12)
    assert Slip.objects.get(run=desember, pegawai=staf).masukan["setahun"]["bulan"] == 3
    page = client.get(reverse("penggajian:run_detail", args=[desember.pk])).content.decode()
    assert 'data-testid="peringatan-pph"' not in page
    # Another year has nothing locked.
    assert selectors.penghasilan_setahun([staf.pk], 2025) == {}


def test_the_december_tpp_run_counts_locked_tpp_months(org, staf, petugas):
    staf.jabatan.kelas_jabatan = 15  # pagu 18.000.000: TER takes tax on TPP
    staf.jabatan.save()
    for bulan in (11, 12):
        RekapKehadiran.objects.create(pegawai=staf, tahun=2026, bulan=bulan, hari_kerja=21)
    kunci(petugas, hitung(petugas["pembuat"], 11), catatan="Pegawai lain tanpa rekening")
    tpp_nov = kunci(petugas, hitung(petugas["pembuat"], 11, "tpp"), catatan="Pegawai lain tanpa rekening")
    slip_nov = Slip.objects.get(run=tpp_nov, pegawai=staf)
    desember = hitung(petugas["pembuat"], 12, "tpp")
    slip = Slip.objects.get(run=desember, pegawai=staf)
    setahun = slip.masukan["setahun"]
    assert (setahun["bulan"], setahun["bruto_tpp"], setahun["pph_tpp"]) == (
        1, int(slip_nov.bruto_pph), int(slip_nov.kolom["potongan_pph"]),
    )  # fmt: skip
    # Two months of salary and TPP stay under PTKP TK/0: what TER took on November's TPP comes back.
    assert slip_nov.kolom["potongan_pph"] > 0
    assert slip.kolom["potongan_pph"] == -int(slip_nov.kolom["potongan_pph"])
