"""The shortlist for a vacancy (issue 13 point 4): hard requirements, then a transparent weighted score.

Set-based: `muat_fakta` reads what the score needs about every candidate in a handful of bulk queries
(values()), `nilai_kandidat` is pure Python over those facts. One shortlist over the whole government
(50,000 employees) costs about a dozen queries whatever the number of candidates.

Hard requirements (each shown met or not, in this order):
- the position's syarat (pegawai.syarat.cek_syarat: education level and field, golongan);
- active status (only active employees are candidates, CONTRACT **rekomendasi**: always met, shown);
- the guards in force for a move within the government on the date (mutasi.guard.evaluasi_guard: time
  in post, CPNS pledge, JPT two-year rule, freeze windows, punishment in force);
- not retiring within one year of the date (tanggal_pensiun).
Study leave (tugas belajar, Pegawai.tugas_belajar_mulai/selesai) is one of the guards (KodeGuard.TUGAS_BELAJAR).

The score: each factor (models.rekomendasi.FAKTOR) gives a fraction 0–1 of its weight in the version of
BobotRekomendasi in force on the date; points = weight × fraction rounded to 2 decimals, the score their
sum. The fractions, in plain terms:
- pendidikan: 1 when the employee's field is among the accepted fields, 0 when not or not recorded,
  ½ when the position names no field;
- kompetensi: the potential/competence assessment score valid on the date ÷ 100 (0 without one);
- kinerja: mean over the last two closed appraisal years (PeriodeKinerja ditutup, year before the date's)
  of the final annual predikat: Sangat Baik 1, Baik ¾, Butuh Perbaikan ¼, Kurang/Sangat Kurang 0, missing 0.
  A year still open is never read;
- talenta: the 9-box number ÷ 9 (box of the last closed year's predikat and the assessment score);
- pelatihan: 0 (no training data until pembinaan exists; its weight starts at 0);
- pengalaman: 1 when the employee held a position of the same name, ½ when they held (or hold) a position
  in the destination OPD (RiwayatJabatan), else 0;
- keinginan: a wish for this position in a round open on the date: 1st choice 1, 2nd 0.8, 3rd 0.6; a wish
  for its unit: 0.5 / 0.4 / 0.3; none, or a request to stay: 0;
- masa_jabatan: months in the current post ÷ 60, at most 1 (the longer in post, the more due to rotate).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Q

from core.angka import format_desimal
from core.dates import add_months, format_tanggal, months_between
from kinerja.models import Penilaian as PenilaianKinerja
from kinerja.models import PenilaianPotensial, PeriodeKinerja
from kinerja.models.rujukan import Predikat
from kinerja.selectors import AturanTalenta
from pegawai.models import Golongan, Jabatan, Pegawai, RiwayatHukumanDisiplin, RiwayatJabatan
from pegawai.selectors import dalam_tugas_belajar
from pegawai.syarat import cek_syarat

from .guard import AturanBerlaku, Hukuman, aturan_berlaku, evaluasi_guard, lama
from .guard import Fakta as FaktaGuard
from .models import FAKTOR, BobotRekomendasi, JenisUsulan, PilihanTujuan, PreferensiMutasi

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


# --- the facts about the candidates (bulk loading) ----------------------------------------------------


@dataclass
class FaktaKandidat:
    """Everything the shortlist reads, loaded once for a set of employees and a date."""

    tanggal: dt.date
    bobot: BobotRekomendasi
    berlaku: AturanBerlaku
    pegawai: list[dict]
    golongan: dict[int, Golongan]
    hukuman: dict[int, list[Hukuman]]
    tahun_kinerja: list[int]  # the last two closed years, oldest first
    predikat: dict[tuple[int, int], str]
    potensial: dict[int, tuple]  # pegawai id → (skor, tanggal, berlaku_sampai)
    aturan_talenta: AturanTalenta | None
    riwayat: dict[int, list[tuple]]  # pegawai id → [(nama jabatan casefold, nama, opd id, unit id, tmt)]
    pilihan: dict[int, list[tuple]]  # pegawai id → [(urutan, jabatan id, unit id, nama putaran)]
    minta_tetap: dict[int, str]  # pegawai id → round name where they asked to stay
    _cache_syarat: dict = field(default_factory=dict)
    _cache_guard: dict = field(default_factory=dict)
    _cache_lulus: dict = field(default_factory=dict)
    _cache_bulan: dict = field(default_factory=dict)
    _cache_talenta: dict = field(default_factory=dict)
    _cache_jurusan: dict = field(default_factory=dict)
    _jabatan_id: int | None = None
    _diterima: list[str] = field(default_factory=list)

    @property
    def bobot_aktif(self) -> list[tuple[str, int]]:
        """(factor, weight) of the factors with a weight above 0."""
        if "_bobot_aktif" not in self.__dict__:
            self.__dict__["_bobot_aktif"] = [(k, w) for k, w in self.bobot.bobot().items() if w]
        return self.__dict__["_bobot_aktif"]

    @property
    def batas_pensiun(self) -> dt.date:
        if "_batas_pensiun" not in self.__dict__:
            self.__dict__["_batas_pensiun"] = add_months(self.tanggal, 12)
        return self.__dict__["_batas_pensiun"]


def bobot_berlaku(tanggal: dt.date) -> BobotRekomendasi:
    bobot = BobotRekomendasi.objects.filter(berlaku_mulai__lte=tanggal).order_by("-berlaku_mulai").first()
    if bobot is None:
        raise TanpaBobot(f"Belum ada bobot rekomendasi yang berlaku pada {format_tanggal(tanggal)}.")
    return bobot


def tahun_kinerja_ditutup(tanggal: dt.date) -> list[int]:
    """The last two appraisal years closed before the date's year (a running year is never read)."""
    tahun = list(
        PeriodeKinerja.objects.filter(status=PeriodeKinerja.Status.DITUTUP, tahun__lt=tanggal.year)
        .order_by("-tahun")
        .values_list("tahun", flat=True)[:2]
    )
    return sorted(tahun)


