"""factory_boy factories with Indonesian (id_ID) Faker data and structurally valid NIPs."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group
from faker import Faker

from akun.models import User
from core.nip import make_nip
from pegawai.models import AksesOpd, Golongan, Jabatan, Keluarga, Pegawai, UnitKerja
from pegawai.reference import seed_golongan
from pegawai.services import unit_kerja_fill_tree_fields

fake = Faker("id_ID")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="id_ID")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "rahasia-uji-123")
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    kode = factory.Sequence(lambda n: f"U{n:04d}")
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    jenis = factory.LazyAttribute(lambda o: "opd" if o.induk is None else "bidang")
    induk = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        unit = model_class(*args, **kwargs)
        unit_kerja_fill_tree_fields(unit, unit.induk)
        unit.save()
        if unit.opd_id is None:
            unit.opd = unit
            unit.save(update_fields=["opd"])
        return unit


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    nama = factory.Sequence(lambda n: f"Pengelola Data {n}")
    jenis = "pelaksana"
    kelas_jabatan = 7
    kebutuhan = 2


def _golongan(kode: str) -> Golongan:
    # Transactional tests flush tables, including migration-seeded reference rows: re-seed then.
    if not Golongan.objects.filter(kode=kode).exists():
        seed_golongan(Golongan)
    return Golongan.objects.get(kode=kode)


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    nama = factory.Faker("name", locale="id_ID")
    jenis_kelamin = factory.Iterator(["L", "P"])
    tanggal_lahir = factory.Sequence(lambda n: dt.date(1970, 1, 1) + dt.timedelta(days=97 * n % 9000))
    tmt_cpns = factory.LazyAttribute(lambda o: dt.date(o.tanggal_lahir.year + 25, 3, 1))
    status_kepegawaian = "PNS"
    nip = factory.LazyAttributeSequence(
        lambda o, n: make_nip(
            tanggal_lahir=o.tanggal_lahir,
            jenis_kelamin=o.jenis_kelamin,
            nomor_urut=n,
            tmt=o.tmt_cpns,
            pppk=o.status_kepegawaian.startswith("PPPK"),
        )
    )
    golongan = factory.LazyFunction(lambda: _golongan("III/a"))
    tmt_golongan = factory.LazyAttribute(lambda o: o.tmt_cpns)
    mkg_tahun = 0
    mkg_bulan = 0
    unit_kerja = factory.LazyAttribute(lambda o: o.jabatan.unit_kerja)
    jabatan = factory.SubFactory(JabatanFactory)
    tmt_jabatan = factory.LazyAttribute(lambda o: o.tmt_cpns)
    pendidikan_jenjang = "S1"
    agama = "Islam"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from django.utils import timezone

        pegawai = model_class(*args, **kwargs)
        pegawai.refresh_derived(timezone.localdate())
        pegawai.save()
        return pegawai


class KeluargaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Keluarga

    pegawai = factory.SubFactory(PegawaiFactory)
    hubungan = "anak"
    nama = factory.Faker("name", locale="id_ID")
    tanggal_lahir = dt.date(2010, 5, 17)
    dapat_tunjangan = True


def bind_operator(user, opd) -> AksesOpd:
    return AksesOpd.objects.create(user=user, opd=opd)
