"""``liaison demo``: load the demonstration instance (idempotent) and print how to sign in."""

from __future__ import annotations

import importlib
import os
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.directory.demo import DEFAULT_PASSWORD, DemoRefusedError, DemoResult, demo_load


class Command(BaseCommand):
    help = _(
        "Load the demonstration instance: Portugal as host country, partner agencies in Uzbekistan "
        "and Turkmenistan, one user per role. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Load the demo even when LIAISON_ENV=production."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("LIAISON_DEMO_PASSWORD") or DEFAULT_PASSWORD
        try:
            result = demo_load(password=password, force=options["force"])
        except DemoRefusedError as exc:
            raise CommandError(
                _("%(reason)s Add --force to load it anyway.") % {"reason": exc}
            ) from exc
        self.stdout.write(self._summary(result))
        self._load_app_demos()
        self._print_logins(result, password)

    def _load_app_demos(self) -> None:
        """Apps that build on the directory add their demo data through ``<app>.demo.load_demo()``,
        which returns a line to print (the directory never imports them)."""
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("liaison.") or app_config.label == "directory":
                continue
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo":
                    raise
                continue
            loader = getattr(module, "load_demo", None)
            if loader is not None:
                self.stdout.write(str(loader()))

    def _summary(self, result: DemoResult) -> str:
        if not result.changed:
            return _("The demo instance is already loaded; nothing changed.")
        counts = result.created
        parts = [
            ngettext("%(n)d agency", "%(n)d agencies", counts["agencies"])
            % {"n": counts["agencies"]},
            ngettext("%(n)d user", "%(n)d users", counts["users"]) % {"n": counts["users"]},
            ngettext("%(n)d membership", "%(n)d memberships", counts["memberships"])
            % {"n": counts["memberships"]},
            ngettext("%(n)d country profile", "%(n)d country profiles", counts["profiles"])
            % {"n": counts["profiles"]},
        ]
        return _("Demo instance loaded. Created: %(parts)s.") % {"parts": ", ".join(parts)}

    def _print_logins(self, result: DemoResult, password: str) -> None:
        width = max(len(login.username) for login in result.logins)
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password for every account: %(password)s)") % {"password": password}
        )
        for login in result.logins:
            mark = "  " + _("[two-factor]") if login.two_factor else ""
            self.stdout.write(
                f"  {login.username.ljust(width)}  {login.role} · {login.agency}{mark}"
            )
        self.stdout.write("")
        if settings.LIAISON_OTP_POLICY == "off":
            self.stdout.write(
                _("Two-factor authentication is off on this instance: the password is enough.")
            )
        else:
            self.stdout.write(
                _(
                    "Accounts marked [two-factor] must enrol an authenticator app at their first sign-in "
                    "(LIAISON_OTP_POLICY=%(policy)s)."
                )
                % {"policy": settings.LIAISON_OTP_POLICY}
            )
        self.stdout.write(
            _(
                "The password applies to accounts created by this command; a changed one stays changed."
            )
        )
