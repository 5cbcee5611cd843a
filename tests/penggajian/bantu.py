"""Helpers of the pay tests: compute a run as the worker would, and take it through to locked."""

from __future__ import annotations

from penggajian import services
from penggajian.models import RunGaji


def hitung(user, bulan: int = 11, jenis: str = "induk") -> RunGaji:
    run = services.run_hitung(actor=user, jenis=jenis, tahun=2026, bulan=bulan, antrikan=False)
    return services.run_execute(run.pk)


def kunci(petugas, run: RunGaji, catatan: str = "") -> RunGaji:
    run = services.run_verifikasi(actor=petugas["verifikator"], run=run, catatan=catatan)
    run = services.run_setujui(actor=petugas["pimpinan"], run=run)
    return services.run_kunci(actor=petugas["pembuat"], run=run)
