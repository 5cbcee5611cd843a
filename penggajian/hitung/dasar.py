"""Shared parts of the pay calculation: the rule snapshots, one employee's inputs, slip lines and the
result, rounding helpers, the register columns."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal

from core.money import format_rupiah, round_rupiah

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
# THR and gaji ke-13: the monthly components they repeat, a share of TPP, PPh borne by the government.
KOLOM_TAMBAHAN = [
    "gaji_pokok", "tunjangan_suami_istri", "tunjangan_anak", "tunjangan_jabatan", "tunjangan_fungsional",
    "tunjangan_umum", "tunjangan_beras", "tambahan_tpp", "tunjangan_pph", "jumlah_kotor", "potongan_pph",
    "jumlah_potongan", "jumlah_bersih",
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


@dataclass(frozen=True)
class AturanTambahanData:
    id: int
    jenis: str  # thr | gaji13
    tahun: int
    dasar_hukum: str
    tunjangan_keluarga: bool
    tunjangan_pangan: bool
    tunjangan_jabatan: bool
    persen_tpp: Decimal


# The January–November sums in MasukanPegawai.setahun: months with a slip, PPh bruto of salary and of
# TPP, deductible contributions, PPh withheld on salary and on TPP.
SETAHUN_KUNCI = ("bulan", "bruto_gaji", "bruto_tpp", "iuran", "pph_gaji", "pph_tpp")


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
    # Set when the position paid (the one held on the 1st) changed in the month or the one before.
    catatan_jabatan: str = ""
    # TPP inputs
    predikat: str | None = None
    periode_predikat: str = ""
    rekap: dict | None = None
    hukdis: str | None = None
    hukdis_keterangan: str = ""
    # THR / gaji ke-13: the TPP bruto of the latest locked TPP slip ({"jumlah": int, "bulan": label}).
    tpp_acuan: dict | None = None
    # December (the last tax period) only: what the locked runs of January–November of the year paid,
    # for the annual PPh 21 (see SETAHUN_KUNCI); None in the other months.
    setahun: dict | None = None

    def snapshot(self) -> dict:
        # A shallow copy: every field is a plain value or a dict of plain values, serialised at once.
        # (dataclasses.asdict deep-copies each value and took a third of a 50,000-slip run.)
        return {name: getattr(self, name) for name in _MASUKAN_FIELDS}

    @property
    def is_pppk(self) -> bool:
        return self.status_kepegawaian in PPPK

    @property
    def is_cpns(self) -> bool:
        return self.status_kepegawaian == "CPNS"


_MASUKAN_FIELDS = tuple(f.name for f in fields(MasukanPegawai))


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
    iuran: Decimal = NOL  # pension/old-age contributions, deductible for the annual PPh
    pph_setahun: Decimal = NOL  # December: the year's tax on the salary alone

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


# PPPK golongan I–XVII (Perpres 11/2024) → their order.
PPPK_ROMAWI = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII"
PPPK_URUTAN = {r: i + 1 for i, r in enumerate(PPPK_ROMAWI.split())}
