"""The pay calculation: pure functions from an employee's inputs and the rule versions in force to the
register columns and the slip lines, each with a plain-language explanation. No database access here:
the run service loads the inputs in bulk (selectors) and stores the results.

Rounding: every component is rounded half up to whole rupiah where it is computed (core.money); PPh is
rounded down (pph21.py); the pembulatan line (0 … kelipatan−1 rupiah) makes the net a multiple of the
rule's kelipatan (Rp100).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from core.money import format_rupiah, round_rupiah

from . import pph21

NOL = Decimal(0)
SERATUS = Decimal(100)

KOLOM_INDUK = [
    "gaji_pokok", "tunjangan_suami_istri", "tunjangan_anak", "tunjangan_jabatan", "tunjangan_fungsional",
    "tunjangan_umum", "tunjangan_beras", "tunjangan_pph", "pembulatan", "jumlah_kotor", "potongan_iwp",
    "potongan_bpjs", "potongan_pph", "potongan_lain", "jumlah_potongan", "jumlah_bersih",
]  # fmt: skip
KOLOM_TPP = [
    "pagu_tpp", "persen_kinerja", "persen_disiplin", "tpp_kinerja", "tpp_disiplin", "potongan_hukdis",
    "tpp_bruto", "potongan_pph", "potongan_bpjs", "tpp_bersih",
]  # fmt: skip
JABATAN_STRUKTURAL = {"jpt", "administrator", "pengawas"}
PPPK = {"PPPK", "PPPK Paruh Waktu"}


class GalatHitung(ValueError):
    """An employee whose pay cannot be computed; the message names the missing or wrong data."""


def persen(value: Decimal) -> str:
    """60.000 → '60 %', 0.5 → '0,5 %' (Indonesian decimal comma)."""
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text} %"


def rp(value: Decimal) -> str:
    return format_rupiah(value)


def kali_persen(dasar: Decimal, tarif: Decimal) -> Decimal:
    return round_rupiah(dasar * tarif / SERATUS)


# --- rule snapshots ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AturanGajiData:
    id: int
    nama: str
    berlaku_mulai: str
    persen_cpns: Decimal
    persen_tunjangan_pasangan: Decimal
    persen_tunjangan_anak: Decimal
    maks_anak: int
    beras_per_jiwa: Decimal
    maks_jiwa_beras: int
    tunjangan_umum: dict[str, Decimal]
    persen_iwp_pns: Decimal
    persen_iwp_pppk: Decimal
    persen_bpjs_pegawai: Decimal
    persen_bpjs_pemda: Decimal
    batas_dasar_bpjs: Decimal
    persen_jkk: Decimal
    persen_jkm: Decimal
    kelipatan_pembulatan: int
    status_dikecualikan: frozenset[str]
    struktural: dict[str, Decimal]
    # (nama, jenjang, jumlah), longest name first so "Analis Kebijakan" wins over "Analis"
    fungsional: tuple[tuple[str, str, Decimal], ...]
    # (jenis PNS/PPPK, golongan) → ((mkg, jumlah), … ascending), with the table's legal basis per jenis
    gaji_pokok: dict[tuple[str, str], tuple[tuple[int, Decimal], ...]]
    dasar_gaji_pokok: dict[str, str]

    def gaji_pokok_tabel(self, jenis: str, golongan: str, mkg: int) -> Decimal:
        baris = self.gaji_pokok.get((jenis, golongan))
        if not baris:
            raise GalatHitung(f"Golongan {golongan} tidak ada pada tabel gaji pokok {jenis} yang berlaku.")
        jumlah = baris[0][1]
        for mkg_tabel, nilai in baris:
            if mkg_tabel <= mkg:  # below the lowest listed MKG the first step applies
                jumlah = nilai
        return jumlah

    def tunjangan_fungsional_untuk(self, nama_jabatan: str, jenjang: str) -> Decimal | None:
        nama_lower = nama_jabatan.lower()
        for nama, jenjang_tabel, jumlah in self.fungsional:
            if jenjang_tabel == jenjang and nama_lower.startswith(nama.lower()):
                return jumlah
        return None


@dataclass(frozen=True)
class AturanTppData:
    id: int
    nama: str
    berlaku_mulai: str
    persen_kinerja: Decimal
    persen_disiplin: Decimal
    persen_tanpa_keterangan: Decimal
    lantai_disiplin: Decimal
    persen_tanpa_predikat: Decimal
    persen_hukdis_sedang: Decimal
    persen_hukdis_berat: Decimal
    persen_cpns: Decimal
    status_dikecualikan: frozenset[str]
    potong_pph: bool
    bpjs_termasuk_tpp: bool
    pagu: dict[int, Decimal]
    persen_predikat: dict[str, Decimal]
    # kode → (persen, satuan, keterangan)
    kode_potongan: dict[str, tuple[Decimal, str, str]]


# --- employee inputs --------------------------------------------------------------------------------


@dataclass
class MasukanPegawai:
    """Everything the calculation reads about one employee in one month (stored on the slip)."""

    pegawai_id: int
    nip: str
    nama: str
    status_kepegawaian: str
    jenis_kelamin: str
    status_perkawinan: str
    golongan: str | None
    mkg_tahun: int
    jenis_jabatan: str
    eselon: str
    jenjang: str
    nama_jabatan: str
    kelas_jabatan: int | None
    pasangan_ditunjang: int
    anak_ditunjang: int
    nama_bank: str
    nomor_rekening: str
    sumber_mkg: str = ""
    # TPP inputs
    predikat: str | None = None
    periode_predikat: str = ""
    rekap: dict | None = None
    hukdis: str | None = None
    hukdis_keterangan: str = ""

    def snapshot(self) -> dict:
        return asdict(self)

    @property
    def is_pppk(self) -> bool:
        return self.status_kepegawaian in PPPK

    @property
    def is_cpns(self) -> bool:
        return self.status_kepegawaian == "CPNS"


@dataclass
class Baris:
    kode: str
    label: str
    jenis: str  # penghasilan | potongan | info
    jumlah: Decimal
    penjelasan: str

    def as_dict(self) -> dict:
        return {
            "kode": self.kode,
            "label": self.label,
            "jenis": self.jenis,
            "jumlah": int(self.jumlah),
            "penjelasan": self.penjelasan,
        }


@dataclass
class Hasil:
    kolom: dict[str, Decimal]
    rincian: list[Baris] = field(default_factory=list)
    kotor: Decimal = NOL
    potongan: Decimal = NOL
    bersih: Decimal = NOL
    bruto_pph: Decimal = NOL
    pph: Decimal = NOL
    dasar_bpjs: Decimal = NOL

    def kolom_json(self) -> dict:
        return {
            k: (int(v) if isinstance(v, Decimal) and v == v.to_integral_value() else str(v))
            for k, v in self.kolom.items()
        }

    def rincian_json(self) -> list[dict]:
        return [b.as_dict() for b in self.rincian]


def wajib_rekening(m: MasukanPegawai) -> None:
    if not m.nama_bank.strip() or not m.nomor_rekening.strip():
        raise GalatHitung("Nama bank atau nomor rekening kosong: lengkapi data pegawai sebelum dihitung.")


def golongan_ruang(m: MasukanPegawai, golongan: str) -> str:
    """Roman group (I–IV) for tunjangan umum; PPPK golongan map to the analogous ruang (Perpres 11/2024)."""
    if m.is_pppk:
        urutan = PPPK_URUTAN.get(golongan)
        if urutan is None:
            raise GalatHitung(f"Golongan PPPK {golongan} tidak dikenal.")
        return ["I", "II", "III", "IV"][min((urutan - 1) // 4, 3)]
    return golongan.split("/")[0]


PPPK_URUTAN = {
    r: i + 1
    for i, r in enumerate(
        [
            "I",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "VII",
            "VIII",
            "IX",
            "X",
            "XI",
            "XII",
            "XIII",
            "XIV",
            "XV",
            "XVI",
            "XVII",
        ]
    )
}


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
        fungsional = a.tunjangan_fungsional_untuk(m.nama_jabatan, m.jenjang) or NOL
        if fungsional:
            baris.append(
                Baris(
                    "tunjangan_fungsional", "Tunjangan jabatan fungsional", "penghasilan", fungsional,
                    f"{m.nama_jabatan} (tabel tunjangan fungsional {a.nama})",
                )
            )  # fmt: skip
    if not struktural and not fungsional:
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
    kategori = pph21.KATEGORI_PTKP[ptkp(m)]
    tarif, pph = pph21.pph_bulanan(kategori, bruto)
    if pph:
        baris.append(
            Baris(
                "tunjangan_pph", "Tunjangan PPh 21", "penghasilan", pph,
                "Ditanggung pemerintah (PP 80/2010), sama dengan potongan PPh 21",
            )
        )  # fmt: skip

    iwp_tarif = a.persen_iwp_pppk if m.is_pppk else a.persen_iwp_pns
    iwp = kali_persen(gapok + keluarga, iwp_tarif)
    bpjs = kali_persen(dasar_bpjs, a.persen_bpjs_pegawai)
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
                "potongan_pph", "PPh 21", "potongan", pph,
                f"TER kategori {kategori} ({ptkp(m)}) {persen(tarif)} × penghasilan bruto {rp(bruto)} (PP 58/2023)",
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
        bruto_pph=bruto, pph=pph, dasar_bpjs=dasar_bpjs,
    )  # fmt: skip


def ptkp(m: MasukanPegawai) -> str:
    return pph21.status_ptkp(
        kawin=m.status_perkawinan == "kawin",
        perempuan=m.jenis_kelamin == "P",
        tanggungan=m.anak_ditunjang,
    )


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
    if t.potong_pph and tpp_bruto:
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
    return Hasil(kolom=kolom, rincian=baris, kotor=tpp_bruto, potongan=potongan, bersih=bersih, pph=pph)


# --- corrections (penyesuaian) ----------------------------------------------------------------------

KOLOM_PERSEN = {"persen_kinerja", "persen_disiplin"}


def kolom_uang(jenis: str) -> list[str]:
    kolom = KOLOM_TPP if jenis == "tpp" else KOLOM_INDUK
    return [k for k in kolom if k not in KOLOM_PERSEN]


LABEL_KOLOM = {
    "gaji_pokok": "Gaji pokok", "tunjangan_suami_istri": "Tunjangan suami/istri", "tunjangan_anak": "Tunjangan anak",
    "tunjangan_jabatan": "Tunjangan jabatan", "tunjangan_fungsional": "Tunjangan fungsional",
    "tunjangan_umum": "Tunjangan umum", "tunjangan_beras": "Tunjangan beras", "tunjangan_pph": "Tunjangan PPh",
    "pembulatan": "Pembulatan", "potongan_iwp": "IWP", "potongan_bpjs": "BPJS Kesehatan", "potongan_pph": "PPh 21",
    "potongan_lain": "Potongan lain", "pagu_tpp": "Pagu TPP", "tpp_kinerja": "TPP kinerja",
    "tpp_disiplin": "TPP disiplin", "potongan_hukdis": "Potongan hukuman disiplin",
}  # fmt: skip
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
        if k in KOLOM_TOTAL or k == "pagu_tpp":
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