PEGAWAI_KOLOM = (
    "id",
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status_kepegawaian",
    "golongan_id",
    "tmt_cpns",
    "tmt_jabatan",
    "jabatan_id",
    "jabatan__nama",
    "jabatan__jenis",
    "unit_kerja_id",
    "unit_kerja__kode",
    "unit_kerja__nama",
    "opd_id",
    "pendidikan_jenjang",
    "pendidikan_jurusan",
    "tanggal_pensiun",
    "tugas_belajar_mulai",
    "tugas_belajar_selesai",
)


def muat_fakta(
    tanggal: dt.date,
    *,
    pegawai_qs=None,
    riwayat_q: Q | None = None,
    pilihan_q: Q | None = None,
    putaran_id: int | None = None,
) -> FaktaKandidat:
    """Load the facts for the active employees of `pegawai_qs` (default: all). `riwayat_q` narrows the
    position history read (the shortlist of one position reads only the rows that can matter) and
    `pilihan_q` the wishes; `putaran_id` reads the wishes of that round instead of the rounds open on the
    date. About a dozen queries."""
    bobot = bobot_berlaku(tanggal)
    berlaku = aturan_berlaku(tanggal)
    qs = (pegawai_qs if pegawai_qs is not None else Pegawai.objects.all()).filter(aktif=True).order_by()
    pegawai = list(qs.values(*PEGAWAI_KOLOM))
    ids = qs.values("id")
    golongan = {g.pk: g for g in Golongan.objects.all()}
    hukuman: dict[int, list[Hukuman]] = defaultdict(list)
    label_tingkat = dict(RiwayatHukumanDisiplin.Tingkat.choices)
    for pid, tingkat, jenis, tmt, selesai in (
        RiwayatHukumanDisiplin.objects.filter(pegawai_id__in=ids, tmt__lte=tanggal)
        .filter(Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=tanggal))
        .values_list("pegawai_id", "tingkat", "jenis", "tmt", "tanggal_selesai")
    ):
        hukuman[pid].append(Hukuman(str(label_tingkat.get(tingkat, tingkat)).lower(), jenis, tmt, selesai))
    tahun = tahun_kinerja_ditutup(tanggal)
    predikat = {
        (pid, th): p
        for pid, th, p in PenilaianKinerja.objects.filter(
            pegawai_id__in=ids,
            periode="tahunan",
            status=PenilaianKinerja.Status.FINAL,
            periode_kinerja__tahun__in=tahun,
            periode_kinerja__status=PeriodeKinerja.Status.DITUTUP,
        ).values_list("pegawai_id", "periode_kinerja__tahun", "predikat")
    }
    potensial: dict[int, tuple] = {}
    for pid, skor, tgl, sampai in (
        PenilaianPotensial.objects.filter(
            pegawai_id__in=ids, tanggal__lte=tanggal, berlaku_sampai__gte=tanggal
        )
        .order_by("pegawai_id", "-tanggal", "-id")
        .values_list("pegawai_id", "skor", "tanggal", "berlaku_sampai")
    ):
        potensial.setdefault(pid, (float(skor), tgl, sampai))
    aturan_talenta = AturanTalenta.untuk(tahun[-1]) if tahun else None
    riwayat: dict[int, list[tuple]] = defaultdict(list)
    rq = RiwayatJabatan.objects.filter(pegawai_id__in=ids)
    if riwayat_q is not None:
        rq = rq.filter(riwayat_q)
    for pid, nama, opd_id, unit_id, tmt in rq.values_list(
        "pegawai_id", "nama_jabatan", "jabatan__unit_kerja__opd_id", "jabatan__unit_kerja_id", "tmt"
    ):
        riwayat[pid].append((nama.casefold(), nama, opd_id, unit_id, tmt))
    if putaran_id is not None:
        putaran_q = Q(preferensi__putaran_id=putaran_id)
        tetap_q = Q(putaran_id=putaran_id)
    else:
        putaran_q = Q(
            preferensi__putaran__tanggal_mulai__lte=tanggal, preferensi__putaran__tanggal_selesai__gte=tanggal
        )
        tetap_q = Q(putaran__tanggal_mulai__lte=tanggal, putaran__tanggal_selesai__gte=tanggal)
    pq = PilihanTujuan.objects.filter(putaran_q, preferensi__pegawai_id__in=ids, preferensi__tetap=False)
    if pilihan_q is not None:
        pq = pq.filter(pilihan_q)
    pilihan: dict[int, list[tuple]] = defaultdict(list)
    for pid, urutan, jid, uid, nama_putaran in pq.values_list(
        "preferensi__pegawai_id", "urutan", "jabatan_id", "unit_kerja_id", "preferensi__putaran__nama"
    ):
        pilihan[pid].append((urutan, jid, uid, nama_putaran))
    minta_tetap = dict(
        PreferensiMutasi.objects.filter(tetap_q, pegawai_id__in=ids, tetap=True).values_list(
            "pegawai_id", "putaran__nama"
        )
    )
    return FaktaKandidat(
        tanggal=tanggal,
        bobot=bobot,
        berlaku=berlaku,
        pegawai=pegawai,
        golongan=golongan,
        hukuman=hukuman,
        tahun_kinerja=tahun,
        predikat=predikat,
        potensial=potensial,
        aturan_talenta=aturan_talenta,
        riwayat=riwayat,
        pilihan=pilihan,
        minta_tetap=minta_tetap,
    )


