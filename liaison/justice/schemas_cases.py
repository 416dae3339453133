"""Shapes of the criminal cases API: what comes in (…In, …Patch, …Query) and what goes out (…Out)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from liaison.core.vocabularies import Gender, PerpetratorRole
from liaison.justice.models import Asset, InvestigationTechnique, OffenceType
from liaison.justice.models.criminal_cases import Stage


class CriminalCaseQuery(Schema):
    stage: Stage | None = None
    offence: OffenceType | None = None
    year: int | None = Field(None, ge=1900, le=2100)
    agency_id: int | None = None


class CriminalCaseOut(Schema):
    id: int
    reference: str
    title: str
    stage: str
    lead_agency_id: int
    opened_on: datetime.date
    is_trafficking: bool
    is_smuggling: bool
    owner_id: int | None


class StageChangeOut(Schema):
    stage: str
    entered_on: datetime.date
    note: str


class CaseAgencyOut(Schema):
    id: int
    agency_id: int
    role: str


class OffenceOut(Schema):
    id: int
    offence_type: str
    legal_provision: str


class TechniqueOut(Schema):
    id: int
    technique: str
    note: str


class AssetOut(Schema):
    id: int
    measure: str
    description: str
    value: Decimal | None
    currency: str
    decided_on: datetime.date | None


class CriminalCaseDetailOut(CriminalCaseOut):
    summary: str
    stage_changes: list[StageChangeOut]
    agencies: list[CaseAgencyOut]
    offences: list[OffenceOut]
    techniques: list[TechniqueOut]
    assets: list[AssetOut]


class CriminalCaseIn(Schema):
    lead_agency_id: int
    reference: str = Field(..., min_length=1, max_length=60)
    title: str = Field(..., min_length=1, max_length=200)
    opened_on: datetime.date
    summary: str = Field("", max_length=20000)
    is_trafficking: bool = True
    is_smuggling: bool = False


class CriminalCasePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, max_length=20000)
    owner_id: int | None = None
    is_trafficking: bool | None = None
    is_smuggling: bool | None = None


class StageChangeIn(Schema):
    stage: Stage
    entered_on: datetime.date
    note: str = Field("", max_length=300)


class CaseAgencyIn(Schema):
    agency_id: int
    role: str = Field("", max_length=100)


class OffenceIn(Schema):
    offence_type: OffenceType
    legal_provision: str = Field("", max_length=200)


class TechniqueIn(Schema):
    technique: InvestigationTechnique.Technique
    note: str = Field("", max_length=300)


class AssetIn(Schema):
    measure: Asset.Measure
    description: str = Field(..., min_length=1, max_length=200)
    value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: str = Field("EUR", min_length=3, max_length=3)
    decided_on: datetime.date | None = None


class VictimLinkIn(Schema):
    code: str = Field(..., min_length=1, max_length=20)


class LinkedVictimOut(Schema):
    link_id: int
    code: str
    nrm_case_id: int | None


class ChargeOut(Schema):
    offence_id: int
    outcome: str
    decided_on: datetime.date | None


class DefendantOut(Schema):
    """Without the name: a list of defendants reveals no identity."""

    id: int
    criminal_case_id: int
    kind: str
    sex: str
    age: int | None
    citizenship: str
    roles: list[str]
    status: str
    suspected_on: datetime.date
    prosecuted_on: datetime.date | None
    judged_on: datetime.date | None
    sentence_months: int | None
    charges: list[ChargeOut]


class DefendantDetailOut(DefendantOut):
    name: str
    birth_date: datetime.date | None
    sentence: str


class DefendantIn(Schema):
    kind: Literal["natural", "legal"] = "natural"
    name: str = Field(..., min_length=1, max_length=200)
    birth_date: datetime.date | None = None
    sex: Gender = Gender.UNKNOWN
    age: int | None = Field(None, ge=0, le=120)
    citizenship: str = Field("", max_length=2)
    roles: list[PerpetratorRole] = []
    suspected_on: datetime.date


class DefendantPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    birth_date: datetime.date | None = None
    sex: Gender | None = None
    age: int | None = Field(None, ge=0, le=120)
    citizenship: str | None = Field(None, max_length=2)
    roles: list[PerpetratorRole] | None = None
    status: Literal["suspected", "prosecuted", "convicted", "acquitted", "dismissed"] | None = None
    prosecuted_on: datetime.date | None = None
    judged_on: datetime.date | None = None
    sentence: str | None = Field(None, max_length=5000)
    sentence_months: int | None = Field(None, ge=0)


class ChargeIn(Schema):
    offence_id: int
    outcome: Literal["pending", "dismissed", "acquitted", "convicted"] = "pending"
    decided_on: datetime.date | None = None
