"""import_penghasilan_setahun (CONTRACT) and the December PPh 21 of a mid-year start: the months paid before
the system was used are imported, and the annual tax (PP 58/2023 Pasal 3, PMK 168/2023 Pasal 17 and its
Lampiran) takes them with the locked runs of the system. Worked by hand: PTKP TK/0 54.000.000; biaya
jabatan 5 % of bruto, at most 500.000 a month worked (6.000.000 a year); the employee's pension
contributions deducted; PKP rounded down to a thousand; Pasal 17 (UU 7/2021 HPP) 5 % up to 60.000.000,
15 % up to 250.000.000, 25 % up to 500.000.000, 30 % up to 5.000.000.000, 35 % above."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from penggajian import selectors
from penggajian.impor_penghasilan import COLUMNS
from penggajian.models import PenghasilanLuarSistem, RekapKehadiran, Slip
from tests.csvfile import tulis_csv
from tests.penggajian.bantu import hitung, kunci

CATATAN = "Pegawai lain tanpa rekening"


@pytest.fixture
def staf(org):
    """staf_b, III/a MKG 0, unmarried (TK/0), the only employee with a bank account (the others fail)."""
    p = org.staf_b
    p.nama_bank, p.nomor_rekening, p.status_perkawinan = "Bank Sulteng", "0012345678", "belum kawin"
    p.mkg_tahun = 0
    p.save()
    return p


def _csv(path, rows):
    return tulis_csv(path, COLUMNS, rows)


def _sebelum_juli(nip):
    """Moved in from another region in July: January–June paid there, 20.000.000 salary (pension
    contribution 400.000, PPh 600.000 withheld) and 5.000.000 TPP (PPh 800.000) a month."""
    rows = []
    for bulan in range(1, 7):
        rows.append({"nip": nip, "tahun": "2026", "bulan": str(bulan), "jenis": "induk", "bruto": "20000000",
                     "iuran_pensiun": "400000", "pph21": "600000"})  # fmt: skip
        rows.append({"nip": nip, "tahun": "2026", "bulan": str(bulan), "jenis": "tpp", "bruto": "5000000",
                     "pph21": "800000"})  # fmt: skip
    return rows


def test_a_mid_year_start_takes_the_imported_months_into_the_december_tax(staf, petugas, tmp_path, client):
    call_command("import_penghasilan_setahun", str(_csv(tmp_path / "p.csv", _sebelum_juli(staf.nip))))
    assert PenghasilanLuarSistem.objects.filter(pegawai=staf).count() == 12
    for bulan in range(7, 13):
        RekapKehadiran.objects.create(pegawai=staf, tahun=2026, bulan=bulan, hari_kerja=21)
    for bulan in range(7, 12):
        kunci(petugas, hitung(petugas["pembuat"], bulan), catatan=CATATAN)
        kunci(petugas, hitung(petugas["pembuat"], bulan, "tpp"), catatan=CATATAN)
    desember = hitung(petugas["pembuat"], 12)
    slip = Slip.objects.get(run=desember, pegawai=staf)
    # In the system every month: PPh bruto 3.188.691 and IWP 222.856 (test_pph_desember), no TER tax.
    assert slip.masukan["setahun"] == {
        "bulan": 11, "bruto_gaji": 6 * 20_000_000 + 5 * 3_188_691, "bruto_tpp": 6 * 5_000_000 + 5 * 1_144_000,
        "iuran": 6 * 400_000 + 5 * 222_856, "pph_gaji": 6 * 600_000, "pph_tpp": 6 * 800_000,
        "impor": {"induk": [1, 2, 3, 4, 5, 6], "tpp": [1, 2, 3, 4, 5, 6]},
        "tanpa_data": {"induk": [], "tpp": []},
    }  # fmt: skip
    # Salary, twelve months: bruto 120.000.000 + 6 × 3.188.691 = 139.132.146; biaya jabatan 5 % =
    # 6.956.607,30 → capped at 12 × 500.000 = 6.000.000; iuran 2.400.000 + 6 × 222.856 = 3.737.136;
    # neto 129.395.010; − PTKP TK/0 54.000.000 = 75.395.010 → PKP 75.395.000; 5 % × 60.000.000 +
    # 15 % × 15.395.000 = 3.000.000 + 2.309.250 = 5.309.250. December: 5.309.250 − 3.600.000 withheld in
    # January–June = 1.709.250, borne by the government (tunjangan PPh = potongan PPh).
    assert (slip.kolom["tunjangan_pph"], slip.kolom["potongan_pph"]) == (1_709_250, 1_709_250)
    tahunan = next(b for b in slip.rincian if b["kode"] == "pph_setahun")
    assert tahunan["jumlah"] == 5_309_250
    assert tahunan["penjelasan"].startswith(
        "Bruto setahun Rp139.132.146 (12 bulan) − biaya jabatan Rp6.000.000 − iuran pensiun/THT Rp3.737.136 "
        "= neto Rp129.395.010; − PTKP TK/0 Rp54.000.000 = PKP Rp75.395.000"
    )
    assert tahunan["penjelasan"].endswith(
        "; bulan Januari–November tanpa run terkunci: gaji induk Januari–Juni dari data impor penghasilan "
        "sebelum sistem dipakai"
    )

    # TPP: 40 % × pagu 2.750.000 (kelas 5) × 100 % discipline = 1.100.000 (no predikat: the kinerja part
    # is 0 %); BPJS 1 % = 11.000, the employer's 4 % = 44.000 is PPh income: 1.144.000 a month, no TER tax.
    # Salary + TPP: bruto 139.132.146 + 30.000.000 + 6 × 1.144.000 = 175.996.146; biaya jabatan 6.000.000;
    # iuran 3.737.136; neto 166.259.010; − 54.000.000 = 112.259.010 → PKP 112.259.000; 3.000.000 +
    # 15 % × 52.259.000 = 10.838.850. On TPP: 10.838.850 − 5.309.250 (salary) − 4.800.000 withheld on TPP
    # in January–June = 729.600.
    tpp = Slip.objects.get(run=hitung(petugas["pembuat"], 12, "tpp"), pegawai=staf)
    assert (tpp.kolom["tpp_bruto"], tpp.kolom["potongan_bpjs"], tpp.kolom["potongan_pph"]) == (
        1_100_000, 11_000, 729_600,
    )  # fmt: skip
    assert tpp.kolom["tpp_bersih"] == 1_100_000 - 11_000 - 729_600
    tahunan = next(b for b in tpp.rincian if b["kode"] == "pph_setahun")
    assert tahunan["jumlah"] == 10_838_850
    assert "gaji induk Januari–Juni dari data impor" in tahunan["penjelasan"]
    assert tahunan["penjelasan"].endswith(
        "TPP Januari–Juni dari data impor penghasilan sebelum sistem dipakai"
    )

    # The December run page lists each month without a locked run, per kind, and what it uses.
    client.force_login(petugas["pembuat"])
    page = client.get(reverse("penggajian:run_detail", args=[tpp.run_id])).content.decode()
    assert "bulan Januari–November tanpa run terkunci: 12" in page
    assert page.count("Data impor penghasilan: 1 pegawai") == 12
    assert "Juli 2026" not in page.split('data-testid="bulan-tanpa-kunci"')[1].split("</details>")[0]
    page = client.get(reverse("penggajian:run_detail", args=[desember.pk])).content.decode()
    assert "bulan Januari–November tanpa run terkunci: 6" in page


def test_months_with_neither_a_locked_run_nor_an_import_are_named(staf, petugas, client):
    kunci(petugas, hitung(petugas["pembuat"], 10), catatan=CATATAN)
    november = hitung(petugas["pembuat"], 11)  # computed, not locked
    desember = hitung(petugas["pembuat"], 12)
    tahunan = next(
        b for b in Slip.objects.get(run=desember, pegawai=staf).rincian if b["kode"] == "pph_setahun"
    )
    assert tahunan["penjelasan"].endswith(
        "; bulan Januari–November tanpa run terkunci: gaji induk Januari–September, November tanpa penghasilan "
        "tercatat (dihitung nol)"
    )
    client.force_login(petugas["pembuat"])
    page = client.get(reverse("penggajian:run_detail", args=[desember.pk])).content.decode()
    assert "bulan Januari–November tanpa run terkunci: 10" in page
    assert page.count("Tidak ada data: dihitung nol") == 10
    url = reverse("penggajian:run_detail", args=[november.pk])
    assert f'<a href="{url}">Dihitung</a>, belum dikunci: tidak ikut dihitung' in page


def test_a_locked_month_is_refused_and_its_slip_wins_over_an_earlier_import(staf, petugas, tmp_path, capsys):
    juli = {
        "nip": staf.nip,
        "tahun": "2026",
        "bulan": "7",
        "jenis": "induk",
        "bruto": "9000000",
        "pph21": "0",
    }
    agustus = {**juli, "bulan": "8"}
    call_command("import_penghasilan_setahun", str(_csv(tmp_path / "a.csv", [agustus])))
    kunci(petugas, hitung(petugas["pembuat"], 7), catatan=CATATAN)
    kunci(petugas, hitung(petugas["pembuat"], 8), catatan=CATATAN)
    with pytest.raises(CommandError):
        call_command(
            "import_penghasilan_setahun", str(_csv(tmp_path / "b.csv", [juli, {**juli, "jenis": "tpp"}]))
        )
    assert capsys.readouterr().err.splitlines() == [
        "baris 2, kolom bulan: run Gaji induk Juli 2026 sudah dikunci di sistem: penghasilan bulan itu diambil "
        "dari run tersebut, tidak diimpor."
    ]
    assert PenghasilanLuarSistem.objects.filter(bulan=7).count() == 0
    # August was imported before its run was locked: the locked slip counts, the import does not.
    setahun = selectors.penghasilan_setahun([staf.pk], 2026)[staf.pk]
    assert (setahun["bulan"], setahun["bruto_gaji"], setahun["impor"]["induk"]) == (2, 2 * 3_188_691, [])


def test_every_bad_row_is_reported_and_nothing_is_written(staf, users, client_as, tmp_path, settings, capsys):
    base = {
        "nip": staf.nip,
        "tahun": "2026",
        "bulan": "3",
        "jenis": "induk",
        "bruto": "5000000",
        "pph21": "0",
    }
    rows = [
        base,  # row 2 valid
        {**base, "nip": "199901012020011999"},  # 3 unknown NIP
        {**base, "bulan": "12", "jenis": "gaji13"},  # 4 December and an unknown kind
        {**base, "bulan": "4", "bruto": "5.000.000", "pph21": ""},  # 5 dots in money, PPh missing
        {**base, "bulan": "5", "iuran_pensiun": "6000000", "pph21": "5000001"},  # 6 above bruto
        {**base, "bulan": "4", "jenis": "tpp", "iuran_pensiun": "1000"},  # 7 no pension contribution on TPP
        base,  # 8 duplicate of 2
    ]
    path = _csv(tmp_path / "p.csv", rows)
    with pytest.raises(CommandError, match="9 kesalahan; tidak ada data yang disimpan"):
        call_command("import_penghasilan_setahun", str(path))
    assert capsys.readouterr().err.splitlines() == [
        "baris 3, kolom nip: tidak ada pegawai dengan NIP 199901012020011999.",
        "baris 4, kolom bulan: Desember tidak diimpor: PPh 21 setahunnya dihitung oleh run Desember.",
        "baris 4, kolom jenis: nilai 'gaji13' tidak dikenal; gunakan salah satu: induk, tpp.",
        "baris 5, kolom bruto: '5.000.000' bukan jumlah rupiah; tulis angka bulat tanpa titik, koma atau Rp.",
        "baris 5, kolom pph21: wajib diisi.",
        "baris 6, kolom iuran_pensiun: melebihi bruto bulan itu.",
        "baris 6, kolom pph21: melebihi bruto bulan itu.",
        "baris 7, kolom iuran_pensiun: iuran pensiun dipotong dari gaji induk, bukan TPP; kosongkan atau isi 0.",
        f"baris 8, kolom nip: NIP {staf.nip} induk bulan 03-2026 sudah ada di baris 2.",
    ]
    assert not PenghasilanLuarSistem.objects.exists()
    call_command("import_penghasilan_setahun", str(_csv(tmp_path / "ok.csv", [base])), "--dry-run")
    assert not PenghasilanLuarSistem.objects.exists()

    # The browser upload (the /impor/ registry): the same errors, then preview → confirm; upsert.
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_as("admin_bkd")
    assert "Penghasilan sebelum sistem dipakai" in client.get("/impor/").content.decode()
    with path.open("rb") as fh:
        page = client.post("/impor/penghasilan-setahun/", {"berkas": fh}).content.decode()
    assert "baris 5, kolom pph21: wajib diisi." in page and "Konfirmasi impor" not in page
    with _csv(tmp_path / "ok.csv", [base, {**base, "bulan": "4"}]).open("rb") as fh:
        response = client.post("/impor/penghasilan-setahun/", {"berkas": fh})
    response = client.post("/impor/penghasilan-setahun/konfirmasi/", {"token": response.context["token"]})
    assert response.status_code == 302
    maret = PenghasilanLuarSistem.objects.get(bulan=3)
    assert (int(maret.bruto), int(maret.iuran_pensiun), int(maret.pph21)) == (5_000_000, 0, 0)
    assert maret.history.get().history_user == users["admin_bkd"]
    call_command(
        "import_penghasilan_setahun", str(_csv(tmp_path / "u.csv", [{**base, "pph21": "25000"}])),
        "--user", "admin_bkd",
    )  # fmt: skip
    assert "1 baris valid: 0 baru, 1 diperbarui, 0 tidak berubah" in capsys.readouterr().out
    maret.refresh_from_db()
    assert int(maret.pph21) == 25_000 and PenghasilanLuarSistem.objects.count() == 2
