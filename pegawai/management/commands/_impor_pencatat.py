"""An import command that records who ran it: `--user LOGIN` becomes the history user of every row."""

from __future__ import annotations

from functools import partial

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from ._impor import ImportCommand


class ImportCommandDenganPencatat(ImportCommand):
    """ImportCommand plus an optional `--user`: without it the history rows carry the file name only."""

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--user", help="nama login yang dicatat di riwayat perubahan sebagai pelaku impor (opsional)"
        )

    def handle(self, *args, **options):
        username = options.get("user")
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Pengguna {username} tidak ditemukan.")
            self.importer_class = partial(type(self).importer_class, user=user)
        return super().handle(*args, **options)
