from __future__ import annotations

from typing import cast

import factory
from factory.django import DjangoModelFactory

from liaison.directory.models import Agency, AgencyType, CountryProfile, Membership, User
from liaison.directory.roles import Role, Scope


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def persist_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            cast(User, self).save(update_fields=["password"])


class AgencyFactory(DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    agency_type = AgencyType.NGO
    country = "PT"


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.CASE_WORKER
    scope = Scope.AGENCY


class CountryProfileFactory(DjangoModelFactory[CountryProfile]):
    class Meta:
        model = CountryProfile

    country = "PT"
    is_home = True
    working_days = [1, 2, 3, 4, 5]
