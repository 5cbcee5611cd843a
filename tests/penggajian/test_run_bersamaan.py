"""Two officers start the same pay month at the same moment (two real PostgreSQL sessions): the second
gets a message naming who started it, not a server error, and there is one run."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from penggajian import services
from penggajian.models import RunGaji


def _menunggu_kunci() -> int:
    """Sessions of this test database blocked on a lock (the second insert waiting for the first)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_officers_starting_the_same_month_at_once(petugas, users):
    pertama_menyisipkan, lepaskan = threading.Event(), threading.Event()
    hasil: dict[str, object] = {}

    def pertama() -> None:
        try:
            with transaction.atomic():
                hasil["pertama"] = services.run_hitung(
                    actor=petugas["pembuat"], jenis="induk", tahun=2026, bulan=11, antrikan=False
                )
                pertama_menyisipkan.set()
                lepaskan.wait(30)  # still uncommitted while the second officer starts
        except Exception as exc:  # reported by the assertion below
            hasil["pertama"] = exc
        finally:
            pertama_menyisipkan.set()
            connection.close()

    def kedua() -> None:
        try:
            hasil["kedua"] = services.run_hitung(
                actor=petugas["verifikator"], jenis="induk", tahun=2026, bulan=11, antrikan=False
            )
        except Exception as exc:  # the assertion below says which
            hasil["kedua"] = exc
        finally:
            connection.close()

    a = threading.Thread(target=pertama)
    a.start()
    assert pertama_menyisipkan.wait(30)
    b = threading.Thread(target=kedua)
    b.start()
    batas = time.monotonic() + 30
    while _menunggu_kunci() == 0 and time.monotonic() < batas:  # the second insert waits for the first
        time.sleep(0.05)
    assert _menunggu_kunci() == 1
    lepaskan.set()
    a.join(30)
    b.join(30)

    assert isinstance(hasil["pertama"], RunGaji), hasil["pertama"]
    kedua_ = hasil["kedua"]
    assert isinstance(kedua_, ValidationError), repr(kedua_)
    nama = petugas["pembuat"].get_full_name() or petugas["pembuat"].username
    assert kedua_.messages == [
        f"Gaji induk November 2026 baru saja dimulai oleh petugas lain ({nama}): buka run itu dari daftar run gaji."
    ]
    run = RunGaji.objects.get()
    assert run.dihitung_oleh == petugas["pembuat"]
    assert run.history.count() == 1  # the second attempt left nothing behind

    # On the page the second officer reads the same as any refusal: the month already runs.
    client = Client()
    client.force_login(petugas["verifikator"])
    page = client.post(
        reverse("penggajian:run_list"), {"jenis": "induk", "bulan": "2026-11"}
    ).content.decode()
    assert "Gaji induk November 2026 sedang dihitung." in page
