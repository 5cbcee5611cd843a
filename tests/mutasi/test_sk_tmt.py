"""A decreed move takes effect on its TMT (issue 13 point 10): the beat task applies every issued SK row
whose TMT has come, idempotently, through pegawai.services_perpindahan; at once after issuing when the
TMT has passed; on a real worker; attributed to the SK's issuer outside any request."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from mutasi.models import PegawaiSKMutasi, UsulanMutasi
from mutasi.services import sk as services_sk
from mutasi.tasks import mutasi_apply_due_task
from pegawai.models import Pegawai, RiwayatJabatan
from pegawai.selectors import jabatan_pada

from .conftest import HARI_INI, buat_usulan
from .test_sk import setujui, terbitkan

TMT_LALU = dt.date(2026, 11, 1)


@pytest.fixture
def usulan_tmt_lalu(org, users, sidang, jabatan_tujuan) -> UsulanMutasi:
    return setujui(
        users, buat_usulan(users["operator_opd"], org.staf_a, jabatan_tujuan, tmt_rencana=TMT_LALU), sidang
    )


def test_tmt_belum_tiba_tidak_diterapkan(users, org, usulan_disetujui, time_machine):
    terbitkan(users, [usulan_disetujui])
    assert services_sk.mutasi_apply_due() == {"diterapkan": 0, "gagal": 0}
    org.staf_a.refresh_from_db()
    assert org.staf_a.jabatan.nama == "Pengelola Data Pendidikan"
    # On the TMT (the beat task runs that night) it takes effect.
    time_machine.move_to(dt.datetime(2027, 1, 1, 0, 15, tzinfo=ZoneInfo("Asia/Makassar")))
    assert services_sk.mutasi_apply_due() == {"diterapkan": 1, "gagal": 0}
    org.staf_a.refresh_from_db()
    assert org.staf_a.jabatan.nama == "Analis Data Kesehatan"
    assert org.staf_a.tmt_jabatan == dt.date(2027, 1, 1)


def test_diterapkan_idempoten_dengan_pelaku_penerbit(users, org, usulan_tmt_lalu, jabatan_tujuan):
    sk = terbitkan(users, [usulan_tmt_lalu])
    assert services_sk.mutasi_apply_due() == {"diterapkan": 1, "gagal": 0}
    staf = Pegawai.objects.select_related("jabatan", "unit_kerja").get(pk=org.staf_a.pk)
    assert staf.jabatan == jabatan_tujuan
    assert staf.unit_kerja == org.opd_b
    assert staf.tmt_jabatan == TMT_LALU
    assert staf.history.first().history_user == users["admin_bkd"]
    riwayat = RiwayatJabatan.objects.get(pegawai=staf, tmt=TMT_LALU)
    assert riwayat.nomor_sk == sk.nomor and riwayat.tanggal_sk == HARI_INI
    item = sk.pegawai_list.get()
    assert item.status == PegawaiSKMutasi.Status.BERLAKU
    usulan_tmt_lalu.refresh_from_db()
    assert usulan_tmt_lalu.status == UsulanMutasi.Status.BERLAKU
    assert jabatan_pada(staf, dt.date(2026, 12, 1)) == jabatan_tujuan
    assert jabatan_pada(staf, dt.date(2026, 10, 1)).nama == "Pengelola Data Pendidikan"

    jumlah = (RiwayatJabatan.objects.count(), staf.history.count(), item.history.count())
    assert services_sk.mutasi_apply_due() == {"diterapkan": 0, "gagal": 0}
    staf.refresh_from_db()
    assert (RiwayatJabatan.objects.count(), staf.history.count(), item.history.count()) == jumlah
    # The SK cannot be cancelled any more.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="sudah berlaku"):
        services_sk.sk_mutasi_cancel(actor=users["admin_bkd"], sk=sk, alasan="Terlambat")


def test_profil_menampilkan_jabatan_baru(client_as, users, org, usulan_tmt_lalu):
    terbitkan(users, [usulan_tmt_lalu])
    services_sk.mutasi_apply_due()
    html = client_as("admin_bkd").get(reverse("pegawai:detail", args=[org.staf_a.nip])).content.decode()
    assert "Analis Data Kesehatan" in html


def test_tmt_lewat_diterapkan_segera_setelah_terbit(
    users, org, usulan_tmt_lalu, monkeypatch, django_capture_on_commit_callbacks
):
    dikirim = []
    monkeypatch.setattr(mutasi_apply_due_task, "delay", lambda: dikirim.append(mutasi_apply_due_task()))
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan(users, [usulan_tmt_lalu])
    assert dikirim == [{"diterapkan": 1, "gagal": 0}]
    org.staf_a.refresh_from_db()
    assert org.staf_a.jabatan.nama == "Analis Data Kesehatan"


@pytest.mark.django_db(transaction=True)
def test_worker_menerapkan_mutasi(org, users, jabatan_tujuan):
    from celery.contrib.testing.worker import start_worker

    from asn_portal.celery import app
    from mutasi import services

    sidang = services.sidang_tpk_create(actor=users["admin_bkd"], tanggal=HARI_INI, tempat="Ruang rapat")
    usulan = setujui(
        users, buat_usulan(users["operator_opd"], org.staf_a, jabatan_tujuan, tmt_rencana=TMT_LALU), sidang
    )
    sk = terbitkan(users, [usulan])  # on_commit queues the task; the worker below picks it up
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        mutasi_apply_due_task.delay()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if PegawaiSKMutasi.objects.filter(sk=sk, status="berlaku").exists():
                break
            time.sleep(0.2)
    staf = Pegawai.objects.get(pk=org.staf_a.pk)
    assert staf.jabatan_id == jabatan_tujuan.pk
    assert RiwayatJabatan.objects.filter(pegawai=staf, nomor_sk=sk.nomor).count() == 1
    assert staf.history.first().history_user_id == users["admin_bkd"].pk
