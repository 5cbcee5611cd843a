"""Rapel: a bulk correction of locked months, e.g. when a new gaji pokok table (PP 5/2024 was set on
26 January 2024, in force from 1 January) or a new TPP rule takes effect for months already paid.

Every slip of the chosen months (all OPDs or one) is recomputed with the rules and tables *now* in force
for its month, from the employee data as it was last paid (the slip's inputs, or those of its latest
correction), so a promotion or a move since then does not leak into a past month. Whatever differs from
what was paid (the slip plus earlier corrections) becomes a Penyesuaian, paid or recovered by the next
run of the same kind. Late SKs of single employees stay per-slip corrections (they change the data, not
the rules).

The work runs on Celery per (month, OPD): each chunk writes its corrections and its counters in one
transaction, and records itself done there too, so a stopped worker resumes at the next chunk and
nothing is counted or corrected twice. A rapel whose corrections are not yet in any run can be cancelled.
"""

from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.history import MAX_ALASAN, catat_riwayat, pesan_terlalu_panjang
from core.workflow import transition
from pegawai.models import UnitKerja

from .. import permissions, selectors
from ..hitung import KUNCI_BRUTO_PPH, GalatHitung, MasukanPegawai, penjelasan_selisih, selisih_kolom
from ..models import Penyesuaian, RapelGaji, RunGaji, Slip, bulan_label
from ._common import _hitung_satu, enqueue

logger = logging.getLogger(__name__)

KUNCI_RAPEL = 0x5241504C  # advisory-lock key of rapel requests ("RAPL")
KOLOM_MASUKAN = {f.name for f in dataclasses.fields(MasukanPegawai)}


# --- what was paid ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Dibayar:
    """A locked month as paid so far: the slip plus every correction already made to it."""

    kolom: dict
    kotor: Decimal
    potongan: Decimal
    bersih: Decimal
    bruto_pph: Decimal
    masukan: dict
    tertunda: bool = False  # a correction still waits for its run


def dibayar_per_slip(slips: list[Slip]) -> dict[int, Dibayar]:
    """What each slip's month has paid so far (one query for the corrections of all slips)."""
    hasil = {
        s.pk: Dibayar(
            kolom={k: v for k, v in s.kolom.items() if not isinstance(v, str)},
            kotor=s.jumlah_kotor,
            potongan=s.jumlah_potongan,
            bersih=s.jumlah_bersih,
            bruto_pph=s.bruto_pph,
            masukan=s.masukan,
        )
        for s in slips
    }
    for slip_id, selisih, d_kotor, d_potongan, d_bersih, masukan, run_tujuan in (
        Penyesuaian.objects.filter(slip_asal_id__in=list(hasil))
        .order_by("slip_asal_id", "pk")
        .values_list(
            "slip_asal_id",
            "selisih",
            "selisih_kotor",
            "selisih_potongan",
            "selisih_bersih",
            "masukan",
            "run_tujuan_id",
        )
    ):
        d = hasil[slip_id]
        for k, beda in (selisih or {}).items():
            if k == KUNCI_BRUTO_PPH:
                d.bruto_pph += Decimal(beda)
            else:
                d.kolom[k] = int(Decimal(str(d.kolom.get(k, 0)))) + int(beda)
        d.kotor += d_kotor
        d.potongan += d_potongan
        d.bersih += d_bersih
        if masukan:
            d.masukan = masukan
        if run_tujuan is None:
            d.tertunda = True
    return hasil


def masukan_dari_snapshot(snapshot: dict) -> MasukanPegawai:
    return MasukanPegawai(**{k: v for k, v in snapshot.items() if k in KOLOM_MASUKAN})


