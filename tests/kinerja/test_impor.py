"""import_penilaian / export_penilaian per CONTRACT.md: all-or-nothing, predikat computed, round trip."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

from kinerja.models import Penilaian

from .test_penutupan import _rate, _run

KOLOM = ["nip", "tahun", "periode", "rating_hasil_kerja", "rating_perilaku_kerja"]


def _csv(path, rows, header=KOLOM):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_every_bad_row_is_reported_and_nothing_is_written(org, periode, tmp_path, capsys):
    path = _csv(
        tmp_path / "penilaian.csv",
        [
            [org.staf_a.nip, "2026", "triwulan-1", "Di Atas Ekspektasi", "sesuai ekspektasi"],  # valid
            ["199901012020011999", "2026", "triwulan-1", "sesuai ekspektasi", "sesuai ekspektasi"],
            [org.staf_b.nip, "2025", "tahunan", "sesuai ekspektasi", "sesuai ekspektasi"],
            [org.kabid_a.nip, "2026", "bulan-02", "luar biasa", "sesuai ekspektasi"],
            [org.staf_a.nip, "2026", "triwulan-1", "sesuai ekspektasi", "sesuai ekspektasi"],
        ],
    )
    with pytest.raises(CommandError, match="5 kesalahan; tidak ada data yang disimpan"):
        call_command("import_penilaian", str(path))
    assert capsys.readouterr().err.splitlines() == [
        "baris 3, kolom nip: tidak ada pegawai dengan NIP 199901012020011999.",
        "baris 4, kolom tahun: periode kinerja 2025 belum dibuka.",
        "baris 5, kolom periode: 'bulan-02' bukan periode evaluasi tahun 2026; gunakan: triwulan-1, triwulan-2, "
        "triwulan-3, triwulan-4, tahunan.",
        "baris 5, kolom rating_hasil_kerja: nilai 'luar biasa' tidak dikenal; gunakan salah satu: "
        "di atas ekspektasi, di bawah ekspektasi, sesuai ekspektasi.",
        f"baris 6, kolom nip: NIP {org.staf_a.nip} periode triwulan-1 2026 sudah ada di baris 2.",
    ]
    assert not Penilaian.objects.exists()


def test_predikat_is_computed_never_imported_and_export_import_round_trips(org, users, periode, tmp_path):
    path = _csv(
        tmp_path / "pmm.csv",
        [
            [org.staf_a.nip, "2026", "Tahunan", "DI ATAS EKSPEKTASI", "di bawah ekspektasi", "Sangat Baik"],
            [org.staf_b.nip, "2026", "tahunan", "sesuai ekspektasi", "di atas ekspektasi", "Sangat Baik"],
        ],
        header=[*KOLOM, "predikat"],
    )
    call_command("import_penilaian", str(path))
    hasil = dict(Penilaian.objects.values_list("pegawai__nama", "predikat"))
    assert hasil == {"Andi Pratama": "kurang", "Dewi Lestari": "baik"}  # PermenPANRB 6/2022 matrix
    staf = Penilaian.objects.get(pegawai=org.staf_a)
    assert (staf.sumber, staf.pejabat_penilai, staf.opd) == ("impor", org.kabid_a, org.opd_a)
    assert staf.history.first().history_change_reason == "Impor berkas pmm.csv"

    keluar = tmp_path / "keluar.csv"
    call_command("export_penilaian", "2026", "tahunan", str(keluar))
    with keluar.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "nip",
        "nama",
        "kode_unit",
        "rating_hasil_kerja",
        "rating_perilaku_kerja",
        "predikat",
    ]
    assert {r["nip"]: r["predikat"] for r in rows} == {org.staf_a.nip: "kurang", org.staf_b.nip: "baik"}

    before = sorted(
        Penilaian.objects.values_list("id", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat")
    )
    kembali = _csv(
        tmp_path / "kembali.csv",
        [[r["nip"], "2026", "tahunan", r["rating_hasil_kerja"], r["rating_perilaku_kerja"]] for r in rows],
    )
    call_command("import_penilaian", str(kembali))
    after = sorted(
        Penilaian.objects.values_list("id", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat")
    )
    assert after == before


def test_a_frozen_period_refuses_the_import(skp_disetujui, org, users, periode, tmp_path, capsys):
    _rate(users, skp_disetujui)
    _run(users, periode)
    path = _csv(
        tmp_path / "p.csv", [[org.staf_b.nip, "2026", "triwulan-1", "sesuai ekspektasi", "sesuai ekspektasi"]]
    )
    with pytest.raises(CommandError):
        call_command("import_penilaian", str(path), "--dry-run")
    assert capsys.readouterr().err.strip() == (
        "baris 2, kolom periode: periode triwulan-1 2026 sudah ditutup; penilaian dibekukan."
    )


def test_browser_upload_previews_errors_then_confirms_and_computes_the_predikat(
    client_as, users, org, periode, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_as("admin_bkd")
    assert "Penilaian kinerja" in client.get(reverse("pegawai:impor_index")).content.decode()
    template = client.get(reverse("pegawai:impor_templat", args=["penilaian"]))
    assert template["Content-Disposition"] == 'attachment; filename="templat-impor-penilaian.xlsx"'

    url = reverse("pegawai:impor_unggah", args=["penilaian"])
    bad = _csv(
        tmp_path / "salah.csv", [[org.staf_a.nip, "2026", "triwulan-1", "luar biasa", "sesuai ekspektasi"]]
    )
    page = client.post(url, {"berkas": SimpleUploadedFile("salah.csv", bad.read_bytes())}).content.decode()
    assert "baris 2" in page and "rating_hasil_kerja" in page
    assert not Penilaian.objects.exists()

    good = _csv(
        tmp_path / "nilai.csv",
        [[org.staf_a.nip, "2026", "triwulan-1", "di atas ekspektasi", "di atas ekspektasi"]],
    )
    preview = client.post(url, {"berkas": SimpleUploadedFile("nilai.csv", good.read_bytes())})
    assert not Penilaian.objects.exists()  # the preview writes nothing
    token = preview.context["token"]
    client.post(reverse("pegawai:impor_konfirmasi", args=["penilaian"]), {"token": token})
    # Di Atas × Di Atas = Sangat Baik (PermenPANRB 6/2022), computed, never imported.
    assert Penilaian.objects.get(pegawai=org.staf_a, periode="triwulan-1").predikat == "sangat baik"
    assert client_as("operator_opd").get(url).status_code == 403
