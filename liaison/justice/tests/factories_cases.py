"""Factories of the criminal cases area, and its ids for the access-matrix and template tests."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from liaison.directory.models import Agency
from liaison.directory.tests.factories import AgencyFactory, UserFactory
from liaison.justice.models import (
    Asset,
    CaseAgency,
    InvestigationTechnique,
    StageChange,
    VictimLink,
)
from liaison.justice.tests.factories import (
    CriminalCaseFactory,
    DefendantFactory,
    OffenceFactory,
)
from liaison.nrm.tests.factories import CaseFactory as NrmCaseFactory


class StageChangeFactory(DjangoModelFactory[StageChange]):
    class Meta:
        model = StageChange

    criminal_case = factory.SubFactory(CriminalCaseFactory)
    stage = "investigation"
    entered_on = datetime.date(2026, 2, 1)
    recorded_by = factory.SubFactory(UserFactory)


class CaseAgencyFactory(DjangoModelFactory[CaseAgency]):
    class Meta:
        model = CaseAgency

    criminal_case = factory.SubFactory(CriminalCaseFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "Prosecution"


class TechniqueFactory(DjangoModelFactory[InvestigationTechnique]):
    class Meta:
        model = InvestigationTechnique

    criminal_case = factory.SubFactory(CriminalCaseFactory)
    technique = InvestigationTechnique.Technique.FINANCIAL


class AssetFactory(DjangoModelFactory[Asset]):
    class Meta:
        model = Asset

    criminal_case = factory.SubFactory(CriminalCaseFactory)
    measure = Asset.Measure.SEIZED
    description = "Vehicle"
    value = Decimal("12000.00")
    decided_on = datetime.date(2026, 3, 1)


SCOPED_KWARGS = {
    "criminal_case_id",
    "case_agency_id",
    "offence_id",
    "victim_link_id",
    "defendant_id",
}


def case_records(*, agency: Agency, user: Any) -> dict[str, Any]:
    """A criminal case led by ``agency`` and owned by ``user``, with an agency involved, an
    offence, a technique and an asset. ``criminal_case_id`` is what other areas hang on."""
    criminal_case = CriminalCaseFactory.create(lead_agency=agency, owner=user)
    StageChangeFactory.create(criminal_case=criminal_case, recorded_by=user)
    link = CaseAgencyFactory.create(criminal_case=criminal_case)
    offence = OffenceFactory.create(criminal_case=criminal_case)
    TechniqueFactory.create(criminal_case=criminal_case)
    AssetFactory.create(criminal_case=criminal_case)
    victim = VictimLink.objects.create(
        criminal_case=criminal_case, nrm_case=NrmCaseFactory.create(agency=agency), linked_by=user
    )
    defendant = DefendantFactory.create(criminal_case=criminal_case)
    defendant.charges.create(offence=offence)
    return {
        "defendant_id": defendant.pk,
        "victim_link_id": victim.pk,
        "criminal_case_id": criminal_case.pk,
        "case_agency_id": link.pk,
        "offence_id": offence.pk,
    }
