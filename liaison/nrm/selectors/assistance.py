"""Reads for assistance and exports: a case's assistance records, the choices of the forms, and
the cases of an export (scoped to the user, with the case list's filters)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
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
from liaison.nrm.permissions import providers_visible_to
from liaison.nrm.selectors.cases import CaseFilter, case_search


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


def cases_for_export(*, user: Any, criteria: CaseFilter) -> QuerySet[Case]:
    """The case list's cases under the same filters, with what one row of the sheet needs.

    Names are neither needed nor decrypted: the sheet is pseudonymous.
    """
    return (
        case_search(user=user, criteria=criteria)
        .select_related("exploitation")
        .defer("exploitation__notes")
        .annotate(
            person_sex=Coalesce("person__sex", "anonymous_details__sex"),
            person_citizenship=Coalesce("person__citizenship", "anonymous_details__citizenship"),
            service_count=Count("services_delivered", distinct=True),
        )
    )
