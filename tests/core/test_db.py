"""core.db's bulk-loading helpers: COPY of model instances writes what bulk_create writes; secondary
indexes dropped for a load are back afterwards, primary keys and unique indexes never leave."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

from core.db import copy_instances, indexes_built_after
from pegawai.models import Keluarga, Pegawai
from pembinaan.models import KebutuhanPengembangan
from tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

KOLOM = ("pegawai_id", "hubungan", "nama", "tanggal_lahir", "dapat_tunjangan")


def _keluarga(pegawai: Pegawai) -> list[Keluarga]:
    return [
        Keluarga(pegawai=pegawai, hubungan=Keluarga.Hubungan.ISTRI, nama="Siti Aminah", dapat_tunjangan=True),
        Keluarga(pegawai=pegawai, hubungan="anak", nama="Budi", tanggal_lahir=dt.date(2012, 2, 29)),
        Keluarga(pegawai=pegawai, hubungan="anak", nama="O'Neil \\ Tab\tbaris\nbaru", tanggal_lahir=None),
    ]  # fmt: skip


def test_copy_instances_writes_what_bulk_create_writes():
    pegawai = PegawaiFactory()
    lewat_bulk = Keluarga.objects.bulk_create(_keluarga(pegawai))
    lewat_copy = _keluarga(pegawai)  # a TextChoices member, a leap day, NULL, COPY's special characters
    copy_instances(Keluarga, lewat_copy)

    # ids reserved and set on the instances, which now count as saved (as after bulk_create)
    assert all(k.pk for k in lewat_copy) and len({k.pk for k in lewat_copy + lewat_bulk}) == 6
    assert not any(k._state.adding for k in lewat_copy)
    baca = {k.pk: k for k in Keluarga.objects.filter(pk__in=[k.pk for k in lewat_copy + lewat_bulk])}
    for a, b in zip(lewat_bulk, lewat_copy, strict=True):
        assert tuple(getattr(baca[a.pk], f) for f in KOLOM) == tuple(getattr(baca[b.pk], f) for f in KOLOM)
        assert baca[b.pk].dibuat is not None and baca[b.pk].dibuat == b.dibuat  # auto_now_add ran
    assert baca[lewat_copy[2].pk].nama == "O'Neil \\ Tab\tbaris\nbaru"  # COPY's special characters


def test_copy_instances_refuses_an_unsaved_parent():
    belum = Pegawai(nama="Belum disimpan")
    with pytest.raises(ValueError, match="unsaved"), transaction.atomic():
        copy_instances(Keluarga, [Keluarga(pegawai=belum, hubungan="anak", nama="Anak")])
    assert not Keluarga.objects.exists()


def _indeks(tabel: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [tabel])
        return {r[0] for r in cursor.fetchall()}


def test_indexes_built_after_keeps_keys_and_rebuilds_the_rest():
    tabel = KebutuhanPengembangan._meta.db_table
    sebelum = _indeks(tabel)
    with indexes_built_after(KebutuhanPengembangan):
        selama = _indeks(tabel)
    # the primary key and the unique key (ON CONFLICT needs it) stay; the secondary ones go for the load
    assert selama == {f"{tabel}_pkey", "kebutuhan_satu_per_kunci"}
    assert "kebutuhan_tahun_sumber" in sebelum - selama
    assert _indeks(tabel) == sebelum
