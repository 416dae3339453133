from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from liaison.core.vocabularies import Gender
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.models import Case, Consent, ConsentPurpose, Person, Provider


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    given_names = factory.Faker("first_name")
    family_names = factory.Faker("last_name")
    sex = Gender.FEMININE
    birth_date = datetime.date(1995, 3, 14)
    citizenship = "UZ"
    registered_by = factory.SubFactory(AgencyFactory)


class CaseFactory(DjangoModelFactory[Case]):
    class Meta:
        model = Case

    code = factory.Sequence(lambda n: f"C-2026-{n:06d}")
    person = factory.SubFactory(PersonFactory)
    agency = factory.SelfAttribute("person.registered_by")
    country = "PT"
    status = "flagged"
    flagged_on = datetime.date(2026, 3, 2)


class ConsentFactory(DjangoModelFactory[Consent]):
    class Meta:
        model = Consent

    case = factory.SubFactory(CaseFactory)
    purpose = ConsentPurpose.ASSISTANCE
    given = True
    given_on = datetime.date(2026, 3, 2)
    recorded_by = factory.SubFactory("liaison.directory.tests.factories.UserFactory")


class ProviderFactory(DjangoModelFactory[Provider]):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Shelter {n}")
    services = ["shelter"]
    country = "PT"
    capacity = 10
    places_free = 3
