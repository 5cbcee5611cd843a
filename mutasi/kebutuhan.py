"""Workforce needs (kebutuhan vs bezetting) per position, unit, OPD and the whole government.

Reads only, scoped like every pegawai list (`pegawai.selectors.Cakupan`: the Admin BKD and the Pimpinan see
the whole government, an Operator OPD their own OPD; another OPD's page answers 404). Set-based: the
government overview is one aggregate statement; the peta jabatan of one OPD is one query for its positions,
one GROUP BY over its active employees per position (holders and coming retirements) and one for its units,
rolled up over the materialised unit paths in Python. No per-position query.

Terms (Peraturan BKN 9/2022; reference §1.5):
- kebutuhan: the needed headcount from ABK (entered, imported or computed from the task rows);
- bezetting: active holders of the position;
- selisih = kebutuhan − bezetting: positive = kurang (shortage), negative = lebih (excess). A unit's kurang
  and lebih add up per position (a shortage in one position is not hidden by an excess in another);
- pensiun 12 bulan: holders whose TMT pensiun falls within the next twelve months (coming gaps), and
  proyeksi kurang = the shortage once they have left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone

from core.dates import add_months
from core.money import format_rupiah
from pegawai import selectors as pegawai_selectors
from pegawai.models import Jabatan, Pegawai, UnitKerja

STATUS_KURANG = "kurang"
STATUS_LEBIH = "lebih"


@dataclass
class Angka:
    """Totals over any set of positions."""

    kebutuhan: int = 0
    bezetting: int = 0
    kurang: int = 0
    lebih: int = 0
    pensiun: int = 0
    proyeksi_kurang: int = 0
    jumlah_jabatan: int = 0

    @property
    def selisih(self) -> int:
        return self.kebutuhan - self.bezetting

    def tambah(self, other: Angka) -> None:
        self.kebutuhan += other.kebutuhan
        self.bezetting += other.bezetting
        self.kurang += other.kurang
        self.lebih += other.lebih
        self.pensiun += other.pensiun
        self.proyeksi_kurang += other.proyeksi_kurang
        self.jumlah_jabatan += other.jumlah_jabatan


@dataclass
class BarisJabatan:
    id: int
    nama: str
    jenis: str
    eselon: str
    jenjang_fungsional: str
    kelas_jabatan: int | None
    sumber_kebutuhan: str
    unit_id: int
    unit_path: str
    opd_id: int | None
    kebutuhan: int
    bezetting: int = 0
    pensiun: int = 0

    @property
    def selisih(self) -> int:
        return self.kebutuhan - self.bezetting

    @property
    def jenis_display(self) -> str:
        label = str(Jabatan.Jenis(self.jenis).label)
        if self.eselon:
            return f"{label} ({self.eselon})"
        if self.jenjang_fungsional:
            return f"{label} ({Jabatan.Jenjang(self.jenjang_fungsional).label})"
        return label

    @property
    def sumber_display(self) -> str:
        return str(Jabatan.SumberKebutuhan(self.sumber_kebutuhan).label)

    def angka(self) -> Angka:
        return Angka(
            kebutuhan=self.kebutuhan,
            bezetting=self.bezetting,
            kurang=max(self.selisih, 0),
            lebih=max(-self.selisih, 0),
            pensiun=self.pensiun,
            proyeksi_kurang=max(self.selisih + self.pensiun, 0),
            jumlah_jabatan=1,
        )


@dataclass
class BarisUnit:
    unit: UnitKerja
    jabatan: list[BarisJabatan] = field(default_factory=list)
    angka: Angka = field(default_factory=Angka)  # the unit and every unit below it
    tampil: bool = True


@dataclass
class BarisOpd:
    opd: UnitKerja
    angka: Angka = field(default_factory=Angka)


def batas_pensiun(hari_ini: dt.date) -> dt.date:
    """Employees whose TMT pensiun is on or before this date leave within the next twelve months."""
    return add_months(hari_ini, 12)


def _cocok(baris: BarisJabatan, *, jenis: str, status: str) -> bool:
    if jenis and baris.jenis != jenis:
        return False
    if status == STATUS_KURANG:
        return baris.selisih > 0
    if status == STATUS_LEBIH:
        return baris.selisih < 0
    return True


def jabatan_dengan_bezetting(
    *, opd_ids: Iterable[int] | None, hari_ini: dt.date | None = None, jenis: str = "", status: str = ""
) -> list[BarisJabatan]:
    """Positions of the given OPDs (None: all) with their holders and coming retirements; two queries."""
    hari_ini = hari_ini or timezone.localdate()
    jabatan = Jabatan.objects.all()
    pegawai = Pegawai.objects.filter(aktif=True)
    if opd_ids is not None:
        opd_ids = list(opd_ids)
        jabatan = jabatan.filter(unit_kerja__opd_id__in=opd_ids)
        pegawai = pegawai.filter(opd_id__in=opd_ids)
    if jenis:
        jabatan = jabatan.filter(jenis=jenis)
        pegawai = pegawai.filter(jabatan__jenis=jenis)
    hitung = {
        jid: (n, p)
        for jid, n, p in pegawai.order_by()
        .values("jabatan_id")
        .annotate(n=Count("id"), p=Count("id", filter=Q(tanggal_pensiun__lte=batas_pensiun(hari_ini))))
        .values_list("jabatan_id", "n", "p")
    }
    rows = jabatan.order_by("unit_kerja__path", "-is_kepala", "nama").values_list(
        "id",
        "nama",
        "jenis",
        "eselon",
        "jenjang_fungsional",
        "kelas_jabatan",
        "sumber_kebutuhan",
        "unit_kerja_id",
        "unit_kerja__path",
        "unit_kerja__opd_id",
        "kebutuhan",
    )
    hasil = []
    for row in rows:
        baris = BarisJabatan(*row)
        baris.bezetting, baris.pensiun = hitung.get(baris.id, (0, 0))
        if _cocok(baris, jenis=jenis, status=status):
            hasil.append(baris)
    return hasil


def kebutuhan_pemda(
    *, user, opd_id: int | None = None, jenis: str = "", status: str = "", hari_ini: dt.date | None = None
) -> tuple[list[BarisOpd], Angka]:
    """One row per OPD the user may see (with any position matching the filters), and the total.

    Aggregated in the database: one statement groups the active employees per position and the positions
    per OPD, so the page costs the same at 2,000 or 50,000 employees and 40 or 400 OPDs."""
    opds = list(pegawai_selectors.opd_list_visible_to(user=user).order_by("kode"))
    if opd_id is not None:
        opds = [o for o in opds if o.pk == opd_id]
    baris_opd = {o.pk: BarisOpd(o) for o in opds}
    total = Angka()
    for row in _angka_per_opd(list(baris_opd), hari_ini or timezone.localdate(), jenis=jenis, status=status):
        opd_pk, angka = row[0], Angka(*(int(v or 0) for v in row[1:]))
        if opd_pk in baris_opd:
            baris_opd[opd_pk].angka = angka
            total.tambah(angka)
    hasil = [b for b in baris_opd.values() if b.angka.jumlah_jabatan or not (jenis or status)]
    return hasil, total


def _angka_per_opd(opd_ids: list[int], hari_ini: dt.date, *, jenis: str, status: str) -> list[tuple]:
    """(opd_id, kebutuhan, bezetting, kurang, lebih, pensiun, proyeksi_kurang, jumlah_jabatan) per OPD,
    kurang and lebih summed per position."""
    if not opd_ids:
        return []
    jabatan, unit, pegawai = (m._meta.db_table for m in (Jabatan, UnitKerja, Pegawai))
    syarat_jenis = "AND j.jenis = %s" if jenis else ""
    syarat_status = {STATUS_KURANG: "WHERE k > n", STATUS_LEBIH: "WHERE n > k"}.get(status, "")
    sql = f"""
        WITH b AS (
            SELECT p.jabatan_id, COUNT(*) AS n, COUNT(*) FILTER (WHERE p.tanggal_pensiun <= %s) AS pn
            FROM {pegawai} p WHERE p.aktif AND p.opd_id = ANY(%s) GROUP BY p.jabatan_id
        ), x AS (
            SELECT u.opd_id, j.kebutuhan AS k, COALESCE(b.n, 0) AS n, COALESCE(b.pn, 0) AS pn
            FROM {jabatan} j JOIN {unit} u ON u.id = j.unit_kerja_id LEFT JOIN b ON b.jabatan_id = j.id
            WHERE u.opd_id = ANY(%s) {syarat_jenis}
        )
        SELECT opd_id, SUM(k), SUM(n), SUM(GREATEST(k - n, 0)), SUM(GREATEST(n - k, 0)), SUM(pn),
               SUM(GREATEST(k - n + pn, 0)), COUNT(*)
        FROM x {syarat_status} GROUP BY opd_id
    """  # noqa: S608 - table names are ours, values are parameters
    params: list = [batas_pensiun(hari_ini), opd_ids, opd_ids]
    if jenis:
        params.append(jenis)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def opd_get_visible(*, user, kode: str) -> UnitKerja:
    """An OPD the user may see, or 404 (a sub-unit's code is not an OPD page either)."""
    unit = pegawai_selectors.unit_kerja_get_visible(user=user, kode=kode)
    if not unit.is_opd:
        raise Http404("OPD tidak ditemukan.")
    return unit


def peta_jabatan(
    *, opd: UnitKerja, jenis: str = "", status: str = "", hari_ini: dt.date | None = None
) -> tuple[list[BarisUnit], Angka]:
    """The OPD's units in tree order, each with its own positions and totals over its subtree. A filter
    hides the units with no matching position in their subtree. Three queries."""
    units = list(UnitKerja.objects.filter(opd=opd).order_by("path"))
    by_id = {u.pk: BarisUnit(u) for u in units}
    by_path = {u.path: by_id[u.pk] for u in units}
    total = Angka()
    for baris in jabatan_dengan_bezetting(opd_ids=[opd.pk], hari_ini=hari_ini, jenis=jenis, status=status):
        node = by_id.get(baris.unit_id)
        if node is None:
            continue
        node.jabatan.append(baris)
        angka = baris.angka()
        total.tambah(angka)
        path = baris.unit_path
        while path:
            if (ancestor := by_path.get(path)) is not None:
                ancestor.angka.tambah(angka)
            path = path.rpartition("/")[0]
    hasil = list(by_id.values())
    if jenis or status:
        for node in hasil:
            node.tampil = node.angka.jumlah_jabatan > 0
    return hasil, total


# --- the effect of one move (the proposal side shows it) ----------------------------------------------


@dataclass(frozen=True)
class SisiDampak:
    """One side of a move: the unit and the position, before and after."""

    unit: str
    jabatan: str
    perubahan: int  # -1 (leaving) or +1 (arriving)
    selisih_unit_sebelum: int
    selisih_unit_sesudah: int
    kebutuhan_jabatan: int
    bezetting_jabatan_sebelum: int

    @property
    def bezetting_jabatan_sesudah(self) -> int:
        return self.bezetting_jabatan_sebelum + self.perubahan

    @property
    def teks(self) -> str:
        tanda = "−1" if self.perubahan < 0 else "+1"
        return f"{self.unit} {tanda} (selisih {self.selisih_unit_sebelum} → {self.selisih_unit_sesudah})"


@dataclass(frozen=True)
class DampakPerpindahan:
    asal: SisiDampak
    tujuan: SisiDampak
    kelas_asal: int | None
    kelas_tujuan: int | None
    selisih_tpp_bulanan: Decimal | None  # None: no TPP ceilings given (see dampak_perpindahan)

    @property
    def tujuan_sudah_penuh(self) -> bool:
        """The destination position is already at or above its need (allowed, with a warning)."""
        return self.tujuan.bezetting_jabatan_sebelum >= self.tujuan.kebutuhan_jabatan

    @property
    def peringatan(self) -> str:
        if not self.tujuan_sudah_penuh:
            return ""
        t = self.tujuan
        return (
            f"Jabatan {t.jabatan} di {t.unit} sudah terisi {t.bezetting_jabatan_sebelum} orang dari kebutuhan "
            f"{t.kebutuhan_jabatan}; setelah perpindahan menjadi {t.bezetting_jabatan_sesudah}."
        )

    @property
    def teks(self) -> str:
        bagian = [self.asal.teks, self.tujuan.teks]
        if self.selisih_tpp_bulanan is not None:
            tanda = "+" if self.selisih_tpp_bulanan > 0 else ("−" if self.selisih_tpp_bulanan < 0 else "±")
            bagian.append(f"TPP per bulan {tanda}{format_rupiah(abs(self.selisih_tpp_bulanan))}")
        return ", ".join(bagian)


def dampak_perpindahan(
    jabatan_asal: Jabatan,
    jabatan_tujuan: Jabatan,
    *,
    pagu_tpp: Mapping[int, Decimal | int] | None = None,
) -> DampakPerpindahan:
    """The effect of moving one active holder of `jabatan_asal` into `jabatan_tujuan`, as
    "Dinas X −1 (selisih 1 → 2), Bidang Y +1 (2 → 1)" (selisih = kebutuhan − bezetting of each unit's own
    positions), with the positions' numbers for the warning on a destination already at its need.

    The monthly TPP effect needs the TPP ceiling per kelas jabatan of the rule in force, which lives in
    penggajian — a sibling mutasi does not import. The caller passes it as `pagu_tpp` {kelas: rupiah};
    the proposal page reads it through pegawai.biaya_tpp (see mutasi.dampak_tpp).

    Four queries (two unit sums, two position counts)."""
    unit_ids = {jabatan_asal.unit_kerja_id, jabatan_tujuan.unit_kerja_id}
    kebutuhan_unit = dict(
        Jabatan.objects.filter(unit_kerja_id__in=unit_ids)
        .order_by()
        .values("unit_kerja_id")
        .annotate(t=Sum("kebutuhan"))
        .values_list("unit_kerja_id", "t")
    )
    aktif = Pegawai.objects.filter(aktif=True).order_by()
    bezetting_unit = dict(
        aktif.filter(jabatan__unit_kerja_id__in=unit_ids)
        .values("jabatan__unit_kerja_id")
        .annotate(n=Count("id"))
        .values_list("jabatan__unit_kerja_id", "n")
    )
    bezetting_jabatan = dict(
        aktif.filter(jabatan_id__in={jabatan_asal.pk, jabatan_tujuan.pk})
        .values("jabatan_id")
        .annotate(n=Count("id"))
        .values_list("jabatan_id", "n")
    )
    names = dict(UnitKerja.objects.filter(pk__in=unit_ids).values_list("id", "nama"))

    def selisih_unit(unit_id: int) -> int:
        return (kebutuhan_unit.get(unit_id) or 0) - bezetting_unit.get(unit_id, 0)

    sama_unit = jabatan_asal.unit_kerja_id == jabatan_tujuan.unit_kerja_id
    s_asal = selisih_unit(jabatan_asal.unit_kerja_id)
    s_tujuan = selisih_unit(jabatan_tujuan.unit_kerja_id)
    asal = SisiDampak(
        unit=names[jabatan_asal.unit_kerja_id],
        jabatan=jabatan_asal.nama,
        perubahan=-1,
        selisih_unit_sebelum=s_asal,
        selisih_unit_sesudah=s_asal if sama_unit else s_asal + 1,
        kebutuhan_jabatan=jabatan_asal.kebutuhan,
        bezetting_jabatan_sebelum=bezetting_jabatan.get(jabatan_asal.pk, 0),
    )
    tujuan = SisiDampak(
        unit=names[jabatan_tujuan.unit_kerja_id],
        jabatan=jabatan_tujuan.nama,
        perubahan=1,
        selisih_unit_sebelum=s_tujuan,
        selisih_unit_sesudah=s_tujuan if sama_unit else s_tujuan - 1,
        kebutuhan_jabatan=jabatan_tujuan.kebutuhan,
        bezetting_jabatan_sebelum=bezetting_jabatan.get(jabatan_tujuan.pk, 0),
    )
    selisih_tpp = None
    if pagu_tpp is not None:
        lama = Decimal(pagu_tpp.get(jabatan_asal.kelas_jabatan or 0, 0))
        baru = Decimal(pagu_tpp.get(jabatan_tujuan.kelas_jabatan or 0, 0))
        selisih_tpp = baru - lama
    return DampakPerpindahan(
        asal=asal,
        tujuan=tujuan,
        kelas_asal=jabatan_asal.kelas_jabatan,
        kelas_tujuan=jabatan_tujuan.kelas_jabatan,
        selisih_tpp_bulanan=selisih_tpp,
    )
