"""TPP rule versions (Perkada): draft a new version from an existing one, edit the draft, compare it with
the rule in force (what-if: the month it would start, total TPP per OPD under both, on Celery), and put
it in force. A version in force is never edited; the history of every change is kept."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.dates import add_months
from core.history import catat_riwayat
from pegawai.models import Pegawai, UnitKerja

from .. import permissions, selectors
from ..hitung import GalatHitung, hitung_tpp
from ..models import (
    AturanTambahan,
    AturanTpp,
    KodePotonganTpp,
    PaguTpp,
    PersenPredikatTpp,
    RekapKehadiran,
    RunGaji,
    bulan_label,
)
from ._common import enqueue

logger = logging.getLogger(__name__)

PREDIKAT = ("sangat baik", "baik", "butuh perbaikan", "kurang", "sangat kurang")


def _wajib_admin(actor) -> None:
    if not permissions.can_manage_gaji(actor):
        raise PermissionDenied


def _wajib_draf(aturan: AturanTpp) -> None:
    if aturan.status != AturanTpp.Status.DRAF:
        raise ValidationError(f"{aturan.nama} sudah berlaku dan tidak dapat diubah; buat draf baru darinya.")


@transaction.atomic
def aturan_tpp_salin(*, actor, sumber: AturanTpp) -> AturanTpp:
    """A new draft with every value of `sumber`, starting the first day of next month."""
    _wajib_admin(actor)
    mulai = add_months(timezone.localdate().replace(day=1), 1)
    draf = AturanTpp.objects.get(pk=sumber.pk)
    draf.pk = draf.id = None
    draf._state.adding = True
    draf.status = AturanTpp.Status.DRAF
    draf.nama = f"{sumber.nama} (draf {mulai:%m-%Y})"[:200]
    draf.berlaku_mulai = max(mulai, sumber.berlaku_mulai + dt.timedelta(days=1))
    draf.perbandingan = {}
    draf.dibuat_oleh = actor
    catat_riwayat(draf, actor=actor, alasan=f"Draf disalin dari {sumber.nama}")
    draf.save()
    PaguTpp.objects.bulk_create(
        PaguTpp(aturan=draf, kelas_jabatan=p.kelas_jabatan, jumlah=p.jumlah) for p in sumber.pagu.all()
    )
    PersenPredikatTpp.objects.bulk_create(
        PersenPredikatTpp(aturan=draf, predikat=p.predikat, persen=p.persen)
        for p in sumber.persen_predikat.all()
    )
    KodePotonganTpp.objects.bulk_create(
        KodePotonganTpp(aturan=draf, kode=k.kode, keterangan=k.keterangan, persen=k.persen, satuan=k.satuan)
        for k in sumber.kode_potongan.all()
    )
    return draf


def persen_teks(nilai) -> str:
    return format(Decimal(nilai).normalize(), "f").replace(".", ",")


def aturan_tpp_periksa(aturan: AturanTpp) -> list[str]:
    """What keeps a draft from taking effect, in words (empty when it may)."""
    masalah = []
    if aturan.persen_kinerja + aturan.persen_disiplin != 100:
        masalah.append(
            f"Bobot kinerja {persen_teks(aturan.persen_kinerja)} % + disiplin {persen_teks(aturan.persen_disiplin)} % harus 100 %."
        )
    ada = set(aturan.persen_predikat.values_list("predikat", flat=True))
    kurang = [p for p in PREDIKAT if p not in ada]
    if kurang:
        masalah.append("Persentase TPP belum diisi untuk predikat: " + ", ".join(kurang) + ".")
    if not aturan.pagu.exists():
        masalah.append("Pagu TPP per kelas jabatan belum diisi.")
    terkunci = (
        RunGaji.objects.filter(jenis=RunGaji.Jenis.TPP, status__in=["disetujui", "dikunci"])
        .order_by("-tahun", "-bulan")
        .first()
    )
    if terkunci and aturan.berlaku_mulai <= selectors.akhir_bulan(terkunci.tahun, terkunci.bulan):
        masalah.append(
            f"Tanggal berlaku {aturan.berlaku_mulai:%d-%m-%Y} jatuh pada bulan yang TPP-nya sudah "
            f"disetujui ({terkunci}); pilih bulan sesudahnya."
        )
    if AturanTpp.objects.filter(status=AturanTpp.Status.BERLAKU, berlaku_mulai=aturan.berlaku_mulai).exists():
        masalah.append(f"Sudah ada aturan TPP yang berlaku mulai {aturan.berlaku_mulai:%d-%m-%Y}.")
    return masalah


@transaction.atomic
def aturan_tpp_berlakukan(*, actor, aturan: AturanTpp) -> AturanTpp:
    _wajib_admin(actor)
    aturan = AturanTpp.objects.select_for_update().get(pk=aturan.pk)
    _wajib_draf(aturan)
    masalah = aturan_tpp_periksa(aturan)
    if masalah:
        raise ValidationError(masalah)
    aturan.status = AturanTpp.Status.BERLAKU
    catat_riwayat(aturan, actor=actor, alasan=f"Diberlakukan mulai {aturan.berlaku_mulai:%d-%m-%Y}")
    aturan.save()
    return aturan


@transaction.atomic
def aturan_tpp_hapus(*, actor, aturan: AturanTpp) -> None:
    _wajib_admin(actor)
    aturan = AturanTpp.objects.select_for_update().get(pk=aturan.pk)
    _wajib_draf(aturan)
    aturan.delete()


@transaction.atomic
def aturan_tpp_simpan(*, actor, form, formsets) -> AturanTpp:
    """Save a bound, valid draft form and its row formsets (ceilings, predikat, codes); the comparison
    with the rule in force is cleared (it no longer describes the draft)."""
    _wajib_admin(actor)
    _wajib_draf(AturanTpp.objects.select_for_update().get(pk=form.instance.pk))
    aturan = form.save(commit=False)
    aturan.perbandingan = {}
    catat_riwayat(aturan, actor=actor, alasan="Draf diubah")
    aturan.save()
    for fs in formsets:
        for obj in fs.save(commit=False):
            catat_riwayat(obj, actor=actor, alasan="Draf diubah")
            obj.save()
        for obj in fs.deleted_objects:
            catat_riwayat(obj, actor=actor, alasan="Dihapus dari draf")
            obj.delete()
    return aturan


@transaction.atomic
def tunjangan_fungsional_simpan(*, actor, formset) -> None:
    """Save the functional-allowance table (a bound, valid formset): additions, changes, deletions."""
    _wajib_admin(actor)
    for obj in formset.save(commit=False):
        catat_riwayat(obj, actor=actor, alasan="Diubah di halaman tunjangan fungsional")
        obj.save()
    for obj in formset.deleted_objects:
        catat_riwayat(obj, actor=actor, alasan="Dihapus di halaman tunjangan fungsional")
        obj.delete()


@transaction.atomic
def aturan_tambahan_simpan(*, actor, form) -> AturanTambahan:
    """Save a THR / gaji ke-13 rule (a bound, valid form); refused once an approved or locked run paid
    with it."""
    _wajib_admin(actor)
    if form.instance.pk:
        terpakai = selectors.aturan_tambahan_terpakai(form.instance)
        if terpakai is not None:
            raise ValidationError(
                f"Aturan ini sudah dipakai {terpakai} yang disetujui/dikunci: tidak dapat diubah."
            )
    alasan = "Diubah di halaman aturan THR dan gaji ke-13" if form.instance.pk else "Ditambahkan"
    obj = form.save(commit=False)
    catat_riwayat(obj, actor=actor, alasan=alasan)
    obj.save()
    return obj


# --- what-if -----------------------------------------------------------------------------------------


def bulan_banding(aturan: AturanTpp) -> tuple[int, int]:
    """The month the draft would start (or next month, if its date has passed)."""
    mulai = max(aturan.berlaku_mulai, add_months(timezone.localdate().replace(day=1), 1))
    return mulai.year, mulai.month


def whatif_minta(*, actor, aturan: AturanTpp) -> AturanTpp:
    _wajib_admin(actor)
    _wajib_draf(aturan)
    tahun, bulan = bulan_banding(aturan)
    try:
        selectors.aturan_tpp_model(tahun, bulan)
    except selectors.AturanTidakAda as exc:
        raise ValidationError(f"{exc} Tidak ada pembanding untuk draf ini.") from exc
    with transaction.atomic():
        AturanTpp.objects.filter(pk=aturan.pk).update(
            perbandingan={"status": "antri", "diminta_oleh": actor.get_full_name() or actor.username}
        )
        enqueue("whatif_task", aturan.pk)
    aturan.refresh_from_db()
    return aturan


def _bulan_masukan(tahun: int, bulan: int) -> tuple[int, int]:
    """The attendance recap the comparison reads: that month's if it exists yet, else the latest before."""
    rekap = (
        RekapKehadiran.objects.filter(Q(tahun__lt=tahun) | Q(tahun=tahun, bulan__lte=bulan))
        .order_by("-tahun", "-bulan")
        .values_list("tahun", "bulan")
        .first()
    )
    return rekap or (tahun, bulan)


