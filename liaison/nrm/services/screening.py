"""Screening against an indicator checklist: the answers, the counts and a suggestion.

The suggestion is never a decision: it tells the case worker how much the answers point to
trafficking, and status decisions stay with the people the national procedure names.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.nrm import permissions
from liaison.nrm.indicators import ANSWERS, indicator_text
from liaison.nrm.models import Case, IndicatorChecklist, Screening, ScreeningSuggestion

STRONG_THRESHOLD = 1  # strong indicators answered yes
OTHER_THRESHOLD = 3  # other indicators answered yes


def suggestion_for(strong_count: int, other_count: int) -> ScreeningSuggestion:
    if strong_count >= STRONG_THRESHOLD or other_count >= OTHER_THRESHOLD:
        return ScreeningSuggestion.STRONG
    if strong_count or other_count:
        return ScreeningSuggestion.SOME
    return ScreeningSuggestion.NONE


def checklists_for(country: str) -> list[IndicatorChecklist]:
    """The checklist in use for each kind: the country's newest active version, or else the
    newest active default (blank country)."""
    rows = IndicatorChecklist.objects.filter(is_active=True, country__in=["", country.upper()])
    chosen: dict[str, IndicatorChecklist] = {}
    for checklist in rows.order_by("kind", "-version"):
        current = chosen.get(checklist.kind)
        if current is None or (checklist.country and not current.country):
            chosen[checklist.kind] = checklist
    order = list(IndicatorChecklist.Kind.values)
    return sorted(chosen.values(), key=lambda c: order.index(c.kind) if c.kind in order else 99)


def checklists_in_use(country: str) -> QuerySet[IndicatorChecklist]:
    return IndicatorChecklist.objects.filter(pk__in=[c.pk for c in checklists_for(country)])


def count_answers(checklist: IndicatorChecklist, answers: dict[str, str]) -> tuple[int, int]:
    strong = other = 0
    for indicator in checklist.indicators:
        if answers.get(indicator["code"]) == "yes":
            if indicator.get("strong"):
                strong += 1
            else:
                other += 1
    return strong, other


def _validate_answers(checklist: IndicatorChecklist, answers: dict[str, str]) -> dict[str, str]:
    codes = [i["code"] for i in checklist.indicators]
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(answers) - set(codes))
    if unknown:
        errors["answers"] = [
            _("These indicators are not on the checklist: %(codes)s")
            % {"codes": ", ".join(unknown)}
        ]
    wrong = sorted(code for code, value in answers.items() if value not in ANSWERS)
    if wrong:
        errors.setdefault("answers", []).append(
            _("Answer yes, no or unknown for: %(codes)s") % {"codes": ", ".join(wrong)}
        )
    if errors:
        raise ValidationError(errors)
    # An indicator left out was not asked: it counts as unknown.
    return {code: answers.get(code, "unknown") for code in codes}


@transaction.atomic
def screening_record(
    *,
    actor: Any,
    case: Case,
    checklist: IndicatorChecklist,
    answers: dict[str, str],
    screened_on: datetime.date,
    notes: str = "",
    request: HttpRequest | None = None,
) -> Screening:
    if actor is None or not permissions.can_edit_case(actor, case):
        raise PermissionDenied
    if checklist.pk not in {c.pk for c in checklists_for(case.country)}:
        raise ValidationError({"checklist": [_("This checklist is not in use in this country.")]})
    if screened_on > timezone.localdate():
        raise ValidationError({"screened_on": [_("The date of the screening is in the future.")]})
    complete = _validate_answers(checklist, answers)
    strong, other = count_answers(checklist, complete)
    screening = Screening(
        case=case,
        checklist=checklist,
        answers=complete,
        strong_count=strong,
        other_count=other,
        suggestion=suggestion_for(strong, other),
        screened_on=screened_on,
        screened_by=actor,
        notes=notes,
    )
    screening.full_clean()
    screening.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=screening,
        fields=["answers", "screened_on", *(["notes"] if notes else [])],
        request=request,
    )
    return screening


def indicator_rows(screening: Screening, language: str) -> list[dict[str, Any]]:
    """Each indicator of the screening's checklist with its text and the answer given."""
    return [
        {
            "code": i["code"],
            "text": indicator_text(i, language),
            "strong": bool(i.get("strong")),
            "answer": screening.answers.get(i["code"], "unknown"),
        }
        for i in screening.checklist.indicators
    ]
