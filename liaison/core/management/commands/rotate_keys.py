"""``liaison rotate-keys``: re-encrypt every personal value still held under an old key."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.core import crypto
from liaison.core.keys import RotationReport, keys_rotate
from liaison.core.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Re-encrypt personal fields and recompute blind indexes under the first (current) key of "
        "LIAISON_FIELD_KEYS and LIAISON_BLIND_INDEX_KEYS. Runs while the app keeps working; safe to repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the rows that would change."
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows per transaction (default 500)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        self.stdout.write(describe_keys())
        with ProgressBar(_("Re-encrypting"), stream=self.stderr) as bar:
            report = keys_rotate(
                actor=None,
                batch_size=options["batch_size"],
                dry_run=options["dry_run"],
                progress=bar,
            )
        for line in summary_lines(report):
            self.stdout.write(line)
        if report.dry_run:
            return
        if report.remaining:
            raise CommandError(
                ngettext(
                    "%(count)d row still uses an old key: keep the old keys until it is re-encrypted.",
                    "%(count)d rows still use an old key: keep the old keys until they are re-encrypted.",
                    report.remaining,
                )
                % {"count": report.remaining},
                returncode=1,
            )
        self.stdout.write(
            _(
                "No row uses an old key any more: every key but the first can now be removed from both settings."
            )
        )


def describe_keys() -> str:
    def ring(keyring: crypto.Keyring) -> str:
        others = [key_id for key_id in keyring.keys if key_id != keyring.current_id]
        return ", ".join([_("%(id)s (current)") % {"id": keyring.current_id}, *others])

    return _("Field keys: %(field)s. Blind-index keys: %(index)s.") % {
        "field": ring(crypto.field_keyring()),
        "index": ring(crypto.blind_index_keyring()),
    }


def summary_lines(report: RotationReport) -> list[str]:
    lines = []
    for model in report.models:
        if report.dry_run:
            lines.append(
                ngettext(
                    "%(model)s: %(count)d row would be re-encrypted.",
                    "%(model)s: %(count)d rows would be re-encrypted.",
                    model.stale,
                )
                % {"model": model.label, "count": model.stale}
            )
            continue
        lines.append(
            ngettext(
                "%(model)s: %(count)d row re-encrypted, %(remaining)d still under an old key.",
                "%(model)s: %(count)d rows re-encrypted, %(remaining)d still under an old key.",
                model.rotated,
            )
            % {"model": model.label, "count": model.rotated, "remaining": model.remaining}
        )
        if model.unreadable:
            lines.append(
                _("%(model)s: no configured key decrypts these rows: %(ids)s")
                % {"model": model.label, "ids": ", ".join(model.unreadable[:50])}
            )
    return lines
