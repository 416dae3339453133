"""``liaison restore PATH``: replace the whole database with a backup made by ``liaison backup``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.core.backup import BackupError, database_label, database_restore


class Command(BaseCommand):
    help = "Replace everything in the database with a backup. Stop the web app and workers first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path, using = options["path"], options["database"]
        if not options["yes"]:
            self.confirm(path, database_label(using))
        try:
            outcome = database_restore(actor=None, path=path, using=using)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Database restored from %(path)s.") % {"path": outcome.path})
        if outcome.pending_migrations:
            self.stderr.write(
                ngettext(
                    "The backup is older than this version: %(count)d migration to apply. Run 'liaison migrate'.",
                    "The backup is older than this version: %(count)d migrations to apply. Run 'liaison migrate'.",
                    len(outcome.pending_migrations),
                )
                % {"count": len(outcome.pending_migrations)}
            )

    def confirm(self, path: Path, database: str) -> None:
        prompt = _(
            "This replaces everything in %(database)s with %(path)s; changes made since the backup are lost.\n"
            "Type 'yes' to continue: "
        ) % {"database": database, "path": path}
        try:
            answer = input(prompt)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {"yes", _("yes").lower()}:
            raise CommandError(_("Restore cancelled; nothing was changed."))
