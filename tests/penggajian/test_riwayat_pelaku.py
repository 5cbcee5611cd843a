"""History rows written outside a web request name the person who asked: a pay run computed by the Celery
task and a rapel worked by its task record the Admin BKD who queued them; `calculate_gaji --user` records
that officer, without it the documented system account."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from penggajian import services
from penggajian.management.commands.calculate_gaji import SISTEM
from penggajian.models import RapelGaji, RunGaji
from penggajian.tasks import hitung_run_task, rapel_task
from tests.penggajian.bantu import hitung, kunci


def test_the_run_task_attributes_the_finished_run_to_its_maker(bergaji, petugas):
    run = services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11, antrikan=False)

    assert hitung_run_task(run.pk) == 4  # the task body, as the worker runs it

    selesai = RunGaji.objects.get(pk=run.pk).history.first()
    assert selesai.history_change_reason == "Selesai dihitung: 4 slip, 0 gagal"
    assert selesai.history_user == petugas["pembuat"]


def test_the_rapel_task_attributes_its_steps_to_who_requested_it(bergaji, petugas):
    kunci(petugas, hitung(petugas["pembuat"], bulan=10))
    rapel = services.rapel_minta(
        actor=petugas["verifikator"], jenis="induk", tahun=2026, bulan_mulai=10, bulan_akhir=10, alasan="Uji"
    )

    rapel_task(rapel.pk)

    rapel = RapelGaji.objects.get(pk=rapel.pk)
    assert rapel.status == "selesai"
    riwayat = list(rapel.history.order_by("history_date"))
    assert {h.history_user for h in riwayat} == {petugas["verifikator"]}
    # One row per chunk (month, OPD): OPD A pays three employees, OPD B one; nothing changed since.
    assert [h.history_change_reason for h in riwayat] == [
        "Diminta",
        "Mulai dihitung",
        "Oktober 2026: 3 slip diperiksa, 0 koreksi",
        "Oktober 2026: 1 slip diperiksa, 0 koreksi",
        "Selesai",
    ]


def test_calculate_gaji_records_the_officer_named_by_user_or_the_system_account(bergaji, petugas, users):
    call_command("calculate_gaji", "2026-11", "--jenis", "induk", "--user", "verifikator")
    run = RunGaji.objects.get(jenis="induk", tahun=2026, bulan=11)
    assert run.dihitung_oleh == petugas["verifikator"]
    assert {h.history_user for h in run.history.all()} == {petugas["verifikator"]}

    call_command("calculate_gaji", "2026-10", "--jenis", "induk")
    run = RunGaji.objects.get(jenis="induk", tahun=2026, bulan=10)
    assert {h.history_user.username for h in run.history.all()} == {SISTEM}

    with pytest.raises(CommandError, match="Pengguna tidak-ada tidak ditemukan"):
        call_command("calculate_gaji", "2026-09", "--jenis", "induk", "--user", "tidak-ada")
    with pytest.raises(CommandError, match="pimpinan bukan Admin BKD"):
        call_command("calculate_gaji", "2026-09", "--jenis", "induk", "--user", "pimpinan")
    assert not RunGaji.objects.filter(bulan=9).exists()
