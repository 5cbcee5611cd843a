"""Demo data of the kinerja module for `seed_demo`, on top of the people pegawai.demo.DemoBuilder made.

Three appraisal years: the year before last and last year closed (annual ratings final, closing runs
done; the older one only so a KGB or kenaikan pangkat can be judged on two finalised years) and this year open
(an SKP for everyone with an atasan, ratings of the quarters that have ended, all but the latest closed).
Potential scores for about 60% of the employees put people in every box of last year's 9-box grid.

Deterministic for a seed: one random.Random, employees in NIP order. Every predikat comes from the
matrix in force (selectors.matriks_predikat), never from this file: the rating pairs are drawn so the
result fits the curve of a unit rated Baik (at most 70% Baik, at least one Butuh Perbaikan or Kurang).

Speed: no per-employee query. The large tables (about 1 million rows at 50,000 employees) are written
with COPY from tuples, ids reserved from the table's sequence beforehand so rows can point at each
other; bulk_create of model instances took 50 s for the same rows, COPY a fraction of that. The 7
BerAKHLAK rows per SKP and the closing runs' lists are INSERT … SELECT. Small tables use the ORM.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from akun.models import User
from core.db import analyze_after_bulk_write, copy_rows, foreign_keys_checked_after, reserve_ids
from pegawai.models import Pegawai, UnitKerja

from . import selectors
from .demo_data import (
    CATATAN_DI_BAWAH,
    EKSPEKTASI,
    HASIL_KERJA,
    HASIL_KERJA_TAMBAHAN,
    SUMBER_POTENSIAL,
    WALI_KELAS,
)
from .models import (
    PERIODE_TAHUNAN,
    SKP,
    AmbangTalenta,
    HasilKerja,
    Indikator,
    KotakTalenta,
    Penilaian,
    PenilaianPotensial,
    PenutupanPeriode,
    PerilakuKerja,
    PeriodeKinerja,
    PredikatOrganisasi,
    PredikatUnit,
    Rating,
    TidakDinilai,
    periode_label,
)

ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

# (rating hasil kerja, rating perilaku kerja) → weight. Under the PermenPANRB 6/2022 matrix this gives
# about 20% Sangat Baik, 66% Baik, 8% Butuh Perbaikan, 5% Kurang and 1% Sangat Kurang.
PASANGAN_RATING = {
    (ATAS, ATAS): 20,
    (ATAS, SESUAI): 12,
    (SESUAI, ATAS): 9,
    (SESUAI, SESUAI): 45,
    (BAWAH, SESUAI): 6,
    (BAWAH, ATAS): 2,
    (SESUAI, BAWAH): 4,
    (ATAS, BAWAH): 1,
    (BAWAH, BAWAH): 1,
}
# A unit head's annual rating hasil kerja is the unit's predikat; these keep heads near the same curve.
PREDIKAT_UNIT = {
    PredikatOrganisasi.ISTIMEWA: 35,
    PredikatOrganisasi.BAIK: 60,
    PredikatOrganisasi.BUTUH_PERBAIKAN: 5,
}
PERILAKU_KEPALA = {ATAS: 55, SESUAI: 42, BAWAH: 3}
STATUS_SKP = {SKP.Status.DISETUJUI: 90, SKP.Status.DIAJUKAN: 6, SKP.Status.DRAFT: 4}
POTENSIAL = {
    KotakTalenta.Potensial.RENDAH: 25,
    KotakTalenta.Potensial.MENENGAH: 45,
    KotakTalenta.Potensial.TINGGI: 30,
}


# Hasil kerja rows by position (the start of the position's name): (uraian, indikator, target, satuan).
# Tambahan rows have a qualitative target: (uraian, indikator, target).
# fmt: off
@dataclass
class _Orang:
    id: int
    nip: str
    opd_id: int
    unit_kerja_id: int
    jabatan_id: int
    jabatan_nama: str
    is_kepala: bool
    unit_jabatan_id: int
    unit_nama: str
    atasan_id: int | None
    user_id: int | None
    tmt_cpns: dt.date | None


@dataclass
class KinerjaDemoResult:
    skp: Counter
    penilaian: int
    potensial: int
    predikat_tahun_lalu: Counter


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


PENILAIAN_FIELDS = [
    "periode_kinerja_id", "periode", "pegawai_id", "skp_id", "opd_id", "pejabat_penilai_id",
    "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "status", "sumber", "catatan_penilai",
    "dinilai_oleh_id", "diterima_pada", "dibuat", "diubah",
]  # fmt: skip


class KinerjaDemoBuilder:
    def __init__(self, seed: int, *, today: dt.date | None = None) -> None:
        self.rng = random.Random(f"kinerja-{seed}")  # noqa: S311 - demo data, not security
        self.seed = seed
        self.today = today or timezone.localdate()
        self.tahun = self.today.year
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.now = timezone.now()

    def _at(self, tanggal: dt.date, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(tanggal, dt.time(hour), tzinfo=self.tz)

    def run(self) -> KinerjaDemoResult:
        with (
            transaction.atomic(),
            foreign_keys_checked_after(
                SKP, HasilKerja, Indikator, PerilakuKerja, Penilaian, PenilaianPotensial
            ),
        ):
            result = self._build()
        analyze_after_bulk_write(
            SKP,
            HasilKerja,
            Indikator,
            PerilakuKerja,
            Penilaian,
            PenilaianPotensial,
            TidakDinilai,
            PredikatUnit,
        )
        return result

    def _build(self) -> KinerjaDemoResult:
        users = dict(
            User.objects.filter(username__in=["admin_bkd", "pimpinan", "atasan", "pegawai"]).values_list(
                "username", "id"
            )
        )
        self.admin_id, self.pimpinan_id = users["admin_bkd"], users["pimpinan"]
        people = self._people()
        self.by_id = {p.id: p for p in people}
        by_user = {p.user_id: p.id for p in people if p.user_id}
        self.atasan_login = by_user.get(users.get("atasan"))
        self.pegawai_login = by_user.get(users.get("pegawai"))
        lalu, kini = self._periods()
        dua_lalu = self._tahun_sebelum_lalu(people)
        predikat_lalu = self._tahun_lalu(lalu, people)
        skps = self._skp(kini, people)
        self._hasil_kerja(skps)
        self._perilaku(kini)
        jumlah = self._triwulan(kini, skps)
        potensial = self._potensial(lalu, predikat_lalu)
        self._penutupan(dua_lalu, [PERIODE_TAHUNAN])
        self._penutupan(lalu, [PERIODE_TAHUNAN])
        self._penutupan(kini, self.triwulan_final)
        return KinerjaDemoResult(
            skp=Counter(status for _id, status in skps.values()),
            penilaian=len(predikat_lalu) + jumlah,
            potensial=potensial,
            predikat_tahun_lalu=Counter(predikat_lalu.values()),
        )

    # --- who ---------------------------------------------------------------------------------------
    def _people(self) -> list[_Orang]:
        rows = (
            Pegawai.objects.filter(aktif=True)
            .order_by("nip")
            .values_list(
                "id", "nip", "opd_id", "unit_kerja_id", "jabatan_id", "jabatan__nama", "jabatan__is_kepala",
                "jabatan__unit_kerja_id", "jabatan__unit_kerja__nama", "atasan_id", "user_id", "tmt_cpns",
            )
        )  # fmt: skip
        return [_Orang(*row) for row in rows]

    def _levels(self, ids: Iterable[int]) -> dict[int, list[int]]:
        """Employees by their level down the chain of atasan, so an atasan's rows exist first."""
        depth: dict[int, int] = {}
        for pid in ids:
            chain, cur = [], pid
            while cur is not None and cur not in depth and cur not in chain and len(chain) < 50:
                chain.append(cur)
                cur = self.by_id[cur].atasan_id if cur in self.by_id else None
            base = depth.get(cur, -1) if cur is not None else -1
            for n, member in enumerate(reversed(chain), start=1):
                depth[member] = base + n
        levels: dict[int, list[int]] = defaultdict(list)
        for pid in ids:
            levels[depth[pid]].append(pid)
        return levels

    # --- years -------------------------------------------------------------------------------------
    def _periods(self) -> tuple[PeriodeKinerja, PeriodeKinerja]:
        triwulanan = PeriodeKinerja.JenisEvaluasi.TRIWULANAN
        lalu, _ = PeriodeKinerja.objects.update_or_create(
            tahun=self.tahun - 1,
            defaults={"jenis_evaluasi": triwulanan, "status": PeriodeKinerja.Status.DITUTUP},
        )
        kini, _ = PeriodeKinerja.objects.update_or_create(
            tahun=self.tahun, defaults={"jenis_evaluasi": triwulanan, "status": PeriodeKinerja.Status.DIBUKA}
        )
        ended = [q for q in range(1, 5) if self._akhir_triwulan(q) < self.today]
        self.triwulan = [f"triwulan-{q}" for q in ended]
        self.triwulan_final = self.triwulan[:-1]
        return lalu, kini

    def _akhir_triwulan(self, q: int) -> dt.date:
        return dt.date(self.tahun, 3 * q, [31, 30, 30, 31][q - 1])

    # --- ratings -----------------------------------------------------------------------------------
    def _penilaian(self, periode, kode, p: _Orang, pair, matriks, status, diterima, skp_id=None) -> tuple:
        hk, pk = pair
        catatan = self.rng.choice(CATATAN_DI_BAWAH) if BAWAH in pair else ""
        return (
            periode.pk, kode, p.id, skp_id, p.opd_id, p.atasan_id, hk, pk, matriks[pair], status,
            Penilaian.Sumber.FORMULIR, catatan, self.by_id[p.atasan_id].user_id, diterima, self.now, self.now,
        )  # fmt: skip

    def _tahun_lalu(self, periode: PeriodeKinerja, people: list[_Orang]) -> dict[int, str]:
        """Annual, final ratings of last year for ~95% of the active employees with an atasan (not those
        who joined after mid-year), always for the demo logins (their dashboard shows last year's predikat);
        unit heads' rating hasil kerja follows their unit's predikat."""
        rng = self.rng
        matriks = selectors.matriks_predikat(selectors.tanggal_acuan(periode.tahun))
        masuk = dt.date(periode.tahun, 7, 1)
        heads = sorted({p.unit_jabatan_id for p in people if p.is_kepala and p.atasan_id})
        predikat_unit = {u: _weighted(rng, PREDIKAT_UNIT) for u in heads}
        PredikatUnit.objects.bulk_create(
            PredikatUnit(periode=periode, unit_kerja_id=u, predikat=p, ditetapkan_oleh_id=self.pimpinan_id)
            for u, p in predikat_unit.items()
        )
        rows, predikat = [], {}
        diterima = self._at(dt.date(periode.tahun + 1, 1, 8))
        logins = {self.pegawai_login, self.atasan_login}
        for p in people:
            if p.atasan_id is None or (p.tmt_cpns and p.tmt_cpns > masuk):
                continue
            if rng.random() >= 0.96 and p.id not in logins:  # the demo logins always have last year's rating
                continue
            pair = _weighted(rng, PASANGAN_RATING)
            if p.is_kepala:
                pair = (
                    selectors.predikat_organisasi_ke_rating(predikat_unit[p.unit_jabatan_id]),
                    _weighted(rng, PERILAKU_KEPALA),
                )
            predikat[p.id] = matriks[pair]
            rows.append(
                self._penilaian(periode, PERIODE_TAHUNAN, p, pair, matriks, Penilaian.Status.FINAL, diterima)
            )
        copy_rows(Penilaian, PENILAIAN_FIELDS, rows)
        return predikat

    def _tahun_sebelum_lalu(self, people: list[_Orang]) -> PeriodeKinerja:
        """The year before last: annual ratings only, final, for ~92% of those who joined before its
        second half (the rest have no appraisal that year: their KGB cannot be determined yet). Its own
        random stream, so the other years' data stay as they were."""
        rng = random.Random(f"kinerja-sebelum-lalu-{self.seed}")  # noqa: S311 - demo data, not security
        periode, _ = PeriodeKinerja.objects.update_or_create(
            tahun=self.tahun - 2,
            defaults={"jenis_evaluasi": PeriodeKinerja.JenisEvaluasi.TRIWULANAN, "status": PeriodeKinerja.Status.DITUTUP},
        )
        matriks = selectors.matriks_predikat(selectors.tanggal_acuan(periode.tahun))
        masuk = dt.date(periode.tahun, 7, 1)
        diterima = self._at(dt.date(periode.tahun + 1, 1, 10))
        rows = []
        utama, self.rng = self.rng, rng  # _penilaian draws a note from self.rng
        try:
            for p in people:
                if p.atasan_id is None or (p.tmt_cpns and p.tmt_cpns > masuk) or rng.random() >= 0.92:
                    continue
                pair = _weighted(rng, PASANGAN_RATING)
                rows.append(
                    self._penilaian(periode, PERIODE_TAHUNAN, p, pair, matriks, Penilaian.Status.FINAL, diterima)
                )
        finally:
            self.rng = utama
        copy_rows(Penilaian, PENILAIAN_FIELDS, rows)
        return periode

    def _triwulan(self, periode: PeriodeKinerja, skps: dict[int, tuple[int, str]]) -> int:
        """Ratings of the ended quarters for agreed SKPs (a few not rated yet): the closed quarters
        final, the latest acknowledged by the employee."""
        rng = self.rng
        matriks = selectors.matriks_predikat(selectors.tanggal_acuan(periode.tahun))
        rows = []
        for kode in self.triwulan:
            q = int(kode.rsplit("-", 1)[1])
            status = Penilaian.Status.FINAL if kode in self.triwulan_final else Penilaian.Status.DITERIMA
            diterima = self._at(self._akhir_triwulan(q) + dt.timedelta(days=rng.randint(5, 14)))
            belum = 0.01 if status == Penilaian.Status.FINAL else 0.03
            for pid, (skp_id, skp_status) in skps.items():
                if skp_status != SKP.Status.DISETUJUI or rng.random() < belum:
                    continue
                pair = _weighted(rng, PASANGAN_RATING)
                rows.append(
                    self._penilaian(periode, kode, self.by_id[pid], pair, matriks, status, diterima, skp_id)
                )
        return copy_rows(Penilaian, PENILAIAN_FIELDS, rows)

    # --- plans -------------------------------------------------------------------------------------
    def _skp_status(self, p: _Orang, bawahan_diajukan: set[int]) -> str:
        status = _weighted(self.rng, STATUS_SKP)  # drawn for everyone, so the stream is the same
        if p.id == self.pegawai_login:
            return SKP.Status.DRAFT  # the "pegawai" login submits it in the demo
        if p.id in bawahan_diajukan:
            return SKP.Status.DIAJUKAN  # the "atasan" login has approvals to do
        if p.id == self.atasan_login:
            return SKP.Status.DISETUJUI
        return status

    def _skp(self, periode: PeriodeKinerja, people: list[_Orang]) -> dict[int, tuple[int, str]]:
        """This year's SKP of everyone with an atasan: pegawai id → (SKP id, status)."""
        rng = self.rng
        bawahan = sorted(
            (p.nip, p.id)
            for p in people
            if self.atasan_login and p.atasan_id == self.atasan_login and p.id != self.pegawai_login
        )
        bawahan_diajukan = {pid for _nip, pid in bawahan[:2]}
        dinilai = [p for p in people if p.atasan_id is not None]
        ids = reserve_ids(SKP, len(dinilai))
        januari = dt.date(self.tahun, 1, 1)
        skps, rows = {}, []
        for skp_id, p in zip(ids, dinilai, strict=True):
            status = self._skp_status(p, bawahan_diajukan)
            diajukan = disetujui = None
            if status == SKP.Status.DISETUJUI:
                diajukan = self._at(januari + dt.timedelta(days=rng.randint(5, 40)))
                disetujui = diajukan + dt.timedelta(days=rng.randint(1, 10), hours=2)
            elif status == SKP.Status.DIAJUKAN:
                diajukan = self._at(self.today - dt.timedelta(days=rng.randint(1, 10)))
            skps[p.id] = (skp_id, status)
            rows.append((
                skp_id, periode.pk, p.id, p.jabatan_id, p.unit_kerja_id, p.opd_id, p.atasan_id,
                self.by_id[p.atasan_id].atasan_id, status, "", diajukan, disetujui, "", self.now, self.now,
            ))  # fmt: skip
        copy_rows(
            SKP,
            ["id", "periode_id", "pegawai_id", "jabatan_id", "unit_kerja_id", "opd_id", "pejabat_penilai_id",
             "atasan_pejabat_penilai_id", "status", "catatan_atasan", "diajukan_pada", "disetujui_pada",
             "alasan_selesai", "dibuat", "diubah"],
            rows,
        )  # fmt: skip
        return skps

    def _rencana(self, p: _Orang) -> list[tuple[str, tuple]]:
        """(jenis, row) for one employee: 1–2 utama rows of their position, maybe one tambahan row
        (always one when there is a single utama row, so every SKP has 2–3 rows)."""
        rng = self.rng
        if p.is_kepala:
            pool = HASIL_KERJA["kepala"]
        else:
            pool = HASIL_KERJA[next((k for k in HASIL_KERJA if p.jabatan_nama.startswith(k)), "umum")]
        demo = p.id in (self.atasan_login, self.pegawai_login)
        utama = pool[:2] if demo else rng.sample(pool, rng.choice([1, 2, 2]))
        rows = [(HasilKerja.Jenis.UTAMA, self._isi(row, p)) for row in utama]
        if demo or len(rows) == 1 or rng.random() < 0.4:
            tambahan = WALI_KELAS if p.jabatan_nama.startswith("Guru") else rng.choice(HASIL_KERJA_TAMBAHAN)
            rows.append((HasilKerja.Jenis.TAMBAHAN, tambahan))
        return rows

    def _isi(self, row: tuple, p: _Orang) -> tuple:
        uraian, indikator, target, satuan = row
        if satuan != "%":
            target = max(1, round(target * self.rng.uniform(0.8, 1.2)))
        fmt = {"unit": p.unit_nama, "tahun": self.tahun}
        return uraian.format(**fmt), indikator.format(**fmt), target, satuan

    def _hasil_kerja(self, skps: dict[int, tuple[int, str]]) -> None:
        """2–3 rows per SKP with one indicator each. Level by level down the chain of atasan, so each
        utama row supports (cascades to) a utama row of the pejabat penilai's SKP."""
        utama_ids: dict[int, list[int]] = {}
        rows, indikator = [], []
        for _level, pids in sorted(self._levels(skps).items()):
            rencana = [(pid, self._rencana(self.by_id[pid])) for pid in pids]
            ids = iter(reserve_ids(HasilKerja, sum(len(r) for _pid, r in rencana)))
            for pid, plan in rencana:
                didukung = utama_ids.get(self.by_id[pid].atasan_id, [])
                for urutan, (jenis, isi) in enumerate(plan, start=1):
                    hk_id, mendukung = next(ids), None
                    if jenis == HasilKerja.Jenis.UTAMA:
                        if didukung:
                            mendukung = didukung[(urutan - 1) % len(didukung)]
                        utama_ids.setdefault(pid, []).append(hk_id)
                    rows.append((hk_id, skps[pid][0], jenis, urutan, isi[0], mendukung, self.now, self.now))
                    if len(isi) == 3:
                        target = (Indikator.Jenis.KUALITATIF, None, "", isi[2])
                    else:
                        target = (Indikator.Jenis.KUANTITATIF, Decimal(isi[2]), isi[3], "")
                    indikator.append((hk_id, isi[1], *target, self.now, self.now))
        copy_rows(
            HasilKerja,
            ["id", "skp_id", "jenis", "urutan", "uraian", "mendukung_id", "dibuat", "diubah"],
            rows,
        )
        copy_rows(
            Indikator,
            [
                "hasil_kerja_id",
                "uraian",
                "jenis",
                "target_angka",
                "satuan",
                "target_teks",
                "dibuat",
                "diubah",
            ],
            indikator,
        )

    def _perilaku(self, periode: PeriodeKinerja) -> None:
        """The 7 BerAKHLAK rows of every SKP in one statement; an agreed SKP has the atasan's expectations."""
        aspek = list(PerilakuKerja.Aspek.values)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO kinerja_perilakukerja (skp_id, aspek, ekspektasi_khusus, dibuat, diubah)
                SELECT s.id, a.aspek,
                       CASE WHEN s.status <> 'disetujui' THEN ''
                            WHEN right(p.nip, 1)::int %% 2 = 0 THEN a.satu ELSE a.dua END,
                       %(now)s, %(now)s
                  FROM kinerja_skp s
                  JOIN pegawai_pegawai p ON p.id = s.pegawai_id
                 CROSS JOIN unnest(%(aspek)s::text[], %(satu)s::text[], %(dua)s::text[])
                       WITH ORDINALITY AS a(aspek, satu, dua, n)
                 WHERE s.periode_id = %(periode)s
                 ORDER BY s.id, a.n
                """,
                {
                    "now": self.now,
                    "periode": periode.pk,
                    "aspek": aspek,
                    "satu": [EKSPEKTASI[a][0] for a in aspek],
                    "dua": [EKSPEKTASI[a][1] for a in aspek],
                },
            )

    # --- talent ------------------------------------------------------------------------------------
    def _potensial(self, periode: PeriodeKinerja, predikat: dict[int, str]) -> int:
        """Potential scores for ~60% of the employees. Among those rated last year, each kinerja axis of
        the 9-box gets all three potential bands, so every box of last year's grid has people."""
        rng = self.rng
        akhir = selectors.tanggal_acuan(periode.tahun)
        ambang = selectors.berlaku(AmbangTalenta, akhir).first()
        if ambang is None:
            return 0
        batas = {
            KotakTalenta.Potensial.RENDAH: (Decimal(35), ambang.batas_menengah),
            KotakTalenta.Potensial.MENENGAH: (ambang.batas_menengah, ambang.batas_tinggi),
            KotakTalenta.Potensial.TINGGI: (ambang.batas_tinggi, Decimal(97)),
        }
        sumbu = defaultdict(list)
        for pid in self.by_id:  # NIP order
            sumbu[str(selectors.PREDIKAT_KE_KINERJA_TALENTA.get(predikat.get(pid), ""))].append(pid)
        rows = []
        for key in sorted(sumbu):
            ids = sumbu[key]
            rng.shuffle(ids)
            for n, pid in enumerate(ids[: max(min(3, len(ids)), round(len(ids) * 0.6))]):
                band = list(batas)[n] if n < 3 and key else _weighted(rng, POTENSIAL)
                lo, hi = batas[band]
                skor = Decimal(rng.randint(int(lo * 100), int(hi * 100) - 1)) / 100
                tanggal = dt.date(periode.tahun, rng.randint(3, 11), rng.randint(1, 28))
                rows.append((
                    pid, skor, tanggal, tanggal.replace(year=tanggal.year + 2), rng.choice(SUMBER_POTENSIAL),
                    self.admin_id, self.now, self.now,
                ))  # fmt: skip
        return copy_rows(
            PenilaianPotensial,
            [
                "pegawai_id",
                "skor",
                "tanggal",
                "berlaku_sampai",
                "sumber",
                "dicatat_oleh_id",
                "dibuat",
                "diubah",
            ],
            rows,
        )

    # --- closing runs ------------------------------------------------------------------------------
    def _penutupan(self, periode: PeriodeKinerja, kode_list: list[str]) -> None:
        """The closing runs that made those ratings final, done, with who was not rated and why (the
        reasons of services.penutupan_execute)."""
        opd_ids = list(
            UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("id").values_list("id", flat=True)
        )
        for kode in kode_list:
            if kode == PERIODE_TAHUNAN:
                akhir = dt.date(periode.tahun, 12, 31)
            else:
                akhir = self._akhir_triwulan(int(kode.rsplit("-", 1)[1]))
            mulai = self._at(akhir + dt.timedelta(days=20), hour=16)
            run = PenutupanPeriode(
                periode_kinerja=periode,
                periode=kode,
                status=PenutupanPeriode.Status.SELESAI,
                total_opd=len(opd_ids),
                opd_selesai=opd_ids,
                dijalankan_oleh_id=self.admin_id,
                mulai=mulai,
                selesai=mulai + dt.timedelta(seconds=41),
            )
            run._change_reason = f"Penutupan periode {periode_label(kode)} {periode.tahun} (data demo)"
            run.save()
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    INSERT INTO kinerja_tidakdinilai (penutupan_id, pegawai_id, opd_id, alasan)
                    SELECT %(run)s, p.id, p.opd_id,
                           CASE WHEN s.id IS NULL THEN 'tanpa skp'
                                WHEN s.status <> 'disetujui' THEN 'skp belum disetujui'
                                WHEN s.pejabat_penilai_id IS NULL THEN 'tanpa penilai'
                                ELSE 'belum dinilai' END
                      FROM pegawai_pegawai p
                      LEFT JOIN kinerja_skp s ON s.pegawai_id = p.id AND s.periode_id = %(pk)s
                     WHERE p.aktif
                       AND NOT EXISTS (SELECT 1 FROM kinerja_penilaian n
                                        WHERE n.pegawai_id = p.id AND n.periode_kinerja_id = %(pk)s
                                          AND n.periode = %(periode)s AND n.status = 'final')
                     ORDER BY p.opd_id, p.id
                    """,
                    {"run": run.pk, "pk": periode.pk, "periode": kode},
                )
            PenutupanPeriode.objects.filter(pk=run.pk).update(
                jumlah_tidak_dinilai=TidakDinilai.objects.filter(penutupan=run).count(),
                jumlah_final=Penilaian.objects.filter(
                    periode_kinerja=periode, periode=kode, status=Penilaian.Status.FINAL
                ).count(),
            )
