"""Shared body of the import_* commands: run, print every error, exit 1 and write nothing on errors."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.xlsx import SpreadsheetError


def pengguna_dari_login(username: str | None):
    """The account named by a command's `--user LOGIN` (None when not given); an unknown login stops
    the command. History rows a command writes carry this account, as a web request carries its user."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Pengguna {username} tidak ditemukan.")
    return user


class ImportCommand(BaseCommand):
    importer_class = None
    # Set when the imported rows name their recorder (then --user is required unless --dry-run).
    user_wajib = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .csv (UTF-8, koma, baris judul) atau .xlsx (sheet pertama)")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan apa pun")
        parser.add_argument(
            "--user", help="nama login yang dicatat di riwayat sebagai pelaku impor (pengguna yang meminta)"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        user = pengguna_dari_login(options.get("user"))
        if user is None and self.user_wajib and not options["dry_run"]:
            raise CommandError(self.user_wajib)
        importer = self.importer_class(user=user)
        try:
            report = importer.run(
                path,
                filename=path.name,
                dry_run=options["dry_run"],
                max_bytes=settings.ASN_IMPORT_MAX_BYTES * 8,
            )
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} kesalahan; tidak ada data yang disimpan.")
        prefix = (
            "Pemeriksaan (--dry-run, tidak ada yang disimpan): " if options["dry_run"] else "Impor selesai: "
        )
        self.stdout.write(prefix + report.ringkasan())
