"""TPP of one month under the region's rule (Perkada)."""

from __future__ import annotations

from decimal import Decimal

from core.money import round_rupiah

from .. import pph21
from .dasar import (
    NOL,
    SERATUS,
    AturanGajiData,
    AturanTppData,
    Baris,
    GalatHitung,
    Hasil,
    MasukanPegawai,
    kali_persen,
    persen,
    rp,
    wajib_rekening,
)
from .induk import hitung_induk, ptkp

# --- TPP --------------------------------------------------------------------------------------------


def capaian_disiplin(m: MasukanPegawai, t: AturanTppData) -> tuple[Decimal, str]:
    """Discipline score: 100 minus the percent per occurrence or day of each code, floored by the rule."""
    if m.rekap is None:
        raise GalatHitung("Rekap kehadiran bulan ini belum diinput (impor kehadiran atau isi formulirnya).")
    potong: list[str] = []
    total = NOL
    tk = int(m.rekap.get("tanpa_keterangan") or 0)
    if tk:
        nilai = t.persen_tanpa_keterangan * tk
        total += nilai
        potong.append(f"tanpa keterangan {tk} hari × {persen(t.persen_tanpa_keterangan)}")
    jumlah = m.rekap.get("jumlah") or {}
    for kode in sorted(jumlah):
        n = int(jumlah[kode] or 0)
        if not n:
            continue
        aturan_kode = t.kode_potongan.get(kode)
        if aturan_kode is None:
            raise GalatHitung(
                f"Kode potongan {kode} pada rekap kehadiran tidak ada di aturan TPP yang berlaku."
            )
        tarif, _satuan, _keterangan = aturan_kode
        total += tarif * n
        potong.append(f"{kode} {n} × {persen(tarif)}")
    capaian = max(SERATUS - total, t.lantai_disiplin)
    if not potong:
        return SERATUS, "tanpa pelanggaran"
    lantai = f", paling rendah {persen(t.lantai_disiplin)}" if SERATUS - total < t.lantai_disiplin else ""
    return capaian, "100 % − (" + " + ".join(potong) + ")" + lantai


