"""Reads of the pegawai app. Every list, detail, export and import scopes through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404

from akun import roles

from .models import (
    AksesOpd,
    Jabatan,
    Pegawai,
    Penandatangan,
    RiwayatJabatan,
    UnitKerja,
    UsulanPerubahanData,
)

User = get_user_model()


class Cakupan:
    """What one user may see of the workforce: everything, one OPD, their team, themselves."""

    def __init__(self, user) -> None:
        self.user = user
        self.semua = roles.is_admin_bkd(user) or roles.is_pimpinan(user)
        self.pegawai_id: int | None = None
        self.opd_id: int | None = None
        self.punya_bawahan = False
        if not user.is_authenticated:
            return
        # One query whether or not the login belongs to an employee: its id, whether anyone active
        # reports to it (Atasan is derived, never assigned), and the OPD bound to an operator login.
        row = (
            User.objects.filter(pk=user.pk)
            .annotate(
                pegawai_id=Subquery(Pegawai.objects.filter(user=OuterRef("pk")).values("id")[:1]),
                punya_bawahan=Exists(Pegawai.objects.filter(atasan__user=OuterRef("pk"), aktif=True)),
                akses_opd_id=Subquery(AksesOpd.objects.filter(user=OuterRef("pk")).values("opd_id")[:1]),
            )
            .values_list("pegawai_id", "punya_bawahan", "akses_opd_id")
            .first()
        ) or (None, False, None)
        self.pegawai_id, self.punya_bawahan, akses_opd_id = row
        if roles.is_operator_opd(user):
            self.opd_id = akses_opd_id

    def pegawai_q(self) -> Q | None:
        """None means no restriction."""
        if self.semua:
            return None
        q = Q(pk__in=[])
        if self.pegawai_id is not None:
            q |= Q(pk=self.pegawai_id) | Q(atasan_id=self.pegawai_id)
        if self.opd_id is not None:
            q |= Q(opd_id=self.opd_id)
        return q

    def unit_q(self) -> Q | None:
        if self.semua:
            return None
        if self.opd_id is not None:
            return Q(opd_id=self.opd_id)
        return Q(pk__in=[])


def cakupan_for(user) -> Cakupan:
    """The user's scope, computed once per request and cached on the user object."""
    cached = getattr(user, "_asn_cakupan", None)
    if cached is None:
        cached = Cakupan(user)
        user._asn_cakupan = cached
    return cached


def pegawai_list_visible_to(*, user) -> QuerySet[Pegawai]:
    qs = Pegawai.objects.all()
    q = cakupan_for(user).pegawai_q()
    return qs if q is None else qs.filter(q)


def pegawai_list_for_table(*, user) -> QuerySet[Pegawai]:
    """The employee list page rows, with what the table shows joined in."""
    return pegawai_list_visible_to(user=user).select_related("golongan", "jabatan", "unit_kerja", "opd")


def pegawai_search(qs: QuerySet[Pegawai], q: str) -> QuerySet[Pegawai]:
    """Search by NIP (digits, prefix or grouped with spaces) or by name (trigram-indexed contains)."""
    q = (q or "").strip()
    if not q:
        return qs
    digits = q.replace(" ", "")
    if digits.isdigit():
        return qs.filter(nip__startswith=digits) if len(digits) < 18 else qs.filter(nip=digits)
    return qs.filter(nama__icontains=q)


def is_trigram_name_search(q: str) -> bool:
    """A name search the trigram index can serve (three characters or more, not a NIP)."""
    q = (q or "").strip()
    return len(q) >= 3 and not q.replace(" ", "").isdigit()


def pegawai_get_visible(*, user, nip: str) -> Pegawai:
    """One employee the user may see, or 404 (never 403: another OPD's object does not exist for them)."""
    try:
        return (
            pegawai_list_visible_to(user=user)
            .select_related("golongan", "jabatan", "unit_kerja", "opd", "atasan", "atasan__jabatan", "user")
            .get(nip=nip)
        )
    except Pegawai.DoesNotExist:
        raise Http404("Pegawai tidak ditemukan.") from None


