"""The navigation: each entry shows only to users whom the access matrix lets open it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from liaison.directory.access import page_rule


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise


NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("home", _("Home")),
    NavEntry("nrm:case_list", _("Cases")),
    NavEntry("nrm:handover_inbox", _("Inbox")),
    NavEntry("nrm:due_list", _("Deadlines")),
    NavEntry("nrm:provider_list", _("Services")),
    NavEntry("justice:case_list", _("Criminal cases")),
    NavEntry("directory:agency_list", _("Agencies")),
    NavEntry("directory:my_agency_members", _("Members")),
    NavEntry("directory:country_profile_list", _("National procedure")),
    NavEntry("directory:user_list", _("Users")),
    NavEntry("core:audit_log", _("Access log")),
    NavEntry("core:job_list", _("Jobs")),
    NavEntry("api:openapi-view", _("API")),
    NavEntry("admin:index", _("Administration")),
)


def navigation_for(user: Any, current_view: str = "") -> list[dict[str, Any]]:
    entries = []
    for entry in NAVIGATION:
        rule = page_rule(entry.url_name)
        if rule is not None and rule.allows(user):
            entries.append(
                {
                    "url": reverse(entry.url_name),
                    "label": entry.label,
                    "url_name": entry.url_name,
                    "current": current_view == entry.url_name,
                }
            )
    return entries
