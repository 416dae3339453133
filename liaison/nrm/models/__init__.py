"""The national referral mechanism: people, their cases and everything that happens in them."""

from liaison.nrm.models.alerts import DeadlineAlert
from liaison.nrm.models.anonymous import AnonymousDetails
from liaison.nrm.models.assistance import (
    NeedsAssessment,
    Provider,
    ProviderService,
    ReturnFollowUp,
    ServiceDelivery,
    SupportPlanItem,
)
from liaison.nrm.models.cases import Case, CaseClosureReason, SavedCaseView
from liaison.nrm.models.clocks import CaseEvent
from liaison.nrm.models.consent import Consent, ConsentPurpose
from liaison.nrm.models.decisions import CasePeriod, PeriodStatus, ResidencePermit, StatusDecision
from liaison.nrm.models.handovers import Handover, HandoverKind, HandoverStatus, Section
from liaison.nrm.models.people import DocumentKind, IdentityDocument, Person, PersonSearchKey
from liaison.nrm.models.profile import ExploitationProfile, TraffickingEvent
from liaison.nrm.models.screening import IndicatorChecklist, Screening, ScreeningSuggestion

__all__ = [
    "AnonymousDetails",
    "Case",
    "CaseClosureReason",
    "CaseEvent",
    "CasePeriod",
    "Consent",
    "ConsentPurpose",
    "DeadlineAlert",
    "DocumentKind",
    "ExploitationProfile",
    "Handover",
    "HandoverKind",
    "HandoverStatus",
    "IdentityDocument",
    "IndicatorChecklist",
    "NeedsAssessment",
    "PeriodStatus",
    "Person",
    "PersonSearchKey",
    "Provider",
    "ProviderService",
    "ResidencePermit",
    "ReturnFollowUp",
    "SavedCaseView",
    "Screening",
    "ScreeningSuggestion",
    "Section",
    "ServiceDelivery",
    "StatusDecision",
    "SupportPlanItem",
    "TraffickingEvent",
]