def pegawai_of_user(user) -> Pegawai | None:
    if not user.is_authenticated:
        return None
    return (
        Pegawai.objects.select_related("golongan", "jabatan", "unit_kerja", "opd").filter(user=user).first()
    )


def unit_kerja_visible_to(*, user) -> QuerySet[UnitKerja]:
    qs = UnitKerja.objects.all()
    q = cakupan_for(user).unit_q()
    return qs if q is None else qs.filter(q)


def unit_kerja_get_visible(*, user, kode: str) -> UnitKerja:
    try:
        return unit_kerja_visible_to(user=user).select_related("induk", "opd").get(kode=kode)
    except UnitKerja.DoesNotExist:
        raise Http404("Unit kerja tidak ditemukan.") from None


def opd_list_visible_to(*, user) -> QuerySet[UnitKerja]:
    return unit_kerja_visible_to(user=user).filter(jenis=UnitKerja.Jenis.OPD).order_by("nama")


def jabatan_bezetting(*, unit_ids) -> QuerySet[Jabatan]:
    """Positions of the given units with their filled headcount (bezetting) against the ABK need."""
    return (
        Jabatan.objects.filter(unit_kerja_id__in=unit_ids)
        .annotate(terisi=Count("pemangku", filter=Q(pemangku__aktif=True)))
        .annotate(selisih=F("terisi") - F("kebutuhan"))
        .order_by("unit_kerja__path", "-is_kepala", "nama")
    )


def unit_tree_with_counts(*, user, opd: UnitKerja | None = None) -> list[UnitKerja]:
    """Units in tree order, each with its own headcount (`jumlah_pegawai`) and, over the unit and all
    its descendants, `jumlah_total`, `kebutuhan` (ABK) and `selisih`; `punya_anak` and `path_induk` for
    the collapsible tree. Two queries whatever the number of units (the roll-up walks the materialised
    paths in Python)."""
    units = unit_kerja_visible_to(user=user)
    if opd is not None:
        units = units.filter(opd=opd)
    units = units.annotate(
        jumlah_pegawai=Count("pegawai", filter=Q(pegawai__aktif=True), distinct=True),
    ).order_by("path")
    kebutuhan = dict(
        Jabatan.objects.filter(unit_kerja__in=units.values("id"))
        .values_list("unit_kerja_id")
        .annotate(total=Sum("kebutuhan"))
    )
    result: list = list(units)  # annotated below with totals over each subtree
    by_path = {}
    for unit in result:
        unit.jumlah_total = 0
        unit.kebutuhan = 0
        unit.punya_anak = False
        unit.path_induk = unit.path.rpartition("/")[0]
        by_path[unit.path] = unit
    for unit in result:
        own_need = kebutuhan.get(unit.id, 0) or 0
        ancestor = unit.path
        while ancestor:
            node = by_path.get(ancestor)
            if node is not None:
                node.jumlah_total += unit.jumlah_pegawai
                node.kebutuhan += own_need
                if node is not unit:
                    node.punya_anak = True
            ancestor = ancestor.rpartition("/")[0]
    for unit in result:
        unit.selisih = unit.jumlah_total - unit.kebutuhan
    return result


# --- signatories -------------------------------------------------------------------------------------


def penandatangan_for(peran: str, opd: UnitKerja | int | None, tanggal: dt.date) -> Penandatangan | None:
    """Who signs as `peran` on `tanggal`: the one recorded for that OPD, else the government-wide one
    (no OPD). None when nobody is recorded — the document then prints a placeholder."""
    opd_id = opd.pk if isinstance(opd, UnitKerja) else opd
    return penandatangan_map(peran, tanggal, [opd_id] if opd_id else []).get(opd_id)


