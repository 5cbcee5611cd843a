"""The guards of a move (reference §1.4), evaluated without the database.

`evaluasi_guard` takes the facts of one person and move, the rule versions in force and the freeze
windows, and answers one `HasilGuard` per guard: violated or not, with an Indonesian explanation that
names the numbers and the legal basis. `cek_guard` loads what the caller did not pass (rules in force on
the date, the person's punishments) and calls it; a caller checking many people (the shortlist) loads
the rules once with `aturan_berlaku` and passes them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from core.dates import format_tanggal, months_between
from pegawai.selectors import dalam_tugas_belajar

from .models import AturanGuard, JenisUsulan, KodeGuard, MasaLarangan

SUMBER_APS = "aps"


@dataclass(frozen=True)
class Aturan:
    kode: str
    bulan_minimal: int
    bulan_maksimal: int
    berlaku_mulai: dt.date
    dasar_hukum: str


@dataclass(frozen=True)
class Larangan:
    jenis: str
    nama: str
    mulai: dt.date
    selesai: dt.date
    dasar_hukum: str


@dataclass(frozen=True)
class Hukuman:
    tingkat: str
    jenis: str
    tmt: dt.date
    tanggal_selesai: dt.date | None

    def berlaku_pada(self, tanggal: dt.date) -> bool:
        return self.tmt <= tanggal and (self.tanggal_selesai is None or self.tanggal_selesai >= tanggal)


@dataclass(frozen=True)
class Fakta:
    """What the guards look at, about one person and one move."""

    jenis_usulan: str = JenisUsulan.DALAM_PEMDA
    sumber: str = ""
    ada_pegawai: bool = True
    status_kepegawaian: str = "PNS"
    tmt_cpns: dt.date | None = None
    tmt_jabatan: dt.date | None = None
    jabatan_asal_jpt: bool = False
    hukuman: Sequence[Hukuman] = field(default_factory=tuple)
    tugas_belajar_mulai: dt.date | None = None
    tugas_belajar_selesai: dt.date | None = None


@dataclass(frozen=True)
class HasilGuard:
    kode: str
    nama: str
    dilanggar: bool
    penjelasan: str
    dasar_hukum: str


def lama(bulan: int) -> str:
    """23 → '1 tahun 11 bulan', 24 → '2 tahun', 5 → '5 bulan', 0 → '0 bulan'."""
    tahun, sisa = divmod(max(bulan, 0), 12)
    bagian = []
    if tahun:
        bagian.append(f"{tahun} tahun")
    if sisa or not tahun:
        bagian.append(f"{sisa} bulan")
    return " ".join(bagian)


def _nama(kode: str) -> str:
    return str(KodeGuard(kode).label)


def _masa_jabatan(f: Fakta, a: Aturan, tanggal: dt.date) -> HasilGuard | None:
    if not f.ada_pegawai or f.jenis_usulan == JenisUsulan.MASUK:
        return None
    kode = KodeGuard.MASA_JABATAN
    if f.tmt_jabatan is None:
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            "TMT jabatan sekarang belum tercatat; masa dalam jabatan tidak dapat dihitung.",
            a.dasar_hukum,
        )
    n = months_between(f.tmt_jabatan, tanggal)
    rentang = f"sejak TMT jabatan {format_tanggal(f.tmt_jabatan)} sampai TMT mutasi {format_tanggal(tanggal)}"
    if a.bulan_minimal and n < a.bulan_minimal:
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            f"Baru {lama(n)} dalam jabatan sekarang ({rentang}); minimal {lama(a.bulan_minimal)}.",
            a.dasar_hukum,
        )
    teks = f"{lama(n)} dalam jabatan sekarang ({rentang})"
    if a.bulan_minimal:
        teks += f"; memenuhi minimal {lama(a.bulan_minimal)}"
    if a.bulan_maksimal and n > a.bulan_maksimal:
        teks += f"; melewati batas maksimal {lama(a.bulan_maksimal)}, pegawai sudah waktunya dirotasi"
    elif a.bulan_maksimal:
        teks += f" (maksimal {lama(a.bulan_maksimal)})"
    return HasilGuard(kode, _nama(kode), False, teks + ".", a.dasar_hukum)


def _ikatan_cpns(f: Fakta, a: Aturan, tanggal: dt.date) -> HasilGuard | None:
    """The pledge not to ask for a move binds the person's own requests (APS) and moves out."""
    if not f.ada_pegawai or not (f.sumber == SUMBER_APS or f.jenis_usulan == JenisUsulan.KELUAR):
        return None
    if f.status_kepegawaian not in ("CPNS", "PNS"):
        return None
    kode = KodeGuard.IKATAN_CPNS
    if f.tmt_cpns is None:
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            "TMT CPNS belum tercatat; masa ikatan tidak dapat dihitung.",
            a.dasar_hukum,
        )
    if f.tmt_cpns < a.berlaku_mulai:
        return HasilGuard(
            kode,
            _nama(kode),
            False,
            f"TMT CPNS {format_tanggal(f.tmt_cpns)} sebelum ketentuan berlaku "
            f"({format_tanggal(a.berlaku_mulai)}); tidak terikat pernyataan ini.",
            a.dasar_hukum,
        )
    n = months_between(f.tmt_cpns, tanggal)
    if n < a.bulan_minimal:
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            f"Baru {lama(n)} sejak TMT CPNS {format_tanggal(f.tmt_cpns)}; pegawai menyatakan tidak "
            f"mengajukan pindah selama {lama(a.bulan_minimal)}.",
            a.dasar_hukum,
        )
    return HasilGuard(
        kode,
        _nama(kode),
        False,
        f"{lama(n)} sejak TMT CPNS {format_tanggal(f.tmt_cpns)}; masa ikatan {lama(a.bulan_minimal)} terpenuhi.",
        a.dasar_hukum,
    )


