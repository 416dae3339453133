"""Clock arithmetic: working days skip weekends and holidays; calendar periods and due items
do not move by a day when the clocks change for summer time, whatever the instance's zone."""

from __future__ import annotations

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from liaison.directory.demo import PROFILES
from liaison.directory.models import AgencyType, CountryProfile
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.selectors.deadlines import due_items_for
from liaison.nrm.services.clocks import count_days, periods_start_for_event
from liaison.nrm.services.decisions import status_decide
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_decisions import demo_profile

pytestmark = pytest.mark.django_db
D = datetime.date
_GB = next(p for p in PROFILES if p["country"] == "GB")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        pytest.param(D(2026, 5, 21), D(2026, 5, 29), id="thursday_over_a_bank_holiday_monday"),
        pytest.param(D(2026, 3, 6), D(2026, 3, 13), id="friday_over_a_weekend"),
        pytest.param(D(2026, 3, 7), D(2026, 3, 13), id="saturday_counts_from_monday"),
        pytest.param(D(2026, 4, 1), D(2026, 4, 10), id="easter_friday_and_monday"),
        pytest.param(D(2026, 12, 22), D(2026, 12, 31), id="christmas_and_boxing_day_substitute"),
        pytest.param(D(2026, 3, 26), D(2026, 4, 2), id="across_the_clock_change"),
    ],
)
def test_uk_reasonable_grounds_deadline_counts_working_days(start, expected):
    gb = demo_profile("GB")

    assert count_days(gb, start, 5, "working") == expected


def test_portuguese_holidays_are_not_working_days():
    pt = demo_profile("PT")

    # 4 June (Corpus Christi) and 10 June (Portugal Day) 2026 fall on a Thursday and a Wednesday.
    assert count_days(pt, D(2026, 6, 3), 5, "working") == D(2026, 6, 12)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(D(2026, 3, 20), 30, D(2026, 4, 19), id="spring_forward_29_march"),
        pytest.param(D(2026, 10, 10), 30, D(2026, 11, 9), id="fall_back_25_october"),
        pytest.param(D(2026, 3, 28), 1, D(2026, 3, 29), id="the_short_day_itself"),
        pytest.param(D(2026, 1, 10), 365, D(2027, 1, 10), id="a_year"),
    ],
)
def test_calendar_periods_neither_lose_nor_gain_a_day(start, days, expected):
    pt = demo_profile("PT")

    assert count_days(pt, start, days, "calendar") == expected


def _at(zone: str, year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize("zone", ["Europe/Lisbon", "Europe/London", "Asia/Tashkent", "UTC"])
def test_a_reflection_period_spanning_the_clock_change_is_thirty_days_in_any_zone(
    settings, make_member, zone
):
    settings.TIME_ZONE = zone
    demo_profile("PT")
    police = AgencyFactory.create(agency_type=AgencyType.LAW_ENFORCEMENT)
    case = CaseFactory.create(
        agency=police, person__registered_by=police, flagged_on=D(2026, 3, 20)
    )

    [period] = periods_start_for_event(
        actor=None, case=case, event="flagged", occurred_on=case.flagged_on
    )

    assert (period.starts_on, period.due_on, period.latest_on) == (
        D(2026, 3, 20),
        D(2026, 4, 19),
        D(2026, 5, 19),
    )
    # Late in the evening of the last day, local time, the period is still due today, not overdue.
    late = _at(zone, 2026, 4, 19, 23, 30)
    with mock.patch("django.utils.timezone.now", return_value=late):
        today = timezone.localdate()
        items = due_items_for(make_member(Role.CASE_WORKER, police), today)
    assert today == D(2026, 4, 19)
    assert items.due_soon == [period]
    assert items.overdue == []


def test_today_follows_the_instance_zone_not_utc(settings, make_member):
    """At 00:30 on 30 March in Lisbon (summer time) it is still 29 March in UTC; a decision
    dated 30 March is not in the future for a Lisbon instance."""
    settings.TIME_ZONE = "Europe/Lisbon"
    demo_profile("PT")
    police = AgencyFactory.create(agency_type=AgencyType.LAW_ENFORCEMENT)
    case = CaseFactory.create(agency=police, person__registered_by=police, flagged_on=D(2026, 3, 2))
    investigator = make_member(Role.INVESTIGATOR, police)
    just_after_midnight = _at("Europe/Lisbon", 2026, 3, 30, 0, 30)

    with mock.patch("django.utils.timezone.now", return_value=just_after_midnight):
        decision = status_decide(
            actor=investigator, case=case, step="pending", decided_on=D(2026, 3, 30), reasons="x"
        )

    assert just_after_midnight.astimezone(datetime.UTC).date() == D(2026, 3, 29)
    assert decision.decided_on == D(2026, 3, 30)


@given(
    start=st.dates(min_value=D(2025, 12, 1), max_value=D(2027, 1, 31)),
    days=st.integers(min_value=0, max_value=40),
)
@hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_working_day_deadlines_land_on_a_working_day_after_exactly_n_of_them(start, days):
    gb = CountryProfile(country="GB", **{k: v for k, v in _GB.items() if k != "country"})
    holidays = {D.fromisoformat(h) for h in gb.holidays}

    due = count_days(gb, start, days, "working")

    counted = [
        start + datetime.timedelta(days=i)
        for i in range(1, (due - start).days + 1)
        if (start + datetime.timedelta(days=i)).isoweekday() <= 5
        and start + datetime.timedelta(days=i) not in holidays
    ]
    assert len(counted) == days
    assert days == 0 or counted[-1] == due
