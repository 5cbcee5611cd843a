"""The pay run service: who may do what, maker ≠ checker also in the database, one slip per run and
employee, locked runs protected below the application, one transition for two simultaneous approvals,
notifications only after commit, and a query count that does not depend on headcount."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.utils import InternalError
from django.test.utils import CaptureQueriesContext

from penggajian import services
from penggajian.models import RunGaji, Slip
from tests.factories import PegawaiFactory, UserFactory
from tests.penggajian.bantu import hitung, kunci


@pytest.mark.parametrize(
    ("role", "boleh"),
    [
        ("admin_bkd", True),
        ("pimpinan", False),
        ("operator_opd", False),
        ("atasan", False),
        ("pegawai", False),
    ],
)
def test_who_may_compute(bergaji, users, role, boleh):
    if boleh:
        run = services.run_hitung(actor=users[role], jenis="induk", tahun=2026, bulan=11, antrikan=False)
        run.refresh_from_db()
        assert (run.status, run.dihitung_oleh, run.jumlah_slip) == ("antri", users[role], 0)
        riwayat = run.history.first()
        assert (riwayat.history_change_reason, riwayat.history_user) == ("Dihitung", users[role])
    else:
        with pytest.raises(PermissionDenied):
            services.run_hitung(actor=users[role], jenis="induk", tahun=2026, bulan=11, antrikan=False)


def test_who_may_verify_approve_and_lock(bergaji, users, petugas):
    run = hitung(petugas["pembuat"])
    for role in ("operator_opd", "atasan", "pegawai", "pimpinan"):
        with pytest.raises(PermissionDenied):
            services.run_verifikasi(actor=users[role], run=run)
    with pytest.raises(ValidationError, match="yang menghitung tidak boleh memverifikasi"):
        services.run_verifikasi(actor=petugas["pembuat"], run=run)
    run = services.run_verifikasi(actor=petugas["verifikator"], run=run)
    for role in ("operator_opd", "atasan", "pegawai"):
        with pytest.raises(PermissionDenied):
            services.run_setujui(actor=users[role], run=run)
    for orang in ("pembuat", "verifikator"):
        with pytest.raises(ValidationError, match="tidak boleh menyetujui"):
            services.run_setujui(actor=petugas[orang], run=run)
    with pytest.raises(ValidationError, match="berstatus Diverifikasi tidak dapat diubah menjadi Dikunci"):
        services.run_kunci(actor=petugas["pembuat"], run=run)
    run = services.run_setujui(actor=petugas["pimpinan"], run=run)
    with pytest.raises(PermissionDenied):
        services.run_kunci(actor=users["pimpinan"], run=run)
    run = services.run_kunci(actor=petugas["pembuat"], run=run)
    assert run.status == "dikunci"
    assert [h.history_change_reason for h in run.history.order_by("history_date")][-4:] == [
        "Selesai dihitung: 4 slip, 0 gagal", "Diverifikasi", "Disetujui", "Dikunci",
    ]  # fmt: skip


def test_the_database_refuses_the_maker_as_checker(bergaji, petugas):
    run = hitung(petugas["pembuat"])
    with pytest.raises(IntegrityError), transaction.atomic():
        RunGaji.objects.filter(pk=run.pk).update(diverifikasi_oleh=petugas["pembuat"])
    with pytest.raises(IntegrityError), transaction.atomic():
        RunGaji.objects.filter(pk=run.pk).update(disetujui_oleh=petugas["pembuat"])


def test_one_slip_per_run_and_employee(bergaji, petugas):
    run = hitung(petugas["pembuat"])
    slip = Slip.objects.filter(run=run).first()
    slip.pk = None
    slip.kode_verifikasi = "lain"
    with pytest.raises(IntegrityError), transaction.atomic():
        slip.save()


def test_a_locked_run_cannot_change_even_by_raw_sql(bergaji, petugas):
    run = kunci(petugas, hitung(petugas["pembuat"]))
    statements = [
        ("UPDATE penggajian_slip SET jumlah_bersih = 1 WHERE run_id = %s", [run.pk]),
        ("DELETE FROM penggajian_slip WHERE run_id = %s", [run.pk]),
        ("UPDATE penggajian_rungaji SET status = 'dihitung' WHERE id = %s", [run.pk]),
        ("DELETE FROM penggajian_rungaji WHERE id = %s", [run.pk]),
        (
            "INSERT INTO penggajian_slip (run_id, pegawai_id, opd_id, nip, nama, kode_unit, nama_unit, golongan, "
            "jabatan, nama_bank, nomor_rekening, kolom, rincian, masukan, jumlah_kotor, jumlah_potongan, "
            "jumlah_bersih, kode_verifikasi, dihitung) SELECT run_id, pegawai_id, opd_id, nip, nama, kode_unit, "
            "nama_unit, golongan, jabatan, nama_bank, nomor_rekening, kolom, rincian, masukan, jumlah_kotor, "
            "jumlah_potongan, jumlah_bersih, 'x' || id, dihitung FROM penggajian_slip WHERE run_id = %s LIMIT 1",
            [run.pk],
        ),
    ]
    for sql, params in statements:
        with (
            pytest.raises((IntegrityError, InternalError), match="dikunci"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, params)
    with pytest.raises(ValidationError, match="Gaji induk November 2026 sudah dikunci"):
        services.run_hitung(actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11, antrikan=False)
    assert Slip.objects.filter(run=run).count() == 4


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_make_one_transition(bergaji, petugas):
    run = services.run_verifikasi(actor=petugas["verifikator"], run=hitung(petugas["pembuat"]))
    kedua = UserFactory(username="pimpinan2", roles=["Pimpinan"])
    hasil, mulai = [], threading.Barrier(2)

    def setujui(user):
        mulai.wait()
        try:
            services.run_setujui(actor=user, run=RunGaji.objects.get(pk=run.pk))
            hasil.append("ok")
        except ValidationError as exc:
            hasil.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=setujui, args=(u,)) for u in (petugas["pimpinan"], kedua)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(hasil)[1:] == ["ok"] and sorted(hasil)[0] == (
        "Run gaji berstatus Disetujui tidak dapat diubah menjadi Disetujui."
    )
    run.refresh_from_db()
    assert run.status == "disetujui"
    assert run.history.filter(history_change_reason="Disetujui").count() == 1


def test_slip_notifications_go_out_only_after_commit(
    bergaji, users, petugas, django_capture_on_commit_callbacks
):
    bergaji.staf_a.user.email = "staf.a@palukota.go.id"
    bergaji.staf_a.user.save()
    run = services.run_setujui(
        actor=petugas["pimpinan"],
        run=services.run_verifikasi(actor=petugas["verifikator"], run=hitung(petugas["pembuat"])),
    )
    with (
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        transaction.atomic(),
    ):
        services.run_kunci(actor=petugas["pembuat"], run=run)
        raise RuntimeError("batal")
    assert callbacks == [] and mail.outbox == []
    run.refresh_from_db()
    assert run.status == "disetujui"
    with django_capture_on_commit_callbacks() as callbacks:
        services.run_kunci(actor=petugas["pembuat"], run=run)
    assert len(callbacks) == 1 and mail.outbox == []  # queued for after the commit, not sent inside it
    assert services.notifikasi_slip(run.pk) == 1
    assert mail.outbox[0].to == ["staf.a@palukota.go.id"]
    assert mail.outbox[0].subject == "Slip Gaji induk November 2026 tersedia"


def test_computing_costs_the_same_queries_for_3_and_10_employees(bergaji, petugas):
    def queries(bulan):
        run = services.run_hitung(
            actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=bulan, antrikan=False
        )
        with CaptureQueriesContext(connection) as ctx:
            run = services.run_execute(run.pk)
        return run, len(ctx.captured_queries)

    for i in range(3):
        PegawaiFactory(
            jabatan=bergaji.staf_a.jabatan, nama=f"Baru {i}", nama_bank="BRI", nomor_rekening=f"5{i}"
        )
    kecil, n_kecil = queries(9)
    for i in range(3, 10):
        PegawaiFactory(
            jabatan=bergaji.staf_a.jabatan, nama=f"Baru {i}", nama_bank="BRI", nomor_rekening=f"5{i}"
        )
    besar, n_besar = queries(10)
    assert (kecil.jumlah_slip, besar.jumlah_slip) == (7, 14)
    assert n_kecil == n_besar
