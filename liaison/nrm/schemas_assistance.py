"""Shapes of the NRM assistance API: what comes in (…In) and what goes out (…Out)."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from liaison.core.vocabularies import SupportType, TraffickingStatus
from liaison.nrm.models import CaseClosureReason, ProviderService


class NeedsAssessmentIn(Schema):
    assessed_on: datetime.date
    needs: list[SupportType] = Field(..., min_length=1)
    risk_level: Literal["", "low", "medium", "high"] = ""
    notes: str = Field("", max_length=5000)


class NeedsAssessmentOut(Schema):
    id: int
    assessed_on: datetime.date
    needs: list[str]
    risk_level: str
    notes: str


class SupportPlanItemIn(Schema):
    support_type: SupportType
    objective: str = Field(..., min_length=1, max_length=2000)
    planned_end: datetime.date | None = None


class SupportPlanItemCompleteIn(Schema):
    item_id: int
    actual_end: datetime.date


class SupportPlanItemOut(Schema):
    id: int
    support_type: str
    objective: str
    planned_end: datetime.date | None
    actual_end: datetime.date | None


class ServiceDeliveryIn(Schema):
    support_type: SupportType
    started_on: datetime.date
    ended_on: datetime.date | None = None
    provider_id: int | None = None
    service: ProviderService | Literal[""] = ""
    notes: str = Field("", max_length=5000)


class ServiceDeliveryOut(Schema):
    id: int
    support_type: str
    provider_id: int | None
    service: str
    started_on: datetime.date
    ended_on: datetime.date | None
    notes: str


class ReturnIn(Schema):
    happened_on: datetime.date
    country: str = Field(..., min_length=2, max_length=2, description="ISO 3166 alpha-2 code.")
    voluntary: bool | None = None
    partner_id: int | None = None
    notes: str = Field("", max_length=5000)


class FollowUpIn(Schema):
    happened_on: datetime.date
    reintegration_status: Literal["good", "fragile", "at_risk", "unknown"]
    country: str = Field("", max_length=2, description="Empty: the country of the last return.")
    notes: str = Field("", max_length=5000)


class ReturnFollowUpOut(Schema):
    id: int
    kind: str
    happened_on: datetime.date
    country: str
    voluntary: bool | None
    partner_id: int | None
    reintegration_status: str
    notes: str


class CaseAssistanceOut(Schema):
    case_id: int
    needs: list[NeedsAssessmentOut]
    plan: list[SupportPlanItemOut]
    services: list[ServiceDeliveryOut]
    returns: list[ReturnFollowUpOut]


class CaseCloseIn(Schema):
    reason: CaseClosureReason
    closed_on: datetime.date | None = None
    note: str = Field("", max_length=5000)


class CaseClosureOut(Schema):
    id: int
    code: str
    case_status: str
    closed_on: datetime.date | None
    closure_reason: str


class CaseSummaryIn(Schema):
    sections: list[str] = Field(..., min_length=1, description="Codes of the sections to include.")
    language: Literal["", "en", "ru", "pt", "uz"] = ""


class CaseListExportQuery(Schema):
    """The case list's filters."""

    q: str = Field("", max_length=20, description="Part of the case code.")
    status: str = Field("", max_length=40, description="A step code of the status ladder.")
    agency: int | None = None
    year: int | None = Field(None, ge=1990, le=2100)
    state: Literal["", "open", "closed"] = ""
    trafficking_status: TraffickingStatus | Literal[""] = ""
    age_group: Literal["", "child", "adult"] = ""
    citizenship: str = Field("", max_length=2)
    overdue: bool = False
    sort: Literal["-flagged", "flagged", "code", "status", "-updated"] = "-flagged"
