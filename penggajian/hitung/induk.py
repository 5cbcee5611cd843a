"""Gaji induk of one month: gaji pokok by golongan and MKG, allowances, IWP, BPJS, PPh 21 by TER borne by
the government (tunjangan PPh = potongan PPh), rounding of the net."""

from __future__ import annotations

from decimal import Decimal

from .. import pph21
from .dasar import (
    JABATAN_STRUKTURAL,
    NOL,
    AturanGajiData,
    Baris,
    GalatHitung,
    Hasil,
    MasukanPegawai,
    golongan_ruang,
    kali_persen,
    persen,
    rp,
    wajib_rekening,
)

# --- gaji induk -------------------------------------------------------------------------------------


def hitung_induk(m: MasukanPegawai, a: AturanGajiData) -> Hasil:
    """Gaji induk of one month (PP 7/1977 jo. PP 5/2024 for PNS, Perpres 11/2024 for PPPK)."""
    if not m.golongan:
        raise GalatHitung("Golongan kosong: isi golongan pegawai sebelum gaji dihitung.")
    wajib_rekening(m)
    jenis_tabel = "PPPK" if m.is_pppk else "PNS"
    baris: list[Baris] = []
    tabel = a.gaji_pokok_tabel(jenis_tabel, m.golongan, m.mkg_tahun)
    dasar_tabel = a.dasar_gaji_pokok.get(jenis_tabel, "")
    sumber = f" ({m.sumber_mkg})" if m.sumber_mkg else ""
    if m.is_cpns:
        gapok = kali_persen(tabel, a.persen_cpns)
        penjelasan = (
            f"{persen(a.persen_cpns)} × {rp(tabel)} (CPNS; golongan {m.golongan}, MKG {m.mkg_tahun} tahun"
            f"{sumber}; {dasar_tabel})"
        )
    else:
        gapok = tabel
        penjelasan = f"Golongan {m.golongan}, MKG {m.mkg_tahun} tahun{sumber}; {dasar_tabel}"
    baris.append(Baris("gaji_pokok", "Gaji pokok", "penghasilan", gapok, penjelasan))

    pasangan = kali_persen(gapok, a.persen_tunjangan_pasangan) if m.pasangan_ditunjang else NOL
    label_pasangan = "Tunjangan istri" if m.jenis_kelamin == "L" else "Tunjangan suami"
    if pasangan:
        baris.append(
            Baris(
                "tunjangan_suami_istri", label_pasangan, "penghasilan", pasangan,
                f"{persen(a.persen_tunjangan_pasangan)} × gaji pokok {rp(gapok)}",
            )
        )  # fmt: skip
    anak_n = min(m.anak_ditunjang, a.maks_anak)
    anak = kali_persen(gapok, a.persen_tunjangan_anak) * anak_n
    if anak:
        batas = f" (paling banyak {a.maks_anak} anak)" if m.anak_ditunjang > a.maks_anak else ""
        baris.append(
            Baris(
                "tunjangan_anak", "Tunjangan anak", "penghasilan", anak,
                f"{anak_n} anak × {persen(a.persen_tunjangan_anak)} × gaji pokok {rp(gapok)}{batas}",
            )
        )  # fmt: skip
    keluarga = pasangan + anak

    struktural = fungsional = umum = NOL
    if m.jenis_jabatan in JABATAN_STRUKTURAL and m.eselon:
        struktural = a.struktural.get(m.eselon, NOL)
        if struktural:
            baris.append(
                Baris(
                    "tunjangan_jabatan", "Tunjangan jabatan struktural", "penghasilan", struktural,
                    f"Eselon {m.eselon} (Perpres 26/2007)",
                )
            )  # fmt: skip
    elif m.jenis_jabatan == "fungsional":
        # A functional position is paid its own allowance, never the tunjangan umum (Perpres 12/2006
        # Pasal 2: tunjangan umum is for those without a structural or functional allowance). A position
        # missing from the table is a gap in the rule data: the slip fails until the row is added.
        tunjangan = a.tunjangan_fungsional_untuk(m.nama_jabatan, m.jenjang)
        if tunjangan is None:
            jenjang = m.jenjang or "(kosong)"
            raise GalatHitung(
                f"Tunjangan fungsional {m.nama_jabatan or '(nama jabatan kosong)'} jenjang {jenjang} belum ada "
                f"di tabel tunjangan fungsional {a.nama}: tambahkan barisnya, lalu hitung ulang yang gagal."
            )
        fungsional = tunjangan
        if fungsional:
            baris.append(
                Baris(
                    "tunjangan_fungsional", "Tunjangan jabatan fungsional", "penghasilan", fungsional,
                    f"{m.nama_jabatan} (tabel tunjangan fungsional {a.nama})",
                )
            )  # fmt: skip
    if not struktural and m.jenis_jabatan != "fungsional":
        ruang = golongan_ruang(m, m.golongan)
        umum = Decimal(a.tunjangan_umum.get(ruang, 0))
        if umum:
            baris.append(
                Baris(
                    "tunjangan_umum", "Tunjangan umum", "penghasilan", umum,
                    f"Golongan {ruang}, bagi yang tidak menerima tunjangan jabatan (Perpres 12/2006)",
                )
            )  # fmt: skip

    jiwa = min(1 + (1 if m.pasangan_ditunjang else 0) + anak_n, a.maks_jiwa_beras)
    beras = a.beras_per_jiwa * jiwa
    baris.append(
        Baris(
            "tunjangan_beras",
            "Tunjangan beras",
            "penghasilan",
            beras,
            f"{jiwa} jiwa × {rp(a.beras_per_jiwa)}",
        )
    )

    # Employer-paid premiums: income for PPh, passed through (not part of the net pay).
    dasar_bpjs_penuh = gapok + keluarga + struktural + fungsional + umum
    dasar_bpjs = min(dasar_bpjs_penuh, a.batas_dasar_bpjs)
    keterangan_batas = f", dibatasi {rp(a.batas_dasar_bpjs)}" if dasar_bpjs_penuh > a.batas_dasar_bpjs else ""
    bpjs_pemda = kali_persen(dasar_bpjs, a.persen_bpjs_pemda)
    jkk = kali_persen(gapok, a.persen_jkk)
    jkm = kali_persen(gapok, a.persen_jkm)

    bruto = gapok + keluarga + struktural + fungsional + umum + beras + jkk + jkm + bpjs_pemda
    iwp_tarif = a.persen_iwp_pppk if m.is_pppk else a.persen_iwp_pns
    iwp = kali_persen(gapok + keluarga, iwp_tarif)
    bpjs = kali_persen(dasar_bpjs, a.persen_bpjs_pegawai)
    kategori = pph21.KATEGORI_PTKP[ptkp(m)]
    if m.setahun is None:
        tarif, pph = pph21.pph_bulanan(kategori, bruto)
        uraian_pph = f"TER kategori {kategori} ({ptkp(m)}) {persen(tarif)} × penghasilan bruto {rp(bruto)} (PP 58/2023)"
        tahunan = None
    else:
        s = m.setahun
        tahunan = pph21.pph_setahun(
            bruto=s["bruto_gaji"] + bruto, iuran=s["iuran"] + iwp, bulan=s["bulan"] + 1, status=ptkp(m)
        )
        sisa_pph = tahunan.pph - s["pph_gaji"]
        pph = max(sisa_pph, NOL)
        uraian_pph = (
            f"Masa pajak terakhir (PMK 168/2023): PPh setahun atas gaji {rp(tahunan.pph)} − PPh 21 gaji "
            f"Januari–November {rp(Decimal(s['pph_gaji']))}"
        )
        uraian_setahun = tahunan.uraian() + pph21.uraian_bulan(s, ("induk",))
        if sisa_pph < 0:
            uraian_setahun += (
                f"; PPh 21 gaji Januari–November {rp(Decimal(s['pph_gaji']))} lebih dipotong {rp(-sisa_pph)}: PPh "
                "Desember nihil (ditanggung pemerintah, gaji bersih tetap)"
            )
        baris.append(
            Baris("pph_setahun", "Perhitungan PPh 21 setahun (gaji)", "info", tahunan.pph, uraian_setahun)
        )
    if pph:
        baris.append(
            Baris(
                "tunjangan_pph", "Tunjangan PPh 21", "penghasilan", pph,
                "Ditanggung pemerintah (PP 80/2010), sama dengan potongan PPh 21",
            )
        )  # fmt: skip

    potongan_awal = iwp + bpjs + pph
    kotor_awal = gapok + keluarga + struktural + fungsional + umum + beras + pph
    kelipatan = Decimal(a.kelipatan_pembulatan)
    sisa = (kotor_awal - potongan_awal) % kelipatan if kelipatan > 1 else NOL
    pembulatan = (kelipatan - sisa) % kelipatan if sisa > 0 else NOL
    if pembulatan:
        baris.append(
            Baris(
                "pembulatan", "Pembulatan", "penghasilan", pembulatan,
                f"Agar gaji bersih kelipatan {rp(kelipatan)}",
            )
        )  # fmt: skip
    kotor = kotor_awal + pembulatan
    if iwp:
        label_iwp = "Iuran PPPK" if m.is_pppk else "IWP (pensiun 4,75 % + THT 3,25 %)"
        baris.append(
            Baris(
                "potongan_iwp", label_iwp, "potongan", iwp,
                f"{persen(iwp_tarif)} × (gaji pokok + tunjangan keluarga {rp(gapok + keluarga)})",
            )
        )  # fmt: skip
    baris.append(
        Baris(
            "potongan_bpjs", "BPJS Kesehatan (porsi pegawai)", "potongan", bpjs,
            f"{persen(a.persen_bpjs_pegawai)} × {rp(dasar_bpjs)} (gaji pokok + tunjangan keluarga + tunjangan "
            f"jabatan/umum{keterangan_batas})",
        )
    )  # fmt: skip
    if pph:
        baris.append(
            Baris(
                "potongan_pph", "PPh 21", "potongan", pph, uraian_pph,
            )
        )  # fmt: skip
    potongan = potongan_awal
    bersih = kotor - potongan
    for kode, label, jumlah, penjelasan in (
        (
            "bpjs_pemda",
            "BPJS Kesehatan (porsi pemda)",
            bpjs_pemda,
            f"{persen(a.persen_bpjs_pemda)} × {rp(dasar_bpjs)}",
        ),
        ("jkk", "Iuran JKK", jkk, f"{persen(a.persen_jkk)} × gaji pokok"),
        ("jkm", "Iuran JKM", jkm, f"{persen(a.persen_jkm)} × gaji pokok"),
    ):
        baris.append(
            Baris(kode, label, "info", jumlah, f"{penjelasan}; dibayar pemda, tidak mengubah gaji bersih")
        )
    kolom = {
        "gaji_pokok": gapok,
        "tunjangan_suami_istri": pasangan,
        "tunjangan_anak": anak,
        "tunjangan_jabatan": struktural,
        "tunjangan_fungsional": fungsional,
        "tunjangan_umum": umum,
        "tunjangan_beras": beras,
        "tunjangan_pph": pph,
        "pembulatan": pembulatan,
        "jumlah_kotor": kotor,
        "potongan_iwp": iwp,
        "potongan_bpjs": bpjs,
        "potongan_pph": pph,
        "potongan_lain": NOL,
        "jumlah_potongan": potongan,
        "jumlah_bersih": bersih,
    }
    return Hasil(
        kolom=kolom, rincian=baris, kotor=kotor, potongan=potongan, bersih=bersih,
        bruto_pph=bruto, pph=pph, dasar_bpjs=dasar_bpjs, iuran=iwp,
        pph_setahun=tahunan.pph if tahunan else NOL,
    )  # fmt: skip


def ptkp(m: MasukanPegawai) -> str:
    return pph21.status_ptkp(
        kawin=m.status_perkawinan == "kawin",
        perempuan=m.jenis_kelamin == "P",
        tanggungan=m.anak_ditunjang,
    )
