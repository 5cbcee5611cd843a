"""PPh Pasal 21 monthly withholding by the average effective rate (tarif efektif rata-rata, TER).

Legal basis: PP 58/2023 (Tarif Pemotongan PPh Pasal 21 atas Penghasilan Sehubungan dengan Pekerjaan, Jasa,
atau Kegiatan Wajib Pajak Orang Pribadi), Lampiran (the three monthly TER tables below), and PMK
168/2023 (the PTKP status that picks the table: A = TK/0, TK/1, K/0; B = TK/2, TK/3, K/1, K/2; C = K/3).
The monthly tax is TER(bruto) × bruto, where bruto is the month's gross income including the premiums the
employer pays (JKK, JKM, BPJS Kesehatan employer share). For civil servants the tax on salary is borne by
the government (PP 80/2010, PMK 262/PMK.011/2010: tunjangan PPh = potongan PPh), and that allowance is
not itself income.

In the last tax period of the year (December) TER is not used: PP 58/2023 Pasal 3 ayat (2) and PMK 168/2023
Pasal 17 take the tax on the year's income at the Pasal 17 tariff (UU 7/2021 HPP) and withhold what is left
after the tax withheld in January–November (pph_setahun below).

Each TER table row is (upper bound of monthly bruto in rupiah, rate in percent); the last bound is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from core.dates import NAMA_BULAN
from core.money import format_rupiah as rp

TER_A = [
    (5_400_000, "0"), (5_650_000, "0.25"), (5_950_000, "0.5"), (6_300_000, "0.75"), (6_750_000, "1"),
    (7_500_000, "1.25"), (8_550_000, "1.5"), (9_650_000, "1.75"), (10_050_000, "2"), (10_350_000, "2.25"),
    (10_700_000, "2.5"), (11_050_000, "3"), (11_600_000, "3.5"), (12_500_000, "4"), (13_750_000, "5"),
    (15_100_000, "6"), (16_950_000, "7"), (19_750_000, "8"), (24_150_000, "9"), (26_450_000, "10"),
    (28_000_000, "11"), (30_050_000, "12"), (32_400_000, "13"), (35_400_000, "14"), (39_100_000, "15"),
    (43_850_000, "16"), (47_800_000, "17"), (51_400_000, "18"), (56_300_000, "19"), (62_200_000, "20"),
    (68_600_000, "21"), (77_500_000, "22"), (89_000_000, "23"), (103_000_000, "24"), (125_000_000, "25"),
    (157_000_000, "26"), (206_000_000, "27"), (337_000_000, "28"), (454_000_000, "29"), (550_000_000, "30"),
    (695_000_000, "31"), (910_000_000, "32"), (1_400_000_000, "33"), (None, "34"),
]  # fmt: skip
TER_B = [
    (6_200_000, "0"), (6_500_000, "0.25"), (6_850_000, "0.5"), (7_300_000, "0.75"), (9_200_000, "1"),
    (10_750_000, "1.5"), (11_250_000, "2"), (11_600_000, "2.5"), (12_600_000, "3"), (13_600_000, "4"),
    (14_950_000, "5"), (16_400_000, "6"), (18_450_000, "7"), (21_850_000, "8"), (26_000_000, "9"),
    (27_700_000, "10"), (29_350_000, "11"), (31_450_000, "12"), (33_950_000, "13"), (37_100_000, "14"),
    (41_100_000, "15"), (45_800_000, "16"), (49_500_000, "17"), (53_800_000, "18"), (58_500_000, "19"),
    (64_000_000, "20"), (71_000_000, "21"), (80_000_000, "22"), (93_000_000, "23"), (109_000_000, "24"),
    (129_000_000, "25"), (163_000_000, "26"), (211_000_000, "27"), (374_000_000, "28"), (459_000_000, "29"),
    (555_000_000, "30"), (704_000_000, "31"), (957_000_000, "32"), (1_405_000_000, "33"), (None, "34"),
]  # fmt: skip
TER_C = [
    (6_600_000, "0"), (6_950_000, "0.25"), (7_350_000, "0.5"), (7_800_000, "0.75"), (8_850_000, "1"),
    (9_800_000, "1.25"), (10_950_000, "1.5"), (11_200_000, "1.75"), (12_050_000, "2"), (12_950_000, "3"),
    (14_150_000, "4"), (15_550_000, "5"), (17_050_000, "6"), (19_500_000, "7"), (22_700_000, "8"),
    (26_600_000, "9"), (28_100_000, "10"), (30_100_000, "11"), (32_600_000, "12"), (35_400_000, "13"),
    (38_900_000, "14"), (43_000_000, "15"), (47_400_000, "16"), (51_200_000, "17"), (55_800_000, "18"),
    (60_400_000, "19"), (66_700_000, "20"), (74_500_000, "21"), (83_200_000, "22"), (95_600_000, "23"),
    (110_000_000, "24"), (134_000_000, "25"), (169_000_000, "26"), (221_000_000, "27"), (390_000_000, "28"),
    (463_000_000, "29"), (561_000_000, "30"), (709_000_000, "31"), (965_000_000, "32"), (1_419_000_000, "33"),
    (None, "34"),
]  # fmt: skip
TABEL = {
    "A": [(b, Decimal(r)) for b, r in TER_A],
    "B": [(b, Decimal(r)) for b, r in TER_B],
    "C": [(b, Decimal(r)) for b, r in TER_C],
}
KATEGORI_PTKP = {
    "TK/0": "A", "TK/1": "A", "K/0": "A",
    "TK/2": "B", "TK/3": "B", "K/1": "B", "K/2": "B",
    "K/3": "C",
}  # fmt: skip


def status_ptkp(*, kawin: bool, perempuan: bool, tanggungan: int) -> str:
    """PTKP status (PMK 168/2023 and the PTKP rules of UU PPh Pasal 7): a married woman employee is TK/0
    (her family's allowance belongs to her husband's PTKP); otherwise K/n or TK/n with at most 3 dependants."""
    n = max(0, min(tanggungan, 3))
    if kawin and perempuan:
        return "TK/0"
    return f"K/{n}" if kawin else f"TK/{n}"


def tarif_ter(kategori: str, bruto: Decimal) -> Decimal:
    """The TER rate in percent for a month's gross income (bounds are inclusive upper limits)."""
    for batas, tarif in TABEL[kategori]:
        if batas is None or bruto <= batas:
            return tarif
    raise AssertionError("unreachable: the last row has no bound")


