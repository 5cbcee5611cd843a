"""A realistic, deterministic demo city government (Kota Palu style) for `seed_demo` and benchmarks.

Everything comes from one random.Random(seed) and a Faker seeded with the same value, so the same
seed gives the same organisation, people and NIPs. Writes use bulk_create, and COPY (core.db.copy_instances)
for the people and their families and histories; no per-row queries.

A package: the builder (`builder.DemoBuilder`, with the people in `orang` and the logins and
signatories in `akun` as mixins, beside `demo_organisasi` and `demo_kebutuhan`) and `reset.demo_reset`;
the names below stay importable from `pegawai.demo`.
"""

from .builder import DemoBuilder, DemoResult
from .reset import MUTASI_ATURAN, PENGGAJIAN_DEMO_TABLES, demo_reset

__all__ = ["MUTASI_ATURAN", "PENGGAJIAN_DEMO_TABLES", "DemoBuilder", "DemoResult", "demo_reset"]
