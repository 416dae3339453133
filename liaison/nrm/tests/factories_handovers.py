from __future__ import annotations

import datetime
from typing import Any

import factory
from factory.django import DjangoModelFactory

from liaison.core.vocabularies import TraffickingEventType
from liaison.directory.tests.factories import AgencyFactory, UserFactory
from liaison.nrm.models import Handover, HandoverKind, Section, TraffickingEvent
from liaison.nrm.tests.factories import CaseFactory

LADDER = [
    {
        "code": "flagged",
        "label": "Flagged",
        "deciders": ["frontline_responder"],
        "next": ["confirmed"],
    },
    {"code": "confirmed", "label": "Confirmed", "deciders": ["investigator"], "next": []},
]


class HandoverFactory(DjangoModelFactory[Handover]):
    class Meta:
        model = Handover

    case = factory.SubFactory(CaseFactory)
    kind = HandoverKind.REFERRAL
    from_agency = factory.SelfAttribute("case.agency")
    from_user = factory.SubFactory(UserFactory)
    to_agency = factory.SubFactory(AgencyFactory)
    sections = factory.LazyFunction(lambda: [Section.EXPLOITATION])


class TraffickingEventFactory(DjangoModelFactory[TraffickingEvent]):
    class Meta:
        model = TraffickingEvent

    case = factory.SubFactory(CaseFactory)
    kind = TraffickingEventType.RECRUITMENT
    country = "UZ"
    place = "Tashkent bus station"
    started_on = datetime.date(2025, 5, 1)


class World:
    """Two agencies with a case manager (may override consent) and a case worker each, the home
    country profile with a ladder, and a case of agency A."""

    def __init__(self, make_member: Any) -> None:
        from liaison.directory.roles import Role
        from liaison.directory.tests.factories import CountryProfileFactory
        from liaison.nrm.tests.factories import PersonFactory

        CountryProfileFactory(country="PT", is_home=True, status_ladder=LADDER)
        self.a: Any = AgencyFactory(name="Agency A")
        self.b: Any = AgencyFactory(name="Agency B")
        self.c: Any = AgencyFactory(name="Agency C")
        self.manager_a: Any = make_member(Role.CASE_MANAGER, self.a)
        self.worker_a: Any = make_member(Role.CASE_WORKER, self.a)
        self.manager_b: Any = make_member(Role.CASE_MANAGER, self.b)
        self.worker_b: Any = make_member(Role.CASE_WORKER, self.b)
        self.worker_c: Any = make_member(Role.CASE_WORKER, self.c)
        self.case: Any = CaseFactory(
            agency=self.a, person=PersonFactory(registered_by=self.a), owner=self.worker_a
        )


# URL keywords of the handovers area that name one agency's records (for tests/matrix.py).
SCOPED_KWARGS = {
    "handover_id",
    "consent_id",
    "event_id",
}  # the directory is shared: not provider_id


def handover_records(*, agency: Any, user: Any, case: Any) -> dict[str, Any]:
    """Ids for the URL keywords of this area, for the access-matrix and template tests: a
    referral of another agency's case waiting in ``agency``'s inbox (every section shared), and a
    consent, a route event and a directory entry of ``case`` / ``agency``."""
    from liaison.nrm.models import ConsentPurpose
    from liaison.nrm.tests.factories import ConsentFactory, PersonFactory, ProviderFactory

    sender = AgencyFactory()
    incoming = CaseFactory(agency=sender, person=PersonFactory(registered_by=sender))
    handover: Any = HandoverFactory(
        case=incoming, from_agency=sender, to_agency=agency, sections=list(Section.values)
    )
    consent: Any = ConsentFactory(
        case=case, purpose=ConsentPurpose.REFERRAL, recipient=sender, recorded_by=user
    )
    event: Any = TraffickingEventFactory(case=case)
    provider: Any = ProviderFactory(agency=agency)
    return {
        "handover_id": handover.pk,
        "consent_id": consent.pk,
        "event_id": event.pk,
        "provider_id": provider.pk,
    }
