"""The document-number register (issue 13 point 9): gap-free and duplicate-free under concurrent issuing
on real PostgreSQL sessions, a rollback leaves no gap, a cancelled number is kept and never reused, the
format renders as configured and every year starts at 1."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from core import penomoran
from core.models import JenisNomor, NomorDokumen, RegisterNomor
from tests.factories import UserFactory

TANGGAL = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def jenis_bawaan(request):
    """The kinds migration 0003 seeds come back after a transactional test's flush."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    penomoran.seed_jenis_bawaan()


@pytest.fixture
def petugas(db):
    return UserFactory(username="petugas_sk")


def _menunggu_kunci() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


# --- format ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "urut", "tanggal", "hasil"),
    [
        ("800/{urut}/BKPSDM/{tahun}", 123, dt.date(2026, 3, 16), "800/123/BKPSDM/2026"),
        (
            "800.1.6.1/{urut:03d}/BKPSDM/{bulan_romawi}/{tahun}",
            7,
            dt.date(2026, 11, 2),
            "800.1.6.1/007/BKPSDM/XI/2026",
        ),
        ("{tahun}.{bulan}/{urut:04d}", 42, dt.date(2027, 1, 31), "2027.01/0042"),
    ],
)
def test_format_rendering(fmt, urut, tanggal, hasil):
    assert penomoran.format_errors(fmt) == []
    assert penomoran.render_nomor(fmt, urut=urut, tanggal=tanggal) == hasil


@pytest.mark.parametrize(
    ("fmt", "pesan"),
    [
        ("800/BKPSDM/{tahun}", "Format nomor wajib memuat {urut}."),
        ("800/{urut}/BKPSDM", "Format nomor wajib memuat {tahun}."),
        ("800/{urut}/{kode_opd}/{tahun}", "Format nomor memuat {kode_opd} yang tidak dikenal"),
        ("800/{urut/{tahun}", "tanda kurung kurawal harus berpasangan"),
    ],
)
def test_bad_format_is_named(fmt, pesan):
    errors = penomoran.format_errors(fmt)
    assert any(pesan in e for e in errors), errors


def test_format_change_by_superuser_only_and_audited(petugas):
    jenis = JenisNomor.objects.get(kode="sk_mutasi")
    jenis.format = "821.2/{urut}/BKPSDM/{tahun}"
    with pytest.raises(PermissionDenied):
        penomoran.jenis_nomor_save(actor=petugas, jenis=jenis)
    root = UserFactory(username="root_nomor", is_superuser=True, is_staff=True)
    jenis.format = "821.2/{urut}"
    with pytest.raises(ValidationError) as exc:
        penomoran.jenis_nomor_save(actor=root, jenis=jenis)
    assert exc.value.message_dict["format"] == ["Format nomor wajib memuat {tahun}."]
    jenis.format = "821.2/{urut}/BKPSDM/{tahun}"
    penomoran.jenis_nomor_save(actor=root, jenis=jenis, alasan="Klasifikasi arsip baru")
    nomor = penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas, sumber="uji")
    assert nomor.nomor == "821.2/1/BKPSDM/2026"
    terakhir = jenis.history.latest()
    assert (terakhir.history_user, terakhir.history_change_reason) == (root, "Klasifikasi arsip baru")


# --- issuing -----------------------------------------------------------------------------------------


def test_numbers_run_per_kind_and_year_and_restart_at_1(petugas):
    terbit = [
        penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=dt.date(2026, 12, 30), actor=petugas),
        penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=dt.date(2026, 12, 31), actor=petugas),
        penomoran.terbitkan_nomor(jenis="spmt", tanggal=dt.date(2026, 12, 31), actor=petugas),
        penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=dt.date(2027, 1, 2), actor=petugas),
    ]
    assert [n.nomor for n in terbit] == [
        "800/1/BKPSDM/2026",
        "800/2/BKPSDM/2026",
        "800/1/SPMT/BKPSDM/2026",
        "800/1/BKPSDM/2027",
    ]
    assert terbit[0].diterbitkan_oleh == petugas
    assert terbit[0].history.latest().history_user == petugas
    assert RegisterNomor.objects.get(jenis__kode="sk_mutasi", tahun=2026).nomor_terakhir == 2


