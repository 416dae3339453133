"""Offender statistics: persons suspected, prosecuted and convicted, by year, sex and citizenship.

The counts GLOTIP and Eurostat ask for. Natural persons only (companies are not persons in
these tables); a person counts in the year of each step: suspected on ``suspected_on``,
prosecuted on ``prosecuted_on``, convicted on ``judged_on``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from liaison.justice.models import Defendant
from liaison.justice.permissions import criminal_cases_visible_to

MEASURES = ("suspected", "prosecuted", "convicted")


@dataclass(frozen=True)
class OffenderCount:
    measure: str
    year: int
    sex: str
    citizenship: str
    persons: int


def _counts(defendants: QuerySet[Defendant]) -> list[OffenderCount]:
    persons = defendants.filter(kind=Defendant.Kind.NATURAL)
    steps: dict[str, tuple[QuerySet[Defendant], str]] = {
        "suspected": (persons, "suspected_on"),
        "prosecuted": (persons.filter(prosecuted_on__isnull=False), "prosecuted_on"),
        "convicted": (
            persons.filter(status=Defendant.Status.CONVICTED, judged_on__isnull=False),
            "judged_on",
        ),
    }
    rows: list[OffenderCount] = []
    for measure, (queryset, date_field) in steps.items():
        grouped = (
            queryset.annotate(year=ExtractYear(date_field))
            .values("year", "sex", "citizenship")
            .annotate(persons=Count("pk"))
            .order_by("year", "sex", "citizenship")
        )
        rows += [OffenderCount(measure=measure, **row) for row in grouped]
    return rows


def offender_statistics_for(*, user: Any) -> list[OffenderCount]:
    """The counts over the cases ``user`` reaches."""
    cases = criminal_cases_visible_to(user).values("pk")
    return _counts(Defendant.objects.filter(criminal_case_id__in=cases))


def offender_statistics() -> list[OffenderCount]:
    """The counts over every case of the instance: for the observatory's own pipeline."""
    return _counts(Defendant.objects.all())
