from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from liaison.directory.tests.factories import AgencyFactory, UserFactory
from liaison.justice.models import (
    CooperationRequest,
    CooperationType,
    CriminalCase,
    Defendant,
    Entity,
    Offence,
)


class CriminalCaseFactory(DjangoModelFactory[CriminalCase]):
    class Meta:
        model = CriminalCase

    reference = factory.Sequence(lambda n: f"NUIPC {n:04d}/26.0JALSB")
    title = factory.Sequence(lambda n: f"Operation {n}")
    lead_agency = factory.SubFactory(AgencyFactory)
    opened_on = datetime.date(2026, 2, 1)


class OffenceFactory(DjangoModelFactory[Offence]):
    class Meta:
        model = Offence

    criminal_case = factory.SubFactory(CriminalCaseFactory)
    offence_type = "tip"
    legal_provision = "Penal Code art. 160"


class DefendantFactory(DjangoModelFactory[Defendant]):
    class Meta:
        model = Defendant

    criminal_case = factory.SubFactory(CriminalCaseFactory)
    name = factory.Faker("name")
    sex = "Masculine"
    citizenship = "PT"
    suspected_on = datetime.date(2026, 2, 1)


class CooperationRequestFactory(DjangoModelFactory[CooperationRequest]):
    class Meta:
        model = CooperationRequest

    reference = factory.Sequence(lambda n: f"MLA-2026-{n:04d}")
    request_type = CooperationType.MLA
    direction = CooperationRequest.Direction.OUTGOING
    criminal_case = factory.SubFactory(CriminalCaseFactory)
    agency = factory.SelfAttribute("criminal_case.lead_agency")
    other_country = "UZ"
    legal_basis = CooperationRequest.LegalBasis.UNTOC_18
    subject = "Bank records of a recruitment agency"


class EntityFactory(DjangoModelFactory[Entity]):
    class Meta:
        model = Entity

    criminal_case = factory.SubFactory(CriminalCaseFactory)
    kind = "phone"
    value = factory.Sequence(lambda n: f"+351 91{n:07d}")
    recorded_by = factory.SubFactory(UserFactory)