def test_rollback_leaves_no_gap(petugas):
    penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas)
    with pytest.raises(RuntimeError), transaction.atomic():
        penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas)
        raise RuntimeError("the SK failed to save")
    berikut = penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas)
    assert berikut.urut == 2
    assert list(NomorDokumen.objects.order_by("urut").values_list("urut", flat=True)) == [1, 2]


def test_cancelled_number_is_kept_and_never_reused(petugas):
    pertama = penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas, sumber="SK A")
    with pytest.raises(ValidationError) as exc:
        penomoran.batalkan_nomor(pertama, actor=petugas, alasan=" ")
    assert exc.value.message_dict == {"alasan_batal": ["Alasan pembatalan nomor wajib diisi."]}
    with pytest.raises(ValidationError) as exc:
        penomoran.batalkan_nomor(pertama, actor=petugas, alasan="x" * 501)
    assert exc.value.message_dict == {
        "alasan_batal": ["Alasan pembatalan paling panjang 500 karakter (sekarang 501)."]
    }
    penomoran.batalkan_nomor(pertama, actor=petugas, alasan="SK salah ketik nama")
    pertama.refresh_from_db()
    assert pertama.dibatalkan and pertama.dibatalkan_oleh == petugas
    assert pertama.alasan_batal == "SK salah ketik nama"
    riwayat = pertama.history.latest()
    assert (riwayat.history_user, riwayat.history_change_reason) == (
        petugas,
        "Dibatalkan: SK salah ketik nama",
    )
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        penomoran.batalkan_nomor(pertama, actor=petugas, alasan="lagi")
    kedua = penomoran.terbitkan_nomor(
        jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas, sumber="SK A (ulang)"
    )
    assert kedua.nomor == "800/2/BKPSDM/2026"
    assert NomorDokumen.objects.count() == 2
    assert penomoran.nomor_get(jenis="sk_mutasi", nomor="800/1/BKPSDM/2026") == pertama


def test_unknown_kind(petugas):
    with pytest.raises(ValidationError, match=r"Jenis nomor dokumen 'sk_entah' tidak dikenal\."):
        penomoran.terbitkan_nomor(jenis="sk_entah", tanggal=TANGGAL, actor=petugas)


# --- concurrency (two real PostgreSQL sessions) ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_second_officer_waits_and_gets_the_next_number():
    """The first officer's transaction holds the register; the second waits on the lock, then gets 2."""
    petugas = UserFactory(username="petugas_a")
    pertama_terbit, lepaskan = threading.Event(), threading.Event()
    hasil: dict[str, object] = {}

    def pertama() -> None:
        try:
            with transaction.atomic():
                hasil["pertama"] = penomoran.terbitkan_nomor(
                    jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas
                )
                pertama_terbit.set()
                lepaskan.wait(30)
        except Exception as exc:  # reported by the assertion below
            hasil["pertama"] = exc
        finally:
            pertama_terbit.set()
            connection.close()

    def kedua() -> None:
        try:
            hasil["kedua"] = penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas)
        except Exception as exc:  # reported by the assertion below
            hasil["kedua"] = exc
        finally:
            connection.close()

    a = threading.Thread(target=pertama)
    a.start()
    assert pertama_terbit.wait(30)
    b = threading.Thread(target=kedua)
    b.start()
    batas = time.monotonic() + 30
    while _menunggu_kunci() == 0 and time.monotonic() < batas:
        time.sleep(0.05)
    assert _menunggu_kunci() == 1  # the second session waits for the first one's lock
    lepaskan.set()
    a.join(30)
    b.join(30)
    assert [hasil["pertama"].nomor, hasil["kedua"].nomor] == ["800/1/BKPSDM/2026", "800/2/BKPSDM/2026"]


