"""kinerja rows the mentoring and evaluation tests read: closed appraisal years with FINAL annual
predikat, potential scores (the 9-box: potensial menengah from 60, tinggi from 80 — the seeded values)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kinerja.models import Penilaian, PenilaianPotensial, PeriodeKinerja

RATING = {  # a rating pair giving each predikat under the PermenPANRB 6/2022 matrix
    "sangat baik": ("di atas ekspektasi", "di atas ekspektasi"),
    "baik": ("sesuai ekspektasi", "sesuai ekspektasi"),
    "butuh perbaikan": ("di bawah ekspektasi", "sesuai ekspektasi"),
}


def periode(tahun: int, *, ditutup: bool = True) -> PeriodeKinerja:
    obj, _ = PeriodeKinerja.objects.get_or_create(tahun=tahun)
    obj.status = PeriodeKinerja.Status.DITUTUP if ditutup else PeriodeKinerja.Status.DIBUKA
    obj.save(update_fields=["status"])
    return obj


def nilai(pegawai, tahun: int, predikat: str, *, ditutup: bool = True, status: str = "final") -> Penilaian:
    hk, pk = RATING[predikat]
    return Penilaian.objects.create(
        periode_kinerja=periode(tahun, ditutup=ditutup),
        periode="tahunan",
        pegawai=pegawai,
        opd_id=pegawai.opd_id,
        rating_hasil_kerja=hk,
        rating_perilaku_kerja=pk,
        predikat=predikat,
        status=status,
    )


def potensial(pegawai, user, skor: str, tanggal=dt.date(2025, 6, 1), berlaku_sampai=dt.date(2027, 5, 31)):
    return PenilaianPotensial.objects.create(
        pegawai=pegawai, skor=Decimal(skor), tanggal=tanggal, berlaku_sampai=berlaku_sampai, dicatat_oleh=user
    )
