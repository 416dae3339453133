"""Shapes of the cases API: what comes in (…In, …Patch, …Query) and what goes out (…Out).

Case outputs never carry a name: a case is its code and the person a pseudonymous number.
Identity comes only from the person operations, which are audited.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from liaison.core.geography import is_country_code
from liaison.core.vocabularies import Gender, TraffickingStatus
from liaison.nrm.models import Case, DocumentKind, IndicatorChecklist, Person


def _country(value: str | None) -> str | None:
    if value is None or value == "":
        return value
    value = value.strip().upper()
    if not is_country_code(value):
        raise ValueError(_("“%(value)s” is not an ISO 3166 country code.") % {"value": value})
    return value


class PersonSearchIn(Schema):
    given_names: str = Field("", max_length=200)
    family_names: str = Field("", max_length=200)
    birth_date: datetime.date | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    citizenship: str = Field("", max_length=2)
    document_number: str = Field("", max_length=60)

    _check_country = field_validator("citizenship")(_country)


class AgencyRef(Schema):
    id: int
    name: str


class CandidateOut(Schema):
    person_id: int
    person_number: str
    score: float
    likelihood: Literal["high", "medium", "low"]
    birth: str = Field(description="exact, swapped (day and month), year, missing or different")
    document_match: bool
    agencies: list[AgencyRef]
    case_id: int | None = Field(None, description="A case of this person you may open.")
    name: str | None = Field(None, description="Only when your agency has a case for the person.")


class PersonSearchOut(Schema):
    search_token: str = Field(description="Send it back to register a person or open a case.")
    candidates: list[CandidateOut]


class DocumentIn(Schema):
    kind: DocumentKind
    number: str = Field(..., min_length=1, max_length=60)
    issuing_country: str = Field("", max_length=2)

    _check_country = field_validator("issuing_country")(_country)


class DocumentOut(Schema):
    id: int
    kind: str
    number: str
    issuing_country: str


class PersonFields(Schema):
    given_names: str = Field("", max_length=200)
    family_names: str = Field("", max_length=200)
    patronymic: str = Field("", max_length=200)
    other_names: str = Field("", max_length=2000)
    sex: Gender = Gender.UNKNOWN
    birth_date: datetime.date | None = None
    birth_year_known: bool = False
    citizenship: str = Field("", max_length=2)
    other_citizenship: str = Field("", max_length=2)
    languages: list[str] = Field(default_factory=list, max_length=10)
    phone: str = Field("", max_length=40)
    address: str = Field("", max_length=2000)

    _check_country = field_validator("citizenship", "other_citizenship")(_country)


class PersonIn(PersonFields):
    """Register a person and open the agency's case, after a search for the same details."""

    search_token: str = Field(..., min_length=1, max_length=4000)
    agency_id: int
    flagged_on: datetime.date
    reasons: str = Field("", max_length=5000)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=5)


class PersonPatch(Schema):
    given_names: str | None = Field(None, max_length=200)
    family_names: str | None = Field(None, max_length=200)
    patronymic: str | None = Field(None, max_length=200)
    other_names: str | None = Field(None, max_length=2000)
    sex: Gender | None = None
    birth_date: datetime.date | None = None
    birth_year_known: bool | None = None
    citizenship: str | None = Field(None, max_length=2)
    other_citizenship: str | None = Field(None, max_length=2)
    languages: list[str] | None = Field(None, max_length=10)
    phone: str | None = Field(None, max_length=40)
    address: str | None = Field(None, max_length=2000)

    _check_country = field_validator("citizenship", "other_citizenship")(_country)


class PersonOut(Schema):
    id: int
    number: str
    given_names: str
    family_names: str
    patronymic: str
    other_names: str
    sex: str
    birth_date: datetime.date | None
    birth_year_known: bool
    citizenship: str
    other_citizenship: str
    languages: list[str]
    phone: str
    address: str

    @staticmethod
    def resolve_number(obj: Person) -> str:
        return str(obj)


class CaseOpenIn(Schema):
    """Open a case for a person found by a search (``person_id`` and ``search_token``), or an
    anonymous notification (``anonymous``: only age, sex and citizenship)."""

    agency_id: int
    flagged_on: datetime.date
    reasons: str = Field("", max_length=5000)
    person_id: int | None = None
    search_token: str = Field("", max_length=4000)
    anonymous: bool = False
    age: int | None = Field(None, ge=0, le=120)
    sex: Gender = Gender.UNKNOWN
    citizenship: str = Field("", max_length=2)

    _check_country = field_validator("citizenship")(_country)


class CasePatch(Schema):
    owner_id: int | None = None
    summary: str | None = Field(None, max_length=20000)


class CaseOut(Schema):
    id: int
    code: str
    person_number: str | None
    anonymous: bool
    agency: AgencyRef
    owner: str | None
    country: str
    status: str
    trafficking_status: str
    case_status: str
    flagged_on: datetime.date
    is_child: bool
    age_at_flagging: int | None
    closed_on: datetime.date | None
    closure_reason: str

    @staticmethod
    def resolve_person_number(obj: Case) -> str | None:
        return f"P-{obj.person_id:06d}" if obj.person_id else None

    @staticmethod
    def resolve_owner(obj: Case) -> str | None:
        return obj.owner.get_username() if obj.owner else None


class CaseDetailOut(CaseOut):
    person_id: int | None
    status_label: str
    summary: str
    anonymous_sex: str | None = None
    anonymous_citizenship: str | None = None


class CaseQuery(Schema):
    q: str = Field("", max_length=20, description="Part of the case code.")
    status: str = Field("", max_length=40, description="A step code of the status ladder.")
    trafficking_status: TraffickingStatus | None = None
    state: Literal["", "open", "closed"] = ""
    agency_id: int | None = None
    year: int | None = Field(None, ge=1900, le=2100)
    age_group: Literal["", "child", "adult"] = ""
    citizenship: str = Field("", max_length=2)
    overdue: bool = False
    sort: Literal["-flagged", "flagged", "code", "status", "-updated"] = "-flagged"


class TimelineOut(Schema):
    on: datetime.date
    kind: str
    title: str
    detail: str
    by: str


class ScreeningIn(Schema):
    checklist_id: int
    answers: dict[str, Literal["yes", "no", "unknown"]] = Field(default_factory=dict)
    screened_on: datetime.date
    notes: str = Field("", max_length=10000)


class ScreeningOut(Schema):
    id: int
    checklist_id: int
    checklist_kind: str
    answers: dict[str, str]
    strong_count: int
    other_count: int
    suggestion: str
    screened_on: datetime.date
    screened_by: str

    @staticmethod
    def resolve_checklist_kind(obj: Any) -> str:
        return str(obj.checklist.kind)

    @staticmethod
    def resolve_screened_by(obj: Any) -> str:
        return str(obj.screened_by.get_username())


class IndicatorOut(Schema):
    code: str
    text: dict[str, str]
    strong: bool


class ChecklistOut(Schema):
    id: int
    kind: str
    country: str
    version: int
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj: IndicatorChecklist) -> list[dict[str, Any]]:
        return [
            {"code": i["code"], "text": i.get("text", {}), "strong": bool(i.get("strong"))}
            for i in obj.indicators
        ]


class ChecklistQuery(Schema):
    country: str = Field("", max_length=2, description="Defaults to this instance's country.")


class SavedViewIn(Schema):
    name: str = Field(..., min_length=1, max_length=80)
    query: str = Field("", max_length=500)


class SavedViewOut(Schema):
    id: int
    name: str
    query: str