def _jpt(f: Fakta, a: Aturan, tanggal: dt.date) -> HasilGuard | None:
    if not f.ada_pegawai or not f.jabatan_asal_jpt or f.jenis_usulan == JenisUsulan.MASUK:
        return None
    kode = KodeGuard.JPT_DUA_TAHUN
    if f.tmt_jabatan is None:
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            "TMT pelantikan JPT belum tercatat; masa 2 tahun tidak dapat dihitung.",
            a.dasar_hukum,
        )
    n = months_between(f.tmt_jabatan, tanggal)
    if n < a.bulan_minimal:
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            f"Pejabat pimpinan tinggi baru {lama(n)} sejak pelantikan ({format_tanggal(f.tmt_jabatan)}); "
            f"penggantian sebelum {lama(a.bulan_minimal)} memerlukan persetujuan.",
            a.dasar_hukum,
        )
    return HasilGuard(
        kode,
        _nama(kode),
        False,
        f"{lama(n)} sejak pelantikan JPT; melewati {lama(a.bulan_minimal)}.",
        a.dasar_hukum,
    )


def _larangan(larangan: Iterable[Larangan], a: Aturan, tanggal: dt.date) -> HasilGuard:
    kode = KodeGuard.MASA_LARANGAN
    kena = [w for w in larangan if w.mulai <= tanggal <= w.selesai]
    if kena:
        teks = "; ".join(
            f"{w.nama} ({format_tanggal(w.mulai)} s.d. {format_tanggal(w.selesai)}; {w.dasar_hukum})"
            for w in kena
        )
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            f"TMT {format_tanggal(tanggal)} jatuh dalam masa larangan: {teks}. Mutasi memerlukan persetujuan "
            "tertulis Menteri Dalam Negeri.",
            a.dasar_hukum,
        )
    return HasilGuard(
        kode,
        _nama(kode),
        False,
        f"TMT {format_tanggal(tanggal)} di luar masa larangan yang tercatat.",
        a.dasar_hukum,
    )


def _hukdis(f: Fakta, a: Aturan, tanggal: dt.date) -> HasilGuard | None:
    if not f.ada_pegawai:
        return None
    kode = KodeGuard.HUKUMAN_DISIPLIN
    kena = [h for h in f.hukuman if h.berlaku_pada(tanggal)]
    if kena:
        teks = "; ".join(
            f"hukuman disiplin {h.tingkat} ({h.jenis}) TMT {format_tanggal(h.tmt)} "
            + (
                f"s.d. {format_tanggal(h.tanggal_selesai)}"
                if h.tanggal_selesai
                else "sampai ada keputusan lain"
            )
            for h in kena
        )
        return HasilGuard(
            kode, _nama(kode), True, f"Pada {format_tanggal(tanggal)} masih berlaku {teks}.", a.dasar_hukum
        )
    return HasilGuard(
        kode,
        _nama(kode),
        False,
        f"Tidak ada hukuman disiplin yang berlaku pada {format_tanggal(tanggal)}.",
        a.dasar_hukum,
    )


def _tugas_belajar(f: Fakta, a: Aturan, tanggal: dt.date) -> HasilGuard | None:
    if not f.ada_pegawai or f.jenis_usulan == JenisUsulan.MASUK:
        return None
    kode = KodeGuard.TUGAS_BELAJAR
    mulai, selesai = f.tugas_belajar_mulai, f.tugas_belajar_selesai
    if dalam_tugas_belajar(mulai, selesai, tanggal):
        sampai = f"s.d. {format_tanggal(selesai)}" if selesai else "tanpa tanggal selesai"
        return HasilGuard(
            kode,
            _nama(kode),
            True,
            f"Pada {format_tanggal(tanggal)} pegawai sedang tugas belajar ({format_tanggal(mulai)} {sampai}).",
            a.dasar_hukum,
        )
    return HasilGuard(
        kode, _nama(kode), False, f"Tidak sedang tugas belajar pada {format_tanggal(tanggal)}.", a.dasar_hukum
    )


