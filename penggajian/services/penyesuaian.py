"""Corrections of a locked month (penyesuaian): a slip recomputed with today's data and the same rule
versions, the difference paid or recovered by the next run of the same kind."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.history import alasan_bersih, catat_riwayat
from pegawai.models import Pegawai

from .. import permissions, selectors
from ..hitung import GalatHitung
from ..models import Penyesuaian, RunGaji, Slip
from ._common import _aturan_run, _error, _hitung_satu
from .rapel import dibayar_per_slip, penyesuaian_baru


@transaction.atomic
def penyesuaian_buat(*, actor, slip: Slip, alasan: str) -> Penyesuaian:
    """Recompute a locked month's slip with today's data (same rule versions as the run) and record the
    difference, to be paid or recovered by the next run of the same kind. Nothing changes in the locked
    run itself."""
    if not permissions.can_manage_gaji(actor):
        raise PermissionDenied
    alasan = alasan_bersih(alasan, label="Alasan koreksi")
    if not alasan:
        raise ValidationError({"alasan": "Alasan koreksi wajib diisi."})
    run = RunGaji.objects.get(pk=slip.run_id)
    if run.status != RunGaji.Status.DIKUNCI:
        raise _error(f"{run} belum dikunci: hitung ulang run itu sendiri, tidak perlu penyesuaian.")
    dibayar = dibayar_per_slip([slip])[slip.pk]
    if dibayar.tertunda:
        raise _error("Sudah ada penyesuaian yang menunggu run berikutnya untuk slip ini.")
    aturan_gaji, aturan_tpp, aturan_tambahan = _aturan_run(run)
    masukan, _extra = selectors.masukan_pegawai(
        Pegawai.objects.filter(pk=slip.pegawai_id),
        tahun=run.tahun,
        bulan=run.bulan,
        tpp=run.jenis == RunGaji.Jenis.TPP,
        tambahan=run.tambahan,
    )
    if not masukan:
        raise _error("Pegawai tidak aktif: penyesuaian tidak dapat dihitung.")
    try:
        hasil = _hitung_satu(run.jenis, masukan[0], aturan_gaji, aturan_tpp, aturan_tambahan)
    except GalatHitung as exc:
        raise _error(f"Slip koreksi tidak dapat dihitung: {exc}") from exc
    # Against what the month has paid so far: the slip plus the corrections already paid.
    adj = penyesuaian_baru(
        slip=slip,
        dibayar=dibayar,
        hasil=hasil,
        masukan=masukan[0].snapshot(),
        alasan=alasan,
        dibuat_oleh=actor,
    )
    if adj is None:
        raise _error(
            "Dihitung ulang dengan data sekarang, slip bulan itu tidak berubah: tidak ada yang dikoreksi."
        )
    catat_riwayat(adj, actor=actor, alasan=f"Koreksi {run}: {alasan}")
    adj.save()
    return adj
