"""The pembinaan demo data of `seed_demo`: a believable JP ledger for the demo employees.

Deterministic for a seed (one random.Random, employees in NIP order). Last year: most employees reached
their target; this year, as of today (December in the demo's calendar): about half have, a third are on
their way (10–19 JP), the rest behind (below 10, the early-warning list). No activity ends after today.
The `pegawai` login is behind with one external claim waiting for the operator (verifying it brings them
to the target); a few more claims wait in other OPDs. A small catalogue of programmes: an activity of a
catalogue programme is named as it and carries its JP (a rare PKP/PKA is the whole of a PNS's year),
the others are named as the activity outside the catalogue; a repeat in a year differs by its date.

Speed (about 20 s at 50,000 employees, see bench/README.md): the ledger (about 4 activities per employee
and year, 400,000 rows) is streamed to COPY, the yearly recap written by the one set-based statement
services.rekap_hitung_ulang uses, the bulk tables' foreign keys checked and their secondary indexes built
once at the end; no per-employee query.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from akun.models import User
from core.db import analyze_after_bulk_write, copy_rows, foreign_keys_checked_after, indexes_built_after
from pegawai.models import Pegawai

from . import selectors, services
from .demo_ringkasan import ringkas_pelatihan
from .models import (
    Bentuk,
    KebutuhanPengembangan,
    KegiatanPengembangan,
    KegiatanRencana,
    KompetensiPegawai,
    Program,
    RekapJP,
    RencanaPengembangan,
    jalur_bentuk,
)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# nama, kompetensi, bentuk, JP, jenis penyelenggara, penyelenggara
PROGRAM = [
    (
        "Pelatihan Kepemimpinan Pengawas (PKP)",
        "Kepemimpinan",
        "pelatihan_kepemimpinan",
        240,
        "bpsdm",
        "BPSDM Provinsi",
    ),
    (
        "Pelatihan Kepemimpinan Administrator (PKA)",
        "Kepemimpinan",
        "pelatihan_kepemimpinan",
        380,
        "bpsdm",
        "BPSDM Provinsi",
    ),
    ("Bimbingan Teknis Penyusunan SKP", "Manajemen kinerja", "bimbingan_teknis", 16, "bkd", "BKPSDM"),
    ("Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "Pengadaan", "pelatihan_teknis", 32, "lan", "LKPP"),
    ("Workshop Penyusunan Anjab dan ABK", "Kelembagaan", "workshop", 12, "bkd", "BKPSDM"),
    (
        "Kursus Analisis Data dengan Python",
        "Literasi data",
        "kursus",
        24,
        "universitas",
        "Universitas Tadulako",
    ),
    (
        "Pelatihan Pelayanan Prima",
        "Pelayanan publik",
        "pelatihan_teknis",
        24,
        "perusahaan",
        "Mitra Pelatihan",
    ),
    ("Seminar Etika Profesi Perencana", "Etika", "seminar", 8, "asosiasi", "Ikatan Perencana Indonesia"),
    ("E-learning Wawasan Kebangsaan", "Sosial kultural", "e_learning", 10, "lan", "LAN (ASN Unggul)"),
    ("Sosialisasi Manajemen Risiko SPIP", "Manajemen risiko", "sosialisasi", 4, "bkd", "Inspektorat"),
]
LUAR = [
    ("Webinar Transformasi Digital Pemerintahan", "seminar", "Kementerian PANRB", 3, None),
    ("Kursus Bahasa Inggris untuk ASN", "kursus", "Lembaga Bahasa Universitas", None, 1350),
    ("Belajar mandiri: Kebijakan Publik", "belajar_mandiri", "Platform MOOC", None, 360),
    ("Coaching dengan atasan langsung", "coaching", "Unit kerja", None, 180),
    ("Mentoring pegawai baru", "mentoring", "Unit kerja", None, 240),
    ("Komunitas belajar arsiparis", "komunitas_belajar", "Komunitas Arsiparis", None, 270),
]

PROGRAM_KEPEMIMPINAN = [p for p in PROGRAM if p[2] == "pelatihan_kepemimpinan"]
PROGRAM_BIASA = [p for p in PROGRAM if p[2] != "pelatihan_kepemimpinan"]
KEPEMIMPINAN_PELUANG = 0.004  # of PNS who reached their target in a year: one leadership training (PKP/PKA)
KEPEMIMPINAN_HARI = 60  # days a leadership training lasts (classes and the project at work)
POTONGAN_JP = (2, 3, 4, 6, 8, 12, 16)  # JP of one activity outside the catalogue
LAMA_HARI = (0, 0, 1, 2, 4)  # days an activity lasts after its first
# Tables the demo fills in bulk (the ledger, its recap, competencies, needs and plans).
TABEL_MASSAL = (
    KegiatanPengembangan,
    RekapJP,
    KompetensiPegawai,
    KebutuhanPengembangan,
    RencanaPengembangan,
    KegiatanRencana,
)
BUKU_BESAR_KOLOM = [
    "pegawai_id", "nama_pelatihan", "bentuk", "jalur", "penyelenggara", "jenis_penyelenggara", "tanggal_mulai",
    "tanggal_selesai", "tahun", "jp_tertera", "durasi_menit", "jumlah_sesi", "nomor_sertifikat", "bukti",
    "sumber", "status", "jp_diakui", "aturan_id", "catatan", "dibuat", "diubah", "program_id",
]  # fmt: skip


@dataclass
class PembinaanDemoResult:
    kegiatan: int
    klaim: int
    memenuhi: int
    di_bawah_10: int
    pegawai: int
    mentoring: tuple[int, int, int] = (0, 0, 0)  # pairs, sessions, evaluations (demo_mentoring)


class PembinaanDemoBuilder:
    def __init__(self, seed: int, *, today: dt.date | None = None) -> None:
        self.rng = random.Random(f"pembinaan-{seed}")  # noqa: S311 - demo data, not security
        self.today = today or timezone.localdate()

    def _rencana(
        self, target: int, sasaran: str, kepemimpinan: bool = False
    ) -> list[tuple[int, tuple | None]]:
        """(JP, catalogue programme or None) of one employee-year's activities, the JP adding up to a total
        in the band `sasaran`. An activity of a catalogue programme carries that programme's JP; the
        rest are activities outside the catalogue. `kepemimpinan`: one leadership training (PKP or PKA,
        240/380 JP) that year, the whole of it."""
        rng = self.rng
        if kepemimpinan:
            program = rng.choice(PROGRAM_KEPEMIMPINAN)
            return [(program[3], program)]
        total = {
            "penuh": rng.randint(target, target + 24),
            "jalan": rng.randint(10, target - 1),
            "kurang": rng.randint(0, 9),
        }[sasaran]
        potongan: list[tuple[int, tuple | None]] = []
        while total > 0:
            if rng.random() < 0.6:
                muat = [p for p in PROGRAM_BIASA if p[3] <= total]
                if muat:
                    program = rng.choice(muat)
                    potongan.append((program[3], program))
                    total -= program[3]
                    continue
            jp = min(total, rng.choice(POTONGAN_JP))
            potongan.append((jp, None))
            total -= jp
        return potongan

    def run(self) -> PembinaanDemoResult:
        # The bulk tables are loaded with their foreign keys dropped and checked once at the end (one
        # set-based pass per key instead of a deferred trigger per row: 2.5 million at 50,000 employees)
        # and their secondary indexes built once at the end; sorts and hashes of a few hundred thousand
        # rows get the memory to stay off the disk (this transaction only).
        with (
            transaction.atomic(),
            foreign_keys_checked_after(*TABEL_MASSAL),
            indexes_built_after(*TABEL_MASSAL),
        ):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '64MB'")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            admin = User.objects.get(username="admin_bkd")
            programs = Program.objects.bulk_create(
                Program(
                    nama=n, kompetensi=k, bentuk=b, jp=Decimal(jp), jenis_penyelenggara=j, penyelenggara=p
                )
                for n, k, b, jp, j, p in PROGRAM
            )
            orang = list(
                Pegawai.objects.filter(aktif=True)
                .order_by("nip")
                .values_list("id", "status_kepegawaian", "user_id")
            )
            login_pegawai = User.objects.filter(username="pegawai").values_list("pk", flat=True).first()
            self.program_id = {p.nama: p.pk for p in programs}
            n = copy_rows(KegiatanPengembangan, BUKU_BESAR_KOLOM, self._buku_besar(orang, login_pegawai))
            services.rekap_hitung_ulang((pid, tahun) for pid, _s, _u in orang for tahun in self._tahun())
            klaim = self._klaim(admin, login_pegawai)
            from .demo_kebutuhan import KebutuhanDemoBuilder  # needs and plans (issue 14 points 1-2)

            KebutuhanDemoBuilder(self.rng, today=self.today).run()
            from .demo_pelatihan import buat as buat_pelatihan  # h6: events and e-learning

            self.pelatihan = buat_pelatihan(today=self.today, admin=admin, login_pegawai=login_pegawai)
            from .demo_mentoring import buat as buat_mentoring

            mentoring = buat_mentoring(self.rng, self.today, admin=admin, login_pegawai=login_pegawai)
        analyze_after_bulk_write(KegiatanPengembangan, RekapJP)
        totals = selectors.pegawai_jp(None, self.today.year)
        memenuhi = totals.filter(jp_total__gte=F("target_jp")).count()
        return PembinaanDemoResult(
            kegiatan=n + klaim,
            klaim=klaim,
            memenuhi=memenuhi,
            di_bawah_10=totals.filter(jp_total__lt=10).count(),
            pegawai=len(orang),
            mentoring=mentoring,
        )

    def _tahun(self) -> tuple[int, int]:
        return (self.today.year - 1, self.today.year)

    def _buku_besar(
        self, orang: list[tuple[int, str, int | None]], login_pegawai: int | None
    ) -> Iterator[tuple]:
        """The ledger rows (BUKU_BESAR_KOLOM order) of every employee for last year and this year.

        Last year most employees reached their target; this year about half have, a third are on their
        way (10–19 JP), the rest behind; the `pegawai` login is on its way. Each activity starts between
        8 January and a few days before the year's end or today, lasts 0–4 days and ends by then.

        About 400,000 rows at 50,000 employees, so the loop is kept lean: the random draws are the same,
        in the same order, as the straightforward version (the same seed gives the same demo), but dates
        come from a table of days, the rule in force is looked up once per (form, end date), and every
        row shares one timestamp."""
        # Read what the rows need now: the generator runs while COPY holds the connection.
        index = selectors.aturan_index()
        per_tahun = []
        for tahun in self._tahun():
            akhir = min(dt.date(tahun, 12, 31), self.today)
            awal = min(dt.date(tahun, 1, 8), akhir)  # (in the first week of January: today only)
            hari = [awal + dt.timedelta(days=i) for i in range((akhir - awal).days + 1)]
            per_tahun.append((tahun, selectors.target_per_status(tahun), max(len(hari) - 6, 1), hari))
        return self._baris(orang, login_pegawai, index, per_tahun)

    def _baris(self, orang, login_pegawai, index, per_tahun) -> Iterator[tuple]:
        rng = self.rng
        acak, pilih, rentang_acak = rng.random, rng.choice, rng.randrange
        aturan_id: dict[tuple[str, dt.date], tuple[int, Decimal | None]] = {}
        sekarang = timezone.now()
        jalur = {b: jalur_bentuk(b) for b in Bentuk.values}
        program_id = self.program_id
        sertifikat = 0
        tahun_ini = self.today.year
        for pid, status, user_id in orang:
            for tahun, targets, rentang, hari in per_tahun:
                target = targets.get(status, 20)
                if user_id is not None and user_id == login_pegawai and tahun == tahun_ini:
                    sasaran = "jalan"
                else:
                    r = acak()
                    if tahun == tahun_ini:
                        sasaran = "penuh" if r < 0.5 else ("jalan" if r < 0.8 else "kurang")
                    else:
                        sasaran = "penuh" if r < 0.78 else ("jalan" if r < 0.93 else "kurang")
                kepemimpinan = sasaran == "penuh" and status == "PNS" and acak() < KEPEMIMPINAN_PELUANG
                terakhir = len(hari) - 1
                dipakai: set[tuple[str, int]] = set()  # (name, start): one activity per name and start
                for jp, program in self._rencana(target, sasaran, kepemimpinan):
                    awal_i = rentang_acak(rentang)
                    lama = KEPEMIMPINAN_HARI if kepemimpinan else pilih(LAMA_HARI)
                    if program is not None:
                        nama, _k, bentuk, _jp, jenis, penyelenggara = program
                        jp_tertera, durasi, jp_diakui, prog = jp, None, Decimal(jp), program_id.get(nama)
                    else:
                        nama, bentuk, penyelenggara, _jp, _m = pilih(LUAR)
                        durasi = jp * 45 + rentang_acak(45)
                        jenis, jp_tertera, jp_diakui, prog = "", None, Decimal(durasi // 45), None
                    # the same activity twice in a year: told apart by its date (the next free start)
                    geser = 0
                    while (nama, awal_i) in dipakai and geser < rentang:
                        awal_i, geser = (awal_i + 1) % rentang, geser + 1
                    if (nama, awal_i) in dipakai:  # (only in the first week of January: one day to start on)
                        continue
                    dipakai.add((nama, awal_i))
                    mulai, selesai = hari[awal_i], hari[min(awal_i + lama, terakhir)]
                    kunci = (bentuk, selesai)
                    aturan = aturan_id.get(kunci)
                    if aturan is None:
                        a = selectors.aturan_berlaku(index, bentuk, selesai)
                        assert a is not None  # the seeded rules start before the demo's years
                        aturan = aturan_id[kunci] = (a.pk, a.maks_per_tahun)
                    if aturan[1] is not None:  # the rule's yearly maximum of the form (none in the seed)
                        jp_diakui = min(jp_diakui, aturan[1])
                    sertifikat += 1
                    yield (
                        pid, nama, bentuk, jalur[bentuk], penyelenggara, jenis, mulai, selesai, selesai.year,
                        jp_tertera, durasi, None, f"DEMO/{selesai.year}/{sertifikat:06d}", "", "impor",
                        "diverifikasi", jp_diakui, aturan[0], "", sekarang, sekarang, prog,
                    )  # fmt: skip

    def _klaim(self, admin, login_pegawai) -> int:
        """External claims waiting for verification: the `pegawai` login's (enough to reach the target)
        and a few of other employees of several OPDs."""
        jumlah = 0
        akhir = self.today - dt.timedelta(days=3)
        pegawai_login = Pegawai.objects.filter(user_id=login_pegawai).first()
        # every 97th of the employees without a login, in NIP order: six of them (only those rows read)
        calon = list(Pegawai.objects.filter(aktif=True, user__isnull=True).order_by("nip")[: 97 * 5 + 1])[
            ::97
        ]
        for p in ([pegawai_login] if pegawai_login else []) + calon:
            rekap = RekapJP.objects.filter(pegawai=p, tahun=self.today.year).first()
            kurang = max(20 - int(rekap.jp_total if rekap else 0), 4)
            services.klaim_ajukan(
                actor=p.user or admin,
                pegawai=p,
                data={
                    "nama_pelatihan": "Pelatihan Penulisan Naskah Dinas (daring)",
                    "bentuk": "pelatihan_jarak_jauh",
                    "penyelenggara": "ANRI",
                    "tanggal_mulai": akhir - dt.timedelta(days=2),
                    "tanggal_selesai": akhir,
                    "jp_tertera": Decimal(kurang),
                    "durasi_menit": None,
                    "nomor_sertifikat": f"ANRI/PJJ/{self.today.year}/{p.nip}",
                    "catatan": "Sertifikat terlampir.",
                },
                bukti=ContentFile(PDF, name="sertifikat.pdf"),
            )
            jumlah += 1
        return jumlah


def ringkas(hasil: PembinaanDemoResult) -> str:
    return (
        f"{hasil.kegiatan} kegiatan pengembangan ({hasil.klaim} klaim menunggu verifikasi); tahun ini "
        f"{hasil.memenuhi} dari {hasil.pegawai} pegawai memenuhi target JP, {hasil.di_bawah_10} di bawah 10 JP; "
        f"{hasil.mentoring[0]} pasangan mentoring, {hasil.mentoring[1]} sesi, {hasil.mentoring[2]} evaluasi. "
        + ringkas_pelatihan()
    )
