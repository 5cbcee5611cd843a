"""Corrections (penyesuaian): the difference per register column between a paid slip and its recomputation,
explained, and added to a later run's result."""

from __future__ import annotations

from decimal import Decimal

from .dasar import KOLOM_INDUK, KOLOM_TAMBAHAN, KOLOM_TPP, NOL, Baris, Hasil, rp

# --- corrections (penyesuaian) ----------------------------------------------------------------------

KOLOM_PERSEN = {"persen_kinerja", "persen_disiplin"}


def kolom_uang(jenis: str) -> list[str]:
    kolom = {"tpp": KOLOM_TPP, "thr": KOLOM_TAMBAHAN, "gaji13": KOLOM_TAMBAHAN}.get(jenis, KOLOM_INDUK)
    return [k for k in kolom if k not in KOLOM_PERSEN]


LABEL_KOLOM = {
    "gaji_pokok": "Gaji pokok", "tunjangan_suami_istri": "Tunjangan suami/istri", "tunjangan_anak": "Tunjangan anak",
    "tunjangan_jabatan": "Tunjangan jabatan", "tunjangan_fungsional": "Tunjangan fungsional",
    "tunjangan_umum": "Tunjangan umum", "tunjangan_beras": "Tunjangan beras", "tunjangan_pph": "Tunjangan PPh",
    "pembulatan": "Pembulatan", "potongan_iwp": "IWP", "potongan_bpjs": "BPJS Kesehatan", "potongan_pph": "PPh 21",
    "potongan_lain": "Potongan lain", "pagu_tpp": "Pagu TPP", "tpp_kinerja": "TPP kinerja",
    "tpp_disiplin": "TPP disiplin", "potongan_hukdis": "Potongan hukuman disiplin", "tambahan_tpp": "TPP",
}  # fmt: skip
# In a correction's differences but not a register column: the change of the PPh bruto (Slip.bruto_pph).
KUNCI_BRUTO_PPH = "bruto_pph"
KOLOM_TOTAL = {"jumlah_kotor", "jumlah_potongan", "jumlah_bersih", "tpp_bruto", "tpp_bersih"}


def selisih_kolom(jenis: str, asal: dict, koreksi: dict) -> dict[str, int]:
    """Per money column: corrected − paid (only the columns that differ)."""
    hasil = {}
    for k in kolom_uang(jenis):
        beda = int(Decimal(str(koreksi.get(k, 0)))) - int(Decimal(str(asal.get(k, 0))))
        if beda:
            hasil[k] = beda
    return hasil


def penjelasan_selisih(selisih: dict[str, int], asal: dict) -> str:
    bagian = []
    for k, beda in selisih.items():
        if k in KOLOM_TOTAL or k in ("pagu_tpp", KUNCI_BRUTO_PPH):
            continue
        lama = int(Decimal(str(asal.get(k, 0))))
        tanda = "+" if beda > 0 else "−"
        bagian.append(
            f"{LABEL_KOLOM.get(k, k)} {rp(Decimal(lama))} → {rp(Decimal(lama + beda))} ({tanda}{rp(Decimal(abs(beda)))})"
        )
    return "; ".join(bagian)


def terapkan_penyesuaian(
    hasil: Hasil, jenis: str, koreksi: list[tuple[str, dict, Decimal, Decimal, Decimal, str]]
) -> Hasil:
    """Add corrections of earlier locked months to this month's result: each is (month label, per-column
    difference, kotor, potongan, bersih differences, explanation). Columns and totals move together, so
    the register stays consistent and original + correction = recomputed month."""
    for label, selisih, d_kotor, d_potongan, d_bersih, penjelasan in koreksi:
        for k, beda in selisih.items():
            if k == KUNCI_BRUTO_PPH:
                hasil.bruto_pph += Decimal(beda)
                continue
            hasil.kolom[k] = hasil.kolom.get(k, NOL) + Decimal(beda)
        hasil.kotor += d_kotor
        hasil.potongan += d_potongan
        hasil.bersih += d_bersih
        hasil.rincian.append(
            Baris(
                "koreksi", f"Koreksi {label}", "penghasilan" if d_bersih >= 0 else "potongan", abs(d_bersih),
                f"Selisih bersih {'+' if d_bersih >= 0 else '−'}{rp(abs(d_bersih))}: {penjelasan}",
            )
        )  # fmt: skip
    return hasil
