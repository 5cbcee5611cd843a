"""A realistic, deterministic demo city government (Kota Palu style) for `seed_demo` and benchmarks.

Everything comes from one random.Random(seed) and a Faker seeded with the same value, so the same
seed gives the same organisation, people and NIPs. Writes use bulk_create, and COPY (core.db.copy_instances)
for the people and their families and histories; no per-row queries.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from faker import Faker

from core.db import copy_instances

from ..demo_kebutuhan import KebutuhanDemo
from ..demo_organisasi import OrganisasiDemo, Posisi
from ..models import (
    Golongan,
    Jabatan,
    Keluarga,
    Pegawai,
    RiwayatHukumanDisiplin,
    RiwayatJabatan,
    RiwayatPangkat,
    RiwayatPendidikan,
    UnitKerja,
    UraianTugasJabatan,
)
from ..services import atasan_recompute
from .akun import LoginDemo
from .orang import OrangDemo


@dataclass
class DemoResult:
    opd: int
    unit: int
    jabatan: int
    pegawai: int
    logins: dict[str, str]


class DemoBuilder(OrangDemo, LoginDemo, OrganisasiDemo, KebutuhanDemo):
    def __init__(self, *, pegawai: int, seed: int, password: str) -> None:
        self.target = pegawai
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        self.password = password
        self.today = timezone.localdate()
        self.units: list[UnitKerja] = []
        self.posisi: list[Posisi] = []
        self.golongan = {g.kode: g for g in Golongan.objects.all()}
        self.nip_seen: set[str] = set()
        self.serial: dict[str, int] = defaultdict(int)
        self.names_l = sorted({self.fake.first_name_male() for _ in range(600)})
        self.names_p = sorted({self.fake.first_name_female() for _ in range(600)})
        self.last = sorted({self.fake.last_name() for _ in range(600)})

    def run(self) -> DemoResult:
        self.build_organisation()
        # Units: insert top-down so parents have ids, then point each OPD at itself.
        for depth in sorted({u.kedalaman for u in self.units}):
            level = [u for u in self.units if u.kedalaman == depth]
            for u in level:
                u.induk_id = u.induk.id if u.induk else None
            UnitKerja.objects.bulk_create(level, batch_size=1000)
        opd_of = {}
        for u in self.units:
            opd_of[u.kode] = u if u.induk is None else opd_of[u.path.split("/")[0]]
            u.opd = opd_of[u.kode]
        UnitKerja.objects.bulk_update(self.units, ["opd"], batch_size=1000)
        people = self.build_people()
        self.apply_syarat(people)
        Jabatan.objects.bulk_create([p.jabatan for p in self.posisi], batch_size=2000)
        UraianTugasJabatan.objects.bulk_create(self.build_abk(), batch_size=2000)
        # OPD heads and camat report to the Sekretaris Daerah (their pejabat penilai).
        sekda = self.posisi[0].jabatan
        heads = [
            p.jabatan for p in self.posisi if p.kepala and p.unit.induk is None and p.jabatan is not sekda
        ]
        for jabatan in heads:
            jabatan.atasan_override = sekda
        Jabatan.objects.bulk_update(heads, ["atasan_override"])
        for pegawai in people:
            # Assign the saved objects, not their ids: setting jabatan_id from None drops the cached
            # jabatan, and every later `pegawai.jabatan` was a query (50,000 at 50,000 employees).
            pegawai.jabatan = pegawai.jabatan
            pegawai.unit_kerja = pegawai.unit_kerja
            pegawai.opd = pegawai.unit_kerja.opd
        copy_instances(Pegawai, people)  # bulk_create without building 50,000 rows of parameters
        keluarga, rjab, rpang, rpend, hukdis = self.families_and_histories(people)
        for model, rows in (
            (Keluarga, keluarga),
            (RiwayatJabatan, rjab),
            (RiwayatPangkat, rpang),
            (RiwayatPendidikan, rpend),
            (RiwayatHukumanDisiplin, hukdis),
        ):
            copy_instances(model, rows)
        atasan_recompute()
        logins = self.create_logins(people)
        self.create_signatories()
        return DemoResult(
            opd=sum(1 for u in self.units if u.induk is None),
            unit=len(self.units),
            jabatan=len(self.posisi),
            pegawai=len(people),
            logins=logins,
        )
