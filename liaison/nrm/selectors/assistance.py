"""Reads for assistance and exports: a case's assistance records, the choices of the forms, and
the cases of an export (scoped to the user, with the case list's filters)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from liaison.core.vocabularies import SupportType
from liaison.directory.models import Agency
from liaison.nrm.models import (
    Case,
    NeedsAssessment,
    Provider,
    ReturnFollowUp,
    ServiceDelivery,
    SupportPlanItem,
)
from liaison.nrm.permissions import cases_visible_to, providers_visible_to


@dataclass
class CaseAssistance:
    needs: list[NeedsAssessment]
    plan: list[SupportPlanItem]
    services: list[ServiceDelivery]
    returns: list[ReturnFollowUp]

    @property
    def latest_needs(self) -> NeedsAssessment | None:
        return self.needs[0] if self.needs else None

    @property
    def last_return(self) -> ReturnFollowUp | None:
        found = [r for r in self.returns if r.kind == ReturnFollowUp.Kind.RETURN]
        return found[-1] if found else None


def support_type_label(value: str) -> str:
    try:
        return str(SupportType(value).label)
    except ValueError:
        return value


def case_assistance(case: Case) -> CaseAssistance:
    """Four queries whatever the number of rows."""
    return CaseAssistance(
        needs=list(case.needs_assessments.select_related("assessed_by")),
        plan=list(case.support_plan.all()),
        services=list(case.services_delivered.select_related("provider")),
        returns=list(case.returns.select_related("partner")),
    )


def plan_items_of(case: Case) -> QuerySet[SupportPlanItem]:
    return SupportPlanItem.objects.filter(case=case)


def providers_for_services(user: Any) -> QuerySet[Provider]:
    return providers_visible_to(user).filter(is_active=True).order_by("country", "name")


def partner_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("country", "name")


@dataclass(frozen=True)
class CaseExportFilter:
    """The case list's filters (the same names as its query string); empty values filter nothing."""

    status: str = ""
    agency_id: int | None = None
    year: int | None = None
    open_state: str = ""  # "", "open" or "closed"
    trafficking_status: str = ""
    age_group: str = ""  # "", "child" or "adult"
    citizenship: str = ""


def cases_for_export(*, user: Any, criteria: CaseExportFilter) -> QuerySet[Case]:
    """The cases the user reaches, filtered, with what one row of the sheet needs joined in."""
    cases = cases_visible_to(user)
    if criteria.status:
        cases = cases.filter(status=criteria.status)
    if criteria.agency_id:
        cases = cases.filter(agency_id=criteria.agency_id)
    if criteria.year:
        cases = cases.filter(flagged_on__year=criteria.year)
    if criteria.open_state == "open":
        cases = cases.filter(closed_on__isnull=True)
    elif criteria.open_state == "closed":
        cases = cases.filter(closed_on__isnull=False)
    if criteria.trafficking_status:
        cases = cases.filter(trafficking_status=criteria.trafficking_status)
    if criteria.age_group in ("child", "adult"):
        cases = cases.filter(is_child=criteria.age_group == "child")
    if criteria.citizenship:
        code = criteria.citizenship.upper()
        cases = cases.filter(Q(person__citizenship=code) | Q(anonymous_details__citizenship=code))
    # Names are neither needed nor decrypted: the sheet is pseudonymous.
    return (
        cases.select_related(None)
        .select_related("agency", "exploitation")
        .defer("summary", "closure_note", "exploitation__notes")
        .annotate(
            person_sex=Coalesce("person__sex", "anonymous_details__sex"),
            person_citizenship=Coalesce("person__citizenship", "anonymous_details__citizenship"),
            service_count=Count("services_delivered", distinct=True),
        )
        .order_by("-flagged_on", "-id")
    )
