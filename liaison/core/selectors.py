"""Reads of the shared kernel that need filtering."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from liaison.core.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def audit_events_search(criteria: AuditFilter) -> QuerySet[AuditEvent]:
    """Newest first. Callers check the auditor capability before calling."""
    events = AuditEvent.objects.all().order_by("-id")
    if criteria.actor:
        events = events.filter(actor_label__iexact=criteria.actor)
    if criteria.action:
        events = events.filter(action=criteria.action)
    if criteria.object_type:
        events = events.filter(object_type=criteria.object_type)
    if criteria.object_id:
        events = events.filter(object_id=criteria.object_id)
    if criteria.date_from:
        events = events.filter(at__date__gte=criteria.date_from)
    if criteria.date_to:
        events = events.filter(at__date__lte=criteria.date_to)
    return events


def audit_events_latest(count: int) -> list[AuditEvent]:
    """The last ``count`` entries, oldest first (as a log file reads)."""
    return list(reversed(AuditEvent.objects.order_by("-id")[:count]))