def evaluasi_guard(
    fakta: Fakta, aturan: Mapping[str, Aturan], larangan: Iterable[Larangan], tanggal: dt.date
) -> list[HasilGuard]:
    """Every guard in force that concerns this move, in a fixed order."""
    hasil: list[HasilGuard | None] = []
    if a := aturan.get(KodeGuard.MASA_JABATAN):
        hasil.append(_masa_jabatan(fakta, a, tanggal))
    if a := aturan.get(KodeGuard.IKATAN_CPNS):
        hasil.append(_ikatan_cpns(fakta, a, tanggal))
    if a := aturan.get(KodeGuard.JPT_DUA_TAHUN):
        hasil.append(_jpt(fakta, a, tanggal))
    if a := aturan.get(KodeGuard.MASA_LARANGAN):
        hasil.append(_larangan(larangan, a, tanggal))
    if a := aturan.get(KodeGuard.HUKUMAN_DISIPLIN):
        hasil.append(_hukdis(fakta, a, tanggal))
    if a := aturan.get(KodeGuard.TUGAS_BELAJAR):
        hasil.append(_tugas_belajar(fakta, a, tanggal))
    return [h for h in hasil if h is not None]


# --- loading (the only part that reads the database) --------------------------------------------------


@dataclass(frozen=True)
class AturanBerlaku:
    aturan: dict[str, Aturan]
    larangan: list[Larangan]


def aturan_berlaku(tanggal: dt.date) -> AturanBerlaku:
    """The rule version of each guard in force on `tanggal` (latest start on or before it, not ended,
    switched on), and the freeze windows around it. Two queries."""
    aturan: dict[str, Aturan] = {}
    for r in AturanGuard.objects.filter(berlaku_mulai__lte=tanggal).order_by("kode", "-berlaku_mulai"):
        if r.kode in aturan or r.kode not in KodeGuard.values:
            continue
        # The latest version decides, even when it switches the guard off or has ended.
        aturan[r.kode] = Aturan(r.kode, r.bulan_minimal, r.bulan_maksimal, r.berlaku_mulai, r.dasar_hukum)
        if not r.aktif or (r.berlaku_sampai is not None and r.berlaku_sampai < tanggal):
            aturan[r.kode] = None  # type: ignore[assignment]
    larangan = [
        Larangan(w.get_jenis_display(), w.nama, w.mulai, w.selesai, w.dasar_hukum)
        for w in MasaLarangan.objects.filter(mulai__lte=tanggal, selesai__gte=tanggal)
    ]
    return AturanBerlaku({k: v for k, v in aturan.items() if v is not None}, larangan)


def fakta_pegawai(
    pegawai, *, jenis_usulan: str, sumber: str, hukuman: Sequence[Hukuman] | None = None
) -> Fakta:
    if pegawai is None:
        return Fakta(jenis_usulan=jenis_usulan, sumber=sumber, ada_pegawai=False)
    if hukuman is None:
        hukuman = [
            Hukuman(h.get_tingkat_display().lower(), h.jenis, h.tmt, h.tanggal_selesai)
            for h in pegawai.riwayat_hukdis.all()
        ]
    return Fakta(
        jenis_usulan=jenis_usulan,
        sumber=sumber,
        ada_pegawai=True,
        status_kepegawaian=pegawai.status_kepegawaian,
        tmt_cpns=pegawai.tmt_cpns,
        tmt_jabatan=pegawai.tmt_jabatan,
        jabatan_asal_jpt=pegawai.jabatan.jenis == "jpt",
        hukuman=tuple(hukuman),
        tugas_belajar_mulai=pegawai.tugas_belajar_mulai,
        tugas_belajar_selesai=pegawai.tugas_belajar_selesai,
    )


def cek_guard(
    pegawai,
    jabatan_tujuan,
    tanggal: dt.date,
    *,
    jenis_usulan: str = JenisUsulan.DALAM_PEMDA,
    sumber: str = "",
    berlaku: AturanBerlaku | None = None,
    hukuman: Sequence[Hukuman] | None = None,
) -> list[HasilGuard]:
    """The guards for moving `pegawai` (None: an incoming person not in the data) to `jabatan_tujuan` on
    `tanggal`. Pass `berlaku` (and `hukuman`) to check many people without a query each."""
    if berlaku is None:
        berlaku = aturan_berlaku(tanggal)
    fakta = fakta_pegawai(pegawai, jenis_usulan=jenis_usulan, sumber=sumber, hukuman=hukuman)
    return evaluasi_guard(fakta, berlaku.aturan, berlaku.larangan, tanggal)
