"""Reads of criminal cases: the filtered list and the case page, always from the user's reach."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from liaison.directory.models import Agency
from liaison.justice.models import CriminalCase, Defendant
from liaison.justice.permissions import criminal_cases_visible_to
from liaison.nrm.permissions import cases_visible_to as nrm_cases_visible_to


@dataclass(frozen=True)
class CaseFilter:
    stage: str = ""
    offence: str = ""
    year: int | None = None
    agency_id: int | None = None


def case_search(*, user: Any, criteria: CaseFilter) -> QuerySet[CriminalCase]:
    cases = criminal_cases_visible_to(user)
    if criteria.stage:
        cases = cases.filter(stage=criteria.stage)
    if criteria.offence:
        cases = cases.filter(offences__offence_type=criteria.offence).distinct()
    if criteria.year:
        cases = cases.filter(opened_on__year=criteria.year)
    if criteria.agency_id:
        cases = cases.filter(lead_agency_id=criteria.agency_id)
    return cases.prefetch_related("offences").order_by("-opened_on", "-id")


def case_agencies(*, user: Any) -> QuerySet[Agency]:
    ids = criminal_cases_visible_to(user).values("lead_agency_id")
    return Agency.objects.filter(pk__in=ids).order_by("name")


def case_years(*, user: Any) -> list[int]:
    dates = criminal_cases_visible_to(user).dates("opened_on", "year", order="DESC")
    return [d.year for d in dates]


def case_for_page(*, user: Any, criminal_case_id: int) -> CriminalCase | None:
    return (
        criminal_cases_visible_to(user)
        .prefetch_related(
            "stage_changes",
            "agencies__agency",
            "offences",
            "techniques",
            "assets",
            "victim_links__nrm_case",
            Prefetch("defendants", queryset=Defendant.objects.prefetch_related("charges")),
        )
        .filter(pk=criminal_case_id)
        .first()
    )


@dataclass(frozen=True)
class LinkedVictim:
    link_id: int
    code: str
    nrm_case_id: int | None  # only when the user reaches the NRM case


def linked_victims(*, user: Any, criminal_case: CriminalCase) -> list[LinkedVictim]:
    links = list(criminal_case.victim_links.all())
    ids = [link.nrm_case_id for link in links]
    reached = set(nrm_cases_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        LinkedVictim(
            link_id=link.pk,
            code=link.nrm_case.code,
            nrm_case_id=link.nrm_case_id if link.nrm_case_id in reached else None,
        )
        for link in links
    ]