# --- judging one candidate (pure) ---------------------------------------------------------------------


def nama_lengkap(p: dict) -> str:
    nama = p["nama"]
    if p["gelar_depan"]:
        nama = f"{p['gelar_depan']} {nama}"
    if p["gelar_belakang"]:
        nama = f"{nama}, {p['gelar_belakang']}"
    return nama


def _syarat_jabatan(f: FaktaKandidat, p: dict, jabatan: Jabatan) -> list[Syarat]:
    kunci = (jabatan.pk, p["pendidikan_jenjang"], p["pendidikan_jurusan"], p["golongan_id"])
    hasil = f._cache_syarat.get(kunci)
    if hasil is None:
        orang = SimpleNamespace(
            pendidikan_jenjang=p["pendidikan_jenjang"],
            pendidikan_jurusan=p["pendidikan_jurusan"],
            golongan=f.golongan[p["golongan_id"]],
        )
        hasil = [Syarat(h.nama_syarat, h.terpenuhi, h.uraian) for h in cek_syarat(orang, jabatan)]  # type: ignore[arg-type]
        f._cache_syarat[kunci] = hasil
    return hasil


def _guard(f: FaktaKandidat, p: dict) -> list[Syarat]:
    hukuman = tuple(f.hukuman.get(p["id"], ()))
    belajar = (p["tugas_belajar_mulai"], p["tugas_belajar_selesai"])
    kunci = (p["status_kepegawaian"], p["tmt_cpns"], p["tmt_jabatan"], p["jabatan__jenis"], hukuman, belajar)
    hasil = f._cache_guard.get(kunci)
    if hasil is None:
        fakta = FaktaGuard(
            jenis_usulan=JenisUsulan.DALAM_PEMDA,
            status_kepegawaian=p["status_kepegawaian"],
            tmt_cpns=p["tmt_cpns"],
            tmt_jabatan=p["tmt_jabatan"],
            jabatan_asal_jpt=p["jabatan__jenis"] == Jabatan.Jenis.JPT,
            hukuman=hukuman,
            tugas_belajar_mulai=belajar[0],
            tugas_belajar_selesai=belajar[1],
        )
        hasil = [
            Syarat(h.nama, not h.dilanggar, h.penjelasan)
            for h in evaluasi_guard(fakta, f.berlaku.aturan, f.berlaku.larangan, f.tanggal)
        ]
        f._cache_guard[kunci] = hasil
    return hasil