def whatif_hitung(aturan_id: int) -> dict:
    """Total TPP (bruto, before PPh) per OPD for the same employees and inputs under the rule in force
    and under the draft. Inputs (the same for both): active employees with the attendance recap and
    predikat of the latest month that has a recap. One OPD at a time, progress saved after each."""
    draf = AturanTpp.objects.get(pk=aturan_id)
    tahun, bulan = bulan_banding(draf)
    berlaku = selectors.aturan_tpp_model(tahun, bulan)
    t_lama, t_baru = selectors.aturan_tpp_data(berlaku), selectors.aturan_tpp_data(draf)
    a = selectors.aturan_gaji_data(selectors.aturan_gaji_model(tahun, bulan), tahun, bulan)
    th_masukan, bl_masukan = _bulan_masukan(tahun, bulan)
    opds = list(UnitKerja.objects.filter(jenis="opd").order_by("nama").values_list("pk", "nama"))
    hasil: dict[str, Any] = {
        "status": "berjalan",
        "bulan": f"{tahun}-{bulan:02d}",
        "bulan_masukan": f"{th_masukan}-{bl_masukan:02d}",
        "bulan_label": bulan_label(tahun, bulan),
        "bulan_masukan_label": bulan_label(th_masukan, bl_masukan),
        "aturan_berlaku": berlaku.nama,
        "total_opd": len(opds),
        "selesai_opd": 0,
        "per_opd": [],
        "diminta_oleh": (draf.perbandingan or {}).get("diminta_oleh", ""),
    }
    AturanTpp.objects.filter(pk=draf.pk).update(perbandingan=hasil)
    total = {"pegawai": 0, "lama": 0, "baru": 0, "galat": 0}
    for opd_id, nama in opds:
        masukan, _extra = selectors.masukan_pegawai(
            Pegawai.objects.filter(opd_id=opd_id), tahun=th_masukan, bulan=bl_masukan, tpp=True
        )
        baris: dict[str, Any] = {"opd": nama, "pegawai": 0, "lama": 0, "baru": 0, "galat": 0}
        for m in masukan:
            nilai: list[int | None] = []
            for t in (t_lama, t_baru):
                if m.status_kepegawaian in (a.status_dikecualikan | t.status_dikecualikan):
                    nilai.append(0)
                    continue
                try:
                    nilai.append(int(hitung_tpp(m, a, t).kolom["tpp_bruto"]))
                except GalatHitung:
                    nilai.append(None)
            if None in nilai:
                baris["galat"] += 1
                continue
            baris["pegawai"] += 1
            baris["lama"] += nilai[0]
            baris["baru"] += nilai[1]
        baris["selisih"] = baris["baru"] - baris["lama"]
        hasil["per_opd"].append(baris)
        for k in total:
            total[k] += baris[k]
        hasil["selesai_opd"] += 1
        AturanTpp.objects.filter(pk=draf.pk).update(perbandingan=hasil)
    total["selisih"] = total["baru"] - total["lama"]
    hasil.update(status="selesai", total=total, dihitung=timezone.now().isoformat())
    AturanTpp.objects.filter(pk=draf.pk).update(perbandingan=hasil)
    return hasil


def whatif_jalankan(aturan_id: int) -> int:
    """The worker's part: the comparison, or the reason it failed on the draft (then re-raised)."""
    try:
        return whatif_hitung(aturan_id)["total_opd"]
    except Exception as exc:
        logger.exception("What-if aturan TPP %s gagal", aturan_id)
        AturanTpp.objects.filter(pk=aturan_id).update(
            perbandingan={"status": "gagal", "pesan": f"{type(exc).__name__}: {exc}"[:500]}
        )
        raise