def penandatangan_map(
    peran: str, tanggal: dt.date, opd_ids: Iterable[int | None]
) -> dict[int | None, Penandatangan | None]:
    """penandatangan_for for many OPDs in one query (bulk slips): OPD id → signatory; key None is the
    government-wide one."""
    opd_ids = [o for o in opd_ids if o]
    rows = list(
        Penandatangan.objects.filter(peran=peran, berlaku_mulai__lte=tanggal)
        .filter(Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=tanggal))
        .filter(Q(opd__isnull=True) | Q(opd_id__in=opd_ids))
        .select_related("pegawai", "pegawai__golongan", "opd")
    )
    umum = next((r for r in rows if r.opd_id is None), None)
    per_opd: dict[int | None, Penandatangan | None] = {r.opd_id: r for r in rows if r.opd_id is not None}
    hasil: dict[int | None, Penandatangan | None] = {None: umum}
    for opd_id in opd_ids:
        hasil[opd_id] = per_opd.get(opd_id, umum)
    return hasil


def penandatangan_list(*, aktif_pada: dt.date | None = None) -> QuerySet[Penandatangan]:
    """Every signatory record (current and past), or only those in office on a date."""
    qs = Penandatangan.objects.select_related("pegawai", "pegawai__golongan", "opd")
    if aktif_pada is not None:
        qs = qs.filter(berlaku_mulai__lte=aktif_pada).filter(
            Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=aktif_pada)
        )
    return qs.order_by("peran", "opd__nama", "-berlaku_mulai", "id")


PERAN_DICETAK = (Penandatangan.Peran.KEPALA_BKPSDM, Penandatangan.Peran.BENDAHARA_PENGELUARAN)


def penandatangan_kosong(*, tanggal: dt.date, peran: Iterable[str] = PERAN_DICETAK) -> list[str]:
    """Signature blocks of the printed documents that would print a placeholder on `tanggal`: the
    Kepala BKPSDM (SK KGB, DUK, nominatif) and the Bendahara Pengeluaran of each OPD (pay slips; a
    government-wide one covers every OPD). For the Admin BKD's warning on the pages that print them."""
    peran = set(peran)
    aktif = list(penandatangan_list(aktif_pada=tanggal).values_list("peran", "opd_id"))
    kosong = []
    if Penandatangan.Peran.KEPALA_BKPSDM in peran and (Penandatangan.Peran.KEPALA_BKPSDM, None) not in aktif:
        kosong.append(str(Penandatangan.Peran.KEPALA_BKPSDM.label))
    bendahara = {opd_id for p, opd_id in aktif if p == Penandatangan.Peran.BENDAHARA_PENGELUARAN}
    if Penandatangan.Peran.BENDAHARA_PENGELUARAN in peran and None not in bendahara:
        tanpa = UnitKerja.objects.filter(
            jenis=UnitKerja.Jenis.OPD, pk__in=Pegawai.objects.filter(aktif=True).values("opd_id")
        ).exclude(pk__in=bendahara)
        nama = list(tanpa.order_by("nama").values_list("nama", flat=True)[:4])
        jumlah = tanpa.count()
        if jumlah:
            lebih = f" dan {jumlah - len(nama)} OPD lain" if jumlah > len(nama) else ""
            kosong.append(f"Bendahara Pengeluaran {', '.join(nama)}{lebih}")
    return kosong


def usulan_perubahan_untuk_petugas(*, user, status: str = "") -> QuerySet[UsulanPerubahanData] | None:
    """Every correction request an officer handles, decided ones included (the Admin BKD: all; an
    Operator OPD: the OPD's), newest first, optionally of one status; None for anyone else."""
    cakupan = cakupan_for(user)
    if roles.is_admin_bkd(user):
        qs = UsulanPerubahanData.objects.all()
    elif cakupan.opd_id is not None:
        qs = UsulanPerubahanData.objects.filter(pegawai__opd_id=cakupan.opd_id)
    else:
        return None
    if status in UsulanPerubahanData.Status.values:
        qs = qs.filter(status=status)
    return qs.select_related("pegawai").order_by("-dibuat", "-pk")