def _pensiun(f: FaktaKandidat, p: dict) -> Syarat:
    nama = "Tidak pensiun dalam satu tahun"
    pensiun = p["tanggal_pensiun"]
    batas = add_months(f.tanggal, 12)
    if pensiun is None:
        return Syarat(nama, True, "TMT pensiun belum dihitung (tanggal lahir/BUP); dianggap tidak pensiun.")
    if pensiun <= batas:
        return Syarat(
            nama,
            False,
            f"Pensiun pada {format_tanggal(pensiun)}, dalam satu tahun sejak {format_tanggal(f.tanggal)}.",
        )
    return Syarat(nama, True, f"TMT pensiun {format_tanggal(pensiun)}, lebih dari satu tahun lagi.")


SYARAT_AKTIF = {s: Syarat("Status aktif", True, f"Pegawai aktif ({s}).") for s in Pegawai.Status.values}


def syarat_kandidat(f: FaktaKandidat, p: dict, jabatan: Jabatan) -> list[Syarat]:
    aktif = SYARAT_AKTIF.get(p["status_kepegawaian"]) or Syarat("Status aktif", True, "Pegawai aktif.")
    return [*_syarat_jabatan(f, p, jabatan), aktif, *_guard(f, p), _pensiun(f, p)]


def _f_pendidikan(p: dict, jabatan: Jabatan, diterima: list[str]) -> tuple[float, str]:
    jurusan = p["pendidikan_jurusan"]
    if not diterima:
        return 0.5, "Jabatan tidak menetapkan jurusan; nilai tengah."
    if not jurusan:
        return 0.0, "Jurusan pegawai belum tercatat."
    jc = jurusan.casefold()
    cocok = next((d for d in diterima if d.casefold() in jc), None)
    if cocok:
        return 1.0, f"Jurusan {jurusan} sesuai ({cocok})."
    return 0.0, f"Jurusan {jurusan} tidak termasuk jurusan yang diterima."


def _f_kompetensi(f: FaktaKandidat, pid: int) -> tuple[float, str]:
    pot = f.potensial.get(pid)
    if pot is None:
        return 0.0, f"Belum ada hasil asesmen yang berlaku pada {format_tanggal(f.tanggal)}."
    skor, tgl, sampai = pot
    return skor / 100, (
        f"Skor asesmen {angka(skor)} dari 100 (asesmen {format_tanggal(tgl)}, berlaku s.d. {format_tanggal(sampai)})."
    )


