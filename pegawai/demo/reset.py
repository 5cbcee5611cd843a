"""Removing the demo data (`seed_demo --reset`): every app's demo rows, not the reference tables."""

from __future__ import annotations

from django.db import transaction

from akun.models import User

from ..models import (
    AksesOpd,
    Jabatan,
    Keluarga,
    Pegawai,
    Penandatangan,
    RiwayatHukumanDisiplin,
    RiwayatJabatan,
    RiwayatPangkat,
    RiwayatPendidikan,
    UnitKerja,
    UraianTugasJabatan,
)

PENGGAJIAN_DEMO_TABLES = [
    "Penyesuaian", "HistoricalPenyesuaian", "CetakSlipMassal", "GalatSlip", "Slip", "RunGaji", "HistoricalRunGaji",
    "RekapKehadiran", "HistoricalRekapKehadiran", "KenaikanGajiBerkala", "HistoricalKenaikanGajiBerkala",
]  # fmt: skip

MUTASI_ATURAN = {
    "AturanGuard", "HistoricalAturanGuard", "MasaLarangan", "HistoricalMasaLarangan", "SyaratDokumen",
    "HistoricalSyaratDokumen",
}  # fmt: skip


def demo_reset() -> None:
    """Delete all organisation and personnel data and the demo logins (keeps reference tables).

    kinerja's data points at people, units, positions and logins (several with PROTECT), so it goes
    first: every kinerja table but the effective-dated rule tables (those with `berlaku_mulai`) and
    their history, in one TRUNCATE. Found through the app registry: pegawai does not import kinerja.
    """
    from django.apps import apps
    from django.db import connection

    from ..models import UsulanPerubahanData

    with transaction.atomic():
        if apps.is_installed("kinerja"):
            tables = [
                connection.ops.quote_name(model._meta.db_table)
                for model in apps.get_app_config("kinerja").get_models(include_auto_created=True)
                if not any(
                    f.name == "berlaku_mulai" for f in getattr(model, "instance_type", model)._meta.fields
                )
            ]
            if apps.is_installed("penggajian"):
                # Pay data (runs, slips, recaps, KGBs, corrections), not the pay rule tables. TRUNCATE
                # fires no row triggers; the statement trigger that refuses it while a run is locked
                # (penggajian migration 0011) lets this transaction through, so locked demo runs go too.
                tables += [
                    connection.ops.quote_name(apps.get_model("penggajian", name)._meta.db_table)
                    for name in PENGGAJIAN_DEMO_TABLES
                ]
            if apps.is_installed("mutasi"):
                # Proposals, the team, rounds and wishes; not the rules (guards, freeze windows, checklists).
                tables += [
                    connection.ops.quote_name(model._meta.db_table)
                    for model in apps.get_app_config("mutasi").get_models(include_auto_created=True)
                    if model._meta.object_name not in MUTASI_ATURAN
                ]
            # Issued document numbers (core.penomoran: SK mutasi, SPMT, …) name their issuing logins;
            # the registers go with the demo data, the kinds and their formats stay.
            tables += [
                connection.ops.quote_name(apps.get_model("core", name)._meta.db_table)
                for name in (
                    "NomorDokumen",
                    "HistoricalNomorDokumen",
                    "RegisterNomor",
                    "HistoricalRegisterNomor",
                )
            ]
            if apps.is_installed("pembinaan"):
                # The JP ledger, its recap and the catalogue; not the dated rules (JP per form, targets).
                tables += [
                    connection.ops.quote_name(model._meta.db_table)
                    for model in apps.get_app_config("pembinaan").get_models(include_auto_created=True)
                    if not any(
                        f.name == "berlaku_mulai" for f in getattr(model, "instance_type", model)._meta.fields
                    )
                ]
            with connection.cursor() as cursor:
                # Fire pending deferred FK checks first: TRUNCATE refuses tables with pending trigger
                # events (rows written earlier in the same transaction, as in tests).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                if apps.is_installed("penggajian"):
                    cursor.execute("SET LOCAL penggajian.izinkan_kosongkan = 'on'")
                cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        UsulanPerubahanData.objects.all().delete()
        Penandatangan.objects.all().delete()
        AksesOpd.objects.all().delete()
        for model in (Keluarga, RiwayatJabatan, RiwayatPangkat, RiwayatPendidikan, RiwayatHukumanDisiplin):
            model.objects.all().delete()
        Pegawai.objects.update(atasan=None)
        Pegawai.objects.all().delete()
        Jabatan.objects.update(atasan_override=None)
        Jabatan.objects.all().delete()
        UnitKerja.objects.update(opd=None)
        for depth in sorted(set(UnitKerja.objects.values_list("kedalaman", flat=True)), reverse=True):
            UnitKerja.objects.filter(kedalaman=depth).delete()
        User.objects.filter(
            username__in=[
                "admin_bkd",
                "operator_opd",
                "atasan",
                "pegawai",
                "pimpinan",
                "verifikator",
                "superuser",
                "sistem-gaji",
            ]
        ).delete()
        for model in (
            Pegawai,
            Keluarga,
            UnitKerja,
            Jabatan,
            UraianTugasJabatan,
            RiwayatJabatan,
            RiwayatPangkat,
            RiwayatPendidikan,
            RiwayatHukumanDisiplin,
        ):
            model.history.all().delete()
