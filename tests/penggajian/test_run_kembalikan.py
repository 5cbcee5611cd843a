"""Returning a pay run (run_kembalikan, untested until now): from every checked state back to Dihitung with
the reason in the note and in the history (a long one too), the verification and approval cleared, the
slips kept; refused without a reason, for other roles and for a locked run."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from penggajian import services
from penggajian.models import RunGaji, Slip
from tests.penggajian.bantu import hitung, kunci

ALASAN = (
    "Tunjangan keluarga Dewi Lestari belum memakai akta nikah yang diserahkan 3 November 2026; "
    "hitung ulang setelah data keluarga diperbarui oleh Operator OPD Dinas Kesehatan."
)  # 170 characters: longer than the old varchar(100) history column


@pytest.mark.parametrize("sampai", ["dihitung", "diverifikasi", "disetujui"])
def test_a_run_goes_back_to_dihitung_from_every_checked_state(bergaji, petugas, sampai):
    run = hitung(petugas["pembuat"])
    if sampai in ("diverifikasi", "disetujui"):
        run = services.run_verifikasi(actor=petugas["verifikator"], run=run)
    if sampai == "disetujui":
        run = services.run_setujui(actor=petugas["pimpinan"], run=run)
    assert run.status == sampai

    services.run_kembalikan(actor=petugas["pimpinan"], run=run, alasan=f"  {ALASAN}\n")

    run = RunGaji.objects.get(pk=run.pk)
    assert (run.status, run.catatan) == ("dihitung", ALASAN)
    assert (run.diverifikasi_oleh, run.diverifikasi_pada, run.disetujui_oleh, run.disetujui_pada) == (
        None,
        None,
        None,
        None,
    )
    assert run.dihitung_oleh == petugas["pembuat"]
    riwayat = run.history.first()
    assert (riwayat.history_change_reason, riwayat.history_user) == (
        f"Dikembalikan: {ALASAN}",
        petugas["pimpinan"],
    )
    assert Slip.objects.filter(run=run).count() == 4
    # Back in the queue of the checker: a second officer verifies it again.
    assert services.run_verifikasi(actor=petugas["verifikator"], run=run).status == "diverifikasi"


def test_returning_needs_a_reason_an_allowed_role_and_an_unlocked_run(bergaji, users, petugas):
    run = hitung(petugas["pembuat"])
    with pytest.raises(ValidationError, match=r"Alasan pengembalian wajib diisi\."):
        services.run_kembalikan(actor=petugas["pimpinan"], run=run, alasan="   ")
    for role in ("operator_opd", "atasan", "pegawai"):
        with pytest.raises(PermissionDenied):
            services.run_kembalikan(actor=users[role], run=run, alasan=ALASAN)
    run = kunci(petugas, run)
    with pytest.raises(
        ValidationError, match=r"Run gaji berstatus Dikunci tidak dapat diubah menjadi Dihitung\."
    ):
        services.run_kembalikan(actor=petugas["pimpinan"], run=run, alasan=ALASAN)
    run.refresh_from_db()
    assert (run.status, run.history.first().history_change_reason) == ("dikunci", "Dikunci")


def test_the_page_returns_a_verified_run_with_the_reason(bergaji, petugas, client):
    run = services.run_verifikasi(actor=petugas["verifikator"], run=hitung(petugas["pembuat"]))
    client.force_login(petugas["pimpinan"])
    response = client.post(
        reverse("penggajian:run_kembalikan", args=[run.pk]), {"alasan": ALASAN}, follow=True
    )
    assert "Gaji induk November 2026 dikembalikan untuk diperbaiki." in response.content.decode()
    run.refresh_from_db()
    assert (run.status, run.catatan, run.diverifikasi_oleh) == ("dihitung", ALASAN, None)
