"""The pembinaan lines of `seed_demo`'s printed summary that count what is in the database (catalogue,
runs, enrolments, e-learning), whichever way the demo generated it."""

from __future__ import annotations

from django.db.models import Count, Q

from core.angka import format_desimal

from .models import IkutModul, Modul, Pelaksanaan, Peserta, Program


def _n(angka: int) -> str:
    return format_desimal(angka, 0)


def ringkas_pelatihan() -> str:
    program = Program.objects.count()
    run = Pelaksanaan.objects.aggregate(
        n=Count("id"), selesai=Count("id", filter=Q(status=Pelaksanaan.Status.SELESAI))
    )
    peserta = Peserta.objects.aggregate(
        terdaftar=Count("id", filter=Q(status=Peserta.Status.TERDAFTAR)),
        tunggu=Count("id", filter=Q(status=Peserta.Status.TUNGGU)),
        lulus=Count("id", filter=Q(hasil=Peserta.Hasil.LULUS)),
    )
    modul = Modul.objects.aggregate(n=Count("id"), terbit=Count("id", filter=Q(terbit=True)))
    ikut = IkutModul.objects.aggregate(n=Count("id"), lulus=Count("id", filter=Q(lulus_pada__isnull=False)))
    return (
        f"{_n(program)} program katalog, {_n(run['n'])} pelaksanaan pelatihan ({_n(run['selesai'])} selesai), "
        f"{_n(peserta['terdaftar'])} peserta terdaftar ({_n(peserta['lulus'])} lulus) dan "
        f"{_n(peserta['tunggu'])} dalam daftar tunggu; {_n(modul['n'])} modul e-learning ({_n(modul['terbit'])} "
        f"terbit), {_n(ikut['n'])} pegawai mengikuti ({_n(ikut['lulus'])} lulus)."
    )
