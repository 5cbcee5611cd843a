"""THR (gaji ke-14) and gaji ke-13: the components of the year's PP (PP 11/2025 for 2025: gaji pokok,
tunjangan keluarga, pangan, jabatan/umum and at most one month of TPP), no iuran, PPh 21 by TER on the
month's salary plus the payment less the salary's PPh, borne by the government. Amounts by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from penggajian import selectors
from penggajian.hitung import AturanTambahanData, hitung_tambahan
from penggajian.models import AturanTambahan, RekapKehadiran, Slip
from tests.penggajian.bantu import hitung, kunci
from tests.penggajian.test_hitung import aturan, kolom, pegawai  # noqa: F401 (fixtures)


def aturan_thr(**kw) -> AturanTambahanData:
    base = {
        "id": 1, "jenis": "thr", "tahun": 2026, "dasar_hukum": "PP 11/2025", "tunjangan_keluarga": True,
        "tunjangan_pangan": True, "tunjangan_jabatan": True, "persen_tpp": Decimal(100),
    }  # fmt: skip
    base.update(kw)
    return AturanTambahanData(**base)


def test_thr_repeats_the_monthly_components_and_one_month_of_tpp(aturan):  # noqa: F811
    m = pegawai(tpp_acuan={"jumlah": 3_660_000, "bulan": "Mei 2026"})
    h = hitung_tambahan(m, aturan, aturan_thr())
    # III/b MKG 10, K/2 (test_hitung): gaji pokok 3.390.500, istri 339.050, anak 2 × 67.810 = 135.620, umum
    # 185.000, beras 4 × 72.420 = 289.680 → 4.339.850; TPP 100 % × 3.660.000. THR 7.999.850.
    # PPh: TER B on salary bruto 4.534.406 + 7.999.850 = 12.534.256 (11.600.001–12.600.000: 3 %) = 376.027,68
    # → 376.027, less the salary's PPh 0; borne by the government (tunjangan = potongan).
    assert kolom(h) == {
        "gaji_pokok": 3_390_500, "tunjangan_suami_istri": 339_050, "tunjangan_anak": 135_620,
        "tunjangan_jabatan": 0, "tunjangan_fungsional": 0, "tunjangan_umum": 185_000, "tunjangan_beras": 289_680,
        "tambahan_tpp": 3_660_000, "tunjangan_pph": 376_027, "jumlah_kotor": 8_375_877, "potongan_pph": 376_027,
        "jumlah_potongan": 376_027, "jumlah_bersih": 7_999_850,
    }  # fmt: skip
    assert (h.bruto_pph, h.pph) == (7_999_850, 376_027)
    tpp = next(b for b in h.rincian if b.kode == "tambahan_tpp")
    assert (
        tpp.penjelasan == "100 % × TPP kotor Mei 2026 Rp3.660.000 (PP 11/2025: paling banyak satu bulan TPP)"
    )
    assert not {"potongan_iwp", "potongan_bpjs", "pembulatan"} & {b.kode for b in h.rincian}


def test_a_rule_without_pangan_and_half_tpp_and_an_employee_without_tpp(aturan):  # noqa: F811
    r = aturan_thr(jenis="gaji13", tunjangan_pangan=False, persen_tpp=Decimal(50))
    h = hitung_tambahan(pegawai(tpp_acuan={"jumlah": 3_660_001, "bulan": "Mei 2026"}), aturan, r)
    # 4.339.850 − beras 289.680 = 4.050.170; TPP 50 % × 3.660.001 = 1.830.000,5 → 1.830.001 (half up).
    assert (int(h.kolom["tunjangan_beras"]), int(h.kolom["tambahan_tpp"]), int(h.bersih)) == (
        0, 1_830_001, 4_050_170 + 1_830_001,
    )  # fmt: skip
    tanpa = hitung_tambahan(pegawai(), aturan, r)
    assert int(tanpa.kolom["tambahan_tpp"]) == 0 and int(tanpa.bersih) == 4_050_170
    info = next(b for b in tanpa.rincian if b.kode == "tambahan_tpp")
    assert (info.jenis, info.penjelasan) == (
        "penghasilan", "Belum ada slip TPP yang dikunci untuk pegawai ini: bagian TPP nihil",
    )  # fmt: skip


@pytest.fixture
def staf(org):
    p = org.staf_b
    p.nama_bank, p.nomor_rekening, p.status_perkawinan = "Bank Sulteng", "0012345678", "belum kawin"
    p.mkg_tahun = 0
    p.save()
    return p


def test_a_thr_run_reads_the_last_locked_tpp_and_is_paid_once_a_year(org, staf, petugas, tmp_path):
    pembuat = petugas["pembuat"]
    with pytest.raises(ValidationError, match="Belum ada aturan THR \\(gaji ke-14\\) tahun 2026"):
        hitung(pembuat, 11, "thr")
    AturanTambahan.objects.create(jenis="thr", tahun=2026, dasar_hukum="PP THR 2026 (uji)", persen_tpp=100)
    RekapKehadiran.objects.create(pegawai=staf, tahun=2026, bulan=10, hari_kerja=21)
    tpp_okt = kunci(petugas, hitung(pembuat, 10, "tpp"), catatan="Pegawai lain tanpa rekening")
    bruto_okt = Slip.objects.get(run=tpp_okt, pegawai=staf).kolom["tpp_bruto"]
    # Example Perkada, kelas jabatan 5: pagu Rp2.750.000. No predikat yet: the kinerja part pays 0 %
    # (persen_tanpa_predikat); disiplin 40 % × 2.750.000 × 100 % (21 working days, no deductions).
    assert bruto_okt == 1_100_000

    run = hitung(pembuat, 11, "thr")
    assert (run.status, run.aturan_tambahan.tahun) == ("dihitung", 2026)
    slip = Slip.objects.get(run=run, pegawai=staf)
    # III/a MKG 0, TK/0: 2.785.700 + umum 185.000 + beras 72.420 + TPP of October.
    assert slip.kolom["tambahan_tpp"] == bruto_okt
    assert slip.jumlah_bersih == Decimal(2_785_700 + 185_000 + 72_420 + bruto_okt)
    assert slip.masukan["tpp_acuan"] == {"jumlah": bruto_okt, "bulan": "Oktober 2026"}
    assert slip.masukan["aturan"]["aturan_tambahan"] == run.aturan_tambahan_id

    with pytest.raises(ValidationError, match="sudah dibuat untuk November 2026: dibayar sekali setahun"):
        hitung(pembuat, 12, "thr")

    berkas = tmp_path / "thr.xlsx"
    call_command("export_gaji", "2026-11", str(berkas), "--jenis", "thr")
    ws = load_workbook(berkas).active
    header = [c.value for c in ws[1]]
    assert header[:6] == ["nip", "nama", "kode_unit", "golongan", "gaji_pokok", "tunjangan_suami_istri"]
    assert "tambahan_tpp" in header and header[-2:] == ["nama_bank", "nomor_rekening"]
    baris = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == staf.nip)
    assert baris[header.index("jumlah_bersih")] == int(slip.jumlah_bersih)

    # Once paid, the December PPh counts the THR as salary income (no IWP, no month of salary).
    kunci(petugas, run, catatan="Pegawai lain tanpa rekening")
    slip_tpp = Slip.objects.get(run=tpp_okt, pegawai=staf)
    assert selectors.penghasilan_setahun([staf.pk], 2026)[staf.pk] == {
        "bulan": 0, "bruto_gaji": int(slip.bruto_pph), "bruto_tpp": int(slip_tpp.bruto_pph), "iuran": 0,
        "pph_gaji": slip.kolom["potongan_pph"], "pph_tpp": slip_tpp.kolom["potongan_pph"],
        # A THR run is no month of salary: every month lacks gaji induk; October has TPP.
        "impor": {"induk": [], "tpp": []},
        "tanpa_data": {"induk": list(range(1, 12)), "tpp": [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]},
    }  # fmt: skip
    assert slip.bruto_pph == slip.jumlah_bersih


def test_thr_pages_and_pdf(org, staf, petugas, client):
    AturanTambahan.objects.create(
        jenis="gaji13", tahun=2026, dasar_hukum="PP gaji 13 2026 (uji)", persen_tpp=100
    )
    run = kunci(petugas, hitung(petugas["pembuat"], 6, "gaji13"), catatan="Pegawai lain tanpa rekening")
    slip = Slip.objects.get(run=run, pegawai=staf)
    client.force_login(petugas["pembuat"])
    for url in (
        reverse("penggajian:run_detail", args=[run.pk]),
        reverse("penggajian:run_slip_list", args=[run.pk]),
        reverse("penggajian:slip_detail", args=[slip.pk]),
        reverse("penggajian:register_xlsx", args=[run.pk]),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("penggajian:slip_detail", args=[slip.pk])).content.decode()
    assert "Gaji ke-13 Juni 2026" in page and "Belum ada slip TPP yang dikunci" in page
    pdf = client.get(reverse("penggajian:slip_pdf", args=[slip.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_rule_page(users, client_as):
    url = reverse("penggajian:aturan_tambahan")
    assert client_as("pegawai").get(url).status_code == 403
    page = client_as("pimpinan").get(url).content.decode()
    assert page.count('data-testid="aturan-tambahan"') == 4 and "PP 11/2025" in page
    assert client_as("pimpinan").post(url, {"jenis": "thr", "tahun": 2026}).status_code == 403
    admin = client_as("admin_bkd")
    data = {
        "jenis": "gaji13", "tahun": 2026, "dasar_hukum": "PP gaji ketiga belas 2026", "tunjangan_keluarga": "on",
        "tunjangan_jabatan": "on", "persen_tpp": "50",
    }  # fmt: skip
    assert admin.post(url, data).status_code == 302
    a = AturanTambahan.objects.get(jenis="gaji13", tahun=2026)
    assert (a.tunjangan_pangan, a.persen_tpp, a.history.first().history_change_reason) == (
        False, Decimal(50), "Ditambahkan",
    )  # fmt: skip
    page = admin.post(url, data).content.decode()
    assert "Aturan Gaji ke-13 tahun 2026 sudah ada." in page
    page = admin.post(url, {**data, "tahun": 2027, "persen_tpp": "120"}).content.decode()
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 100." in page
    assert not AturanTambahan.objects.filter(tahun=2027).exists()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_rule_page_query_count_does_not_grow_with_rows(users, client_as):
    url = reverse("penggajian:aturan_tambahan")
    client = client_as("admin_bkd")
    AturanTambahan.objects.filter(tahun=2024).delete()  # 2025 leaves 2 rows; +1 → 3
    AturanTambahan.objects.create(jenis="thr", tahun=2026, dasar_hukum="PP 2026 (uji)")
    assert AturanTambahan.objects.count() == 3
    tiga = _queries(client, url)
    for tahun in range(2027, 2034):
        AturanTambahan.objects.create(jenis="thr", tahun=tahun, dasar_hukum=f"PP {tahun} (uji)")
    assert AturanTambahan.objects.count() == 10
    assert _queries(client, url) == tiga
