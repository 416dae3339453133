"""Criminal cases of trafficking and smuggling, the people prosecuted, cooperation abroad, networks."""

from liaison.justice.models.cooperation import (
    CooperationRequest,
    CooperationStatus,
    CooperationType,
)
from liaison.justice.models.criminal_cases import (
    Asset,
    CaseAgency,
    CriminalCase,
    InvestigationTechnique,
    Offence,
    OffenceType,
    Stage,
    StageChange,
    VictimLink,
)
from liaison.justice.models.defendants import Charge, ChargeOutcome, Defendant
from liaison.justice.models.network import Entity, EntityKind, EntityLink

__all__ = [
    "Asset",
    "CaseAgency",
    "Charge",
    "ChargeOutcome",
    "CooperationRequest",
    "CooperationStatus",
    "CooperationType",
    "CriminalCase",
    "Defendant",
    "Entity",
    "EntityKind",
    "EntityLink",
    "InvestigationTechnique",
    "Offence",
    "OffenceType",
    "Stage",
    "StageChange",
    "VictimLink",
]
