"""``liaison send-deadline-alerts``: e-mail each user who asked for it their overdue and due-soon
items (counts and case codes only). Safe to run several times a day: each user gets one a day."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.nrm.services.clocks import deadline_alerts_send


class Command(BaseCommand):
    help = "E-mail deadline alerts (overdue and due within seven days) to users who opted in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Count as if today were this date (YYYY-MM-DD); default: today."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    _("Not a date (YYYY-MM-DD): %(value)s") % {"value": options["date"]}
                ) from exc
        sent = deadline_alerts_send(today=today)
        self.stdout.write(
            ngettext("%(count)d alert e-mail sent.", "%(count)d alert e-mails sent.", sent)
            % {"count": sent}
        )
