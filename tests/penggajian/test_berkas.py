"""Files per CONTRACT: import_kehadiran (all-or-nothing, codes of the TPP rule in force), export_gaji with
exactly the CONTRACT columns, the register/recap/bank downloads and who may have them."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pegawai.models import Pegawai
from penggajian.models import RekapKehadiran, RunGaji
from tests.penggajian.bantu import hitung, kunci

KOLOM_INDUK = [
    "nip",
    "nama",
    "kode_unit",
    "golongan",
    "mkg_tahun",
    "gaji_pokok",
    "tunjangan_suami_istri",
    "tunjangan_anak",
    "tunjangan_jabatan",
    "tunjangan_fungsional",
    "tunjangan_umum",
    "tunjangan_beras",
    "tunjangan_pph",
    "pembulatan",
    "jumlah_kotor",
    "potongan_iwp",
    "potongan_bpjs",
    "potongan_pph",
    "potongan_lain",
    "jumlah_potongan",
    "jumlah_bersih",
    "nama_bank",
    "nomor_rekening",
]
KOLOM_TPP = [
    "nip",
    "nama",
    "kode_unit",
    "kelas_jabatan",
    "pagu_tpp",
    "persen_kinerja",
    "persen_disiplin",
    "tpp_kinerja",
    "tpp_disiplin",
    "potongan_hukdis",
    "tpp_bruto",
    "potongan_pph",
    "potongan_bpjs",
    "tpp_bersih",
]


def _csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_kehadiran_upserts_and_reports_every_bad_row(bergaji, tmp_path):
    nip = bergaji.staf_a.nip
    good = _csv(
        tmp_path, "k.csv", f"nip,tahun,bulan,hari_kerja,tanpa_keterangan,TL1,APEL\n{nip},2026,11,21,1,2,1\n"
    )
    call_command("import_kehadiran", str(good), "--dry-run")
    assert not RekapKehadiran.objects.exists()
    call_command("import_kehadiran", str(good))
    rekap = RekapKehadiran.objects.get()
    assert (rekap.hari_kerja, rekap.tanpa_keterangan, rekap.jumlah) == (21, 1, {"TL1": 2, "APEL": 1})
    call_command("import_kehadiran", str(good))  # same file again: nothing changes
    assert RekapKehadiran.objects.count() == 1

    bad = _csv(
        tmp_path,
        "bad.csv",
        "nip,tahun,bulan,hari_kerja,tanpa_keterangan,TL1,XYZ\n",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 kesalahan"):
        call_command("import_kehadiran", str(bad), stderr=err)
    assert "baris 1, kolom xyz: kolom tidak dikenal" in err.getvalue()

    bad = _csv(
        tmp_path,
        "bad2.csv",
        "nip,tahun,bulan,hari_kerja,tanpa_keterangan,TL1\n"
        f"{nip},2026,10,21,0,1\n"
        "123,2026,11,21,0,0\n"
        f"{bergaji.staf_b.nip},2026,13,21,0,0\n"
        f"{bergaji.staf_b.nip},2023,5,21,0,0\n"
        f"{bergaji.kabid_a.nip},2026,11,20,25,0\n",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 kesalahan"):
        call_command("import_kehadiran", str(bad), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "baris 3, kolom nip: tidak ada pegawai dengan NIP 123.",
        "baris 4, kolom bulan: harus antara 1 dan 12.",
        "baris 5, kolom bulan: belum ada aturan TPP yang berlaku untuk 05-2023.",
        "baris 6, kolom tanpa_keterangan: 25 hari melebihi hari kerja (20).",
    ]
    assert RekapKehadiran.objects.count() == 1  # the valid October row was not written either


def test_export_gaji_has_the_contract_columns_and_the_slip_amounts(bergaji, petugas, tmp_path):
    RekapKehadiran.objects.bulk_create(
        [RekapKehadiran(pegawai=p, tahun=2026, bulan=11, hari_kerja=21) for p in Pegawai.objects.all()]
    )
    induk = hitung(petugas["pembuat"])
    tpp = hitung(petugas["pembuat"], jenis="tpp")
    call_command("export_gaji", "2026-11", str(tmp_path / "g.csv"))
    call_command("export_gaji", "2026-11", str(tmp_path / "t.csv"), "--jenis", "tpp")
    with open(tmp_path / "g.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == KOLOM_INDUK
    assert len(rows) == induk.jumlah_slip == 4
    assert sum(int(r["jumlah_bersih"]) for r in rows) == int(induk.jumlah_bersih)
    staf = next(r for r in rows if r["nip"] == bergaji.staf_b.nip)
    # III/a MKG 0, single, pelaksana: PP 5/2024 2.785.700; umum III 185.000; beras 72.420; see test_penyesuaian.
    assert (staf["gaji_pokok"], staf["tunjangan_umum"], staf["jumlah_bersih"]) == (
        "2785700",
        "185000",
        "2790600",
    )
    with open(tmp_path / "t.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == KOLOM_TPP
    assert sum(int(r["tpp_bersih"]) for r in rows) == int(tpp.jumlah_bersih)
    with pytest.raises(CommandError, match="belum dihitung"):
        call_command("export_gaji", "2025-01", str(tmp_path / "x.csv"))


def test_downloads_are_for_admin_and_pimpinan_and_the_bank_file_waits_for_approval(
    bergaji,
    users,
    petugas,
    client,
):
    run = hitung(petugas["pembuat"])
    for role in ("pegawai", "operator_opd"):
        client.force_login(users[role])
        assert client.get(reverse("penggajian:register_xlsx", args=[run.pk])).status_code == 404
    client.force_login(users["pimpinan"])
    xlsx = client.get(reverse("penggajian:register_xlsx", args=[run.pk]))
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("penggajian:rekap_opd_xlsx", args=[run.pk])).content[:2] == b"PK"
    refused = client.get(reverse("penggajian:bank_csv", args=[run.pk]), follow=True).content.decode()
    assert "Berkas bank hanya untuk run yang sudah disetujui" in refused
    run = kunci(petugas, run)
    bank = client.get(reverse("penggajian:bank_csv", args=[run.pk])).content.decode().splitlines()
    assert bank[0] == "nomor_rekening,nama,nama_bank,jumlah,keterangan"
    assert len(bank) == 1 + 4
    assert all(line.endswith("Gaji induk November 2026") for line in bank[1:])
    assert RunGaji.objects.get().status == "dikunci"


def test_the_register_from_the_browser_reads_as_a_report_with_totals_per_opd(bergaji, users, petugas, client):
    from django.db.models import Sum
    from openpyxl import load_workbook

    from penggajian.models import Slip

    run = hitung(petugas["pembuat"])
    client.force_login(users["pimpinan"])
    response = client.get(reverse("penggajian:register_xlsx", args=[run.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][0] == "DAFTAR GAJI INDUK BULAN NOVEMBER 2026"
    assert rows[1][0] == "Pemerintah Kota Palu"
    assert rows[2][0].startswith("Status run: Dihitung · 4 pegawai")
    header = rows[4]
    assert header[:6] == ["No.", "NIP", "Nama", "Kode unit", "Gol.", "MKG (tahun)"]
    assert "Gaji pokok" in header and "Jumlah bersih" in header and "Nomor rekening" in header
    assert not any(h in header for h in ("gaji_pokok", "jumlah_bersih", "nomor_rekening"))
    bersih = header.index("Jumlah bersih")
    # OPD B (Dinas Kesehatan) sorts before OPD A (Dinas Pendidikan): a heading, its employees, its total.
    judul_opd = [r[1] for r in rows[5:] if r[1] and r[0] is None and r[1].startswith("Dinas")]
    assert judul_opd == ["Dinas Kesehatan", "Dinas Pendidikan"]
    per_opd = {
        r["opd__nama"]: int(r["n"])
        for r in Slip.objects.filter(run=run).values("opd__nama").annotate(n=Sum("jumlah_bersih"))
    }
    jumlah = {r[2]: r[bersih] for r in rows if r[2] and str(r[2]).startswith(("Jumlah ", "JUMLAH"))}
    assert jumlah == {
        "Jumlah Dinas Kesehatan": per_opd["Dinas Kesehatan"],
        "Jumlah Dinas Pendidikan": per_opd["Dinas Pendidikan"],
        "JUMLAH SELURUHNYA": int(run.jumlah_bersih),
    }
    assert sum(per_opd.values()) == int(run.jumlah_bersih)
    pegawai = [r for r in sheet.iter_rows(min_row=6) if isinstance(r[0].value, int)]
    assert [r[0].value for r in pegawai] == [1, 2, 3, 4]
    staf_b = next(r for r in pegawai if r[1].value == bergaji.staf_b.nip)
    assert staf_b[1].data_type == "s"  # the NIP stays text (no 1.99E+17)
    assert staf_b[bersih].number_format == "#,##0"
    assert staf_b[bersih].value == int(Slip.objects.get(run=run, pegawai=bergaji.staf_b).jumlah_bersih)