def pph_bulanan(kategori: str, bruto: Decimal) -> tuple[Decimal, Decimal]:
    """(rate %, tax): TER × bruto, rounded down to whole rupiah."""
    tarif = tarif_ter(kategori, bruto)
    return tarif, (bruto * tarif / 100).quantize(Decimal(1), rounding=ROUND_DOWN)


# --- the last tax period: annual tax at the Pasal 17 tariff -----------------------------------------

# PTKP per year (PMK 101/PMK.010/2016, kept by UU 7/2021 HPP): the taxpayer, marriage, each dependant (max 3).
PTKP_DIRI = 54_000_000
PTKP_KAWIN = 4_500_000
PTKP_TANGGUNGAN = 4_500_000
# Biaya jabatan (PMK 250/PMK.03/2008): 5 % of bruto, at most Rp500.000 per month worked (Rp6.000.000 a year).
PERSEN_BIAYA_JABATAN = Decimal(5)
BIAYA_JABATAN_SEBULAN = 500_000
# Pasal 17 ayat (1) huruf a UU PPh as amended by UU 7/2021 (HPP): (upper bound of the layer, rate %).
LAPISAN_PASAL_17 = [
    (60_000_000, 5), (250_000_000, 15), (500_000_000, 25), (5_000_000_000, 30), (None, 35),
]  # fmt: skip


def ptkp_setahun(status: str) -> int:
    """'K/2' → 54.000.000 + 4.500.000 + 2 × 4.500.000."""
    kawin, tanggungan = status.split("/")
    return PTKP_DIRI + (PTKP_KAWIN if kawin == "K" else 0) + PTKP_TANGGUNGAN * min(int(tanggungan), 3)