def penyesuaian_baru(
    *, slip: Slip, dibayar: Dibayar, hasil, masukan: dict, alasan: str, **extra
) -> Penyesuaian | None:
    """The correction of one month (recomputed `hasil` − what was paid), or None when nothing differs."""
    jenis = slip.run.jenis
    baru = {k: int(v) for k, v in hasil.kolom_json().items() if not isinstance(v, str)}
    selisih = selisih_kolom(jenis, dibayar.kolom, baru)
    d_kotor = hasil.kotor - dibayar.kotor
    d_potongan = hasil.potongan - dibayar.potongan
    d_bersih = hasil.bersih - dibayar.bersih
    if not selisih and not d_bersih:
        return None
    penjelasan = penjelasan_selisih(selisih, dibayar.kolom)
    d_bruto_pph = int(hasil.bruto_pph - dibayar.bruto_pph)
    if d_bruto_pph:
        # Not a register column: it moves the PPh bruto of the paying slip (for the December PPh).
        selisih[KUNCI_BRUTO_PPH] = d_bruto_pph
    return Penyesuaian(
        pegawai_id=slip.pegawai_id,
        slip_asal=slip,
        selisih=selisih,
        selisih_kotor=d_kotor,
        selisih_potongan=d_potongan,
        selisih_bersih=d_bersih,
        penjelasan=penjelasan,
        masukan=masukan,
        alasan=alasan,
        **extra,
    )


# --- request ------------------------------------------------------------------------------------------


def _aturan_bulan(jenis: str, tahun: int, bulan: int) -> tuple:
    aturan_gaji = selectors.aturan_gaji_data(selectors.aturan_gaji_model(tahun, bulan), tahun, bulan)
    aturan_tpp = None
    if jenis == RapelGaji.Jenis.TPP:
        aturan_tpp = selectors.aturan_tpp_data(selectors.aturan_tpp_model(tahun, bulan))
    return aturan_gaji, aturan_tpp


@transaction.atomic
def rapel_minta(
    *,
    actor,
    jenis: str,
    tahun: int,
    bulan_mulai: int,
    bulan_akhir: int,
    alasan: str,
    opd: UnitKerja | None = None,
) -> RapelGaji:
    """Queue a rapel. Admin BKD only; every month must have a locked run of that kind and a rule in force."""
    if not permissions.can_request_rapel(actor):
        raise PermissionDenied
    galat: dict[str, str] = {}
    alasan = (alasan or "").strip()
    if not alasan:
        galat["alasan"] = "Alasan atau dasar hukum rapel wajib diisi (mis. nomor PP kenaikan gaji)."
    elif len(alasan) > MAX_ALASAN:
        galat["alasan"] = pesan_terlalu_panjang("Alasan / dasar hukum", len(alasan))
    if jenis not in RapelGaji.Jenis.values:
        galat["jenis"] = "Rapel hanya untuk gaji induk atau TPP."
    if not (1 <= bulan_mulai <= 12 and 1 <= bulan_akhir <= 12):
        galat["bulan_mulai"] = "Bulan harus 1–12."
    elif bulan_mulai > bulan_akhir:
        galat["bulan_akhir"] = "Bulan akhir tidak boleh sebelum bulan awal."
    if galat:
        raise ValidationError(galat)
    bulan = range(bulan_mulai, bulan_akhir + 1)
    label = RunGaji.Jenis(jenis).label
    runs = {r.bulan: r for r in RunGaji.objects.filter(jenis=jenis, tahun=tahun, bulan__in=bulan)}
    belum = [bulan_label(tahun, b) for b in bulan if b not in runs or not runs[b].terkunci]
    if belum:
        raise ValidationError(
            {
                "bulan_mulai": f"{label} {', '.join(belum)} belum dikunci: rapel hanya untuk bulan yang sudah dikunci."
            }
        )
    for b in bulan:
        try:
            _aturan_bulan(jenis, tahun, b)
        except selectors.AturanTidakAda as exc:
            raise ValidationError(str(exc)) from exc
    with connection.cursor() as cursor:
        # Two requests at once: the second waits here, then sees the first one running.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [KUNCI_RAPEL])
    berjalan = RapelGaji.objects.filter(status__in=[RapelGaji.Status.ANTRI, RapelGaji.Status.BERJALAN])
    if berjalan.exists():
        raise ValidationError(f"{berjalan.first()} masih berjalan: tunggu sampai selesai.")
    slips = Slip.objects.filter(run__in=runs.values())
    if opd is not None:
        slips = slips.filter(opd=opd)
    jumlah = slips.count()
    if not jumlah:
        raise ValidationError(
            f"Tidak ada slip {label} {'di ' + opd.nama + ' ' if opd else ''}pada bulan itu."
        )
    rapel = RapelGaji(
        jenis=jenis,
        tahun=tahun,
        bulan_mulai=bulan_mulai,
        bulan_akhir=bulan_akhir,
        opd=opd,
        alasan=alasan,
        jumlah_slip=jumlah,
        dibuat_oleh=actor,
    )
    catat_riwayat(rapel, actor=actor, alasan="Diminta")
    rapel.save()
    enqueue("rapel_task", rapel.pk)
    return rapel


