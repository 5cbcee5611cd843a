"""The shortlist's building blocks: factor values, requirement and factor lines, the candidate row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.angka import format_desimal
from kinerja.models.rujukan import Predikat

from ..models import FAKTOR

NILAI_PREDIKAT = {
    Predikat.SANGAT_BAIK: 1.0,
    Predikat.BAIK: 0.75,
    Predikat.BUTUH_PERBAIKAN: 0.25,
    Predikat.KURANG: 0.0,
    Predikat.SANGAT_KURANG: 0.0,
}
NILAI_PILIHAN_JABATAN = {1: 1.0, 2: 0.8, 3: 0.6}
NILAI_PILIHAN_UNIT = {1: 0.5, 2: 0.4, 3: 0.3}
BULAN_PENUH = 60
JUMLAH_BAWAAN = 10
LABEL_FAKTOR = dict(FAKTOR)
LABEL_PREDIKAT = dict(Predikat.choices)


class TanpaBobot(Exception):
    """No version of the weights is in force on the date."""


@dataclass(frozen=True)
class Syarat:
    nama: str
    terpenuhi: bool
    uraian: str


@dataclass(frozen=True)
class Faktor:
    kode: str
    label: str
    bobot: int
    poin: float
    bukti: str


class Kandidat:
    """One candidate: score and whether every requirement is met are computed for everyone; the lines
    of requirements and factor evidence (plain Indonesian) are built on first use, so a shortlist of
    50,000 builds texts only for the rows shown or written."""

    def __init__(
        self,
        *,
        pegawai_id: int,
        nip: str,
        nama: str,
        kode_unit: str,
        nama_unit: str,
        opd_id: int,
        unit_id: int,
        jabatan: str,
        skor: float,
        memenuhi: bool,
        rinci: Callable[[], tuple[list[Syarat], list[Faktor]]],
    ) -> None:
        self.pegawai_id = pegawai_id
        self.nip = nip
        self.nama = nama
        self.kode_unit = kode_unit
        self.nama_unit = nama_unit
        self.opd_id = opd_id
        self.unit_id = unit_id
        self.jabatan = jabatan
        self.skor = skor
        self.memenuhi = memenuhi
        self.peringkat = 0
        self._rinci = rinci
        self._detail: tuple[list[Syarat], list[Faktor]] | None = None

    def _muat(self) -> tuple[list[Syarat], list[Faktor]]:
        if self._detail is None:
            self._detail = self._rinci()
        return self._detail

    @property
    def syarat(self) -> list[Syarat]:
        return self._muat()[0]

    @property
    def faktor(self) -> list[Faktor]:
        return self._muat()[1]

    @property
    def syarat_gagal(self) -> list[Syarat]:
        return [s for s in self.syarat if not s.terpenuhi]

    @property
    def alasan(self) -> str:
        """CONTRACT **rekomendasi** `alasan`: every unmet requirement named; for the others the points."""
        if not self.memenuhi:
            return "Tidak memenuhi: " + "; ".join(f"{s.nama} — {s.uraian}" for s in self.syarat_gagal)
        return "Memenuhi semua syarat. " + "; ".join(
            f"{f.label} {angka(f.poin)}/{f.bobot}: {f.bukti}" for f in self.faktor if f.bobot
        )

    def snapshot(self) -> dict:
        return {
            "peringkat": self.peringkat,
            "pegawai_id": self.pegawai_id,
            "nip": self.nip,
            "nama": self.nama,
            "kode_unit": self.kode_unit,
            "unit": self.nama_unit,
            "jabatan": self.jabatan,
            "skor": self.skor,
            "memenuhi_syarat": self.memenuhi,
            "syarat": [[s.nama, s.terpenuhi, s.uraian] for s in self.syarat],
            "faktor": [[f.kode, f.label, f.bobot, f.poin, f.bukti] for f in self.faktor],
        }


def angka(x: float) -> str:
    """20.0 → '20', 21.88 → '21,88' (Indonesian decimal comma)."""
    if float(x).is_integer():
        return str(int(x))
    return format_desimal(x, 2)


def poin(bobot: int, fraksi: float) -> float:
    # The tiny epsilon makes 0.5 hundredths round up (half-up), as done by hand.
    return round(bobot * fraksi + 1e-9, 2)
