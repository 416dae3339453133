"""Template tags of the exploitation, consent and handover sections and of the home inbox."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.nrm.models import Case
from liaison.nrm.selectors import handovers as selectors
from liaison.nrm.services.profile import LIST_FIELDS

register = template.Library()


def _log_view(context: template.Context, case: Case, fields: list[str]) -> None:
    """The sections are part of the case page: what they show is logged like the rest of it."""
    if fields:
        audit_record(actor=context.get("user"), action=AuditAction.VIEW, obj=case, fields=fields,
                     purpose="case page", request=context.get("request"))  # fmt: skip


@register.simple_tag(takes_context=True)
def nrm_exploitation_section(context: template.Context, case: Case) -> dict[str, Any]:
    section = selectors.exploitation_section(case=case)
    profile, events = section["profile"], section["events"]
    shown = (["exploitation_notes"] if profile is not None and profile.notes else []) + (
        ["trafficking_event_places"] if any(e.place for e in events) else []
    )
    _log_view(context, case, shown)
    return section


@register.simple_tag(takes_context=True)
def nrm_case_consents(context: template.Context, case: Case) -> list[Any]:
    consents = list(selectors.consents_of_case(case=case))
    _log_view(
        context, case, ["withdrawal_reason"] if any(c.withdrawal_reason for c in consents) else []
    )
    return consents


@register.simple_tag
def nrm_case_handovers(case: Case, user: Any) -> list[dict[str, Any]]:
    return selectors.case_handover_rows(user=user, case=case)


@register.simple_tag
def nrm_inbox_counts(user: Any) -> dict[str, int]:
    return selectors.inbox_counts(user=user)


@register.filter
def vocabulary_labels(values: Iterable[str] | None, field: str) -> str:
    """``{{ profile.forms|vocabulary_labels:"forms" }}``: the translated labels, comma-separated."""
    vocabulary = LIST_FIELDS.get(field)
    if not values or vocabulary is None:
        return ""
    labels = dict(vocabulary.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)
