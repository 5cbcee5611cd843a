"""Writes of the shortlist and the rotation round: weight versions, a proposal made from a shortlist
(with the shortlist stored beside it), a rotation computation, the officers' plan, and turning a plan
into draft proposals. Every write takes the actor and records history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import catat_riwayat
from core.workflow import transition
from pegawai.models import Jabatan, Pegawai

from .. import permissions
from ..models import FAKTOR, BobotRekomendasi, HasilRotasi, PutaranRotasi, SnapshotRekomendasi, UsulanMutasi
from ..rekomendasi import DaftarPendek
from ._common import require, teks_pendek, teks_wajib
from .usulan import usulan_mutasi_create

JUMLAH_SNAPSHOT = 10


@transaction.atomic
def bobot_rekomendasi_save(
    *,
    actor,
    berlaku_mulai: dt.date | None,
    dasar_hukum: str,
    bobot: dict[str, int],
    keterangan: str = "",
    alasan: str,
) -> BobotRekomendasi:
    """A new version of the weights from `berlaku_mulai`, or an edit of the version starting that day.
    Older versions stay for the dates they cover."""
    require(permissions.can_manage_bobot_rekomendasi(actor))
    errors = {}
    if berlaku_mulai is None:
        errors["berlaku_mulai"] = "Tanggal berlaku wajib diisi."
    dasar_hukum = (dasar_hukum or "").strip()
    if not dasar_hukum:
        errors["dasar_hukum"] = "Dasar hukum wajib diisi."
    elif len(dasar_hukum) > 300:
        errors["dasar_hukum"] = f"Dasar hukum paling panjang 300 karakter (sekarang {len(dasar_hukum)})."
    for kode, label in FAKTOR:
        nilai = bobot.get(kode)
        if nilai is None or not 0 <= int(nilai) <= 100:
            errors[kode] = f"Bobot {label.lower()} harus bilangan 0–100."
    if errors or berlaku_mulai is None:
        raise ValidationError(errors)
    if not any(int(bobot[k]) for k, _label in FAKTOR):
        raise ValidationError({"pendidikan": "Paling sedikit satu faktor harus berbobot lebih dari 0."})
    alasan = teks_wajib(alasan, field="alasan", label="Alasan perubahan")
    keterangan = teks_pendek(keterangan, field="keterangan", label="Keterangan", panjang=500)
    obj = BobotRekomendasi.objects.select_for_update().filter(berlaku_mulai=berlaku_mulai).first()
    if obj is None:
        obj = BobotRekomendasi(berlaku_mulai=berlaku_mulai)
    obj.dasar_hukum = dasar_hukum
    obj.keterangan = keterangan
    for kode, _label in FAKTOR:
        setattr(obj, kode, int(bobot[kode]))
    obj.full_clean()
    catat_riwayat(obj, actor=actor, alasan=alasan)
    obj.save()
    return obj


@transaction.atomic
def usulan_dari_rekomendasi(
    *,
    actor,
    daftar: DaftarPendek,
    pegawai: Pegawai,
    tmt_rencana: dt.date | None,
    alasan: str,
    jumlah: int = JUMLAH_SNAPSHOT,
) -> UsulanMutasi:
    """A draft proposal moving `pegawai` into the shortlist's position (the proposal service checks
    scope and data), with the shortlist (top `jumlah`, and the chosen one) stored beside it."""
    usulan = usulan_mutasi_create(
        actor=actor,
        jenis=UsulanMutasi.Jenis.DALAM_PEMDA,
        pegawai=pegawai,
        jabatan_tujuan=daftar.jabatan,
        tmt_rencana=tmt_rencana,
        alasan=alasan,
    )
    teratas = daftar.teratas(jumlah)
    kandidat: list[dict] = [k.snapshot() for k in teratas]
    data = {
        "bobot": {
            "berlaku_mulai": daftar.bobot.berlaku_mulai.isoformat(),
            "dasar_hukum": daftar.bobot.dasar_hukum,
            **daftar.bobot.bobot(),
        },
        "jumlah_kandidat": daftar.jumlah,
        "dipilih": pegawai.pk,
        "kandidat": kandidat,
    }
    if not any(k.pegawai_id == pegawai.pk for k in teratas):
        terpilih = daftar.untuk(pegawai.pk)
        if terpilih is not None:
            kandidat.append(terpilih.snapshot())
    SnapshotRekomendasi.objects.create(
        usulan=usulan, jabatan=daftar.jabatan, tanggal=daftar.tanggal, data=data, dibuat_oleh=actor
    )
    return usulan


# --- rotation round ----------------------------------------------------------------------------------


@transaction.atomic
def hasil_rotasi_create(
    *,
    actor,
    putaran: PutaranRotasi,
    jabatan_ids: list[int],
    pegawai_tambahan_ids: list[int] | None = None,
    tanggal: dt.date | None,
    aturan: dict | None = None,
    jalankan: bool = True,
) -> HasilRotasi:
    """Queue a computation of the round for the chosen vacancies (the Celery task fills it in)."""
    require(permissions.can_manage_putaran_rotasi(actor))
    errors = {}
    jabatan_ids = sorted({int(j) for j in jabatan_ids})
    if not jabatan_ids:
        errors["jabatan"] = "Pilih paling sedikit satu jabatan lowongan."
    elif Jabatan.objects.filter(pk__in=jabatan_ids).count() != len(jabatan_ids):
        errors["jabatan"] = "Ada jabatan lowongan yang tidak dikenal."
    if tanggal is None:
        errors["tanggal"] = "TMT rencana wajib diisi."
    aturan = dict(aturan or {})
    for kunci, label, maks in (
        ("persen_opd", "Batas persen per OPD", 100),
        ("tahun_tidak_kembali", "Tahun tidak kembali", 30),
    ):
        if aturan.get(kunci) not in (None, ""):
            try:
                nilai = int(aturan[kunci])
            except (TypeError, ValueError):
                nilai = -1
            if not 1 <= nilai <= maks:
                errors[kunci] = f"{label} harus bilangan 1–{maks}."
            aturan[kunci] = nilai
        else:
            aturan.pop(kunci, None)
    if errors or tanggal is None:
        raise ValidationError(errors)
    hasil = HasilRotasi(
        putaran=putaran,
        tanggal=tanggal,
        jabatan_ids=jabatan_ids,
        pegawai_tambahan_ids=sorted({int(p) for p in pegawai_tambahan_ids or []}),
        aturan=aturan,
        dibuat_oleh=actor,
    )
    catat_riwayat(hasil, actor=actor, alasan="Perhitungan rotasi diminta")
    hasil.save()
    if jalankan:
        from ..tasks_rotasi import hitung_rotasi_task

        transaction.on_commit(lambda: hitung_rotasi_task.delay(hasil.pk))
    return hasil


def hasil_rotasi_hitung(hasil_id: int) -> HasilRotasi:
    """Compute a queued round (run by the Celery task; reports progress in `persen`)."""
    from ..rotasi import selesaikan, simpan_hasil, susun_soal

    with transaction.atomic():
        hasil = HasilRotasi.objects.select_for_update().get(pk=hasil_id)
        if hasil.status in (HasilRotasi.Status.SELESAI, HasilRotasi.Status.DIUSULKAN):
            return hasil
        transition(hasil, HasilRotasi.Status.BERJALAN)
        hasil.persen = 0
        hasil.save(update_fields=["status", "persen", "diubah"])

    def progres(persen: int) -> None:
        HasilRotasi.objects.filter(pk=hasil_id).update(persen=persen)

    try:
        soal = susun_soal(
            putaran_id=hasil.putaran_id,
            jabatan_ids=hasil.jabatan_ids,
            pegawai_tambahan_ids=hasil.pegawai_tambahan_ids,
            tanggal=hasil.tanggal,
            aturan=hasil.aturan,
            progres=progres,
        )
        data = simpan_hasil(soal, selesaikan(soal, progres=progres))
    except Exception as exc:  # the round shows the failure; the worker log has the trace
        with transaction.atomic():
            hasil = HasilRotasi.objects.select_for_update().get(pk=hasil_id)
            transition(hasil, HasilRotasi.Status.GAGAL)
            hasil.pesan_galat = str(exc)[:500]
            hasil.save(update_fields=["status", "pesan_galat", "diubah"])
        raise
    with transaction.atomic():
        hasil = HasilRotasi.objects.select_for_update().get(pk=hasil_id)
        transition(hasil, HasilRotasi.Status.SELESAI)
        hasil.hasil = data
        hasil.persen = 100
        hasil.rencana_manual = {str(b["pegawai_id"]): b["tujuan_jabatan_id"] for b in data["penugasan"]}
        catat_riwayat(hasil, actor=None, alasan="Perhitungan rotasi selesai")
        hasil.save()
    return hasil


def _rencana_dari_teks(rencana: dict) -> dict[int, int | None]:
    return {int(pid): (int(jid) if jid not in (None, "", "tetap") else None) for pid, jid in rencana.items()}


@transaction.atomic
def hasil_rotasi_ubah_rencana(
    *, actor, hasil: HasilRotasi, pegawai_id: int, jabatan_id: int | None
) -> HasilRotasi:
    """The officers' plan: set one mover's destination (or stay, None)."""
    require(permissions.can_manage_putaran_rotasi(actor))
    hasil = HasilRotasi.objects.select_for_update().get(pk=hasil.pk)
    if hasil.status != HasilRotasi.Status.SELESAI:
        raise ValidationError(
            "Rencana hanya dapat diubah pada hasil rotasi yang selesai dan belum diusulkan."
        )
    if str(pegawai_id) not in hasil.rencana_manual:
        raise ValidationError({"pegawai": "Pegawai bukan peserta putaran ini."})
    if jabatan_id is not None and jabatan_id not in {j["id"] for j in hasil.hasil.get("jabatan", [])}:
        raise ValidationError({"jabatan": "Jabatan bukan lowongan putaran ini."})
    hasil.rencana_manual = {**hasil.rencana_manual, str(pegawai_id): jabatan_id}
    catat_riwayat(
        hasil, actor=actor, alasan=f"Rencana petugas: pegawai {pegawai_id} → {jabatan_id or 'tetap'}"
    )
    hasil.save(update_fields=["rencana_manual", "diubah"])
    return hasil


@transaction.atomic
def hasil_rotasi_jadikan_usulan(
    *, actor, hasil: HasilRotasi, rencana: str, alasan: str, tmt_rencana: dt.date | None = None
) -> list[UsulanMutasi]:
    """Every move of the chosen plan (`sistem` or `manual`) becomes a draft proposal — all or nothing.
    A plan with an excluded pair or an over-filled position is refused as a whole."""
    from ..rotasi import periksa_rencana, rencana_usulan

    require(permissions.can_manage_putaran_rotasi(actor))
    hasil = HasilRotasi.objects.select_for_update().get(pk=hasil.pk)
    if hasil.status != HasilRotasi.Status.SELESAI:
        raise ValidationError(
            "Hanya hasil rotasi yang selesai dan belum diusulkan yang dapat dijadikan usulan."
        )
    alasan = teks_wajib(alasan, field="alasan", label="Alasan usulan")
    pilihan = rencana_usulan(hasil.hasil) if rencana == "sistem" else _rencana_dari_teks(hasil.rencana_manual)
    _total, masalah = periksa_rencana(hasil.hasil, pilihan)
    if masalah:
        raise ValidationError("Rencana belum dapat diusulkan: " + " ".join(masalah))
    pindah = {pid: jid for pid, jid in pilihan.items() if jid is not None}
    if not pindah:
        raise ValidationError("Rencana ini tidak memindahkan siapa pun.")
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja").in_bulk(list(pindah))
    jabatan = Jabatan.objects.select_related("unit_kerja").in_bulk(list(set(pindah.values())))
    usulan = []
    for pid, jid in sorted(pindah.items()):
        usulan.append(
            usulan_mutasi_create(
                actor=actor,
                jenis=UsulanMutasi.Jenis.DALAM_PEMDA,
                pegawai=pegawai[pid],
                jabatan_tujuan=jabatan[jid],
                tmt_rencana=tmt_rencana or hasil.tanggal,
                alasan=f"{alasan} ({hasil.putaran.nama})",
            )
        )
    transition(hasil, HasilRotasi.Status.DIUSULKAN)
    catat_riwayat(hasil, actor=actor, alasan=f"Rencana {rencana} dijadikan {len(usulan)} usulan")
    hasil.save(update_fields=["status", "diubah"])
    return usulan


def sekarang() -> dt.date:
    return timezone.localdate()