# --- work ---------------------------------------------------------------------------------------------


def _bagian(rapel: RapelGaji) -> list[tuple[RunGaji, int]]:
    """The chunks (locked run of a month, OPD) of a rapel, in order."""
    runs = RunGaji.objects.filter(
        jenis=rapel.jenis, tahun=rapel.tahun, bulan__gte=rapel.bulan_mulai, bulan__lte=rapel.bulan_akhir
    ).order_by("bulan")
    hasil: list[tuple[RunGaji, int]] = []
    for run in runs:
        slips = Slip.objects.filter(run=run)
        if rapel.opd_id:
            slips = slips.filter(opd_id=rapel.opd_id)
        hasil.extend(
            (run, opd_id) for opd_id in slips.order_by("opd_id").values_list("opd_id", flat=True).distinct()
        )
    return hasil


def rapel_bagian(rapel_id: int, run: RunGaji, opd_id: int, aturan: tuple) -> bool:
    """Work one chunk in one transaction; False when it was already done (or the rapel is no longer running)."""
    kunci = f"{run.bulan}:{opd_id}"
    with transaction.atomic():
        rapel = RapelGaji.objects.select_for_update().get(pk=rapel_id)
        if rapel.status != RapelGaji.Status.BERJALAN or kunci in rapel.bagian_selesai:
            return False
        slips = list(
            Slip.objects.filter(run=run, opd_id=opd_id).select_related("run").defer("rincian").order_by("pk")
        )
        dibayar = dibayar_per_slip(slips)
        baru: list[Penyesuaian] = []
        sama = 0
        catatan = []
        bulan = bulan_label(run.tahun, run.bulan)
        for slip in slips:
            d = dibayar[slip.pk]
            if d.tertunda:
                catatan.append(
                    {"nip": slip.nip, "nama": slip.nama, "bulan": bulan,
                     "pesan": "Dilewati: koreksi lain untuk bulan ini masih menunggu run berikutnya."}
                )  # fmt: skip
                continue
            try:
                masukan = masukan_dari_snapshot(d.masukan)
                hasil = _hitung(rapel.jenis, masukan, aturan)
            except (GalatHitung, TypeError) as exc:
                catatan.append(
                    {"nip": slip.nip, "nama": slip.nama, "bulan": bulan, "pesan": f"Gagal dihitung: {exc}"}
                )
                continue
            adj = penyesuaian_baru(
                slip=slip, dibayar=d, hasil=hasil, masukan=masukan.snapshot(), alasan=rapel.alasan, rapel=rapel,
                dibuat_oleh_id=rapel.dibuat_oleh_id,
            )  # fmt: skip
            if adj is None:
                sama += 1
            else:
                baru.append(adj)
        if baru:
            bulk_create_with_history(
                baru,
                Penyesuaian,
                default_user=rapel.dibuat_oleh,
                default_change_reason=f"{rapel}: {rapel.alasan}",
            )
        rapel.bagian_selesai = [*rapel.bagian_selesai, kunci]
        rapel.sudah_diperiksa += len(slips)
        rapel.jumlah_koreksi += len(baru)
        rapel.jumlah_sama += sama
        rapel.jumlah_dilewati += len(catatan)
        rapel.total_bersih += sum((a.selisih_bersih for a in baru), Decimal(0))
        rapel.catatan_pegawai = [*rapel.catatan_pegawai, *catatan]
        catat_riwayat(
            rapel,
            actor=rapel.dibuat_oleh,
            alasan=f"{bulan}: {len(slips)} slip diperiksa, {len(baru)} koreksi",
        )
        rapel.save(update_fields=[
            "bagian_selesai", "sudah_diperiksa", "jumlah_koreksi", "jumlah_sama", "jumlah_dilewati", "total_bersih",
            "catatan_pegawai", "diubah",
        ])  # fmt: skip
    return True


def _hitung(jenis: str, masukan: MasukanPegawai, aturan: tuple):
    aturan_gaji, aturan_tpp = aturan
    return _hitung_satu(jenis, masukan, aturan_gaji, aturan_tpp)


