"""Template tags of the exploitation, consent and handover sections and of the home inbox."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from liaison.nrm.models import Case
from liaison.nrm.selectors import handovers as selectors
from liaison.nrm.services.profile import LIST_FIELDS

register = template.Library()


@register.simple_tag
def nrm_exploitation_section(case: Case) -> dict[str, Any]:
    return selectors.exploitation_section(case=case)


@register.simple_tag
def nrm_case_consents(case: Case) -> list[Any]:
    return list(selectors.consents_of_case(case=case))


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
