"""The pay calculation against the regulation, amounts worked by hand from the tables in the comments:
gaji pokok from the Lampiran of PP 5/2024 (PP 15/2019 before 2024) and Perpres 11/2024, allowances and
deductions at the rates of komponen_gaji_asn.csv, PPh 21 by the TER tables of PP 58/2023, TPP by the
example rule (tpp_aturan_contoh.csv)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from penggajian import pph21, selectors
from penggajian.hitung import GalatHitung, MasukanPegawai, hitung_induk, hitung_tpp


@pytest.fixture
def aturan(db):
    return selectors.aturan_gaji_data(selectors.aturan_gaji_model(2026, 11), 2026, 11)


@pytest.fixture
def tpp(db):
    return selectors.aturan_tpp_data(selectors.aturan_tpp_model(2026, 11))


def pegawai(**kw) -> MasukanPegawai:
    base = {
        "pegawai_id": 1, "nip": "198001012005011001", "nama": "Uji", "status_kepegawaian": "PNS",
        "jenis_kelamin": "L", "status_perkawinan": "kawin", "golongan": "III/b", "mkg_tahun": 10,
        "jenis_jabatan": "pelaksana", "eselon": "", "jenjang": "", "nama_jabatan": "Pengolah Data",
        "kelas_jabatan": 9, "pasangan_ditunjang": 1, "anak_ditunjang": 2, "nama_bank": "Bank Sulteng",
        "nomor_rekening": "0012345678",
    }  # fmt: skip
    base.update(kw)
    return MasukanPegawai(**base)


def kolom(hasil) -> dict:
    return {k: int(v) for k, v in hasil.kolom.items()}


def test_married_pelaksana_iii_b_with_three_children(aturan):
    h = hitung_induk(pegawai(anak_ditunjang=3), aturan)
    # PP 5/2024 III/b MKG 10 = 3.390.500; istri 10 % = 339.050; anak 2 × 2 % (max 2 of 3) = 135.620;
    # tunjangan umum III 185.000; beras 4 jiwa × 72.420 = 289.680.
    # BPJS base 3.390.500 + 474.670 + 185.000 = 4.050.170: 1 % = 40.502 (40.501,7), 4 % = 162.007.
    # JKK 0,24 % = 8.137; JKM 0,72 % = 24.412. PPh bruto 4.534.406, K/2 → TER B 0 % → 0.
    # IWP 8 % × 3.865.170 = 309.214. Net before rounding 4.339.850 − 349.716 = 3.990.134 → pembulatan 66.
    assert kolom(h) == {
        "gaji_pokok": 3_390_500, "tunjangan_suami_istri": 339_050, "tunjangan_anak": 135_620,
        "tunjangan_jabatan": 0, "tunjangan_fungsional": 0, "tunjangan_umum": 185_000, "tunjangan_beras": 289_680,
        "tunjangan_pph": 0, "pembulatan": 66, "jumlah_kotor": 4_339_916, "potongan_iwp": 309_214,
        "potongan_bpjs": 40_502, "potongan_pph": 0, "potongan_lain": 0, "jumlah_potongan": 349_716,
        "jumlah_bersih": 3_990_200,
    }  # fmt: skip
    info = {b.kode: int(b.jumlah) for b in h.rincian if b.jenis == "info"}
    assert info == {"bpjs_pemda": 162_007, "jkk": 8_137, "jkm": 24_412}
    anak = next(b for b in h.rincian if b.kode == "tunjangan_anak")
    assert anak.penjelasan == "2 anak × 2 % × gaji pokok Rp3.390.500 (paling banyak 2 anak)"


def test_eselon_ii_a_pays_pph_by_ter_a(aturan):
    m = pegawai(golongan="IV/c", mkg_tahun=21, jenis_jabatan="jpt", eselon="II.a", anak_ditunjang=0)
    h = hitung_induk(m, aturan)
    # PP 5/2024 IV/c: MKG 21 → the MKG 20 step, 4.870.400; istri 487.040; struktural II.a 3.250.000
    # (Perpres 26/2007); beras 2 × 72.420 = 144.840. BPJS base 8.607.440: 1 % 86.074, 4 % 344.298.
    # JKK 11.689, JKM 35.067. Bruto 9.143.334; K/0 → TER A 8.550.001–9.650.000 = 1,75 % → 160.008.
    # IWP 8 % × 5.357.440 = 428.595. 8.912.288 − 674.677 = 8.237.611 → pembulatan 89 → 8.237.700.
    k = kolom(h)
    assert (k["gaji_pokok"], k["tunjangan_jabatan"], k["tunjangan_umum"]) == (4_870_400, 3_250_000, 0)
    assert (k["tunjangan_pph"], k["potongan_pph"]) == (160_008, 160_008)
    assert (k["potongan_iwp"], k["potongan_bpjs"], k["pembulatan"]) == (428_595, 86_074, 89)
    assert (k["jumlah_kotor"], k["jumlah_potongan"], k["jumlah_bersih"]) == (8_912_377, 674_677, 8_237_700)
    pph = next(b for b in h.rincian if b.kode == "potongan_pph")
    assert pph.penjelasan.startswith("TER kategori A (K/0) 1,75 % × penghasilan bruto Rp9.143.334")


def test_the_bpjs_base_is_capped_at_twelve_million(aturan):
    m = pegawai(golongan="IV/e", mkg_tahun=33, jenis_jabatan="jpt", eselon="I.a")
    h = hitung_induk(m, aturan)
    # IV/e top step MKG 32 = 6.373.200; istri 637.320; anak 2 × 127.464; struktural I.a 5.500.000:
    # base 12.765.448 > 12.000.000 → BPJS 120.000 (pemda 480.000). JKK 15.296, JKM 45.887, beras 289.680.
    # Bruto 13.596.311; K/2 → TER B 12.600.001–13.600.000 = 4 % → 543.852. IWP 8 % × 7.265.448 = 581.236.
    # 13.598.980 − 1.245.088 = 12.353.892 → pembulatan 8 → 12.353.900.
    k = kolom(h)
    assert (k["gaji_pokok"], k["potongan_bpjs"], k["potongan_pph"], k["potongan_iwp"]) == (
        6_373_200, 120_000, 543_852, 581_236,
    )  # fmt: skip
    assert (k["pembulatan"], k["jumlah_bersih"]) == (8, 12_353_900)
    assert "dibatasi Rp12.000.000" in next(b.penjelasan for b in h.rincian if b.kode == "potongan_bpjs")


def test_cpns_pppk_and_a_married_woman(aturan):
    # CPNS: 80 % × PP 5/2024 III/a MKG 0 2.785.700 = 2.228.560; family allowances follow the paid amount.
    cpns = kolom(hitung_induk(pegawai(status_kepegawaian="CPNS", golongan="III/a", mkg_tahun=0), aturan))
    assert (cpns["gaji_pokok"], cpns["tunjangan_suami_istri"], cpns["tunjangan_anak"]) == (
        2_228_560,
        222_856,
        89_142,
    )
    # PPPK IX MKG 0 (Perpres 11/2024) 3.203.600, single; tunjangan umum of ruang III 185.000;
    # iuran 3,25 % × 3.203.600 = 104.117.
    pppk = kolom(
        hitung_induk(
            pegawai(status_kepegawaian="PPPK", golongan="IX", mkg_tahun=0, status_perkawinan="belum kawin",
                    pasangan_ditunjang=0, anak_ditunjang=0),
            aturan,
        )
    )  # fmt: skip
    assert (pppk["gaji_pokok"], pppk["tunjangan_umum"], pppk["potongan_iwp"], pppk["tunjangan_beras"]) == (
        3_203_600, 185_000, 104_117, 72_420,
    )  # fmt: skip
    # A married woman with her husband on the allowance: tunjangan suami 10 %, beras 2 jiwa, PTKP TK/0.
    wanita = hitung_induk(pegawai(jenis_kelamin="P", golongan="III/a", mkg_tahun=0, anak_ditunjang=0), aturan)
    assert [b.label for b in wanita.rincian if b.kode == "tunjangan_suami_istri"] == ["Tunjangan suami"]
    assert int(wanita.kolom["tunjangan_suami_istri"]) == 278_570
    assert int(wanita.kolom["tunjangan_beras"]) == 144_840


def test_functional_allowance_replaces_tunjangan_umum(aturan):
    m = pegawai(golongan="III/a", mkg_tahun=4, jenis_jabatan="fungsional", jenjang="ahli pertama",
                nama_jabatan="Pranata Komputer Ahli Pertama")  # fmt: skip
    k = kolom(hitung_induk(m, aturan))
    # tunjangan_fungsional.csv: Pranata Komputer ahli pertama 540.000 (unverified data row, editable).
    assert (k["gaji_pokok"], k["tunjangan_fungsional"], k["tunjangan_umum"]) == (2_964_000, 540_000, 0)


def test_the_pay_month_picks_the_table_in_force(db):
    lama = selectors.aturan_gaji_data(selectors.aturan_gaji_model(2023, 12), 2023, 12)
    baru = selectors.aturan_gaji_data(selectors.aturan_gaji_model(2024, 1), 2024, 1)
    m = pegawai(golongan="III/a", mkg_tahun=11)
    # III/a MKG 11 → MKG 10 step: PP 15/2019 3.012.000 in December 2023, PP 5/2024 3.252.900 from January 2024.
    assert int(hitung_induk(m, lama).kolom["gaji_pokok"]) == 3_012_000
    assert int(hitung_induk(m, baru).kolom["gaji_pokok"]) == 3_252_900


def test_tpp_kinerja_disiplin_hukdis_bpjs_and_pph(aturan, tpp):
    m = pegawai(
        predikat="baik", periode_predikat="Triwulan III 2026", hukdis="sedang",
        hukdis_keterangan="Pemotongan tunjangan kinerja 25% selama 6 bulan",
        rekap={"hari_kerja": 21, "tanpa_keterangan": 1, "jumlah": {"TL1": 2, "APEL": 1}},
    )  # fmt: skip
    h = hitung_tpp(m, aturan, tpp)
    # Kelas 9 pagu 5.000.000. Kinerja 60 % × 5.000.000 × 100 % (Baik) = 3.000.000.
    # Disiplin 100 − (1 day × 3 + TL1 2 × 0,5 + APEL 1 × 2) = 94 % → 40 % × 5.000.000 × 94 % = 1.880.000.
    # Hukdis sedang 25 % × 4.880.000 = 1.220.000 → bruto 3.660.000.
    # BPJS: the salary uses 4.050.170 of the 12.000.000 base → 1 % × 3.660.000 = 36.600 (pemda 146.400).
    # PPh: TER B (K/2) on 4.534.406 + 3.660.000 + 146.400 = 8.340.806 → 1 % = 83.408, minus PPh gaji 0.
    assert kolom(h) == {
        "pagu_tpp": 5_000_000, "persen_kinerja": 100, "persen_disiplin": 94, "tpp_kinerja": 3_000_000,
        "tpp_disiplin": 1_880_000, "potongan_hukdis": 1_220_000, "tpp_bruto": 3_660_000, "potongan_pph": 83_408,
        "potongan_bpjs": 36_600, "tpp_bersih": 3_539_992,
    }  # fmt: skip
    kinerja = next(b for b in h.rincian if b.kode == "tpp_kinerja")
    assert kinerja.penjelasan == "60 % × Rp5.000.000 × 100 % (Baik, Triwulan III 2026)"


def test_tpp_predikat_percentages_and_cpns(aturan, tpp):
    rekap = {"hari_kerja": 21, "tanpa_keterangan": 0, "jumlah": {}}
    # Butuh perbaikan 80 %: 60 % × 5.000.000 × 80 % = 2.400.000; no predikat yet: 0 % of the kinerja part.
    bp = hitung_tpp(pegawai(predikat="butuh perbaikan", rekap=rekap), aturan, tpp)
    assert int(bp.kolom["tpp_kinerja"]) == 2_400_000
    tanpa = hitung_tpp(pegawai(rekap=rekap), aturan, tpp)
    assert (int(tanpa.kolom["tpp_kinerja"]), int(tanpa.kolom["tpp_disiplin"])) == (0, 2_000_000)
    # CPNS: 80 % × pagu 5.000.000 = 4.000.000.
    cpns = hitung_tpp(pegawai(status_kepegawaian="CPNS", predikat="baik", rekap=rekap), aturan, tpp)
    assert int(cpns.kolom["pagu_tpp"]) == 4_000_000
    # The disiplin score never goes below the floor (0 %): 40 days × 3 % → 0 %.
    buruk = hitung_tpp(pegawai(rekap={"hari_kerja": 21, "tanpa_keterangan": 40, "jumlah": {}}), aturan, tpp)
    assert (int(buruk.kolom["persen_disiplin"]), int(buruk.kolom["tpp_disiplin"])) == (0, 0)


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"golongan": None}, "Golongan kosong"),
        ({"nomor_rekening": ""}, "Nama bank atau nomor rekening kosong"),
        ({"kelas_jabatan": None}, "Kelas jabatan kosong"),
        ({"rekap": None}, "Rekap kehadiran bulan ini belum diinput"),
        ({"rekap": {"hari_kerja": 21, "tanpa_keterangan": 0, "jumlah": {"ZZ9": 1}}}, "Kode potongan ZZ9"),
        ({"golongan": "V/a"}, "Golongan V/a tidak ada pada tabel gaji pokok PNS"),
    ],
)
def test_bad_inputs_name_the_field(aturan, tpp, ubah, pesan):
    m = pegawai(
        rekap={"hari_kerja": 21, "tanpa_keterangan": 0, "jumlah": {}},
        **{k: v for k, v in ubah.items() if k != "rekap"},
    )
    if "rekap" in ubah:
        m.rekap = ubah["rekap"]
    with pytest.raises(GalatHitung, match=pesan):
        hitung_tpp(m, aturan, tpp)


@pytest.mark.parametrize(
    ("kategori", "bruto", "tarif"),
    [
        ("A", 5_400_000, "0"), ("A", 5_400_001, "0.25"), ("A", 9_650_000, "1.75"), ("A", 9_650_001, "2"),
        ("A", 1_400_000_000, "33"), ("A", 1_400_000_001, "34"),
        ("B", 6_200_000, "0"), ("B", 6_200_001, "0.25"), ("B", 13_600_000, "4"), ("B", 13_600_001, "5"),
        ("C", 6_600_000, "0"), ("C", 6_600_001, "0.25"), ("C", 12_050_000, "2"), ("C", 12_050_001, "3"),
    ],
)  # fmt: skip
def test_ter_table_bounds(kategori, bruto, tarif):
    assert pph21.tarif_ter(kategori, Decimal(bruto)) == Decimal(tarif)


def test_ptkp_status_picks_the_ter_category():
    assert pph21.status_ptkp(kawin=True, perempuan=False, tanggungan=5) == "K/3"
    assert pph21.KATEGORI_PTKP["K/3"] == "C"
    assert pph21.status_ptkp(kawin=True, perempuan=True, tanggungan=2) == "TK/0"
    assert pph21.status_ptkp(kawin=False, perempuan=False, tanggungan=2) == "TK/2"
    assert pph21.KATEGORI_PTKP["TK/2"] == "B"
    # 1 % × 9.000.000 (TER B) = 90.000
    assert pph21.pph_bulanan("B", Decimal(9_000_000)) == (Decimal(1), Decimal(90_000))


def test_a_functional_position_missing_from_the_table_fails_instead_of_tunjangan_umum(aturan):
    # Perpres 12/2006: tunjangan umum is for those without a structural or functional allowance, so a
    # functional holder whose position has no row in the table is not silently paid Rp185.000 umum.
    m = pegawai(golongan="III/a", mkg_tahun=4, jenis_jabatan="fungsional", jenjang="ahli pertama",
                nama_jabatan="Penata Kelola Sistem Informasi Ahli Pertama")  # fmt: skip
    with pytest.raises(
        GalatHitung,
        match="Tunjangan fungsional Penata Kelola Sistem Informasi Ahli Pertama jenjang ahli pertama belum ada "
        "di tabel",
    ):
        hitung_induk(m, aturan)
    # The same name at a level the table lacks fails too (Pranata Komputer has ahli pertama only).
    with pytest.raises(GalatHitung, match="Pranata Komputer Ahli Muda jenjang ahli muda belum ada di tabel"):
        hitung_induk(
            pegawai(
                jenis_jabatan="fungsional", jenjang="ahli muda", nama_jabatan="Pranata Komputer Ahli Muda"
            ),
            aturan,
        )
