"""Factories and helpers for the cases tests: people with search keys, documents, screenings."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import factory
from factory.django import DjangoModelFactory

from liaison.directory.demo import PROFILES
from liaison.directory.models import Agency, CountryProfile
from liaison.nrm.models import (
    IdentityDocument,
    IndicatorChecklist,
    Person,
    SavedCaseView,
    Screening,
    ScreeningSuggestion,
)
from liaison.nrm.services.people import search_keys_refresh
from liaison.nrm.tests.factories import CaseFactory, PersonFactory


def home_profile(country: str = "PT") -> CountryProfile:
    """The demo's profile of ``country``, marked as this instance's country."""
    data = copy.deepcopy(next(p for p in PROFILES if p["country"] == country))
    data["is_home"] = True
    CountryProfile.objects.exclude(country=country).update(is_home=False)
    profile, _created = CountryProfile.objects.update_or_create(
        country=country, defaults={k: v for k, v in data.items() if k != "country"}
    )
    return profile


def indexed_person(agency: Agency | None = None, **fields: Any) -> Person:
    """A person whose search keys are stored, as the services store them."""
    person = PersonFactory.create(**({"registered_by": agency} if agency else {}), **fields)
    search_keys_refresh(person=person)
    return person


class IdentityDocumentFactory(DjangoModelFactory[IdentityDocument]):
    class Meta:
        model = IdentityDocument

    person = factory.SubFactory(PersonFactory)
    kind = "passport"
    number = factory.Sequence(lambda n: f"FA{n:07d}")
    issuing_country = "UZ"


def default_checklist(kind: str = "general") -> IndicatorChecklist:
    """The seeded default list; seeded again here when a transactional test flushed the tables."""
    from liaison.nrm.indicators import DEFAULT_CHECKLISTS

    checklist, _created = IndicatorChecklist.objects.get_or_create(
        kind=kind, country="", version=1, defaults={"indicators": DEFAULT_CHECKLISTS[kind]}
    )
    return checklist


class ScreeningFactory(DjangoModelFactory[Screening]):
    class Meta:
        model = Screening

    case = factory.SubFactory(CaseFactory)
    checklist = factory.LazyFunction(default_checklist)
    answers = factory.LazyAttribute(lambda s: {i["code"]: "no" for i in s.checklist.indicators})
    suggestion = ScreeningSuggestion.NONE
    screened_on = datetime.date(2026, 3, 3)
    screened_by = factory.SubFactory("liaison.directory.tests.factories.UserFactory")


class SavedCaseViewFactory(DjangoModelFactory[SavedCaseView]):
    class Meta:
        model = SavedCaseView

    user = factory.SubFactory("liaison.directory.tests.factories.UserFactory")
    name = factory.Sequence(lambda n: f"View {n}")
    query = "state=open"


# URL keywords of the cases area that name one agency's (or one user's) records (tests/matrix.py).
SCOPED_KWARGS = {"case_id", "person_id", "screening_id", "view_id"}


def case_records(*, agency: Agency, user: Any) -> dict[str, Any]:
    """Ids for the URL keywords of this area, for the access-matrix and template tests: a case of
    ``agency`` owned by ``user`` (its person indexed for the search), a screening of it and one
    of ``user``'s saved views. ``case_id`` is the case the other areas' records hang on."""
    person = indexed_person(agency)
    case = CaseFactory.create(person=person, agency=agency, owner=user)
    screening = ScreeningFactory.create(case=case, screened_by=user)
    view = SavedCaseViewFactory.create(user=user)
    return {
        "case_id": case.pk,
        "person_id": person.pk,
        "screening_id": screening.pk,
        "view_id": view.pk,
    }
