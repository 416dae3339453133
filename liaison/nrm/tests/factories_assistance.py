from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from liaison.core.vocabularies import SupportType
from liaison.nrm.models import NeedsAssessment, ReturnFollowUp, ServiceDelivery, SupportPlanItem
from liaison.nrm.tests.factories import CaseFactory


class NeedsAssessmentFactory(DjangoModelFactory[NeedsAssessment]):
    class Meta:
        model = NeedsAssessment

    case = factory.SubFactory(CaseFactory)
    assessed_on = datetime.date(2026, 3, 5)
    needs = [SupportType.HEALTH.value, SupportType.LEGAL.value]
    risk_level = "medium"
    notes = "Нуждается в переводчике"
    assessed_by = factory.SubFactory("liaison.directory.tests.factories.UserFactory")


class SupportPlanItemFactory(DjangoModelFactory[SupportPlanItem]):
    class Meta:
        model = SupportPlanItem

    case = factory.SubFactory(CaseFactory)
    support_type = SupportType.LEGAL
    objective = "Legal aid for the residence permit"
    planned_end = datetime.date(2026, 6, 30)


class ServiceDeliveryFactory(DjangoModelFactory[ServiceDelivery]):
    class Meta:
        model = ServiceDelivery

    case = factory.SubFactory(CaseFactory)
    support_type = SupportType.SOCIAL_CARE
    started_on = datetime.date(2026, 3, 6)


class ReturnFactory(DjangoModelFactory[ReturnFollowUp]):
    class Meta:
        model = ReturnFollowUp

    case = factory.SubFactory(CaseFactory)
    kind = ReturnFollowUp.Kind.RETURN
    happened_on = datetime.date(2026, 5, 1)
    country = "UZ"
    voluntary = True
