"""import_hukuman_disiplin (CONTRACT): upsert by (nip, tmt, jenis), all-or-nothing, history with the actor,
shown on the employee profile. The TPP cut it feeds is tested in tests/penggajian/test_hukdis_tpp.py."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from pegawai.impor.hukuman_disiplin import COLUMNS
from pegawai.models import RiwayatHukumanDisiplin
from tests.csvfile import tulis_csv

SEDANG = "Pemotongan tunjangan kinerja 25% selama 6 bulan"


def _csv(path, rows):
    return tulis_csv(path, COLUMNS, rows)


def _rows(org):
    return [
        {"nip": org.staf_a.nip, "tingkat": "sedang", "jenis": SEDANG, "nomor_sk": "800.1.6/12/BKPSDM/2026",
         "tmt": "2026-06-01", "tanggal_selesai": "2026-11-30"},
        {"nip": org.staf_b.nip, "tingkat": "Ringan", "jenis": "Teguran tertulis", "tmt": "15/03/2026"},
    ]  # fmt: skip


def test_import_round_trip_upserts_by_nip_tmt_jenis_with_the_actor(org, users, tmp_path, capsys):
    path = _csv(tmp_path / "hukdis.csv", _rows(org))
    call_command("import_hukuman_disiplin", str(path), "--user", "admin_bkd")
    assert "2 baris valid: 2 baru, 0 diperbarui, 0 tidak berubah" in capsys.readouterr().out
    sedang = RiwayatHukumanDisiplin.objects.get(pegawai=org.staf_a)
    assert (sedang.tingkat, sedang.jenis, sedang.nomor_sk, sedang.tmt, sedang.tanggal_selesai) == (
        "sedang", SEDANG, "800.1.6/12/BKPSDM/2026", dt.date(2026, 6, 1), dt.date(2026, 11, 30),
    )  # fmt: skip
    ringan = RiwayatHukumanDisiplin.objects.get(pegawai=org.staf_b)
    assert (ringan.tingkat, ringan.tmt, ringan.tanggal_selesai) == ("ringan", dt.date(2026, 3, 15), None)
    h = sedang.history.get()
    assert (h.history_type, h.history_user, h.history_change_reason) == (
        "+", users["admin_bkd"], "Impor berkas hukdis.csv",
    )  # fmt: skip

    # The same file again changes nothing and writes no history.
    call_command("import_hukuman_disiplin", str(path))
    assert "2 baris valid: 0 baru, 0 diperbarui, 2 tidak berubah" in capsys.readouterr().out
    assert RiwayatHukumanDisiplin.history.count() == 2

    # Same (nip, tmt, jenis) with another end date and SK number updates that record; a new TMT is new.
    rows = _rows(org)
    rows[0].update(tanggal_selesai="", nomor_sk="800.1.6/13/BKPSDM/2026")
    rows.append({**rows[1], "tmt": "2026-09-01"})
    call_command("import_hukuman_disiplin", str(_csv(tmp_path / "hukdis.csv", rows)), "--user", "admin_bkd")
    assert "3 baris valid: 1 baru, 1 diperbarui, 1 tidak berubah" in capsys.readouterr().out
    sedang.refresh_from_db()
    assert (sedang.tanggal_selesai, sedang.nomor_sk) == (None, "800.1.6/13/BKPSDM/2026")
    ubah = sedang.history.filter(history_type="~").get()
    assert ubah.history_user == users["admin_bkd"]
    assert RiwayatHukumanDisiplin.objects.count() == 3


def test_every_bad_row_is_reported_and_nothing_is_written(org, tmp_path, capsys):
    rows = [
        _rows(org)[0],  # row 2 valid
        {"nip": "199901012020011999", "tingkat": "sedang", "jenis": "X", "tmt": "2026-01-01"},  # 3 unknown NIP
        {"nip": org.staf_a.nip, "tingkat": "keras", "jenis": "", "tmt": "2026-02-30"},  # 4 three problems
        {"nip": org.staf_b.nip, "tingkat": "berat", "jenis": "Pembebasan dari jabatan", "tmt": "2026-05-01",
         "tanggal_selesai": "2026-04-30"},  # 5 ends before it starts
        {**_rows(org)[0], "jenis": " Pemotongan  tunjangan kinerja 25% selama 6 bulan"},  # 6 duplicate of 2
        {"nip": org.staf_b.nip, "tingkat": "ringan", "jenis": "T" * 201, "tmt": "2026-05-01",
         "nomor_sk": "S" * 101},  # 7 too long
    ]  # fmt: skip
    path = _csv(tmp_path / "hukdis.csv", rows)
    with pytest.raises(CommandError, match="8 kesalahan; tidak ada data yang disimpan"):
        call_command("import_hukuman_disiplin", str(path))
    assert capsys.readouterr().err.splitlines() == [
        "baris 3, kolom nip: tidak ada pegawai dengan NIP 199901012020011999; impor pegawai dulu.",
        "baris 4, kolom jenis: wajib diisi.",
        "baris 4, kolom tingkat: nilai 'keras' tidak dikenal; gunakan salah satu: berat, ringan, sedang.",
        "baris 4, kolom tmt: tanggal '2026-02-30' tidak valid; gunakan YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY.",
        "baris 5, kolom tanggal_selesai: 2026-04-30 sebelum TMT 2026-05-01.",
        f"baris 6, kolom jenis: hukuman '{SEDANG}' NIP {org.staf_a.nip} TMT 2026-06-01 sudah ada di baris 2.",
        "baris 7, kolom jenis: paling panjang 200 karakter.",
        "baris 7, kolom nomor_sk: paling panjang 100 karakter.",
    ]
    assert not RiwayatHukumanDisiplin.objects.exists()
    # A missing required column is reported on the header row.
    with (tmp_path / "kurang.csv").open("w", encoding="utf-8") as fh:
        fh.write(f"nip,jenis,tmt\n{org.staf_a.nip},{SEDANG},2026-06-01\n")
    with pytest.raises(CommandError):
        call_command("import_hukuman_disiplin", str(tmp_path / "kurang.csv"))
    assert "baris 1, kolom tingkat: kolom wajib tidak ada di baris judul." in capsys.readouterr().err
    # --dry-run validates and writes nothing.
    call_command("import_hukuman_disiplin", str(_csv(tmp_path / "ok.csv", _rows(org))), "--dry-run")
    assert "tidak ada yang disimpan" in capsys.readouterr().out
    assert not RiwayatHukumanDisiplin.objects.exists()
    with pytest.raises(CommandError, match="Pengguna tidak_ada tidak ditemukan"):
        call_command("import_hukuman_disiplin", str(tmp_path / "ok.csv"), "--user", "tidak_ada")


def test_the_database_holds_the_key_and_the_dates(org):
    RiwayatHukumanDisiplin.objects.create(
        pegawai=org.staf_a, tingkat="sedang", jenis=SEDANG, tmt=dt.date(2026, 6, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RiwayatHukumanDisiplin.objects.create(
            pegawai=org.staf_a, tingkat="berat", jenis=SEDANG, tmt=dt.date(2026, 6, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RiwayatHukumanDisiplin.objects.create(
            pegawai=org.staf_a, tingkat="sedang", jenis="Lain", tmt=dt.date(2026, 6, 1),
            tanggal_selesai=dt.date(2026, 5, 31),
        )  # fmt: skip


def test_browser_upload_is_all_or_nothing_and_the_profile_shows_it(
    org, users, client_as, tmp_path, settings, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Asia/Makassar")))
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_as("admin_bkd")
    assert "Hukuman disiplin" in client.get("/impor/").content.decode()
    template = client.get("/impor/hukuman-disiplin/templat/")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = _csv(tmp_path / "salah.csv", [_rows(org)[0], {**_rows(org)[1], "tingkat": "x"}])
    with bad.open("rb") as fh:
        page = client.post("/impor/hukuman-disiplin/", {"berkas": fh}).content.decode()
    assert "baris 3, kolom tingkat: nilai &#x27;x&#x27; tidak dikenal" in page
    assert "Konfirmasi impor" not in page
    with _csv(tmp_path / "benar.csv", _rows(org)).open("rb") as fh:
        response = client.post("/impor/hukuman-disiplin/", {"berkas": fh})
    assert "Konfirmasi impor" in response.content.decode()
    assert not RiwayatHukumanDisiplin.objects.exists()
    response = client.post("/impor/hukuman-disiplin/konfirmasi/", {"token": response.context["token"]})
    assert response.status_code == 302
    assert RiwayatHukumanDisiplin.objects.count() == 2
    assert RiwayatHukumanDisiplin.history.filter(history_user=users["admin_bkd"]).count() == 2

    # Profile on 1 December 2026: the Teguran tertulis has no end
    # date, so it is in force; the sedang punishment ended on 30 November.
    page = client.get(f"/pegawai/{org.staf_b.nip}/?tab=jabatan").content.decode()
    assert "Teguran tertulis" in page and "Sampai ada keputusan lain" in page and ">Berlaku<" in page
    riwayat = client.get(f"/pegawai/{org.staf_b.nip}/tab/riwayat/").content.decode()  # loaded on demand
    assert "Hukuman disiplin: Teguran tertulis" in riwayat  # the change history names the import
    page = client.get(f"/pegawai/{org.staf_a.nip}/?tab=jabatan").content.decode()
    assert SEDANG in page and "30 November 2026" in page and ">Berlaku<" not in page
    for role in ("operator_opd", "pimpinan", "pegawai"):
        assert client_as(role).get("/impor/hukuman-disiplin/").status_code == 403
