"""Factories for decisions, periods and permits, and the demo's country profiles."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import factory
from factory.django import DjangoModelFactory

from liaison.directory.demo import PROFILES
from liaison.directory.models import CountryProfile
from liaison.nrm.models import CasePeriod, ResidencePermit
from liaison.nrm.tests.factories import CaseFactory


def demo_profile(country: str, **changes: Any) -> CountryProfile:
    """The demo instance's profile of ``country`` (PT is the home country)."""
    data = copy.deepcopy(next(p for p in PROFILES if p["country"] == country))
    data.update(changes)
    profile, _created = CountryProfile.objects.update_or_create(
        country=country, defaults={k: v for k, v in data.items() if k != "country"}
    )
    return profile


class CasePeriodFactory(DjangoModelFactory[CasePeriod]):
    class Meta:
        model = CasePeriod

    case = factory.SubFactory(CaseFactory)
    code = "reflection_period"
    label = "Reflection period"
    unit = "calendar"
    starts_on = datetime.date(2026, 3, 2)
    due_on = datetime.date(2026, 4, 1)


class ResidencePermitFactory(DjangoModelFactory[ResidencePermit]):
    class Meta:
        model = ResidencePermit

    case = factory.SubFactory(CaseFactory)
    route = ResidencePermit.Route.COOPERATION
    requested_on = datetime.date(2026, 3, 10)