def pph_pasal_17(pkp: Decimal) -> Decimal:
    """Tax on a year's taxable income by the progressive layers (whole rupiah, rounded down)."""
    sisa, bawah, pajak = Decimal(pkp), 0, Decimal(0)
    for atas, tarif in LAPISAN_PASAL_17:
        if sisa <= 0:
            break
        lebar = sisa if atas is None else min(sisa, Decimal(atas - bawah))
        pajak += lebar * tarif / 100
        sisa -= lebar
        bawah = atas or bawah
    return pajak.quantize(Decimal(1), rounding=ROUND_DOWN)


@dataclass(frozen=True)
class PphSetahun:
    bruto: Decimal
    bulan: int
    biaya_jabatan: Decimal
    iuran: Decimal
    neto: Decimal
    status: str
    ptkp: int
    pkp: Decimal
    pph: Decimal

    def uraian(self) -> str:
        return (
            f"Bruto setahun {rp(self.bruto)} ({self.bulan} bulan) − biaya jabatan {rp(self.biaya_jabatan)} − iuran "
            f"pensiun/THT {rp(self.iuran)} = neto {rp(self.neto)}; − PTKP {self.status} {rp(self.ptkp)} = PKP "
            f"{rp(self.pkp)} (dibulatkan ke bawah ribuan); tarif Pasal 17 UU PPh (5 %, 15 %, 25 %, 30 %, 35 %) "
            f"= PPh setahun {rp(self.pph)}"
        )


def pph_setahun(*, bruto: Decimal, iuran: Decimal, bulan: int, status: str) -> PphSetahun:
    """The year's PPh 21 of a permanent employee (PMK 168/2023 Pasal 17 and its Lampiran): neto = bruto −
    biaya jabatan − the employee's pension/old-age contributions; PKP = neto − PTKP, rounded down to a
    thousand; tax by Pasal 17. Income of the months worked is not annualised (a new or leaving employee)."""
    bruto, iuran = Decimal(bruto), Decimal(iuran)
    biaya = min(bruto * PERSEN_BIAYA_JABATAN / 100, Decimal(BIAYA_JABATAN_SEBULAN * max(bulan, 1)))
    neto = bruto - biaya - iuran
    ptkp = ptkp_setahun(status)
    pkp = max(((neto - ptkp) / 1000).to_integral_value(rounding=ROUND_DOWN) * 1000, Decimal(0))
    return PphSetahun(
        bruto=bruto, bulan=bulan, biaya_jabatan=biaya, iuran=iuran, neto=neto, status=status, ptkp=ptkp,
        pkp=pkp, pph=pph_pasal_17(pkp),
    )  # fmt: skip


def _rentang_bulan(bulan: list[int]) -> str:
    """[1, 2, 3, 5] → 'Januari–Maret, Mei'."""
    rentang: list[list[int]] = []
    for b in sorted(bulan):
        if rentang and b == rentang[-1][1] + 1:
            rentang[-1][1] = b
        else:
            rentang.append([b, b])
    return ", ".join(
        NAMA_BULAN[a - 1] if a == z else f"{NAMA_BULAN[a - 1]}–{NAMA_BULAN[z - 1]}" for a, z in rentang
    )


LABEL_JENIS = {"induk": "gaji induk", "tpp": "TPP"}


def uraian_bulan(setahun: dict, jenis: tuple[str, ...]) -> str:
    """What the annual tax used for the months of January–November without a locked run slip, per kind:
    the pay imported for the months before the system was used, or nothing (no income recorded). Empty
    when every month of those kinds came from a locked run (or for inputs that do not say)."""
    impor, kosong = setahun.get("impor") or {}, setahun.get("tanpa_data") or {}
    bagian = []
    for j in jenis:
        isi = []
        if impor.get(j):
            isi.append(f"{_rentang_bulan(impor[j])} dari data impor penghasilan sebelum sistem dipakai")
        if kosong.get(j):
            isi.append(f"{_rentang_bulan(kosong[j])} tanpa penghasilan tercatat (dihitung nol)")
        if isi:
            bagian.append(f"{LABEL_JENIS[j]} " + " dan ".join(isi))
    if not bagian:
        return ""
    return "; bulan Januari–November tanpa run terkunci: " + "; ".join(bagian)
