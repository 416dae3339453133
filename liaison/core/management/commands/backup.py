"""``liaison backup [PATH]``: copy the whole database while the app keeps running."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from liaison.core.backup import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup; PostgreSQL: pg_dump). PATH is a file or a folder; "
        "the default is var/backups/liaison-<UTC time>."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="Where to write the backup.")
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backup = database_backup(actor=None, path=options["path"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Backup written to %(path)s (%(size)s bytes).")
            % {"path": backup.path, "size": f"{backup.size:,}"}
        )
