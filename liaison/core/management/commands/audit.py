"""``liaison audit verify`` checks the access log's hash chain; ``liaison audit tail`` shows its end."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.core.audit import audit_verify_logged
from liaison.core.models import AuditEvent
from liaison.core.progress import ProgressBar
from liaison.core.selectors import audit_events_latest


class Command(BaseCommand):
    help = "Verify the access log's hash chain (verify) or print its latest entries (tail)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,tail}")
        actions.add_parser(
            "verify",
            help="Check every entry; print each problem; exit with status 1 when the chain is broken.",
        )
        tail = actions.add_parser("tail", help="Print the latest entries, oldest first.")
        tail.add_argument(
            "-n", "--lines", type=int, default=20, help="How many entries (default 20)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self.verify()
        else:
            self.tail(options["lines"])

    def verify(self) -> None:
        with ProgressBar(_("Verifying the access log"), stream=self.stderr) as bar:
            result = audit_verify_logged(actor=None, progress=bar)
        for problem in result.problems:
            self.stdout.write(str(problem))
        if not result.ok:
            raise CommandError(
                ngettext(
                    "The access log is broken: %(count)d problem found.",
                    "The access log is broken: %(count)d problems found.",
                    len(result.problems),
                )
                % {"count": len(result.problems)},
                returncode=1,
            )
        self.stdout.write(
            ngettext(
                "The access log is intact: %(count)d entry checked.",
                "The access log is intact: %(count)d entries checked.",
                result.checked,
            )
            % {"count": result.checked}
        )

    def tail(self, count: int) -> None:
        if count < 1:
            raise CommandError(_("-n must be at least 1."))
        for event in audit_events_latest(count):
            self.stdout.write(format_event(event))


def format_event(event: AuditEvent) -> str:
    target = event.object_type + (f"#{event.object_id}" if event.object_id else "")
    if event.object_label:
        target += f' "{event.object_label}"'
    parts = [
        f"{event.id:>8}",
        event.at.isoformat(timespec="seconds"),
        event.actor_label,
        event.action,
        target or "-",
        ",".join(event.fields) or "-",
        event.purpose or "-",
        event.ip_address or "-",
    ]
    return "  ".join(parts)