def _f_kinerja(f: FaktaKandidat, pid: int) -> tuple[float, str]:
    if not f.tahun_kinerja:
        return 0.0, "Belum ada tahun penilaian kinerja yang ditutup."
    nilai, bagian = 0.0, []
    for th in f.tahun_kinerja:
        pr = f.predikat.get((pid, th))
        if pr is None:
            bagian.append(f"{th} tidak ada predikat final")
        else:
            nilai += NILAI_PREDIKAT.get(pr, 0.0)
            bagian.append(f"{th} {LABEL_PREDIKAT.get(pr, pr)}")
    return nilai / 2, "Predikat tahunan " + "; ".join(bagian) + "."


def _f_talenta(f: FaktaKandidat, pid: int) -> tuple[float, str]:
    if f.aturan_talenta is None or not f.tahun_kinerja:
        return 0.0, "Aturan kotak talenta atau tahun penilaian yang ditutup belum ada."
    th = f.tahun_kinerja[-1]
    pr = f.predikat.get((pid, th))
    pot = f.potensial.get(pid)
    if pr is None or pot is None:
        return (
            0.0,
            f"Kotak talenta tidak dapat ditentukan (predikat final {th} atau hasil asesmen tidak ada).",
        )
    nomor = f.aturan_talenta.nomor(pr, Decimal(str(pot[0])))
    if nomor is None:
        return 0.0, "Kotak talenta tidak ditemukan."
    kotak = f.aturan_talenta.kotak[nomor]
    suksesi = f", kelompok suksesi {kotak.kelompok_suksesi}" if kotak.kelompok_suksesi else ""
    return (
        nomor / 9,
        f"Kotak {nomor} dari 9 (predikat {th} {LABEL_PREDIKAT.get(pr, pr)}, skor asesmen {angka(pot[0])}){suksesi}.",
    )


def _f_pengalaman(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, opd_tujuan: int, nama_opd: str
) -> tuple[float, str]:
    nama = jabatan.nama.casefold()
    rows = f.riwayat.get(p["id"], ())
    sama = [r for r in rows if r[0] == nama]
    if sama:
        r = max(sama, key=lambda r: r[4])
        return 1.0, f"Pernah menduduki jabatan {r[1]} (TMT {format_tanggal(r[4])})."
    di_opd = [r for r in rows if r[2] == opd_tujuan]
    if di_opd:
        r = max(di_opd, key=lambda r: r[4])
        return 0.5, f"Pernah bertugas di {nama_opd} sebagai {r[1]} (TMT {format_tanggal(r[4])})."
    if p["opd_id"] == opd_tujuan:
        return 0.5, f"Sedang bertugas di {nama_opd} sebagai {p['jabatan__nama']}."
    return 0.0, "Belum pernah menduduki jabatan sejenis atau bertugas di OPD tujuan."


def _f_keinginan(
    f: FaktaKandidat, pid: int, jabatan: Jabatan, p_jabatan: int | None = None
) -> tuple[float, str]:
    if pid in f.minta_tetap:
        if jabatan.pk == p_jabatan:
            return 1.0, f"Meminta tetap di jabatan sekarang pada {f.minta_tetap[pid]}."
        return 0.0, f"Meminta tetap di jabatan sekarang pada {f.minta_tetap[pid]}."
    terbaik = (0.0, "Tidak menyatakan keinginan untuk jabatan atau unit ini.")
    for urutan, jid, uid, putaran in f.pilihan.get(pid, ()):
        if jid == jabatan.pk:
            nilai = NILAI_PILIHAN_JABATAN.get(urutan, 0.0)
            teks = f"Pilihan ke-{urutan} untuk jabatan ini ({putaran})."
        elif jid is None and uid == jabatan.unit_kerja_id:
            nilai = NILAI_PILIHAN_UNIT.get(urutan, 0.0)
            teks = f"Pilihan ke-{urutan} untuk unit kerja jabatan ini ({putaran})."
        else:
            continue
        if nilai > terbaik[0]:
            terbaik = (nilai, teks)
    return terbaik


