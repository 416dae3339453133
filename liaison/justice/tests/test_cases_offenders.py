"""Offender statistics against a count made independently in Python on random data."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest
from django.urls import reverse

from liaison.directory.roles import Role
from liaison.justice.models import Defendant
from liaison.justice.selectors.offenders import offender_statistics, offender_statistics_for
from liaison.justice.tests.factories import CriminalCaseFactory, DefendantFactory

pytestmark = pytest.mark.django_db
SEXES = ["Feminine", "Masculine", "NonSpecifiedUnknown"]
COUNTRIES = ["PT", "UZ", "TM", ""]


def _random_defendants(rng: random.Random, cases: list) -> list[Defendant]:
    made = []
    for _n in range(60):
        suspected = datetime.date(rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
        status = rng.choice(["suspected", "prosecuted", "convicted", "acquitted", "dismissed"])
        prosecuted = (
            suspected + datetime.timedelta(days=rng.randint(30, 400))
            if status != "suspected" and rng.random() < 0.9
            else None
        )
        judged = (
            (prosecuted or suspected) + datetime.timedelta(days=rng.randint(30, 400))
            if status in {"convicted", "acquitted"}
            else None
        )
        made.append(DefendantFactory.create(
            criminal_case=rng.choice(cases), kind=rng.choice(["natural"] * 5 + ["legal"]),
            sex=rng.choice(SEXES), citizenship=rng.choice(COUNTRIES), status=status,
            suspected_on=suspected, prosecuted_on=prosecuted, judged_on=judged,
        ))  # fmt: skip
    return made


def _expected(defendants: list[Defendant]) -> Counter:
    counts: Counter = Counter()
    for d in defendants:
        if d.kind != "natural":
            continue
        counts["suspected", d.suspected_on.year, d.sex, d.citizenship] += 1
        if d.prosecuted_on:
            counts["prosecuted", d.prosecuted_on.year, d.sex, d.citizenship] += 1
        if d.status == "convicted" and d.judged_on:
            counts["convicted", d.judged_on.year, d.sex, d.citizenship] += 1
    return counts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_match_an_independent_count(seed, make_member, agency, other_agency):
    rng = random.Random(seed)
    ours = [CriminalCaseFactory.create(lead_agency=agency) for _n in range(3)]
    theirs = [CriminalCaseFactory.create(lead_agency=other_agency) for _n in range(2)]
    defendants = _random_defendants(rng, ours + theirs)
    user = make_member(Role.INVESTIGATOR, agency)

    def as_counter(rows) -> Counter:
        return Counter({(r.measure, r.year, r.sex, r.citizenship): r.persons for r in rows})

    assert as_counter(offender_statistics()) == _expected(defendants)
    reached = [d for d in defendants if d.criminal_case.lead_agency_id == agency.pk]
    assert as_counter(offender_statistics_for(user=user)) == _expected(reached)


def test_page_shows_only_reached_cases(client_for, make_member, agency, other_agency):
    DefendantFactory.create(
        criminal_case=CriminalCaseFactory.create(lead_agency=agency), citizenship="UZ"
    )
    DefendantFactory.create(
        criminal_case=CriminalCaseFactory.create(lead_agency=other_agency), citizenship="TM"
    )
    page = client_for(make_member(Role.INVESTIGATOR, agency)).get(reverse("justice:offender_stats"))
    assert page.status_code == 200
    assert [(r.citizenship, r.persons) for r in page.context["rows"]] == [("UZ", 1)]
