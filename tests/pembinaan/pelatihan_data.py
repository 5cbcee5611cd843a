"""Builders shared by the event and e-learning tests (h6): a programme, a run, a module with a quiz."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pembinaan import services_belajar, services_pelatihan
from pembinaan.models import Modul, Pelaksanaan, Program

# Tests run on 2 December 2026 (tests/pembinaan/conftest.py). The default run (10–12 November) has
# ended: only the organiser records its participants, with a reason ("pencatatan susulan"). AKAN is a run
# that has not started, open to self-enrolment and nomination.
AKAN = {"tanggal_mulai": dt.date(2026, 12, 14), "tanggal_selesai": dt.date(2026, 12, 16)}
SUSULAN = "Hadir tetapi belum terdaftar (surat tugas 800/45/BKPSDM)"


def program(actor, **kwargs) -> Program:
    data = {
        "nama": "Pelatihan Teknis Pengelolaan Keuangan Daerah",
        "kompetensi": "Pengelolaan keuangan",
        "bentuk": "pelatihan_teknis",
        "jp": Decimal(24),
        "jenis_penyelenggara": "bpsdm",
        "penyelenggara": "BPSDM Provinsi",
    }
    data.update(kwargs)
    return services_pelatihan.program_simpan(actor=actor, program=Program(**data))


def pelaksanaan(actor, prog: Program | None = None, kuota_opd=None, **kwargs) -> Pelaksanaan:
    prog = prog or program(actor)
    data = {
        "program": prog,
        "nama": "Angkatan I",
        "tanggal_mulai": dt.date(2026, 11, 10),
        "tanggal_selesai": dt.date(2026, 11, 12),
        "tempat": "Aula BKPSDM",
        "kuota": 30,
        "biaya": Decimal(1_500_000),
        "jp": prog.jp,
    }
    data.update(kwargs)
    return services_pelatihan.pelaksanaan_simpan(
        actor=actor, pelaksanaan=Pelaksanaan(**data), kuota_opd=kuota_opd
    )


def form_pelaksanaan(program_id: int, **kwargs) -> dict:
    """The run form's POST data (dates 10–12 November 2026, 24 JP)."""
    data = {
        "program": program_id,
        "nama": "Angkatan II",
        "tanggal_mulai": "2026-11-10",
        "tanggal_selesai": "2026-11-12",
        "kuota": 10,
        "biaya": 0,
        "jp": 24,
    }
    return {**data, **kwargs}


def modul(actor, *, durasi=200, soal=2, terbit=True, **kwargs) -> Modul:
    data = {
        "judul": "Etika dan Integritas ASN",
        "deskripsi": "Nilai dasar BerAKHLAK.",
        "durasi_menit": durasi,
        "nilai_lulus": 70,
        "dibuka": dt.date(2026, 11, 1),
        "ditutup": dt.date(2026, 12, 31),
    }
    data.update(kwargs)
    m = services_belajar.modul_simpan(actor=actor, modul=Modul(**data))
    services_belajar.pelajaran_tambah(
        actor=actor,
        modul=m,
        data={"judul": "Nilai BerAKHLAK", "jenis": "teks", "isi": "Berorientasi pelayanan ..."},
    )
    services_belajar.pelajaran_tambah(
        actor=actor,
        modul=m,
        data={
            "judul": "Video pengantar",
            "jenis": "video",
            "tautan_video": "https://video.example.go.id/akhlak",
        },
    )
    for i in range(soal):
        services_belajar.soal_tambah(
            actor=actor,
            modul=m,
            teks=f"Pertanyaan {i + 1}?",
            pilihan=[f"Benar {i + 1}", f"Salah {i + 1}", "", ""],
            benar=0,
        )
    if terbit:
        m.terbit = True
        services_belajar.modul_simpan(actor=actor, modul=m)
    return m


def jawaban(m: Modul, *, benar: int | None = None) -> dict[int, int]:
    """Answers to every question: the first `benar` right (all when None), the rest wrong."""
    hasil = {}
    for i, s in enumerate(m.soal.prefetch_related("pilihan").order_by("urutan")):
        pilihan = list(s.pilihan.all())
        tepat = benar is None or i < benar
        hasil[s.pk] = next(p.pk for p in pilihan if p.benar == tepat)
    return hasil
