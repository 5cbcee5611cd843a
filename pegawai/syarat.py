"""Does an employee meet a position's requirements (syarat jabatan)? A pure check, no queries.

`cek_syarat(pegawai, jabatan)` returns one line per requirement the position sets, each with whether it is
met and why in plain Indonesian; a requirement the position leaves blank is not listed. The shortlist for
a vacancy (mutasi) shows these lines as the hard requirements; the guards of a move (time in post,
punishment, retirement) are mutasi's, not here.

Rules (CONTRACT, file format **jabatan**):
- pendidikan: the employee's last education level is at least the minimum (SD < SMP < SMA < D-I < D-II <
  D-III < D-IV < S-1 < S-2 < S-3; D-IV and S-1 are distinct levels in this order, as the choices list them).
- jurusan: the accepted fields are separated by `;`; the employee meets it when their `pendidikan_jurusan`
  contains one of them, case-insensitive ("Keperawatan" accepts "D-III Keperawatan").
- golongan: at least the minimum, compared within one kind (PNS pangkat order of PP 99/2000); a minimum
  PNS golongan is not met by a PPPK and the other way round — the two scales do not compare.
- kompetensi: checked only when the caller passes the employee's competencies (the pegawai app keeps none
  itself); each listed competency must be among them, case-insensitive.

Pass objects whose `golongan` and `syarat_golongan` are loaded (select_related) to stay query-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .models import Jabatan, Pegawai, Pendidikan

URUTAN_PENDIDIKAN = {value: i for i, value in enumerate(Pendidikan.values)}


class HasilSyarat(NamedTuple):
    nama_syarat: str
    terpenuhi: bool
    uraian: str


def pisah_daftar(teks: str) -> list[str]:
    """`"Keperawatan; Kebidanan ;"` → `["Keperawatan", "Kebidanan"]` (blank items dropped)."""
    return [bagian.strip() for bagian in (teks or "").split(";") if bagian.strip()]


def _label_pendidikan(kode: str) -> str:
    return Pendidikan(kode).label if kode in URUTAN_PENDIDIKAN else kode


def cek_pendidikan(pendidikan_pegawai: str, minimal: str) -> HasilSyarat:
    nama = "Pendidikan minimal"
    syarat = _label_pendidikan(minimal)
    if not pendidikan_pegawai:
        return HasilSyarat(
            nama, False, f"Pendidikan terakhir pegawai belum tercatat; syarat minimal {syarat}."
        )
    punya = _label_pendidikan(pendidikan_pegawai)
    if URUTAN_PENDIDIKAN.get(pendidikan_pegawai, -1) >= URUTAN_PENDIDIKAN[minimal]:
        return HasilSyarat(nama, True, f"Pendidikan {punya} memenuhi syarat minimal {syarat}.")
    return HasilSyarat(nama, False, f"Pendidikan {punya} di bawah syarat minimal {syarat}.")


def cek_jurusan(jurusan_pegawai: str, diterima: list[str]) -> HasilSyarat:
    nama = "Jurusan pendidikan"
    daftar = "; ".join(diterima)
    if not jurusan_pegawai:
        return HasilSyarat(nama, False, f"Jurusan pegawai belum tercatat; jurusan yang diterima: {daftar}.")
    jurusan = jurusan_pegawai.casefold()
    cocok = next((d for d in diterima if d.casefold() in jurusan), None)
    if cocok is not None:
        return HasilSyarat(nama, True, f"Jurusan {jurusan_pegawai} sesuai ({cocok}).")
    return HasilSyarat(
        nama, False, f"Jurusan {jurusan_pegawai} tidak termasuk jurusan yang diterima: {daftar}."
    )


def cek_golongan(golongan_pegawai, minimal) -> HasilSyarat:
    nama = "Golongan minimal"
    if golongan_pegawai.jenis != minimal.jenis:
        return HasilSyarat(
            nama,
            False,
            f"Syarat golongan {minimal.kode} berlaku untuk {minimal.jenis}; pegawai {golongan_pegawai.jenis} "
            f"golongan {golongan_pegawai.kode}.",
        )
    if golongan_pegawai.urutan >= minimal.urutan:
        return HasilSyarat(
            nama, True, f"Golongan {golongan_pegawai.kode} memenuhi syarat minimal {minimal.kode}."
        )
    return HasilSyarat(
        nama, False, f"Golongan {golongan_pegawai.kode} di bawah syarat minimal {minimal.kode}."
    )


def cek_kompetensi(dimiliki: Iterable[str], dibutuhkan: list[str]) -> HasilSyarat:
    nama = "Kompetensi"
    punya = {k.strip().casefold() for k in dimiliki}
    kurang = [k for k in dibutuhkan if k.casefold() not in punya]
    if not kurang:
        return HasilSyarat(nama, True, f"Memiliki semua kompetensi yang dibutuhkan: {'; '.join(dibutuhkan)}.")
    return HasilSyarat(nama, False, f"Belum memiliki kompetensi: {'; '.join(kurang)}.")


def cek_syarat(
    pegawai: Pegawai, jabatan: Jabatan, *, kompetensi_pegawai: Iterable[str] | None = None
) -> list[HasilSyarat]:
    """Each requirement the position sets: (nama_syarat, terpenuhi, uraian), in a fixed order."""
    hasil = []
    if jabatan.syarat_pendidikan:
        hasil.append(cek_pendidikan(pegawai.pendidikan_jenjang, jabatan.syarat_pendidikan))
    if diterima := pisah_daftar(jabatan.syarat_jurusan):
        hasil.append(cek_jurusan(pegawai.pendidikan_jurusan, diterima))
    if jabatan.syarat_golongan_id:
        hasil.append(cek_golongan(pegawai.golongan, jabatan.syarat_golongan))
    if kompetensi_pegawai is not None and (dibutuhkan := pisah_daftar(jabatan.kompetensi)):
        hasil.append(cek_kompetensi(kompetensi_pegawai, dibutuhkan))
    return hasil


def memenuhi_semua(hasil: Iterable[HasilSyarat]) -> bool:
    return all(h.terpenuhi for h in hasil)