def _f_masa(f: FaktaKandidat, p: dict) -> tuple[float, str]:
    tmt = p["tmt_jabatan"]
    if tmt is None:
        return 0.0, "TMT jabatan sekarang belum tercatat."
    n = max(months_between(tmt, f.tanggal), 0)
    return min(n, BULAN_PENUH) / BULAN_PENUH, (
        f"{lama(n)} dalam jabatan sekarang sejak {format_tanggal(tmt)} (poin penuh pada {lama(BULAN_PENUH)})."
    )


def _detail(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, diterima: list[str], nama_opd: str
) -> tuple[list[Syarat], list[Faktor]]:
    pid = p["id"]
    opd_tujuan = jabatan.unit_kerja.opd_id
    hitung = {
        "pendidikan": _f_pendidikan(p, jabatan, diterima),
        "kompetensi": _f_kompetensi(f, pid),
        "kinerja": _f_kinerja(f, pid),
        "talenta": _f_talenta(f, pid),
        "pelatihan": (0.0, "Data pelatihan belum tersedia (modul pembinaan belum ada); bobot 0."),
        "pengalaman": _f_pengalaman(f, p, jabatan, opd_tujuan, nama_opd),
        "keinginan": _f_keinginan(f, pid, jabatan, p["jabatan_id"]),
        "masa_jabatan": _f_masa(f, p),
    }
    faktor = []
    for kode, label in FAKTOR:
        w = getattr(f.bobot, kode)
        fraksi, bukti = hitung[kode]
        faktor.append(Faktor(kode, label, w, poin(w, fraksi), bukti))
    return syarat_kandidat(f, p, jabatan), faktor


def _guard_lulus(f: FaktaKandidat, p: dict) -> bool:
    """Whether no guard is violated, cached by what decides it for a move within the government not
    asked by the employee: months in post (time in post, JPT two years), status, JPT or not, punishments
    in force, study leave; the freeze windows are the same for everyone (mutasi.guard; the CPNS pledge
    binds only APS and moves out)."""
    hukuman = f.hukuman.get(p["id"], ())
    tmt = p["tmt_jabatan"]
    bulan = None if tmt is None else _bulan(f, tmt)
    belajar = dalam_tugas_belajar(p["tugas_belajar_mulai"], p["tugas_belajar_selesai"], f.tanggal)
    kunci = (
        p["status_kepegawaian"],
        bulan,
        p["jabatan__jenis"] == Jabatan.Jenis.JPT,
        tuple(hukuman),
        belajar,
    )
    lulus = f._cache_lulus.get(kunci)
    if lulus is None:
        lulus = all(s.terpenuhi for s in _guard(f, p))
        f._cache_lulus[kunci] = lulus
    return lulus


def _bulan(f: FaktaKandidat, tmt: dt.date) -> int:
    n = f._cache_bulan.get(tmt)
    if n is None:
        n = max(months_between(tmt, f.tanggal), 0)
        f._cache_bulan[tmt] = n
    return n


