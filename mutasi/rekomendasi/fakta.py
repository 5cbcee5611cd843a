"""The facts about the candidates, loaded in bulk (values()) for a set of employees and a date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from core.dates import add_months, format_tanggal
from kinerja.models import Penilaian as PenilaianKinerja
from kinerja.models import PenilaianPotensial, PeriodeKinerja
from kinerja.selectors import AturanTalenta
from pegawai.models import Golongan, Pegawai, RiwayatHukumanDisiplin, RiwayatJabatan

from ..guard import AturanBerlaku, Hukuman, aturan_berlaku
from ..models import BobotRekomendasi, PilihanTujuan, PreferensiMutasi
from .dasar import TanpaBobot


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