def rapel_jalankan(rapel_id: int) -> RapelGaji:
    """Work every chunk not done yet (resumable), then mark the rapel done."""
    with transaction.atomic():
        rapel = RapelGaji.objects.select_for_update().get(pk=rapel_id)
        if rapel.status not in (RapelGaji.Status.ANTRI, RapelGaji.Status.BERJALAN):
            return rapel
        if rapel.status == RapelGaji.Status.ANTRI:
            transition(rapel, RapelGaji.Status.BERJALAN)
            rapel.mulai = timezone.now()
            rapel.pesan_galat = ""
            catat_riwayat(rapel, actor=rapel.dibuat_oleh, alasan="Mulai dihitung")
            rapel.save()
    try:
        aturan_bulan: dict[int, tuple] = {}
        for run, opd_id in _bagian(rapel):
            if run.bulan not in aturan_bulan:
                aturan_bulan[run.bulan] = _aturan_bulan(rapel.jenis, rapel.tahun, run.bulan)
            rapel_bagian(rapel.pk, run, opd_id, aturan_bulan[run.bulan])
    except Exception as exc:
        logger.exception("Rapel %s terhenti", rapel_id)
        with transaction.atomic():
            rapel = RapelGaji.objects.select_for_update().get(pk=rapel_id)
            if rapel.status == RapelGaji.Status.BERJALAN:
                transition(rapel, RapelGaji.Status.GAGAL)
            rapel.pesan_galat = f"{type(exc).__name__}: {exc}"[:2000]
            catat_riwayat(rapel, actor=rapel.dibuat_oleh, alasan="Terhenti")
            rapel.save()
        return rapel
    with transaction.atomic():
        rapel = RapelGaji.objects.select_for_update().get(pk=rapel_id)
        if rapel.status == RapelGaji.Status.BERJALAN:
            transition(rapel, RapelGaji.Status.SELESAI)
            rapel.selesai = timezone.now()
            catat_riwayat(rapel, actor=rapel.dibuat_oleh, alasan="Selesai")
            rapel.save()
    return rapel


@transaction.atomic
def rapel_lanjutkan(*, actor, rapel: RapelGaji) -> RapelGaji:
    """Resume a rapel that stopped on an error (chunks already done are kept)."""
    if not permissions.can_manage_rapel(actor):
        raise PermissionDenied
    rapel = RapelGaji.objects.select_for_update().get(pk=rapel.pk)
    if rapel.status != RapelGaji.Status.GAGAL:
        raise ValidationError(f"{rapel} tidak terhenti: tidak ada yang dilanjutkan.")
    transition(rapel, RapelGaji.Status.BERJALAN)
    rapel.pesan_galat = ""
    catat_riwayat(rapel, actor=actor, alasan="Dilanjutkan")
    rapel.save()
    enqueue("rapel_task", rapel.pk)
    return rapel


@transaction.atomic
def rapel_batalkan(*, actor, rapel: RapelGaji) -> int:
    """Delete the rapel's corrections while none of them is in a run yet; the rapel stays, cancelled."""
    if not permissions.can_manage_rapel(actor):
        raise PermissionDenied
    rapel = RapelGaji.objects.select_for_update().get(pk=rapel.pk)
    if rapel.sedang_berjalan:
        raise ValidationError(f"{rapel} masih berjalan: tunggu sampai selesai sebelum dibatalkan.")
    if not rapel.boleh_dibatalkan:
        raise ValidationError(f"{rapel} sudah dibatalkan.")
    masuk = rapel.penyesuaian.filter(run_tujuan__isnull=False).select_related("run_tujuan").first()
    if masuk is not None:
        raise ValidationError(
            f"Koreksi dari rapel ini sudah masuk ke {masuk.run_tujuan}: tidak dapat dibatalkan. "
            "Koreksi yang sudah dibayar diperbaiki dengan koreksi berikutnya."
        )
    jumlah, _ = rapel.penyesuaian.all().delete()
    transition(rapel, RapelGaji.Status.DIBATALKAN)
    catat_riwayat(rapel, actor=actor, alasan=f"Dibatalkan: {jumlah} koreksi dihapus")
    rapel.save()
    return jumlah
