"""Reads on cooperation requests: the filtered list, requests due soon, and statistics."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from liaison.justice import permissions
from liaison.justice.models import CooperationRequest
from liaison.justice.models.cooperation import CooperationStatus as S

OPEN = [S.DRAFTED, S.SENT, S.RECEIVED, S.IN_EXECUTION]
REMINDER_DAYS = 14


def overdue_q(today: datetime.date) -> Q:
    return Q(status__in=OPEN, due_on__lt=today)


def cooperation_request_list(
    *,
    user: Any,
    request_type: str = "",
    direction: str = "",
    status: str = "",
    country: str = "",
    overdue: bool = False,
) -> QuerySet[CooperationRequest]:
    queryset = permissions.cooperation_requests_visible_to(user)
    filters = {
        "request_type": request_type, "direction": direction, "status": status,
        "other_country": country.upper(),
    }  # fmt: skip
    queryset = queryset.filter(**{field: value for field, value in filters.items() if value})
    if overdue:
        queryset = queryset.filter(overdue_q(timezone.localdate()))
    return queryset.order_by("-created_at")


def cooperation_requests_due(*, user: Any) -> QuerySet[CooperationRequest]:
    """Open requests whose answer is due within the reminder window, or already overdue."""
    horizon = timezone.localdate() + datetime.timedelta(days=REMINDER_DAYS)
    visible = permissions.cooperation_requests_visible_to(user)
    return visible.filter(status__in=OPEN, due_on__lte=horizon).order_by("due_on")


def cooperation_statistics(*, user: Any) -> dict[str, Any]:
    """Counts by country and type, and the median days from sending to execution."""
    visible = permissions.cooperation_requests_visible_to(user)
    by_country_type = list(
        visible.order_by()
        .values("other_country", "request_type")
        .annotate(total=Count("pk"))
        .order_by("other_country", "request_type")
    )
    executed = visible.filter(
        status=S.EXECUTED, sent_on__isnull=False, closed_on__isnull=False
    ).values_list("sent_on", "closed_on")
    durations = [(closed - sent).days for sent, closed in executed if sent and closed]
    by_country: Counter[str] = Counter()
    for row in by_country_type:
        by_country[row["other_country"]] += row["total"]
    return {
        "by_country_type": by_country_type,
        "by_country": sorted(by_country.items()),
        "executed": len(durations),
        "median_days": statistics.median(durations) if durations else None,
    }
