"""cek_syarat: each requirement of a position (CONTRACT, file format jabatan), met and not met."""

from __future__ import annotations

import pytest

from pegawai.models import Golongan, Jabatan, Pegawai
from pegawai.syarat import cek_syarat, memenuhi_semua, pisah_daftar


def _g(kode: str) -> Golongan:
    return Golongan.objects.get(kode=kode)


def _pegawai(**kw) -> Pegawai:
    defaults = {
        "pendidikan_jenjang": "S1",
        "pendidikan_jurusan": "Kesehatan Masyarakat",
        "golongan": _g("III/a"),
    }
    return Pegawai(**{**defaults, **kw})


def _jabatan(**kw) -> Jabatan:
    return Jabatan(nama="Epidemiolog Kesehatan Ahli Pertama", jenis="fungsional", **kw)


def test_blank_requirements_list_nothing(db):
    assert cek_syarat(_pegawai(), _jabatan()) == []


@pytest.mark.parametrize(
    ("punya", "minimal", "terpenuhi", "uraian"),
    [
        ("S1", "S1", True, "Pendidikan S-1 memenuhi syarat minimal S-1."),
        ("S2", "D3", True, "Pendidikan S-2 memenuhi syarat minimal D-III."),
        ("D4", "S1", False, "Pendidikan D-IV di bawah syarat minimal S-1."),
        ("SMA", "D3", False, "Pendidikan SMA/SMK di bawah syarat minimal D-III."),
        ("", "SMA", False, "Pendidikan terakhir pegawai belum tercatat; syarat minimal SMA/SMK."),
    ],
)
def test_pendidikan_minimal(db, punya, minimal, terpenuhi, uraian):
    [hasil] = cek_syarat(_pegawai(pendidikan_jenjang=punya), _jabatan(syarat_pendidikan=minimal))
    assert hasil == ("Pendidikan minimal", terpenuhi, uraian)


@pytest.mark.parametrize(
    ("jurusan", "syarat", "terpenuhi", "uraian"),
    [
        ("D-III Keperawatan", "Kesehatan Masyarakat; Keperawatan", True, "Jurusan D-III Keperawatan sesuai (Keperawatan)."),
        ("KESEHATAN MASYARAKAT", "kesehatan masyarakat", True, "Jurusan KESEHATAN MASYARAKAT sesuai (kesehatan masyarakat)."),
        ("Akuntansi", "Kesehatan Masyarakat; Keperawatan", False,
         "Jurusan Akuntansi tidak termasuk jurusan yang diterima: Kesehatan Masyarakat; Keperawatan."),
        ("", "Hukum", False, "Jurusan pegawai belum tercatat; jurusan yang diterima: Hukum."),
    ],
)  # fmt: skip
def test_jurusan_contains_one_case_insensitive(db, jurusan, syarat, terpenuhi, uraian):
    [hasil] = cek_syarat(_pegawai(pendidikan_jurusan=jurusan), _jabatan(syarat_jurusan=syarat))
    assert hasil == ("Jurusan pendidikan", terpenuhi, uraian)


def test_jurusan_of_only_separators_is_any_field(db):
    assert cek_syarat(_pegawai(pendidikan_jurusan="Apa saja"), _jabatan(syarat_jurusan=" ; ;")) == []
    assert pisah_daftar("Keperawatan; Kebidanan ;") == ["Keperawatan", "Kebidanan"]


@pytest.mark.parametrize(
    ("punya", "minimal", "terpenuhi", "uraian"),
    [
        ("III/a", "II/c", True, "Golongan III/a memenuhi syarat minimal II/c."),
        ("III/b", "III/b", True, "Golongan III/b memenuhi syarat minimal III/b."),
        ("II/d", "III/a", False, "Golongan II/d di bawah syarat minimal III/a."),
        ("IX", "III/a", False, "Syarat golongan III/a berlaku untuk PNS; pegawai PPPK golongan IX."),
    ],
)
def test_golongan_minimal(db, punya, minimal, terpenuhi, uraian):
    [hasil] = cek_syarat(_pegawai(golongan=_g(punya)), _jabatan(syarat_golongan=_g(minimal)))
    assert hasil == ("Golongan minimal", terpenuhi, uraian)


def test_kompetensi_only_when_the_caller_knows_them(db):
    jabatan = _jabatan(kompetensi="Surveilans; Analisis data")
    assert cek_syarat(_pegawai(), jabatan) == []
    assert cek_syarat(_pegawai(), jabatan, kompetensi_pegawai=["analisis DATA", "surveilans"]) == [
        ("Kompetensi", True, "Memiliki semua kompetensi yang dibutuhkan: Surveilans; Analisis data.")
    ]
    assert cek_syarat(_pegawai(), jabatan, kompetensi_pegawai=["Surveilans"]) == [
        ("Kompetensi", False, "Belum memiliki kompetensi: Analisis data.")
    ]


def test_all_rules_in_order(db):
    jabatan = _jabatan(
        syarat_pendidikan="S1", syarat_jurusan="Kesehatan Masyarakat", syarat_golongan=_g("III/b")
    )
    hasil = cek_syarat(_pegawai(), jabatan)
    assert [h.nama_syarat for h in hasil] == ["Pendidikan minimal", "Jurusan pendidikan", "Golongan minimal"]
    assert [h.terpenuhi for h in hasil] == [True, True, False]
    assert not memenuhi_semua(hasil)
    assert memenuhi_semua(cek_syarat(_pegawai(golongan=_g("III/b")), jabatan))
