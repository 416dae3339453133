"""Opening a case is the entry step's event: the periods counted from it start at once."""

import datetime

import pytest

from liaison.directory.roles import Role
from liaison.nrm.models import CasePeriod
from liaison.nrm.services import cases as case_services
from liaison.nrm.tests.factories_cases import home_profile, indexed_person

pytestmark = pytest.mark.django_db


def test_flagging_in_portugal_starts_the_reflection_period(make_member, agency):
    home_profile("PT")
    worker = make_member(Role.CASE_WORKER, agency)

    case = case_services.case_open(
        actor=worker,
        person=indexed_person(agency),
        agency=agency,
        flagged_on=datetime.date(2026, 3, 2),
    )

    period = CasePeriod.objects.get(case=case, code="reflection_period")
    assert (period.starts_on, period.due_on, period.latest_on) == (
        datetime.date(2026, 3, 2),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 5, 1),
    )


def test_referral_in_the_uk_starts_the_five_working_day_decision_deadline(make_member, agency):
    home_profile("GB")
    worker = make_member(Role.CASE_WORKER, agency)

    # Friday 3 April 2026 is Good Friday and Monday 6 April Easter Monday in England and Wales.
    case = case_services.case_open(
        actor=worker,
        person=indexed_person(agency),
        agency=agency,
        flagged_on=datetime.date(2026, 4, 2),
    )

    period = CasePeriod.objects.get(case=case, code="rg_decision")
    assert period.due_on == datetime.date(2026, 4, 13)
