"""Shared body of the import_* commands: run, print every error, exit 1 and write nothing on errors."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.xlsx import SpreadsheetError


class ImportCommand(BaseCommand):
    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .csv (UTF-8, koma, baris judul) atau .xlsx (sheet pertama)")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan apa pun")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        importer = self.importer_class()
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
