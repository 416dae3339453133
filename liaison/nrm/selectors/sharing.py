"""What the recipient of a handover may read of the sender's case: only the sections chosen.

Nothing outside ``handover.sections`` is loaded, so a template or an API schema cannot show it by
mistake. ``SHARED_FIELDS`` names what each section shows, for the access-log entry of the view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from liaison.nrm.models import (
    CasePeriod,
    Consent,
    ExploitationProfile,
    Handover,
    IdentityDocument,
    NeedsAssessment,
    ResidencePermit,
    ReturnFollowUp,
    Screening,
    Section,
    ServiceDelivery,
    StatusDecision,
    SupportPlanItem,
    TraffickingEvent,
)

SHARED_FIELDS: dict[str, tuple[str, ...]] = {
    Section.IDENTITY: (
        "given_names",
        "family_names",
        "patronymic",
        "other_names",
        "sex",
        "birth_date",
        "citizenship",
        "languages",
        "phone",
        "address",
        "documents",
    ),
    Section.SCREENING: ("screenings", "screening_answers", "screening_notes"),
    Section.STATUS: ("decisions", "decision_reasons", "periods", "residence_permits"),
    Section.EXPLOITATION: ("exploitation_profile", "exploitation_notes", "trafficking_events"),
    Section.CONSENT: ("consents", "guardian_name"),
    Section.ASSISTANCE: ("needs", "support_plan", "services_delivered", "returns"),
}


@dataclass
class SharedCase:
    handover: Handover
    sections: list[str]
    data: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def fields(self) -> list[str]:
        return [name for section in self.sections for name in SHARED_FIELDS[section]]


def _identity(handover: Handover) -> dict[str, Any]:
    person = handover.case.person
    documents = (
        list(IdentityDocument.objects.filter(person=person).order_by("id")) if person else []
    )
    return {"person": person, "documents": documents}


def _screening(handover: Handover) -> dict[str, Any]:
    return {
        "screenings": list(Screening.objects.filter(case=handover.case).select_related("checklist"))
    }


def _status(handover: Handover) -> dict[str, Any]:
    case = handover.case
    return {
        "decisions": list(
            StatusDecision.objects.filter(case=case).select_related("deciding_agency")
        ),
        "periods": list(CasePeriod.objects.filter(case=case)),
        "permits": list(ResidencePermit.objects.filter(case=case)),
    }


def _exploitation(handover: Handover) -> dict[str, Any]:
    case = handover.case
    return {
        "profile": ExploitationProfile.objects.filter(case=case).first(),
        "events": list(TraffickingEvent.objects.filter(case=case)),
    }


def _consent(handover: Handover) -> dict[str, Any]:
    return {
        "consents": list(Consent.objects.filter(case=handover.case).select_related("recipient"))
    }


def _assistance(handover: Handover) -> dict[str, Any]:
    case = handover.case
    return {
        "needs": list(NeedsAssessment.objects.filter(case=case)),
        "plan": list(SupportPlanItem.objects.filter(case=case)),
        "services": list(ServiceDelivery.objects.filter(case=case).select_related("provider")),
        "returns": list(ReturnFollowUp.objects.filter(case=case).select_related("partner")),
    }


LOADERS: dict[str, Callable[[Handover], dict[str, Any]]] = {
    Section.IDENTITY: _identity,
    Section.SCREENING: _screening,
    Section.STATUS: _status,
    Section.EXPLOITATION: _exploitation,
    Section.CONSENT: _consent,
    Section.ASSISTANCE: _assistance,
}


def shared_case(*, handover: Handover) -> SharedCase:
    """The chosen sections of the case. The caller has already checked that the user is the
    recipient (``selectors.handovers.shared_handover_for``)."""
    sections = [s for s in Section.values if s in (handover.sections or [])]
    shared = SharedCase(handover=handover, sections=sections)
    for section in sections:
        shared.data[section] = LOADERS[section](handover)
    return shared