# --- the position in force on a date (pay follows the position held on the 1st of the month) --------


def jabatan_pada_bulk(pegawai_ids: Iterable[int], tanggal: dt.date) -> dict[int, int]:
    """pegawai id → id of the position in force on `tanggal`, in two queries whatever the number.

    The position in force is the one with the latest TMT on or before the date, among the employee's
    position-history rows (RiwayatJabatan with a position still in the chart) and the current record
    (its `tmt_jabatan`; a blank one counts as held from the start). On equal TMTs the current record
    wins. An employee with nothing on or before the date (every known position began later) is left
    out; the caller decides (penggajian: not yet in a position that month).
    """
    return {
        pid: jabatan_id for pid, (_mulai, jabatan_id) in jabatan_pada_bulk_tmt(pegawai_ids, tanggal).items()
    }


def jabatan_pada_bulk_tmt(pegawai_ids: Iterable[int], tanggal: dt.date) -> dict[int, tuple[dt.date, int]]:
    """Like jabatan_pada_bulk, with the TMT of the position in force (dt.date.min for a current record
    without a TMT): pegawai id → (tmt, jabatan id), in two queries."""
    ids = list(pegawai_ids)
    if not ids:
        return {}
    hasil: dict[int, tuple[dt.date, int]] = {}
    for pid, jabatan_id, tmt in Pegawai.objects.filter(pk__in=ids).values_list(
        "id", "jabatan_id", "tmt_jabatan"
    ):
        mulai = tmt or dt.date.min
        if mulai <= tanggal:
            hasil[pid] = (mulai, jabatan_id)
    riwayat = (
        RiwayatJabatan.objects.filter(pegawai_id__in=ids, tmt__lte=tanggal, jabatan__isnull=False)
        .order_by("pegawai_id", "-tmt", "-id")
        .distinct("pegawai_id")
        .values_list("pegawai_id", "tmt", "jabatan_id")
    )
    for pid, tmt, jabatan_id in riwayat:
        sekarang = hasil.get(pid)
        if sekarang is None or tmt > sekarang[0]:
            hasil[pid] = (tmt, jabatan_id)
    return hasil


def jabatan_pada(pegawai: Pegawai, tanggal: dt.date) -> Jabatan | None:
    """The position `pegawai` held on `tanggal` (see jabatan_pada_bulk), with its unit."""
    jabatan_id = jabatan_pada_bulk([pegawai.pk], tanggal).get(pegawai.pk)
    if jabatan_id is None:
        return None
    if jabatan_id == pegawai.jabatan_id:
        return pegawai.jabatan
    return Jabatan.objects.select_related("unit_kerja").get(pk=jabatan_id)


# --- study leave (tugas belajar) -----------------------------------------------------------------------


def dalam_tugas_belajar(mulai: dt.date | None, selesai: dt.date | None, tanggal: dt.date) -> bool:
    """Whether a study-leave period (Pegawai.tugas_belajar_mulai/selesai) covers `tanggal`."""
    return mulai is not None and mulai <= tanggal and (selesai is None or selesai >= tanggal)


def sedang_tugas_belajar(pegawai_ids: Iterable[int], tanggal: dt.date) -> set[int]:
    """The employees among `pegawai_ids` on study leave on `tanggal` (one query)."""
    ids = list(pegawai_ids)
    if not ids:
        return set()
    return set(
        Pegawai.objects.filter(pk__in=ids, tugas_belajar_mulai__lte=tanggal)
        .filter(Q(tugas_belajar_selesai__isnull=True) | Q(tugas_belajar_selesai__gte=tanggal))
        .values_list("id", flat=True)
    )
