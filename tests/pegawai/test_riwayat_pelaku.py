"""History rows written outside a web request name the person who asked: an import from the command line
records the login given with --user; an unknown login stops the command before anything is written."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from pegawai.models import Pegawai

from .test_import import _row, _write_csv


def test_an_import_command_records_the_user_it_was_run_for(org, users, tmp_path):
    path = _write_csv(tmp_path / "pegawai.csv", [_row()])

    call_command("import_pegawai", str(path), "--user", "admin_bkd")

    riwayat = Pegawai.objects.get(nama="Rahmawati").history.get()
    assert (riwayat.history_user, riwayat.history_change_reason) == (
        users["admin_bkd"],
        "Impor berkas pegawai.csv",
    )


def test_an_unknown_user_stops_the_import_before_anything_is_written(org, users, tmp_path):
    path = _write_csv(tmp_path / "pegawai.csv", [_row()])
    with pytest.raises(CommandError, match="Pengguna siapa tidak ditemukan"):
        call_command("import_pegawai", str(path), "--user", "siapa")
    assert not Pegawai.objects.filter(nama="Rahmawati").exists()
