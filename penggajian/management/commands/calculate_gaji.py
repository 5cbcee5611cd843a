import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from akun import roles
from pegawai.management.commands._impor import pengguna_dari_login
from penggajian import permissions
from penggajian.models import RunGaji
from penggajian.services import run_execute, run_hitung

SISTEM = "sistem-gaji"


def akun_sistem():
    """The account recorded as the maker of runs computed from the command line (it cannot log in, so
    any Admin BKD officer can verify them)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=SISTEM, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.first_name = "Proses terjadwal"
        user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.ADMIN_BKD)[0])
    return user


def parse_bulan(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CommandError(f"Bulan '{text}' tidak valid: tulis YYYY-MM, mis. 2026-11.")
    return int(match.group(1)), int(match.group(2))


class Command(BaseCommand):
    help = (
        "Hitung run gaji satu bulan untuk semua pegawai aktif (gaji induk dan TPP bila --jenis tidak diberikan) "
        "dan tunggu sampai selesai. Bulan yang sudah dikunci ditolak."
    )

    def add_arguments(self, parser):
        parser.add_argument("bulan", help="YYYY-MM, mis. 2026-11")
        parser.add_argument(
            "--jenis",
            choices=[j.value for j in RunGaji.Jenis],
            help="induk, tpp, thr atau gaji13 (bawaan: induk dan tpp)",
        )
        parser.add_argument("--gagal-saja", action="store_true", help="hitung ulang hanya pegawai yang gagal")
        parser.add_argument(
            "--user",
            help=f"nama login Admin BKD yang meminta (dicatat sebagai penghitung); bawaan: akun {SISTEM}",
        )

    def handle(self, *args, **options):
        tahun, bulan = parse_bulan(options["bulan"])
        jenis_list = [options["jenis"]] if options["jenis"] else [RunGaji.Jenis.INDUK, RunGaji.Jenis.TPP]
        actor = pengguna_dari_login(options.get("user")) or akun_sistem()
        if not permissions.can_compute_run_gaji(actor):
            raise CommandError(f"{actor.username} bukan Admin BKD: tidak boleh menghitung run gaji.")
        masalah = []
        for jenis in jenis_list:
            try:
                run = run_hitung(
                    actor=actor, jenis=jenis, tahun=tahun, bulan=bulan,
                    hanya_galat=options["gagal_saja"], antrikan=False,
                )  # fmt: skip
            except ValidationError as exc:
                masalah.extend(exc.messages)
                continue
            run = run_execute(run.pk)
            self.stdout.write(
                f"{run}: {run.jumlah_slip} slip, {run.jumlah_galat} gagal, jumlah bersih Rp{int(run.jumlah_bersih):,}".replace(
                    ",", "."
                )
            )
            for galat in run.galat.select_related("pegawai")[:50]:
                self.stdout.write(f"  gagal: {galat.pegawai.nip} {galat.pegawai.nama}: {galat.pesan}")
        if masalah:
            raise CommandError("\n".join(masalah))
