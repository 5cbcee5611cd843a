"""The kinerja demo data of `seed_demo`: predikat by the regulation's matrix, complete SKPs, work for the
demo logins, a 9-box grid with people in every box, and the same data for the same seed.

600 employees: below about 500 the demo organisation is all unit heads and the "atasan"/"pegawai"
logins have no employee behind them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Exists, F, OuterRef

from akun.models import User
from kinerja import services
from kinerja.models import (
    SKP,
    AmbangTalenta,
    HasilKerja,
    Indikator,
    KotakTalenta,
    MatriksPredikat,
    Penilaian,
    PenilaianPotensial,
    PenutupanPeriode,
    PerilakuKerja,
    PeriodeKinerja,
)
from mutasi.models import PegawaiSKMutasi
from pegawai.models import Pegawai

ATAS, SESUAI, BAWAH = "di atas ekspektasi", "sesuai ekspektasi", "di bawah ekspektasi"
# PermenPANRB 3/2020: the kinerja axis of the 9-box reads the annual predikat.
SUMBU_KINERJA = {
    "sangat baik": ATAS,
    "baik": SESUAI,
    "butuh perbaikan": BAWAH,
    "kurang": BAWAH,
    "sangat kurang": BAWAH,
}


def _seed(**kwargs):
    call_command("seed_demo", pegawai=600, seed=1, force=True, **kwargs)


def _matriks(tahun: int) -> dict[tuple[str, str], str]:
    """The matrix rows in force on 31 December of the year, as the data migration stored them."""
    mulai = (
        MatriksPredikat.objects.filter(berlaku_mulai__year__lte=tahun)
        .order_by("-berlaku_mulai")
        .values_list("berlaku_mulai", flat=True)
        .first()
    )
    return {
        (m.rating_hasil_kerja, m.rating_perilaku_kerja): m.predikat
        for m in MatriksPredikat.objects.filter(berlaku_mulai=mulai)
    }


def _foreign_keys() -> set[tuple[str, str]]:
    tables = [
        m._meta.db_table for m in (SKP, HasilKerja, Indikator, PerilakuKerja, Penilaian, PenilaianPotensial)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        return set(cursor.fetchall())


def _counts() -> Counter:
    return Counter(
        Penilaian.objects.values_list("periode_kinerja__tahun", "periode", "status", "predikat")
    ) + Counter(SKP.objects.values_list("status", flat=True))


@pytest.mark.django_db
def test_demo_ratings_plans_logins_and_talent_grid(pada_tanggal_uji):
    keys = _foreign_keys()
    _seed()
    assert _foreign_keys() == keys  # the load drops them for speed and adds them back
    models = (SKP, HasilKerja, Indikator, PerilakuKerja, Penilaian, PenilaianPotensial)
    assert len(keys) == sum(f.is_relation for m in models for f in m._meta.concrete_fields)

    lalu, kini = PeriodeKinerja.objects.get(tahun=2025), PeriodeKinerja.objects.get(tahun=2026)
    assert (lalu.status, kini.status) == ("ditutup", "dibuka")
    # The year before last: annual ratings only, so a KGB is judged on two finalised years.
    assert PeriodeKinerja.objects.get(tahun=2024).status == "ditutup"
    assert (lalu.jenis_evaluasi, kini.jenis_evaluasi) == ("triwulanan", "triwulanan")
    periods = set(Penilaian.objects.values_list("periode_kinerja__tahun", "periode", "status"))
    assert periods == {
        (2024, "tahunan", "final"),
        (2025, "tahunan", "final"),
        (2026, "triwulan-1", "final"),
        (2026, "triwulan-2", "final"),
        (2026, "triwulan-3", "diterima"),
    }
    assert set(PenutupanPeriode.objects.values_list("periode_kinerja__tahun", "periode", "status")) == {
        (2024, "tahunan", "selesai"),
        (2025, "tahunan", "selesai"),
        (2026, "triwulan-1", "selesai"),
        (2026, "triwulan-2", "selesai"),
    }

    # Every predikat is the matrix cell of its two ratings; the matrix is the regulation's.
    for tahun in (2024, 2025, 2026):
        matriks = _matriks(tahun)
        assert matriks[(ATAS, ATAS)] == "sangat baik"
        assert matriks[(SESUAI, SESUAI)] == "baik"
        assert matriks[(BAWAH, SESUAI)] == "butuh perbaikan"
        assert matriks[(SESUAI, BAWAH)] == "kurang"
        rows = Penilaian.objects.filter(periode_kinerja__tahun=tahun).values_list(
            "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"
        )
        assert rows
        assert [r for r in rows if matriks[(r[0], r[1])] != r[2]] == []

    # Last year: about 95% of the active employees, mostly Baik, some Sangat Baik, a few below.
    aktif = Pegawai.objects.filter(aktif=True).count()
    tahunan = Counter(
        Penilaian.objects.filter(periode_kinerja=lalu, periode="tahunan").values_list("predikat", flat=True)
    )
    assert 0.9 * aktif <= sum(tahunan.values()) < aktif
    assert tahunan.most_common(1)[0][0] == "baik"
    assert tahunan["sangat baik"] > 0.1 * sum(tahunan.values())
    assert tahunan["butuh perbaikan"] + tahunan["kurang"] > 0
    quarterly = Penilaian.objects.filter(periode_kinerja=kini)
    assert not quarterly.exclude(skp__status="disetujui").exists()
    # Rated by their atasan, except the demo employee whose move (SK mutasi) has taken effect: their ratings
    # were given by the atasan of the post they left.
    pindah = PegawaiSKMutasi.objects.filter(status=PegawaiSKMutasi.Status.BERLAKU).values("pegawai_id")
    assert pindah.count() == 1
    assert not (
        Penilaian.objects.exclude(pegawai_id__in=pindah)
        .exclude(pejabat_penilai_id=F("pegawai__atasan_id"))
        .exists()
    )

    # Every SKP: at least one utama row with an indicator, and the 7 BerAKHLAK rows.
    # The moved employee has the SKP that ended the day before the TMT and a new draft with the new atasan.
    dipindah = SKP.objects.filter(periode=kini, pegawai_id__in=pindah)
    assert sorted((s.status, s.tanggal_selesai is None) for s in dipindah) == [
        ("disetujui", False),
        ("draft", True),
    ]
    skps = SKP.objects.filter(periode=kini).exclude(pegawai_id__in=pindah)
    assert skps.count() == 598  # everyone but the Sekretaris Daerah (no atasan) and the moved employee
    utama_berindikator = Indikator.objects.filter(hasil_kerja__skp=OuterRef("pk"), hasil_kerja__jenis="utama")
    assert list(skps.filter(~Exists(utama_berindikator))) == []
    assert not HasilKerja.objects.filter(indikator__isnull=True).exists()
    assert set(Counter(PerilakuKerja.objects.values_list("skp_id", flat=True)).values()) == {7}
    assert set(skps.values_list("status", flat=True)) == {"disetujui", "diajukan", "draft"}

    # The "pegawai" login has a draft with rows and can submit it; the "atasan" login has approvals to do.
    pegawai_user, atasan_user = User.objects.get(username="pegawai"), User.objects.get(username="atasan")
    draf = SKP.objects.get(periode=kini, pegawai__user=pegawai_user)
    assert draf.status == "draft"
    assert draf.pejabat_penilai.user == atasan_user
    assert draf.hasil_kerja.filter(jenis="utama", mendukung__skp__pegawai__user=atasan_user).exists()
    services.skp_submit(actor=pegawai_user, skp=draf)
    diajukan = SKP.objects.filter(periode=kini, pejabat_penilai__user=atasan_user, status="diajukan")
    assert diajukan.exclude(pk=draf.pk).count() >= 2
    services.skp_approve(actor=atasan_user, skp=diajukan.exclude(pk=draf.pk).first())

    # Last year's 9-box: the latest valid potential score × the annual predikat fills every box.
    akhir = dt.date(2025, 12, 31)
    ambang = AmbangTalenta.objects.filter(berlaku_mulai__lte=akhir).order_by("-berlaku_mulai").first()
    predikat = dict(
        Penilaian.objects.filter(periode_kinerja=lalu, periode="tahunan").values_list(
            "pegawai_id", "predikat"
        )
    )
    skor = dict(
        PenilaianPotensial.objects.filter(tanggal__lte=akhir, berlaku_sampai__gte=akhir)
        .order_by("pegawai_id", "-tanggal")
        .distinct("pegawai_id")
        .values_list("pegawai_id", "skor")
    )
    assert 0.5 * aktif <= len(skor) <= 0.7 * aktif
    isi = Counter()
    for pid, nilai in skor.items():
        if pid in predikat:
            potensial = (
                "tinggi"
                if nilai >= ambang.batas_tinggi
                else "menengah"
                if nilai >= ambang.batas_menengah
                else "rendah"
            )
            isi[(SUMBU_KINERJA[predikat[pid]], potensial)] += 1
    kotak = set(KotakTalenta.objects.values_list("kinerja", "potensial"))
    assert len(kotak) == 9
    assert {k for k in kotak if isi[k] == 0} == set()


@pytest.mark.django_db
def test_same_seed_same_predikat_and_reset_clears_kinerja_first(pada_tanggal_uji):
    _seed()
    first = _counts()
    _seed(reset=True)  # kinerja rows point at people and logins with PROTECT; reset removes them first
    assert _counts() == first
    assert PeriodeKinerja.objects.count() == 3
