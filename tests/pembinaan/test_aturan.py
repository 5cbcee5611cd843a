"""The JP rule worked by hand (reference §2.3: out of the box one JP per full 45 minutes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from pembinaan.aturan import JPTidakDapatDihitung, batasi_per_tahun, hitung_jp

MULAI = dt.date(2026, 5, 4)


def aturan(basis: str, nilai) -> SimpleNamespace:
    return SimpleNamespace(basis=basis, nilai=Decimal(nilai))


def jp(a, *, tertera=None, menit=None, selesai=MULAI, sesi=None) -> Decimal:
    return hitung_jp(
        a,
        jp_tertera=tertera,
        durasi_menit=menit,
        tanggal_mulai=MULAI,
        tanggal_selesai=selesai,
        jumlah_sesi=sesi,
    )


@pytest.mark.parametrize(
    ("menit", "harapan"),
    [(200, 4), (44, 0), (45, 1), (89, 1), (90, 2), (0, 0), (1440, 32)],
)
def test_per_menit_satu_jp_per_45_menit_penuh(menit, harapan):
    # 200 min = 4 × 45 (180) + 20 → 4 JP; 44 min is not a full 45 → 0; 1440 = 32 × 45.
    assert jp(aturan("menit", 45), menit=menit) == Decimal(harapan)


def test_per_menit_60_menit_per_jp():
    # A region that sets 60 minutes: 200 min → 3 JP.
    assert jp(aturan("menit", 60), menit=200) == Decimal(3)


def test_jp_tertera_dipakai_bila_ada():
    assert jp(aturan("menit", 45), tertera=Decimal("32"), menit=44) == Decimal(32)
    assert jp(aturan("hari", 8), tertera=Decimal("2.5"), selesai=MULAI + dt.timedelta(days=2)) == Decimal(
        "2.50"
    )


def test_per_hari_tiga_hari():
    # 4–6 May: 3 days (both ends counted) × 8 JP = 24 JP.
    assert jp(aturan("hari", 8), selesai=dt.date(2026, 5, 6)) == Decimal(24)


def test_per_sesi_dan_tetap():
    assert jp(aturan("sesi", 2), sesi=5) == Decimal(10)
    assert jp(aturan("sesi", 2)) == Decimal(2)  # no session count: one session
    assert jp(aturan("tetap", "3.5")) == Decimal("3.50")


def test_sertifikat_tanpa_jp_ditolak():
    with pytest.raises(JPTidakDapatDihitung) as exc:
        jp(aturan("sertifikat", 0), menit=120)
    assert exc.value.field == "jp"


def test_per_menit_tanpa_durasi_ditolak():
    with pytest.raises(JPTidakDapatDihitung) as exc:
        jp(aturan("menit", 45))
    assert exc.value.field == "durasi_menit"


def test_batas_per_tahun():
    assert batasi_per_tahun(Decimal(30), Decimal(20)) == Decimal(20)
    assert batasi_per_tahun(Decimal(12), Decimal(20)) == Decimal(12)
    assert batasi_per_tahun(Decimal(30), None) == Decimal(30)