@pytest.mark.django_db(transaction=True)
def test_rollback_while_another_waits_leaves_no_gap():
    """The first officer's SK fails after taking number 1; the waiting second officer gets 1, not 2."""
    petugas = UserFactory(username="petugas_b")
    pertama_terbit, lepaskan = threading.Event(), threading.Event()
    hasil: dict[str, object] = {}

    def pertama() -> None:
        try:
            with transaction.atomic():
                penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas)
                pertama_terbit.set()
                lepaskan.wait(30)
                raise RuntimeError("SK gagal disimpan")
        except RuntimeError as exc:
            hasil["pertama"] = exc
        finally:
            pertama_terbit.set()
            connection.close()

    def kedua() -> None:
        try:
            hasil["kedua"] = penomoran.terbitkan_nomor(jenis="sk_mutasi", tanggal=TANGGAL, actor=petugas)
        finally:
            connection.close()

    a = threading.Thread(target=pertama)
    a.start()
    assert pertama_terbit.wait(30)
    b = threading.Thread(target=kedua)
    b.start()
    batas = time.monotonic() + 30
    while _menunggu_kunci() == 0 and time.monotonic() < batas:
        time.sleep(0.05)
    lepaskan.set()
    a.join(30)
    b.join(30)
    assert isinstance(hasil["pertama"], RuntimeError)
    assert hasil["kedua"].nomor == "800/1/BKPSDM/2026"
    assert list(NomorDokumen.objects.values_list("urut", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
def test_many_threads_issuing_at_once_get_consecutive_numbers():
    """Four sessions × five numbers each, a new year's register opened by whoever comes first:
    exactly 1…20, no gap, no duplicate."""
    petugas = UserFactory(username="petugas_c")
    mulai = threading.Barrier(4)
    hasil: list[int] = []
    gagal: list[Exception] = []
    kunci = threading.Lock()

    def kerja() -> None:
        try:
            mulai.wait(30)
            for _ in range(5):
                with transaction.atomic():
                    n = penomoran.terbitkan_nomor(jenis="spmt", tanggal=dt.date(2028, 2, 1), actor=petugas)
                with kunci:
                    hasil.append(n.urut)
        except Exception as exc:  # reported by the assertion below
            gagal.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=kerja) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert gagal == []
    assert sorted(hasil) == list(range(1, 21))
    assert RegisterNomor.objects.get(jenis__kode="spmt", tahun=2028).nomor_terakhir == 20
    assert sorted(NomorDokumen.objects.values_list("urut", flat=True)) == list(range(1, 21))


# --- the admin ---------------------------------------------------------------------------------------


def test_superuser_edits_the_format_in_the_admin_through_the_service(client, petugas):
    from django.urls import reverse

    from akun import roles

    jenis = JenisNomor.objects.get(kode="spmt")
    url = reverse("admin:core_jenisnomor_change", args=[jenis.pk])
    admin_bkd = UserFactory(username="admin_bkd_nomor", is_staff=True, roles=[roles.ADMIN_BKD])
    client.force_login(admin_bkd)
    assert client.get(url).status_code == 403
    root = UserFactory(username="root_admin_nomor", is_superuser=True, is_staff=True)
    client.force_login(root)
    r = client.post(url, {"nama": jenis.nama, "format": "800/{urut}/SPMT"})
    assert r.status_code == 200
    assert "Format nomor wajib memuat {tahun}." in r.content.decode()
    r = client.post(url, {"nama": jenis.nama, "format": "800/{urut:03d}/SPMT/{tahun}"})
    assert r.status_code == 302
    jenis.refresh_from_db()
    assert jenis.format == "800/{urut:03d}/SPMT/{tahun}"
    assert jenis.history.latest().history_user == root
    # The counters and the numbers are read-only in the admin.
    penomoran.terbitkan_nomor(jenis="spmt", tanggal=TANGGAL, actor=petugas)
    nomor = NomorDokumen.objects.get()
    assert nomor.nomor == "800/001/SPMT/2026"
    assert client.get(reverse("admin:core_nomordokumen_change", args=[nomor.pk])).status_code == 200
    r = client.post(
        reverse("admin:core_nomordokumen_change", args=[nomor.pk]), {"nomor": "800/999/SPMT/2026"}
    )
    assert r.status_code == 403
    assert client.get(reverse("admin:core_registernomor_add")).status_code == 403
