"""THR (gaji ke-14) and gaji ke-13: the monthly components the year's Peraturan Pemerintah names, taken
from this month's gaji induk, plus a share of one month's TPP; no iuran or other deductions; PPh 21 by TER
on the month's salary plus this payment, less the salary's own PPh, borne by the government."""

from __future__ import annotations

from .. import pph21
from .dasar import (
    NOL,
    AturanGajiData,
    AturanTambahanData,
    Baris,
    Hasil,
    MasukanPegawai,
    kali_persen,
    persen,
    rp,
)
from .induk import hitung_induk, ptkp

KELUARGA = ("tunjangan_suami_istri", "tunjangan_anak")
JABATAN = ("tunjangan_jabatan", "tunjangan_fungsional", "tunjangan_umum")
NAMA = {"thr": "THR", "gaji13": "gaji ke-13"}


def hitung_tambahan(m: MasukanPegawai, a: AturanGajiData, r: AturanTambahanData) -> Hasil:
    gaji = hitung_induk(m, a)
    termasuk = ["gaji_pokok"]
    if r.tunjangan_keluarga:
        termasuk += KELUARGA
    if r.tunjangan_jabatan:
        termasuk += JABATAN
    if r.tunjangan_pangan:
        termasuk.append("tunjangan_beras")
    baris = [b for b in gaji.rincian if b.kode in termasuk]
    kolom = {k: (gaji.kolom[k] if k in termasuk else NOL) for k in ("gaji_pokok", *KELUARGA, *JABATAN)}
    kolom["tunjangan_beras"] = gaji.kolom["tunjangan_beras"] if r.tunjangan_pangan else NOL
    komponen = sum(kolom.values(), NOL)

    tpp = NOL
    if r.persen_tpp > 0:
        if m.tpp_acuan:
            acuan = m.tpp_acuan["jumlah"]
            tpp = kali_persen(acuan, r.persen_tpp)
            baris.append(
                Baris(
                    "tambahan_tpp", "TPP", "penghasilan", tpp,
                    f"{persen(r.persen_tpp)} × TPP kotor {m.tpp_acuan['bulan']} {rp(acuan)} ({r.dasar_hukum}: paling "
                    "banyak satu bulan TPP)",
                )
            )  # fmt: skip
        else:
            baris.append(
                Baris(
                    "tambahan_tpp", "TPP", "penghasilan", NOL,
                    "Belum ada slip TPP yang dikunci untuk pegawai ini: bagian TPP nihil",
                )
            )  # fmt: skip
    kolom["tambahan_tpp"] = tpp
    jumlah = komponen + tpp

    kategori = pph21.KATEGORI_PTKP[ptkp(m)]
    tarif, pph_total = pph21.pph_bulanan(kategori, gaji.bruto_pph + jumlah)
    pph = max(pph_total - gaji.pph, NOL)
    if pph:
        nama = NAMA[r.jenis]
        baris.append(
            Baris(
                "tunjangan_pph", "Tunjangan PPh 21", "penghasilan", pph,
                f"Ditanggung pemerintah ({r.dasar_hukum}), sama dengan potongan PPh 21",
            )
        )  # fmt: skip
        baris.append(
            Baris(
                "potongan_pph", "PPh 21", "potongan", pph,
                f"TER kategori {kategori} {persen(tarif)} × (bruto gaji bulan ini {rp(gaji.bruto_pph)} + {nama} "
                f"{rp(jumlah)}) − PPh gaji {rp(gaji.pph)} (PP 58/2023)",
            )
        )  # fmt: skip
    kolom.update(
        tunjangan_pph=pph,
        jumlah_kotor=jumlah + pph,
        potongan_pph=pph,
        jumlah_potongan=pph,
        jumlah_bersih=jumlah,
    )
    return Hasil(
        kolom=kolom, rincian=baris, kotor=jumlah + pph, potongan=pph, bersih=jumlah, bruto_pph=jumlah, pph=pph,
    )  # fmt: skip
