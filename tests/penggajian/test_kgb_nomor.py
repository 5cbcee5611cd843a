"""SK KGB numbers come from the gap-free register of core.penomoran (kind `sk_kgb`, seeded): one by one,
for a whole OPD, a refused decree consumes no number, and two officers issuing at once get consecutive
numbers with no gap and no duplicate (two real PostgreSQL sessions)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from core.models import NomorDokumen
from penggajian import services
from penggajian.models import KenaikanGajiBerkala
from tests.penggajian.test_kgb import TMT_2027, atur, hari_ini, tahunan, tenang  # noqa: F401 (fixtures)


def _layak(*pegawai):
    for p in pegawai:
        atur(p, tmt_golongan=dt.date(2025, 1, 1), mkg=10)
        tahunan(p, 2024, "baik")
        tahunan(p, 2025, "baik")


@pytest.mark.django_db
@pytest.mark.usefixtures("tenang")
def test_nomor_sk_kgb_dari_register(bergaji, users, client):
    staf_a, staf_b = bergaji.staf_a, bergaji.staf_b
    _layak(staf_a, staf_b)
    client.force_login(users["admin_bkd"])
    client.post(reverse("penggajian:kgb_tetapkan", args=[staf_b.pk]), {"nomor_sk": ""})
    kgb = KenaikanGajiBerkala.objects.get(pegawai=staf_b)
    assert (kgb.status, kgb.tmt, kgb.nomor_sk) == ("ditetapkan", TMT_2027, "800/1/KGB/BKPSDM/2026")
    nomor = NomorDokumen.objects.get(nomor="800/1/KGB/BKPSDM/2026")
    assert nomor.register.jenis.kode == "sk_kgb" and nomor.diterbitkan_oleh == users["admin_bkd"]
    # A number the register issued cannot be typed in for another decree.
    with pytest.raises(ValidationError, match="sudah diterbitkan oleh register SK KGB"):
        services.kgb_tetapkan(actor=users["admin_bkd"], pegawai=staf_a, nomor_sk="800/1/KGB/BKPSDM/2026")
    # A whole OPD (staf_a is the only one left due in OPD A): the next number, nothing skipped.
    page = client.post(reverse("penggajian:kgb_tetapkan_opd"), {"opd": bergaji.opd_a.pk}, follow=True)
    assert "1 KGB Dinas Pendidikan ditetapkan, SK 800/2/KGB/BKPSDM/2026" in page.content.decode()
    assert KenaikanGajiBerkala.objects.get(pegawai=staf_a).nomor_sk == "800/2/KGB/BKPSDM/2026"


@pytest.mark.django_db
@pytest.mark.usefixtures("tenang")
def test_kgb_ditolak_tidak_memakai_nomor(bergaji, users):
    staf_b = bergaji.staf_b
    atur(staf_b, tmt_golongan=dt.date(2025, 1, 1), mkg=10)
    tahunan(staf_b, 2024, "baik")
    tahunan(staf_b, 2025, "butuh perbaikan")
    with pytest.raises(ValidationError, match="syarat kinerja belum memenuhi"):
        services.kgb_tetapkan(actor=users["admin_bkd"], pegawai=staf_b)
    assert not NomorDokumen.objects.filter(register__jenis__kode="sk_kgb").exists()


def _menunggu_kunci() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("tenang")
def test_dua_petugas_bersamaan_tanpa_celah_tanpa_ganda(bergaji, users):
    """Officer 1 takes a number for staf_a and holds the transaction; officer 2 (staf_b) waits on the
    register lock; officer 1's decree then fails and rolls back: officer 2 gets number 1. Officer 1 again:
    number 2."""
    staf_a, staf_b = bergaji.staf_a, bergaji.staf_b
    _layak(staf_a, staf_b)
    admin = users["admin_bkd"]
    pertama_terbit, lepaskan = threading.Event(), threading.Event()
    hasil: dict[str, object] = {}

    class Batal(Exception):
        pass

    def pertama() -> None:
        try:
            with transaction.atomic():
                hasil["pertama"] = services.kgb_tetapkan(actor=admin, pegawai=staf_a).nomor_sk
                pertama_terbit.set()
                lepaskan.wait(30)
                raise Batal
        except Batal:
            hasil["pertama_batal"] = True
        except Exception as exc:  # reported by the assertion below
            hasil["pertama"] = exc
        finally:
            pertama_terbit.set()
            connection.close()

    def kedua() -> None:
        try:
            hasil["kedua"] = services.kgb_tetapkan(actor=admin, pegawai=staf_b).nomor_sk
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
    assert _menunggu_kunci() == 1  # officer 2 waits on officer 1's register lock
    lepaskan.set()
    a.join(30)
    b.join(30)
    assert hasil["pertama"] == "800/1/KGB/BKPSDM/2026" and hasil.get("pertama_batal")
    assert hasil["kedua"] == "800/1/KGB/BKPSDM/2026"  # the rolled-back number was never issued
    ulang = services.kgb_tetapkan(actor=admin, pegawai=staf_a)
    assert ulang.nomor_sk == "800/2/KGB/BKPSDM/2026"
    assert sorted(
        NomorDokumen.objects.filter(register__jenis__kode="sk_kgb").values_list("urut", flat=True)
    ) == [1, 2]
    assert sorted(KenaikanGajiBerkala.objects.values_list("nomor_sk", flat=True)) == [
        "800/1/KGB/BKPSDM/2026", "800/2/KGB/BKPSDM/2026",
    ]  # fmt: skip
