"""The NRM demo: about 300 cases, idempotent, invariants of the services, realistic shares."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db import transaction

from liaison.core.models import AuditAction, AuditEvent
from liaison.core.names import name_keys
from liaison.core.vocabularies import TraffickingStatus
from liaison.directory.demo import demo_load, demo_username
from liaison.directory.models import User
from liaison.directory.roles import Role
from liaison.nrm import ladder
from liaison.nrm.demo import load_demo
from liaison.nrm.models import (
    Case,
    CasePeriod,
    Handover,
    NeedsAssessment,
    Person,
    PersonSearchKey,
    ReturnFollowUp,
    ServiceDelivery,
    StatusDecision,
)
from liaison.nrm.services.people import SearchCriteria, person_search


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load(password="demo password for tests")
        first = load_demo()
        second = load_demo()
        yield first, second
        transaction.set_rollback(True)


def test_loads_about_300_cases_once(demo, db):
    _first, second = demo

    assert 290 <= Case.objects.count() <= 310
    assert "already loaded" in second
    assert (
        AuditEvent.objects.filter(action=AuditAction.SYSTEM, purpose__startswith="NRM demo").count()
        == 1
    )


def test_every_case_status_is_its_last_decision(demo, db):
    profile = ladder.home_profile()
    last: dict[int, StatusDecision] = {}
    for decision in StatusDecision.objects.order_by("decided_on", "id"):
        last[decision.case_id] = decision
    for case in Case.objects.only("id", "status", "trafficking_status", "flagged_on", "closed_on"):
        decision = last[case.pk]
        assert case.status == decision.step
        assert case.trafficking_status == ladder.outcome(
            ladder.get_step(profile, case.status) or {}
        )
        assert decision.decided_on >= case.flagged_on
        assert case.closed_on is None or case.closed_on >= decision.decided_on


def test_decisions_follow_the_ladder(demo, db):
    profile = ladder.home_profile()
    entry = ladder.entry_step(profile)["code"]
    for case_id, steps in _steps_by_case().items():
        assert steps[0] == ("", entry), case_id
        for previous, step in steps[1:]:
            assert step in ladder.next_steps(profile, previous), (case_id, previous, step)


def _steps_by_case() -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for case_id, previous, step in StatusDecision.objects.order_by("decided_on", "id").values_list(
        "case_id", "previous_step", "step"
    ):
        found.setdefault(case_id, []).append((previous, step))
    return found


def test_portugal_2023_is_mostly_labour_exploitation(demo, db):
    cases = Case.objects.filter(flagged_on__year=2023).select_related("exploitation")
    forms = [c.exploitation.forms for c in cases]

    labour = sum("ForcedLabour" in f for f in forms) / len(forms)
    assert 0.78 <= labour <= 0.87  # OTSH 2023: 82.7 %
    assert len(forms) >= 60


def test_realistic_people(demo, db):
    people = list(Person.objects.all())
    citizenships = Counter(p.citizenship for p in people)
    confirmed = list(
        Case.objects.filter(trafficking_status=TraffickingStatus.ACTUAL).select_related(
            "person", "exploitation"
        )
    )
    men_in_agriculture = sum(
        c.person is not None
        and c.person.sex == "Masculine"
        and not c.is_child
        and c.exploitation.industry.startswith("A_")
        for c in confirmed
    )

    assert {"UZ", "TM", "NP", "IN", "RO", "BR", "MA", "PT"} <= set(citizenships)
    assert confirmed
    assert men_in_agriculture / len(confirmed) > 0.4
    assert 0 < Case.objects.filter(is_child=True).count() < 30
    assert Case.objects.filter(trafficking_status=TraffickingStatus.NOT_A_VICTIM).exists()
    assert Case.objects.filter(status="pending").exists()


def test_people_met_by_several_agencies(demo, db):
    per_person = Counter(Case.objects.values_list("person_id", flat=True))
    cyrillic = [
        p
        for p in Person.objects.filter(citizenship__in=["UZ", "TM"])
        if any("\u0400" <= ch <= "\u04ff" for ch in p.given_names)
    ]

    assert any(n >= 2 for n in per_person.values())  # one record, two agencies
    assert cyrillic  # another agency's record of the same person, in Cyrillic
    assert Handover.objects.filter(status="accepted").exists()
    assert Case.objects.filter(referred_by__isnull=False).exists()


def test_the_duplicate_search_finds_the_other_agencys_cyrillic_record(demo, db):
    """The same person registered twice, in Latin and in Cyrillic letters: the search before
    registering finds one from the other (the demo stores the people service's keys)."""
    people = list(Person.objects.filter(citizenship__in=["UZ", "TM"]))
    cyrillic = [p for p in people if any("\u0400" <= ch <= "\u04ff" for ch in p.family_names)]
    pairs = [
        (latin, other)
        for other in cyrillic
        for latin in people
        if latin.pk != other.pk
        and latin.birth_date == other.birth_date
        and latin.family_names.isascii()
        and name_keys(latin.family_names) & name_keys(other.family_names)
    ]
    assert pairs
    latin, other = pairs[0]
    worker = User.objects.get(username=demo_username(Role.CASE_WORKER))

    found = person_search(
        actor=worker,
        criteria=SearchCriteria(
            given_names=latin.given_names,
            family_names=latin.family_names,
            birth_date=latin.birth_date,
        ),
    )

    assert other.pk in {c.person.pk for c in found}


def test_activity(demo, db):
    assert PersonSearchKey.objects.values("person").distinct().count() == Person.objects.count()
    assert NeedsAssessment.objects.exists()
    assert ServiceDelivery.objects.filter(provider__isnull=False).exists()
    assert ReturnFollowUp.objects.filter(kind="return", partner__isnull=False).exists()
    assert Case.objects.filter(closed_on__isnull=False).exists()
    assert CasePeriod.objects.filter(code="reflection_period").count() == Case.objects.count()
