"""Cooperation selectors: filters, the reminder window, and statistics against a plain count."""

from __future__ import annotations

import datetime
import random
import statistics

import pytest
from django.utils import timezone

from liaison.directory.roles import Role
from liaison.justice.models.cooperation import CooperationStatus as S
from liaison.justice.selectors import cooperation as selectors
from liaison.justice.tests.factories import CooperationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prosecutor(make_member, agency):
    return make_member(Role.PROSECUTOR, agency)


def test_filters_overdue_and_isolation(prosecutor, agency, other_agency):
    today = timezone.localdate()
    late = CooperationRequestFactory.create(
        agency=agency, status=S.SENT, sent_on=today - datetime.timedelta(days=40),
        due_on=today - datetime.timedelta(days=1),
    )  # fmt: skip
    on_time = CooperationRequestFactory.create(
        agency=agency, other_country="FR", request_type="police", status=S.SENT,
        sent_on=today, due_on=today + datetime.timedelta(days=30),
    )  # fmt: skip
    CooperationRequestFactory.create(agency=other_agency)
    assert set(selectors.cooperation_request_list(user=prosecutor)) == {late, on_time}
    assert list(selectors.cooperation_request_list(user=prosecutor, overdue=True)) == [late]
    assert list(selectors.cooperation_request_list(user=prosecutor, country="fr")) == [on_time]
    assert list(selectors.cooperation_request_list(user=prosecutor, request_type="police")) == [
        on_time
    ]
    assert list(selectors.cooperation_requests_due(user=prosecutor)) == [late]


def test_statistics_match_an_independent_computation(prosecutor, agency):
    rng = random.Random(8)
    base = datetime.date(2025, 1, 1)
    rows = []
    for _ in range(40):
        sent = base + datetime.timedelta(days=rng.randrange(300))
        done = rng.random() < 0.6
        closed = sent + datetime.timedelta(days=rng.randrange(1, 200)) if done else None
        country, kind = rng.choice(["UZ", "FR", "NP"]), rng.choice(["mla", "police", "jit"])
        CooperationRequestFactory.create(
            agency=agency, other_country=country, request_type=kind, sent_on=sent,
            status=S.EXECUTED if done else S.SENT, closed_on=closed,
        )  # fmt: skip
        rows.append((country, kind, (closed - sent).days if closed else None))
    CooperationRequestFactory.create()  # another agency's, never counted
    stats = selectors.cooperation_statistics(user=prosecutor)
    expected: dict[tuple[str, str], int] = {}
    for country, kind, _days in rows:
        expected[(country, kind)] = expected.get((country, kind), 0) + 1
    got = {(r["other_country"], r["request_type"]): r["total"] for r in stats["by_country_type"]}
    assert got == expected
    days = [d for _c, _k, d in rows if d is not None]
    assert stats["executed"] == len(days)
    assert stats["median_days"] == statistics.median(days)
