"""Properties of the pay calculation over many generated employees (hypothesis): the totals add up, the
net is rounded to Rp100, pay never falls with more service or a higher golongan, TPP never exceeds its
ceiling, a correction plus the original is the recomputed month, and every table cell computes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penggajian import selectors
from penggajian.hitung import (
    KOLOM_INDUK,
    MasukanPegawai,
    hitung_induk,
    hitung_tpp,
    kolom_uang,
    selisih_kolom,
    terapkan_penyesuaian,
)

GOLONGAN_PNS = [f"{r}/{h}" for r in ("I", "II", "III", "IV") for h in "abcd"] + ["IV/e"]
GOLONGAN_PPPK = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
ESELON = ["II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b"]
KODE = ["TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "APEL"]
PREDIKAT = ["sangat baik", "baik", "butuh perbaikan", "kurang", "sangat kurang", None]
CUKUP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def aturan(django_db_blocker):
    with django_db_blocker.unblock():
        from django.apps import apps

        from penggajian.models import TabelGajiPokok
        from penggajian.reference import seed_all

        if not TabelGajiPokok.objects.exists():  # emptied by a transactional test that ran before
            seed_all(lambda name: apps.get_model("penggajian", name))
        gaji = selectors.aturan_gaji_data(selectors.aturan_gaji_model(2026, 11), 2026, 11)
        tpp = selectors.aturan_tpp_data(selectors.aturan_tpp_model(2026, 11))
    return gaji, tpp


JF_DALAM_TABEL = ["Pranata Komputer Ahli Pertama", "Analis Kebijakan Ahli Pertama"]


@st.composite
def pegawai(draw, golongan=None, mkg=None):
    status = draw(st.sampled_from(["PNS", "PNS", "CPNS", "PPPK"]))
    gol = golongan or draw(st.sampled_from(GOLONGAN_PPPK if status == "PPPK" else GOLONGAN_PNS))
    jenis = draw(st.sampled_from(["pelaksana", "fungsional", "administrator", "pengawas", "jpt"]))
    kawin = draw(st.booleans())
    return MasukanPegawai(
        pegawai_id=1, nip="1", nama="Uji", status_kepegawaian=status,
        jenis_kelamin=draw(st.sampled_from("LP")), status_perkawinan="kawin" if kawin else "belum kawin",
        golongan=gol, mkg_tahun=mkg if mkg is not None else draw(st.integers(0, 40)), jenis_jabatan=jenis,
        eselon=draw(st.sampled_from(ESELON)) if jenis in ("administrator", "pengawas", "jpt") else "",
        jenjang="ahli pertama" if jenis == "fungsional" else "",
        # A functional position is always one the allowance table has (a missing one fails the slip).
        nama_jabatan=draw(st.sampled_from(JF_DALAM_TABEL + ([] if jenis == "fungsional" else ["Staf"]))),
        kelas_jabatan=draw(st.integers(1, 17)), pasangan_ditunjang=int(kawin), anak_ditunjang=draw(st.integers(0, 5)),
        nama_bank="Bank", nomor_rekening="1", predikat=draw(st.sampled_from(PREDIKAT)), periode_predikat="",
        rekap={
            "hari_kerja": 21, "tanpa_keterangan": draw(st.integers(0, 10)),
            "jumlah": draw(st.dictionaries(st.sampled_from(KODE), st.integers(0, 20), max_size=4)),
        },
        hukdis=draw(st.sampled_from([None, None, "sedang", "berat"])),
    )  # fmt: skip


@CUKUP
@given(m=pegawai())
def test_totals_add_up_and_the_net_is_rounded(aturan, m):
    gaji, tpp = aturan
    h = hitung_induk(m, gaji)
    k = h.kolom
    penghasilan = sum(k[c] for c in KOLOM_INDUK[: KOLOM_INDUK.index("jumlah_kotor")])
    potongan = k["potongan_iwp"] + k["potongan_bpjs"] + k["potongan_pph"] + k["potongan_lain"]
    assert k["jumlah_kotor"] == penghasilan == h.kotor
    assert k["jumlah_potongan"] == potongan == h.potongan
    assert k["jumlah_bersih"] == h.bersih == h.kotor - h.potongan
    assert k["jumlah_bersih"] % 100 == 0 and 0 <= k["pembulatan"] < 100
    assert k["tunjangan_pph"] == k["potongan_pph"] >= 0
    t = hitung_tpp(m, gaji, tpp)
    assert (
        t.kolom["tpp_bruto"] == t.kolom["tpp_kinerja"] + t.kolom["tpp_disiplin"] - t.kolom["potongan_hukdis"]
    )
    assert t.kolom["tpp_bersih"] == t.bersih == t.kotor - t.potongan
    assert 0 <= t.kolom["tpp_bruto"] <= t.kolom["pagu_tpp"]
    assert t.kolom["potongan_pph"] >= 0 and t.kolom["potongan_bpjs"] >= 0


@CUKUP
@given(m=pegawai(), tambah=st.integers(1, 10))
def test_more_service_never_pays_less(aturan, m, tambah):
    gaji, _tpp = aturan
    lebih = MasukanPegawai(**{**m.snapshot(), "mkg_tahun": m.mkg_tahun + tambah})
    a, b = hitung_induk(m, gaji), hitung_induk(lebih, gaji)
    assert b.kolom["gaji_pokok"] >= a.kolom["gaji_pokok"]
    # Net may move by the Rp100 rounding and by a TER step; gross before tax never falls.
    assert (
        b.kolom["jumlah_kotor"] - b.kolom["tunjangan_pph"]
        >= a.kolom["jumlah_kotor"] - a.kolom["tunjangan_pph"] - 99
    )


@CUKUP
@given(m=pegawai(), data=st.data())
def test_a_higher_golongan_never_pays_less(aturan, m, data):
    gaji, _tpp = aturan
    daftar = GOLONGAN_PPPK if m.is_pppk else GOLONGAN_PNS
    i = data.draw(st.integers(0, len(daftar) - 2))
    rendah = MasukanPegawai(**{**m.snapshot(), "golongan": daftar[i]})
    tinggi = MasukanPegawai(**{**m.snapshot(), "golongan": daftar[i + 1]})
    assert hitung_induk(tinggi, gaji).kolom["gaji_pokok"] >= hitung_induk(rendah, gaji).kolom["gaji_pokok"]


@CUKUP
@given(m=pegawai(), koreksi=pegawai())
def test_original_plus_correction_is_the_recomputed_month(aturan, m, koreksi):
    gaji, tpp = aturan
    for hitung, jenis in (
        (lambda x: hitung_induk(x, gaji), "induk"),
        (lambda x: hitung_tpp(x, gaji, tpp), "tpp"),
    ):
        asal, benar = hitung(m), hitung(koreksi)
        selisih = selisih_kolom(jenis, asal.kolom_json(), benar.kolom_json())
        bulan_ini = hitung(m)
        terapkan_penyesuaian(
            bulan_ini, jenis,
            [("Oktober 2026", selisih, benar.kotor - asal.kotor, benar.potongan - asal.potongan, benar.bersih - asal.bersih, "")],
        )  # fmt: skip
        for k in kolom_uang(jenis):
            assert bulan_ini.kolom[k] == asal.kolom[k] + (benar.kolom[k] - asal.kolom[k]), k
        assert bulan_ini.bersih == asal.bersih + (benar.bersih - asal.bersih)


@pytest.mark.parametrize("golongan", GOLONGAN_PNS + [f"PPPK {g}" for g in GOLONGAN_PPPK])
def test_every_golongan_and_mkg_computes(aturan, golongan):
    gaji, tpp = aturan
    pppk = golongan.startswith("PPPK ")
    for mkg in range(41):
        m = MasukanPegawai(
            pegawai_id=1, nip="1", nama="Uji", status_kepegawaian="PPPK" if pppk else "PNS", jenis_kelamin="L",
            status_perkawinan="kawin", golongan=golongan.removeprefix("PPPK "), mkg_tahun=mkg,
            jenis_jabatan="pelaksana", eselon="", jenjang="", nama_jabatan="Staf", kelas_jabatan=7,
            pasangan_ditunjang=1, anak_ditunjang=2, nama_bank="Bank", nomor_rekening="1", predikat="baik",
            rekap={"hari_kerja": 21, "tanpa_keterangan": 0, "jumlah": {}},
        )  # fmt: skip
        assert hitung_induk(m, gaji).kolom["gaji_pokok"] > Decimal(0)
        assert hitung_tpp(m, gaji, tpp).kolom["tpp_bersih"] > Decimal(0)
