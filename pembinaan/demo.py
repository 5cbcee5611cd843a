"""The pembinaan demo data of `seed_demo`: a believable JP ledger for the demo employees.

Deterministic for a seed (one random.Random, employees in NIP order). Last year: most employees reached
their target; this year, as of today (December in the demo's calendar): about half have, a third are on
their way (10–19 JP), the rest behind (below 10, the early-warning list). No activity ends after today.
The `pegawai` login is behind with one external claim waiting for the operator (verifying it brings them
to the target); a few more claims wait in other OPDs. A small catalogue of programmes.

Speed: the ledger (about 3 activities per employee and year) is written with COPY, the yearly recap by
the one set-based statement services.rekap_hitung_ulang uses; no per-employee query.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from akun.models import User
from core.db import analyze_after_bulk_write, copy_rows
from pegawai.models import Pegawai

from . import selectors, services
from .demo_ringkasan import ringkas_pelatihan
from .models import KegiatanPengembangan, Program, RekapJP, jalur_bentuk

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

    def _tanggal(self, tahun: int, batas: dt.date) -> tuple[dt.date, dt.date]:
        """A start and end within `tahun`, the end no later than `batas`."""
        akhir = min(dt.date(tahun, 12, 31), batas)
        awal_tahun = dt.date(tahun, 1, 8)
        rentang = max((akhir - awal_tahun).days - 5, 1)
        mulai = awal_tahun + dt.timedelta(days=self.rng.randrange(rentang))
        selesai = min(mulai + dt.timedelta(days=self.rng.choice((0, 0, 1, 2, 4))), akhir)
        return mulai, selesai

    def _rencana(self, target: int, sasaran: str) -> list[int]:
        """JP amounts of one employee-year adding up to a total in the band `sasaran`."""
        total = {
            "penuh": self.rng.randint(target, target + 24),
            "jalan": self.rng.randint(10, target - 1),
            "kurang": self.rng.randint(0, 9),
        }[sasaran]
        potongan = []
        while total > 0:
            jp = min(total, self.rng.choice((2, 3, 4, 6, 8, 12, 16)))
            potongan.append(jp)
            total -= jp
        return potongan

    def run(self) -> PembinaanDemoResult:
        with transaction.atomic():
            admin = User.objects.get(username="admin_bkd")
            programs = [
                Program(
                    nama=n, kompetensi=k, bentuk=b, jp=Decimal(jp), jenis_penyelenggara=j, penyelenggara=p
                )
                for n, k, b, jp, j, p in PROGRAM
            ]
            Program.objects.bulk_create(programs)
            index = selectors.aturan_index()
            tahun_ini, tahun_lalu = self.today.year, self.today.year - 1
            targets = {t: selectors.target_per_status(t) for t in (tahun_lalu, tahun_ini)}
            orang = list(
                Pegawai.objects.filter(aktif=True)
                .order_by("nip")
                .values_list("id", "status_kepegawaian", "user_id")
            )
            login_pegawai = User.objects.filter(username="pegawai").values_list("pk", flat=True).first()
            rows = []
            pasangan = set()
            sertifikat = 0
            for pid, status, user_id in orang:
                for tahun in (tahun_lalu, tahun_ini):
                    target = targets[tahun].get(status, 20)
                    if user_id is not None and user_id == login_pegawai and tahun == tahun_ini:
                        sasaran = "jalan"
                    else:
                        r = self.rng.random()
                        if tahun == tahun_lalu:
                            sasaran = "penuh" if r < 0.78 else ("jalan" if r < 0.93 else "kurang")
                        else:
                            sasaran = "penuh" if r < 0.5 else ("jalan" if r < 0.8 else "kurang")
                    for i, jp in enumerate(self._rencana(target, sasaran)):
                        mulai, selesai = self._tanggal(tahun, self.today)
                        if self.rng.random() < 0.6:
                            nama, _k, bentuk, _jp, _j, penyelenggara = self.rng.choice(PROGRAM)
                            nama = f"{nama} angkatan {self.rng.randint(1, 9)}"
                            jp_tertera, durasi = Decimal(jp), None
                        else:
                            nama, bentuk, penyelenggara, _jp, _m = self.rng.choice(LUAR)
                            jp_tertera, durasi = None, jp * 45 + self.rng.randrange(45)
                        nama = f"{nama} ({i + 1})"
                        aturan = selectors.aturan_berlaku(index, bentuk, selesai)
                        sertifikat += 1
                        jp_diakui = jp_tertera if jp_tertera is not None else Decimal(durasi // 45)
                        rows.append(
                            (
                                pid,
                                nama,
                                bentuk,
                                jalur_bentuk(bentuk),
                                penyelenggara,
                                "",
                                mulai,
                                selesai,
                                selesai.year,
                                jp_tertera,
                                durasi,
                                None,
                                f"DEMO/{selesai.year}/{sertifikat:06d}",
                                "",
                                "impor",
                                "diverifikasi",
                                jp_diakui,
                                aturan.pk,
                                "",
                                timezone.now(),
                                timezone.now(),
                            )
                        )
                    pasangan.add((pid, tahun))
            fields = [
                "pegawai_id",
                "nama_pelatihan",
                "bentuk",
                "jalur",
                "penyelenggara",
                "jenis_penyelenggara",
                "tanggal_mulai",
                "tanggal_selesai",
                "tahun",
                "jp_tertera",
                "durasi_menit",
                "jumlah_sesi",
                "nomor_sertifikat",
                "bukti",
                "sumber",
                "status",
                "jp_diakui",
                "aturan_id",
                "catatan",
                "dibuat",
                "diubah",
            ]
            n = copy_rows(KegiatanPengembangan, fields, rows)
            services.rekap_hitung_ulang(pasangan)
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

    def _klaim(self, admin, login_pegawai) -> int:
        """External claims waiting for verification: the `pegawai` login's (enough to reach the target)
        and a few of other employees of several OPDs."""
        jumlah = 0
        akhir = self.today - dt.timedelta(days=3)
        pegawai_login = Pegawai.objects.filter(user_id=login_pegawai).first()
        calon = list(Pegawai.objects.filter(aktif=True, user__isnull=True).order_by("nip")[::97][:6])
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