def _fraksi(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, diterima: list[str], opd_tujuan: int | None
) -> dict[str, float]:
    """The factor fractions only (no text): the same rules as the _f_* functions."""
    pid = p["id"]
    jurusan = p["pendidikan_jurusan"]
    if not diterima:
        pendidikan = 0.5
    elif not jurusan:
        pendidikan = 0.0
    else:
        pendidikan = f._cache_jurusan.get(jurusan)
        if pendidikan is None:
            jc = jurusan.casefold()
            pendidikan = 1.0 if any(d.casefold() in jc for d in diterima) else 0.0
            f._cache_jurusan[jurusan] = pendidikan
    pot = f.potensial.get(pid)
    kinerja = 0.0
    for th in f.tahun_kinerja:
        pr = f.predikat.get((pid, th))
        if pr is not None:
            kinerja += NILAI_PREDIKAT.get(pr, 0.0)
    talenta = 0.0
    if f.aturan_talenta is not None and f.tahun_kinerja and pot is not None:
        pr = f.predikat.get((pid, f.tahun_kinerja[-1]))
        if pr is not None:
            kunci = (pr, pot[0])
            if kunci not in f._cache_talenta:
                nomor = f.aturan_talenta.nomor(pr, Decimal(str(pot[0])))
                f._cache_talenta[kunci] = (nomor or 0) / 9
            talenta = f._cache_talenta[kunci]
    nama = jabatan.nama.casefold()
    rows = f.riwayat.get(pid, ())
    if any(r[0] == nama for r in rows):
        pengalaman = 1.0
    elif any(r[2] == opd_tujuan for r in rows) or p["opd_id"] == opd_tujuan:
        pengalaman = 0.5
    else:
        pengalaman = 0.0
    keinginan = 0.0
    if pid in f.minta_tetap:
        keinginan = 1.0 if jabatan.pk == p["jabatan_id"] else 0.0
    else:
        for urutan, jid, uid, _putaran in f.pilihan.get(pid, ()):
            if jid == jabatan.pk:
                keinginan = max(keinginan, NILAI_PILIHAN_JABATAN.get(urutan, 0.0))
            elif jid is None and uid == jabatan.unit_kerja_id:
                keinginan = max(keinginan, NILAI_PILIHAN_UNIT.get(urutan, 0.0))
    tmt = p["tmt_jabatan"]
    masa = 0.0 if tmt is None else min(_bulan(f, tmt), BULAN_PENUH) / BULAN_PENUH
    return {
        "pendidikan": pendidikan,
        "kompetensi": pot[0] / 100 if pot is not None else 0.0,
        "kinerja": kinerja / 2 if f.tahun_kinerja else 0.0,
        "talenta": talenta,
        "pelatihan": 0.0,
        "pengalaman": pengalaman,
        "keinginan": keinginan,
        "masa_jabatan": masa,
    }


def _siapkan(f: FaktaKandidat, jabatan: Jabatan) -> None:
    if f._jabatan_id != jabatan.pk:  # per-position caches
        f._jabatan_id = jabatan.pk
        f._cache_jurusan = {}
        f._diterima = [d.strip() for d in (jabatan.syarat_jurusan or "").split(";") if d.strip()]


def nilai_cepat(f: FaktaKandidat, p: dict, jabatan: Jabatan) -> tuple[bool, float]:
    """(meets every requirement, score) of one candidate, without any text. Call _siapkan first."""
    fraksi = _fraksi(f, p, jabatan, f._diterima, jabatan.unit_kerja.opd_id)
    skor = round(sum(round(w * fraksi[kode] + 1e-9, 2) for kode, w in f.bobot_aktif), 2)
    pensiun = p["tanggal_pensiun"]
    memenuhi = (
        all(s.terpenuhi for s in _syarat_jabatan(f, p, jabatan))
        and _guard_lulus(f, p)
        and not (pensiun is not None and pensiun <= f.batas_pensiun)
    )
    return memenuhi, skor


def _kandidat(
    f: FaktaKandidat, p: dict, jabatan: Jabatan, memenuhi: bool, skor: float, nama_opd: str
) -> Kandidat:
    diterima = f._diterima
    return Kandidat(
        pegawai_id=p["id"],
        nip=p["nip"],
        nama=nama_lengkap(p),
        kode_unit=p["unit_kerja__kode"],
        nama_unit=p["unit_kerja__nama"],
        opd_id=p["opd_id"],
        unit_id=p["unit_kerja_id"],
        jabatan=p["jabatan__nama"],
        skor=skor,
        memenuhi=memenuhi,
        rinci=lambda: _detail(f, p, jabatan, diterima, nama_opd),
    )


def nilai_kandidat(f: FaktaKandidat, p: dict, jabatan: Jabatan, *, nama_opd: str = "OPD tujuan") -> Kandidat:
    """One candidate for one position: the score and whether every requirement is met now, the lines
    and evidence when first asked for. No queries (`jabatan` with unit_kerja and syarat_golongan loaded)."""
    _siapkan(f, jabatan)
    memenuhi, skor = nilai_cepat(f, p, jabatan)
    return _kandidat(f, p, jabatan, memenuhi, skor, nama_opd)


