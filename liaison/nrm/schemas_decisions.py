"""Shapes of the API for status decisions, periods, recorded events, residence permits and due items."""

import datetime

from ninja import Field, Schema

from liaison.nrm.models import ResidencePermit


class DecisionIn(Schema):
    step: str = Field(..., min_length=1, max_length=40)
    decided_on: datetime.date
    reasons: str = Field(..., min_length=1, max_length=10000)
    agency_id: int | None = Field(
        None, description="Decide in the name of this agency (one of yours)."
    )


class ReconsiderationIn(Schema):
    decided_on: datetime.date
    reasons: str = Field(..., min_length=1, max_length=10000)
    agency_id: int | None = None


class DecisionOut(Schema):
    id: int
    case_id: int
    step: str
    previous_step: str
    is_reconsideration: bool
    decided_on: datetime.date
    decided_by: str
    deciding_agency_id: int
    deciding_agency: str
    decision_org: str
    reasons: str


class DecisionOptionOut(Schema):
    step: str
    label: str
    agency_ids: list[int]


class DecisionOptionsOut(Schema):
    case_id: int
    status: str
    options: list[DecisionOptionOut]
    can_reconsider: bool


class EventIn(Schema):
    code: str = Field(..., min_length=1, max_length=40)
    occurred_on: datetime.date


class PeriodOut(Schema):
    id: int
    case_id: int
    case_code: str
    code: str
    label: str
    unit: str
    starts_on: datetime.date
    due_on: datetime.date
    latest_on: datetime.date | None
    status: str
    ended_on: datetime.date | None
    note: str
    overdue: bool


class EventOut(Schema):
    id: int
    case_id: int
    code: str
    occurred_on: datetime.date
    periods_started: list[PeriodOut]


class PeriodExtendIn(Schema):
    due_on: datetime.date
    reason: str = Field(..., min_length=1, max_length=250)


class PeriodEndIn(Schema):
    ended_on: datetime.date
    note: str = Field(..., min_length=1, max_length=300)


class PermitIn(Schema):
    route: ResidencePermit.Route
    requested_on: datetime.date


class PermitGrantIn(Schema):
    granted_on: datetime.date


class PermitRenewIn(Schema):
    renewed_on: datetime.date


class PermitOut(Schema):
    id: int
    case_id: int
    route: str
    status: str
    requested_on: datetime.date
    granted_on: datetime.date | None
    expires_on: datetime.date | None
    renewals: int


class DueItemsOut(Schema):
    today: datetime.date
    overdue: list[PeriodOut]
    due_soon: list[PeriodOut]
