"""Shapes of the API for the exploitation profile, consent, handovers and the service directory."""

import datetime
from typing import Any

from ninja import Field, Schema

from liaison.core.vocabularies import (
    ExploitationType,
    Industry,
    MeansOfControl,
    OnlinePlatform,
    RecruitmentMethod,
    RelationToRecruiter,
    SexualExploitationType,
    TraffickingEventType,
)
from liaison.nrm.models import (
    ConsentPurpose,
    HandoverKind,
    HandoverStatus,
    ProviderService,
    Section,
)

# --- exploitation profile -------------------------------------------------------------------


class ExploitationProfileOut(Schema):
    case_id: int
    forms: list[str]
    industry: str
    sexual_exploitation_types: list[str]
    means_of_control: list[str]
    recruitment_methods: list[str]
    relation_to_recruiter: str
    recruitment_platforms: list[str]
    exploitation_platforms: list[str]
    also_smuggled: bool | None
    notes: str


class ExploitationProfilePatch(Schema):
    """Only the fields sent are changed. Means of control are never required (children)."""

    forms: list[ExploitationType] | None = None
    industry: Industry | None = None
    sexual_exploitation_types: list[SexualExploitationType] | None = None
    means_of_control: list[MeansOfControl] | None = None
    recruitment_methods: list[RecruitmentMethod] | None = None
    relation_to_recruiter: RelationToRecruiter | None = None
    recruitment_platforms: list[OnlinePlatform] | None = None
    exploitation_platforms: list[OnlinePlatform] | None = None
    also_smuggled: bool | None = None
    notes: str | None = Field(None, max_length=10000)


class TraffickingEventIn(Schema):
    kind: TraffickingEventType
    country: str = Field(..., min_length=2, max_length=2)
    place: str = Field("", max_length=300)
    started_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    description: str = Field("", max_length=5000)


class TraffickingEventOut(Schema):
    id: int
    kind: str
    country: str
    place: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    description: str


# --- consent --------------------------------------------------------------------------------


class ConsentIn(Schema):
    purpose: ConsentPurpose
    given: bool
    given_on: datetime.date
    recipient_id: int | None = None
    language: str = Field("", max_length=8)
    interpreter_present: bool = False
    guardian_name: str = Field("", max_length=200)


class ConsentWithdrawIn(Schema):
    withdrawn_on: datetime.date
    reason: str = Field(..., min_length=1, max_length=300)


class ConsentOut(Schema):
    id: int
    purpose: str
    recipient_id: int | None
    given: bool
    given_on: datetime.date
    language: str
    interpreter_present: bool
    guardian_name: str
    withdrawn_on: datetime.date | None
    withdrawal_reason: str
    is_valid: bool


# --- handovers ------------------------------------------------------------------------------


class HandoverIn(Schema):
    kind: HandoverKind = Field(..., description="referral, transfer or assignment")
    to_agency_id: int | None = None
    to_user_id: int | None = None
    provider_id: int | None = None
    sections: list[Section] = Field(default_factory=list)
    reason: str = Field("", max_length=5000)
    override_reason: str = Field(
        "", max_length=5000, description="Only to send without consent, if your role may."
    )


class HandoverAcceptIn(Schema):
    note: str = Field("", max_length=5000)
    override_reason: str = Field("", max_length=5000)


class HandoverRejectIn(Schema):
    reason: str = Field(..., min_length=1, max_length=5000)


class HandoverDoneIn(Schema):
    note: str = Field("", max_length=5000)


class TransferRequestIn(Schema):
    from_agency_id: int
    reason: str = Field(..., min_length=1, max_length=5000)


class AnonymousNotificationIn(Schema):
    to_agency_id: int


class HandoverSummaryOut(Schema):
    """What the inbox lists: no personal data."""

    id: int
    case_id: int
    case_code: str
    kind: HandoverKind
    status: HandoverStatus
    from_agency_id: int
    from_agency_name: str
    to_agency_id: int
    to_agency_name: str
    to_user_id: int | None
    provider_id: int | None
    sections: list[str]
    consent_overridden: bool
    created_at: datetime.datetime
    responded_at: datetime.datetime | None
    done_at: datetime.datetime | None

    @staticmethod
    def resolve_case_code(obj: Any) -> str:
        return obj.case.code

    @staticmethod
    def resolve_from_agency_name(obj: Any) -> str:
        return obj.from_agency.name

    @staticmethod
    def resolve_to_agency_name(obj: Any) -> str:
        return obj.to_agency.name


class HandoverOut(HandoverSummaryOut):
    reason: str
    response_note: str
    override_reason: str
    actions: dict[str, bool] = Field(default_factory=dict)


class InboxCountsOut(Schema):
    total: int
    referral: int
    transfer: int
    transfer_request: int
    assignment: int


class AnonymousCaseOut(Schema):
    id: int
    code: str
    agency_id: int
    anonymous: bool


class SharedCaseOut(Schema):
    """Only the sections the sender chose are present; the others are null."""

    handover_id: int
    case_code: str
    sections: list[str]
    identity: dict[str, Any] | None = None
    screening: list[dict[str, Any]] | None = None
    status: dict[str, list[dict[str, Any]]] | None = None
    exploitation: dict[str, Any] | None = None
    consent: list[dict[str, Any]] | None = None
    assistance: dict[str, list[dict[str, Any]]] | None = None


# --- service directory ----------------------------------------------------------------------


class ProviderQuery(Schema):
    service: ProviderService | None = None
    country: str = Field("", max_length=2)
    region: str = Field("", max_length=100)
    language: str = Field("", max_length=3)
    children: bool | None = None
    free_places: bool = False
    q: str = Field("", max_length=100)


class ProviderIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    agency_id: int | None = None
    services: list[ProviderService]
    country: str = Field(..., min_length=2, max_length=2)
    region: str = Field("", max_length=100)
    capacity: int | None = Field(None, ge=0)
    places_free: int | None = Field(None, ge=0)
    languages: list[str] = Field(default_factory=list)
    accepts_children: bool = False
    contact: str = Field("", max_length=200)
    is_active: bool = True


class ProviderPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    agency_id: int | None = None
    services: list[ProviderService] | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    region: str | None = Field(None, max_length=100)
    capacity: int | None = Field(None, ge=0)
    places_free: int | None = Field(None, ge=0)
    languages: list[str] | None = None
    accepts_children: bool | None = None
    contact: str | None = Field(None, max_length=200)
    is_active: bool | None = None


class ProviderOut(Schema):
    id: int
    name: str
    agency_id: int | None
    services: list[str]
    country: str
    region: str
    capacity: int | None
    places_free: int | None
    languages: list[str]
    accepts_children: bool
    contact: str
    is_active: bool