def urutkan(kandidat: Iterable[Kandidat]) -> list[Kandidat]:
    """Those meeting every requirement first by descending score, then the others by descending score;
    ties by name and NIP. Numbers the ranks."""
    hasil = sorted(kandidat, key=lambda k: (not k.memenuhi, -k.skor, k.nama, k.nip))
    for i, k in enumerate(hasil, 1):
        k.peringkat = i
    return hasil


# --- the shortlist of one position --------------------------------------------------------------------


class DaftarPendek:
    """The ranked candidates of one position. Ranked as light rows (meets, score, facts); a Kandidat
    (with its texts) is built only for the rows asked for (`teratas`)."""

    def __init__(
        self, *, jabatan: Jabatan, tanggal: dt.date, bobot: BobotRekomendasi, fakta, urut: list, nama_opd: str
    ) -> None:
        self.jabatan = jabatan
        self.tanggal = tanggal
        self.bobot = bobot
        self._fakta = fakta
        self._urut = urut  # [(memenuhi, skor, p)] in rank order
        self._nama_opd = nama_opd
        self.jumlah = len(urut)
        self.jumlah_memenuhi = sum(1 for r in urut if r[0])

    def teratas(self, jumlah: int) -> list[Kandidat]:
        """The first `jumlah` candidates (0: all), ranked."""
        rows = self._urut if not jumlah else self._urut[:jumlah]
        hasil = []
        for i, (memenuhi, skor, p) in enumerate(rows, 1):
            k = _kandidat(self._fakta, p, self.jabatan, memenuhi, skor, self._nama_opd)
            k.peringkat = i
            hasil.append(k)
        return hasil

    @property
    def kandidat(self) -> list[Kandidat]:
        return self.teratas(0)

    def untuk(self, pegawai_id: int) -> Kandidat | None:
        for i, (memenuhi, skor, p) in enumerate(self._urut, 1):
            if p["id"] == pegawai_id:
                k = _kandidat(self._fakta, p, self.jabatan, memenuhi, skor, self._nama_opd)
                k.peringkat = i
                return k
        return None


def jabatan_untuk_rekomendasi(pk: int) -> Jabatan:
    return Jabatan.objects.select_related("unit_kerja", "unit_kerja__opd", "syarat_golongan").get(pk=pk)


def daftar_pendek(jabatan: Jabatan, tanggal: dt.date, *, opd_id: int | None = None) -> DaftarPendek:
    """Every active employee not holding `jabatan` (within `opd_id` when given), judged and ranked:
    those meeting every requirement first by descending score, then the others by descending score;
    ties by name and NIP."""
    pegawai_qs = Pegawai.objects.exclude(jabatan_id=jabatan.pk)
    if opd_id is not None:
        pegawai_qs = pegawai_qs.filter(opd_id=opd_id)
    opd_tujuan = jabatan.unit_kerja.opd_id
    fakta = muat_fakta(
        tanggal,
        pegawai_qs=pegawai_qs,
        riwayat_q=Q(nama_jabatan__iexact=jabatan.nama) | Q(jabatan__unit_kerja__opd_id=opd_tujuan),
        pilihan_q=Q(jabatan_id=jabatan.pk) | Q(jabatan__isnull=True, unit_kerja_id=jabatan.unit_kerja_id),
    )
    opd = jabatan.unit_kerja.opd if jabatan.unit_kerja.opd_id else jabatan.unit_kerja
    _siapkan(fakta, jabatan)
    rows = []
    for p in fakta.pegawai:
        memenuhi, skor = nilai_cepat(fakta, p, jabatan)
        rows.append((memenuhi, skor, p))
    rows.sort(key=lambda r: (not r[0], -r[1], r[2]["nama"], r[2]["nip"]))
    return DaftarPendek(
        jabatan=jabatan, tanggal=tanggal, bobot=fakta.bobot, fakta=fakta, urut=rows, nama_opd=opd.nama
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
