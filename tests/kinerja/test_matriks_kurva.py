"""The predikat matrix and the distribution curve, with expectations written from PermenPANRB 6/2022."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.models import MatriksPredikat, Predikat, Rating
from kinerja.selectors import kurva_check, predikat_for

TAHUN_2026 = dt.date(2026, 12, 31)
ATAS, SESUAI, BAWAH = "di atas ekspektasi", "sesuai ekspektasi", "di bawah ekspektasi"

# PermenPANRB 6/2022 Lampiran: rating hasil kerja (rows) × rating perilaku kerja (columns).
MATRIKS_REGULASI = [
    (ATAS, ATAS, "sangat baik"),
    (ATAS, SESUAI, "baik"),
    (ATAS, BAWAH, "kurang"),
    (SESUAI, ATAS, "baik"),
    (SESUAI, SESUAI, "baik"),
    (SESUAI, BAWAH, "kurang"),
    (BAWAH, ATAS, "butuh perbaikan"),
    (BAWAH, SESUAI, "butuh perbaikan"),
    (BAWAH, BAWAH, "sangat kurang"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("hasil_kerja", "perilaku", "expected"), MATRIKS_REGULASI)
def test_every_cell_of_the_matrix(hasil_kerja, perilaku, expected):
    assert (
        predikat_for(rating_hasil_kerja=hasil_kerja, rating_perilaku_kerja=perilaku, tanggal=TAHUN_2026)
        == expected
    )


@pytest.mark.django_db
@given(hasil_kerja=st.sampled_from(Rating.values), perilaku=st.sampled_from(Rating.values))
def test_matrix_is_total_and_yields_a_known_predikat(hasil_kerja, perilaku):
    predikat = predikat_for(
        rating_hasil_kerja=hasil_kerja, rating_perilaku_kerja=perilaku, tanggal=TAHUN_2026
    )
    assert predikat in Predikat.values


@pytest.mark.django_db
def test_matrix_is_data_a_newer_version_takes_effect_from_its_date():
    MatriksPredikat.objects.create(
        berlaku_mulai=dt.date(2027, 1, 1),
        dasar_hukum="Peraturan uji 2027",
        rating_hasil_kerja=ATAS,
        rating_perilaku_kerja=BAWAH,
        predikat="butuh perbaikan",
    )
    assert predikat_for(rating_hasil_kerja=ATAS, rating_perilaku_kerja=BAWAH, tanggal=TAHUN_2026) == "kurang"
    # The 2027 version only holds that one cell: any other combination is a data error, not a guess.
    assert (
        predikat_for(rating_hasil_kerja=ATAS, rating_perilaku_kerja=BAWAH, tanggal=dt.date(2027, 12, 31))
        == "butuh perbaikan"
    )
    with pytest.raises(LookupError, match="tidak memuat kombinasi"):
        predikat_for(rating_hasil_kerja=ATAS, rating_perilaku_kerja=ATAS, tanggal=dt.date(2027, 12, 31))


def _gagal(hasil):
    return [h.pesan for h in hasil if not h.terpenuhi]


@pytest.mark.django_db
def test_istimewa_unit_allows_at_most_70_percent_sangat_baik():
    ok = kurva_check(
        Counter({"sangat baik": 7, "baik": 3}), predikat_organisasi="istimewa", tanggal=TAHUN_2026
    )
    assert _gagal(ok) == []
    over = kurva_check(
        Counter({"sangat baik": 8, "baik": 2}), predikat_organisasi="istimewa", tanggal=TAHUN_2026
    )
    assert _gagal(over) == ["Sangat Baik: 8 dari 10 pegawai (80 %), ketentuan maksimal 70 %"]


@pytest.mark.django_db
def test_baik_unit_needs_someone_butuh_perbaikan_or_kurang():
    semua_baik = kurva_check(
        Counter({"baik": 6, "sangat baik": 4}), predikat_organisasi="baik", tanggal=TAHUN_2026
    )
    assert _gagal(semua_baik) == [
        "Butuh Perbaikan atau Kurang/Misconduct: 0 dari 10 pegawai (0 %), ketentuan minimal 1 orang"
    ]
    ada = kurva_check(
        Counter({"baik": 6, "sangat baik": 3, "kurang": 1}), predikat_organisasi="baik", tanggal=TAHUN_2026
    )
    assert _gagal(ada) == []


@pytest.mark.django_db
def test_sangat_kurang_unit_allows_no_sangat_baik():
    hasil = kurva_check(
        Counter({"sangat kurang": 6, "kurang": 3, "sangat baik": 1}),
        predikat_organisasi="sangat kurang",
        tanggal=TAHUN_2026,
    )
    assert _gagal(hasil) == ["Sangat Baik: 1 dari 10 pegawai (10 %), ketentuan maksimal 0 %"]


@pytest.mark.django_db
@given(sangat_baik=st.integers(0, 40), lainnya=st.integers(0, 40))
def test_istimewa_bound_holds_exactly_when_sangat_baik_is_at_most_70_percent(sangat_baik, lainnya):
    total = sangat_baik + lainnya
    hasil = kurva_check(
        Counter({"sangat baik": sangat_baik, "baik": lainnya}),
        predikat_organisasi="istimewa",
        tanggal=TAHUN_2026,
    )
    assert len(hasil) == 1
    assert hasil[0].terpenuhi == (sangat_baik * 100 <= 70 * total)
