"""The shortlist of one position (DaftarPendek) and the rows of the CONTRACT **rekomendasi** file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from pegawai.models import Jabatan, Pegawai

from ..models import BobotRekomendasi
from .dasar import Kandidat
from .fakta import muat_fakta
from .nilai import _kandidat, _siapkan, nilai_cepat
from .peringkat import peringkat


class DaftarPendek:
    """The ranked candidates of one position: (id, meets, score) for every candidate in rank order
    (peringkat.peringkat, one SQL statement); a Kandidat with its texts (requirement lines, points per
    factor with the evidence) is built only for the rows asked for (`teratas`, `untuk`), from the facts
    of those employees alone (fakta.muat_fakta) by the same functions as the Python scoring."""

    def __init__(
        self,
        *,
        jabatan: Jabatan,
        tanggal: dt.date,
        bobot: BobotRekomendasi,
        urut: list,
        nama_opd: str,
        opd_id: int | None = None,
    ) -> None:
        self.jabatan = jabatan
        self.opd_id = opd_id
        self.tanggal = tanggal
        self.bobot = bobot
        self._urut = urut  # [(pegawai id, memenuhi, skor)] in rank order
        self._nama_opd = nama_opd
        self.jumlah = len(urut)
        self.jumlah_memenuhi = sum(1 for r in urut if r[1])

    def _bangun(self, rows: list[tuple[int, tuple]]) -> list[Kandidat]:
        """Kandidat for (rank, (id, memenuhi, skor)) rows, the facts read for those employees only."""
        if not rows:
            return []
        if len(rows) == self.jumlah:  # everyone (the XLSX file): the candidates' query, not 50,000 ids
            pegawai_qs = _kandidat_qs(self.jabatan, self.opd_id)
        else:
            pegawai_qs = Pegawai.objects.filter(pk__in=[r[1][0] for r in rows])
        fakta = muat_fakta(
            self.tanggal,
            pegawai_qs=pegawai_qs,
            riwayat_q=_riwayat_q(self.jabatan),
            pilihan_q=_pilihan_q(self.jabatan),
        )
        _siapkan(fakta, self.jabatan)
        per_id = {p["id"]: p for p in fakta.pegawai}
        hasil = []
        for i, (pid, memenuhi, skor) in rows:
            k = _kandidat(fakta, per_id[pid], self.jabatan, memenuhi, skor, self._nama_opd)
            k.peringkat = i
            hasil.append(k)
        return hasil

    def teratas(self, jumlah: int) -> list[Kandidat]:
        """The first `jumlah` candidates (0: all), ranked."""
        rows = self._urut if not jumlah else self._urut[:jumlah]
        return self._bangun(list(enumerate(rows, 1)))

    @property
    def kandidat(self) -> list[Kandidat]:
        return self.teratas(0)

    def untuk(self, pegawai_id: int) -> Kandidat | None:
        for i, r in enumerate(self._urut, 1):
            if r[0] == pegawai_id:
                return self._bangun([(i, r)])[0]
        return None


def jabatan_untuk_rekomendasi(pk: int) -> Jabatan:
    return Jabatan.objects.select_related("unit_kerja", "unit_kerja__opd", "syarat_golongan").get(pk=pk)


def _riwayat_q(jabatan: Jabatan) -> Q:
    """The position history that can matter for `jabatan` (same name, or a post in its OPD)."""
    return Q(nama_jabatan__iexact=jabatan.nama) | Q(jabatan__unit_kerja__opd_id=jabatan.unit_kerja.opd_id)


def _pilihan_q(jabatan: Jabatan) -> Q:
    return Q(jabatan_id=jabatan.pk) | Q(jabatan__isnull=True, unit_kerja_id=jabatan.unit_kerja_id)


def _kandidat_qs(jabatan: Jabatan, opd_id: int | None):
    """Every employee who may be a candidate (muat_fakta keeps the active ones)."""
    qs = Pegawai.objects.exclude(jabatan_id=jabatan.pk)
    return qs.filter(opd_id=opd_id) if opd_id is not None else qs


def _nama_opd(jabatan: Jabatan) -> str:
    return (jabatan.unit_kerja.opd if jabatan.unit_kerja.opd_id else jabatan.unit_kerja).nama


def daftar_pendek(jabatan: Jabatan, tanggal: dt.date, *, opd_id: int | None = None) -> DaftarPendek:
    """Every active employee not holding `jabatan` (within `opd_id` when given), judged and ranked:
    those meeting every requirement first by descending score, then the others by descending score;
    ties by name and NIP. Ranked in SQL (peringkat.peringkat); identical to daftar_pendek_python."""
    bobot, urut = peringkat(jabatan, tanggal, opd_id=opd_id)
    return DaftarPendek(
        jabatan=jabatan, tanggal=tanggal, bobot=bobot, urut=urut, nama_opd=_nama_opd(jabatan), opd_id=opd_id
    )


def daftar_pendek_python(jabatan: Jabatan, tanggal: dt.date, *, opd_id: int | None = None) -> DaftarPendek:
    """The same shortlist scored in Python over the bulk-loaded facts of every candidate (nilai.nilai_cepat,
    what the rotation round uses): the reference the SQL ranking is tested against."""
    fakta = muat_fakta(
        tanggal,
        pegawai_qs=_kandidat_qs(jabatan, opd_id),
        riwayat_q=_riwayat_q(jabatan),
        pilihan_q=_pilihan_q(jabatan),
    )
    _siapkan(fakta, jabatan)
    rows = []
    for p in fakta.pegawai:
        memenuhi, skor = nilai_cepat(fakta, p, jabatan)
        rows.append((memenuhi, skor, p))
    rows.sort(key=lambda r: (not r[0], -r[1], r[2]["nama"], r[2]["nip"]))
    urut = [(p["id"], memenuhi, skor) for memenuhi, skor, p in rows]
    return DaftarPendek(
        jabatan=jabatan,
        tanggal=tanggal,
        bobot=fakta.bobot,
        urut=urut,
        nama_opd=_nama_opd(jabatan),
        opd_id=opd_id,
    )


KOLOM = ["peringkat", "nip", "nama", "kode_unit", "jabatan", "skor", "memenuhi_syarat", "alasan"]


def baris_berkas(kandidat: Iterable[Kandidat]) -> list[list]:
    """Rows of the CONTRACT **rekomendasi** file."""
    return [
        [
            k.peringkat,
            k.nip,
            k.nama,
            k.kode_unit,
            k.jabatan,
            f"{k.skor:.2f}",
            "Y" if k.memenuhi else "N",
            k.alasan,
        ]
        for k in kandidat
    ]