def hitung_tpp(m: MasukanPegawai, a: AturanGajiData, t: AturanTppData) -> Hasil:
    """TPP of one month under the region's rule: kinerja part by predikat, disiplin part by the recap,
    cut by a disciplinary punishment in force, PPh 21 withheld by TER on salary + TPP, BPJS Kesehatan on
    the TPP within the Rp12.000.000 base left after the salary."""
    wajib_rekening(m)
    if m.kelas_jabatan is None:
        raise GalatHitung("Kelas jabatan kosong: isi kelas jabatan pada data jabatan.")
    pagu_kelas = t.pagu.get(m.kelas_jabatan)
    if pagu_kelas is None:
        raise GalatHitung(f"Pagu TPP kelas jabatan {m.kelas_jabatan} tidak ada di aturan TPP yang berlaku.")
    baris: list[Baris] = []
    if m.is_cpns:
        pagu = kali_persen(pagu_kelas, t.persen_cpns)
        baris.append(
            Baris(
                "pagu_tpp", "Pagu TPP", "info", pagu,
                f"{persen(t.persen_cpns)} × {rp(pagu_kelas)} (CPNS; kelas jabatan {m.kelas_jabatan})",
            )
        )  # fmt: skip
    else:
        pagu = pagu_kelas
        baris.append(
            Baris("pagu_tpp", "Pagu TPP", "info", pagu, f"Kelas jabatan {m.kelas_jabatan} ({t.nama})")
        )
    if m.catatan_jabatan:
        baris[-1].penjelasan = f"{baris[-1].penjelasan}. {m.catatan_jabatan}"

    if m.predikat:
        persen_predikat = t.persen_predikat.get(m.predikat)
        if persen_predikat is None:
            raise GalatHitung(
                f"Predikat '{m.predikat}' tidak ada pada tabel persentase TPP aturan yang berlaku."
            )
        alasan = f"{m.predikat.title()}{', ' + m.periode_predikat if m.periode_predikat else ''}"
    else:
        persen_predikat = t.persen_tanpa_predikat
        alasan = "belum ada predikat kinerja"
    tpp_kinerja = round_rupiah(pagu * t.persen_kinerja / SERATUS * persen_predikat / SERATUS)
    baris.append(
        Baris(
            "tpp_kinerja", "TPP kinerja", "penghasilan", tpp_kinerja,
            f"{persen(t.persen_kinerja)} × {rp(pagu)} × {persen(persen_predikat)} ({alasan})",
        )
    )  # fmt: skip
    disiplin, rumus = capaian_disiplin(m, t)
    tpp_disiplin = round_rupiah(pagu * t.persen_disiplin / SERATUS * disiplin / SERATUS)
    baris.append(
        Baris(
            "tpp_disiplin", "TPP disiplin", "penghasilan", tpp_disiplin,
            f"{persen(t.persen_disiplin)} × {rp(pagu)} × {persen(disiplin)} (capaian disiplin: {rumus})",
        )
    )  # fmt: skip
    sebelum_hukdis = tpp_kinerja + tpp_disiplin
    hukdis = NOL
    if m.hukdis in ("sedang", "berat"):
        tarif_hukdis = t.persen_hukdis_sedang if m.hukdis == "sedang" else t.persen_hukdis_berat
        hukdis = kali_persen(sebelum_hukdis, tarif_hukdis)
        if hukdis:
            baris.append(
                Baris(
                    "potongan_hukdis", f"Potongan hukuman disiplin {m.hukdis}", "potongan", hukdis,
                    f"{persen(tarif_hukdis)} × {rp(sebelum_hukdis)} ({m.hukdis_keterangan or 'PP 94/2021'})",
                )
            )  # fmt: skip
    tpp_bruto = sebelum_hukdis - hukdis

    gaji = hitung_induk(m, a)
    bpjs = bpjs_pemda = NOL
    if t.bpjs_termasuk_tpp and tpp_bruto:
        ruang = max(a.batas_dasar_bpjs - gaji.dasar_bpjs, NOL)
        dasar = min(tpp_bruto, ruang)
        bpjs = kali_persen(dasar, a.persen_bpjs_pegawai)
        bpjs_pemda = kali_persen(dasar, a.persen_bpjs_pemda)
        if bpjs:
            baris.append(
                Baris(
                    "potongan_bpjs", "BPJS Kesehatan (porsi pegawai)", "potongan", bpjs,
                    f"{persen(a.persen_bpjs_pegawai)} × {rp(dasar)} (TPP dalam batas dasar {rp(a.batas_dasar_bpjs)} "
                    f"setelah gaji {rp(gaji.dasar_bpjs)})",
                )
            )  # fmt: skip
    pph = NOL
    if t.potong_pph and m.setahun is not None:
        pph = _pph_tpp_desember(m, gaji, tpp_bruto + bpjs_pemda, baris)
    elif t.potong_pph and tpp_bruto:
        kategori = pph21.KATEGORI_PTKP[ptkp(m)]
        bruto = gaji.bruto_pph + tpp_bruto + bpjs_pemda
        tarif, pph_total = pph21.pph_bulanan(kategori, bruto)
        pph = max(pph_total - gaji.pph, NOL)
        if pph:
            baris.append(
                Baris(
                    "potongan_pph", "PPh 21 atas TPP", "potongan", pph,
                    f"TER kategori {kategori} {persen(tarif)} × (bruto gaji {rp(gaji.bruto_pph)} + TPP {rp(tpp_bruto)}"
                    f"{' + BPJS pemda ' + rp(bpjs_pemda) if bpjs_pemda else ''}) − PPh gaji {rp(gaji.pph)} (PP 58/2023)",
                )
            )  # fmt: skip
    if bpjs_pemda:
        baris.append(
            Baris(
                "bpjs_pemda", "BPJS Kesehatan (porsi pemda)", "info", bpjs_pemda,
                f"{persen(a.persen_bpjs_pemda)} atas TPP; dibayar pemda, tidak mengubah TPP bersih",
            )
        )  # fmt: skip
    potongan = pph + bpjs
    bersih = tpp_bruto - potongan
    kolom = {
        "pagu_tpp": pagu,
        "persen_kinerja": persen_predikat,
        "persen_disiplin": disiplin,
        "tpp_kinerja": tpp_kinerja,
        "tpp_disiplin": tpp_disiplin,
        "potongan_hukdis": hukdis,
        "tpp_bruto": tpp_bruto,
        "potongan_pph": pph,
        "potongan_bpjs": bpjs,
        "tpp_bersih": bersih,
    }
    return Hasil(
        kolom=kolom, rincian=baris, kotor=tpp_bruto, potongan=potongan, bersih=bersih, pph=pph,
        bruto_pph=tpp_bruto + bpjs_pemda,
    )  # fmt: skip


def _pph_tpp_desember(m: MasukanPegawai, gaji: Hasil, bruto_tpp: Decimal, baris: list[Baris]) -> Decimal:
    """The last tax period: the year's tax on salary + TPP less the year's tax on the salary alone (the
    government's part, computed the same way by the December gaji induk) less the PPh withheld on TPP in
    January–November. Negative when TER withheld too much: the excess goes back to the employee."""
    s = m.setahun
    total = pph21.pph_setahun(
        bruto=s["bruto_gaji"] + gaji.bruto_pph + s["bruto_tpp"] + bruto_tpp,
        iuran=s["iuran"] + gaji.iuran,
        bulan=s["bulan"] + 1,
        status=ptkp(m),
    )
    pph = total.pph - gaji.pph_setahun - s["pph_tpp"]
    baris.append(
        Baris(
            "pph_setahun",
            "Perhitungan PPh 21 setahun (gaji + TPP)",
            "info",
            total.pph,
            total.uraian() + pph21.uraian_bulan(s, ("induk", "tpp")),
        )
    )
    if pph:
        uraian = (
            f"Masa pajak terakhir (PMK 168/2023): PPh setahun atas gaji + TPP {rp(total.pph)} − PPh setahun atas "
            f"gaji {rp(gaji.pph_setahun)} − PPh 21 TPP Januari–November {rp(Decimal(s['pph_tpp']))}"
        )
        if pph < 0:
            uraian += f" = lebih dipotong {rp(-pph)}, dikembalikan bersama TPP Desember"
        baris.append(
            Baris(
                "potongan_pph", "PPh 21 atas TPP" if pph > 0 else "Pengembalian kelebihan PPh 21 atas TPP",
                "potongan", pph, uraian,
            )
        )  # fmt: skip
    return pph
