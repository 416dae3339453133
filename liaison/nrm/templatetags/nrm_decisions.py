"""Template tags of the status decision pages: the case section and the home page's due items."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from liaison.nrm.models import Case
from liaison.nrm.permissions import cases_visible_to
from liaison.nrm.selectors.deadlines import DueItems, decisions_section, due_items_for

register = template.Library()


@register.simple_tag
def nrm_decisions_section(case: Case, user: Any) -> dict[str, Any]:
    """Everything the decisions section of a case shows to this user, in a few queries."""
    return decisions_section(case=case, user=user, today=timezone.localdate())


@register.simple_tag
def nrm_due_items(user: Any) -> DueItems | None:
    """The user's overdue and due-soon items, or None for a user without case access."""
    if not cases_visible_to(user).exists():
        return None
    return due_items_for(user, timezone.localdate())
