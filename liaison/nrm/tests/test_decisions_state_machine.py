"""The status ladder as a state machine: no sequence of calls reaches an illegal state.

Hypothesis drives random sequences of decisions and reconsiderations, by users of random roles
(and by an investigator of another agency), to random steps on random dates, over the
Portuguese and the UK ladders. A model kept beside the database says what the ladder allows;
every call must succeed exactly when the model says so, and after every call the case and its
decision rows must agree with the model.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from liaison.directory.demo import PROFILES
from liaison.directory.models import AgencyType
from liaison.directory.roles import ROLE_CAPABILITIES, Capability, Role
from liaison.directory.tests.factories import AgencyFactory, MembershipFactory, UserFactory
from liaison.nrm import ladder
from liaison.nrm.models import Case, PeriodStatus, StatusDecision
from liaison.nrm.services.clocks import periods_start_for_event
from liaison.nrm.services.decisions import status_decide, status_reconsider
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_decisions import demo_profile

STRANGER = "investigator_of_another_agency"
ROLES = [
    Role.FRONTLINE_RESPONDER,
    Role.CASE_WORKER,
    Role.CASE_MANAGER,
    Role.NRM_DECISION_MAKER,
    Role.INVESTIGATOR,
    Role.PROSECUTOR,
    STRANGER,
]
FLAGGED_ON = datetime.date(2024, 1, 8)


def _ladder(country: str) -> dict[str, dict[str, Any]]:
    profile = next(p for p in PROFILES if p["country"] == country)
    return {step["code"]: step for step in profile["status_ladder"]}


def machine_for(country: str) -> type[RuleBasedStateMachine]:
    steps = _ladder(country)
    codes = [*steps, "no_such_step"]

    class LadderMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            self.profile = demo_profile(country)
            agency = AgencyFactory.create(agency_type=AgencyType.LAW_ENFORCEMENT, country=country)
            entry = ladder.entry_step(self.profile)["code"]
            self.case = CaseFactory.create(
                agency=agency,
                person__registered_by=agency,
                country=country,
                status=entry,
                flagged_on=FLAGGED_ON,
            )
            # As the case service opens a case: one row for the entry step, with no step before it.
            StatusDecision.objects.create(
                case=self.case,
                step=entry,
                decided_on=FLAGGED_ON,
                decided_by=UserFactory.create(),
                deciding_agency=agency,
                decision_org=agency.status_decision_org,
                reasons="Flagged",
            )
            # ...and starts the clocks of the entry step (UK: the reasonable-grounds deadline).
            periods_start_for_event(actor=None, case=self.case, event=entry, occurred_on=FLAGGED_ON)
            self.users = {}
            for role in ROLES:
                user = UserFactory.create()
                if role == STRANGER:
                    MembershipFactory.create(user=user, role=Role.INVESTIGATOR)  # another agency
                else:
                    MembershipFactory.create(user=user, agency=agency, role=role)
                self.users[role] = user
            # The model: the current step, the date of the last decision, and what led to each step.
            self.status = entry
            self.last_date = FLAGGED_ON
            self.count = 1
            self.reached_from: dict[str, list[str]] = {}

        def teardown(self) -> None:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)

        def _may_reach(self, role: str) -> bool:
            return role != STRANGER and Capability.DECIDE_STATUS in ROLE_CAPABILITIES[role]

        def _expect(self, call: Any, refusal: type[Exception] | None) -> Any:
            if refusal is None:
                return call()
            with pytest.raises(refusal):
                call()
            return None

        @rule(
            role=st.sampled_from(ROLES),
            step=st.sampled_from(codes),
            days=st.integers(min_value=-3, max_value=30),
        )
        def decide(self, role: str, step: str, days: int) -> None:
            decided_on = self.last_date + datetime.timedelta(days=days)
            refusal: type[Exception] | None = None
            if not self._may_reach(role):
                refusal = PermissionDenied
            elif (
                step not in steps[self.status]["next"]
                or role not in steps[step]["deciders"]
                or decided_on < self.last_date
            ):
                refusal = ValidationError
            decision = self._expect(
                lambda: status_decide(
                    actor=self.users[role],
                    case=self.case,
                    step=step,
                    decided_on=decided_on,
                    reasons="Reasons",
                ),
                refusal,
            )
            if decision is not None:
                self.reached_from.setdefault(step, []).append(self.status)
                self.status, self.last_date = step, decided_on
                self.count += 1

        @rule(role=st.sampled_from(ROLES), days=st.integers(min_value=-3, max_value=30))
        def reconsider(self, role: str, days: int) -> None:
            decided_on = self.last_date + datetime.timedelta(days=days)
            refusal: type[Exception] | None = None
            if not self._may_reach(role):
                refusal = PermissionDenied
            elif (
                steps[self.status]["next"]
                or role not in steps[self.status]["deciders"]
                or decided_on < self.last_date
            ):
                refusal = ValidationError
            decision = self._expect(
                lambda: status_reconsider(
                    actor=self.users[role],
                    case=self.case,
                    reasons="New facts",
                    decided_on=decided_on,
                ),
                refusal,
            )
            if decision is not None:
                back = self.reached_from[self.status][-1]
                assert decision.step == back
                self.reached_from.setdefault(back, []).append(self.status)
                self.status, self.last_date = back, decided_on
                self.count += 1

        @invariant()
        def the_case_agrees_with_the_model_and_its_decisions(self) -> None:
            case = Case.objects.get(pk=self.case.pk)
            decisions = list(case.decisions.order_by("decided_on", "id"))
            assert case.status in steps
            assert case.status == self.status
            assert len(decisions) == self.count
            assert case.trafficking_status == ladder.outcome(steps[case.status])
            assert decisions[-1].step == case.status
            opening, *moves = decisions
            assert (opening.previous_step, opening.step) == (
                "",
                ladder.entry_step(self.profile)["code"],
            )
            previous = opening.step
            reached: dict[str, list[str]] = {}
            for decision in moves:
                # No skipped decision: each row starts where the one before it left the case.
                assert decision.previous_step == previous
                if decision.is_reconsideration:
                    assert not steps[decision.previous_step]["next"]
                    assert decision.step == reached[decision.previous_step][-1]
                else:
                    assert decision.step in steps[decision.previous_step]["next"]
                    assert decision.deciding_agency is not None
                reached.setdefault(decision.step, []).append(decision.previous_step)
                previous = decision.step

        @invariant()
        def clocks_follow_the_decisions(self) -> None:
            running = list(
                self.case.periods.filter(status=PeriodStatus.RUNNING).values_list("code", flat=True)
            )
            assert len(running) == len(set(running)), running
            for deadline in self.profile.deadlines:
                if ladder.is_decision_deadline(self.profile, deadline):
                    # A decision deadline runs exactly while the case waits at its step.
                    waiting = self.status in ladder.deadline_starts(deadline)
                    assert (deadline["code"] in running) == waiting, (deadline["code"], self.status)
            if country == "GB":
                assert ("move_on" in running) <= (self.status == "cg_positive")
            if country == "PT":
                assert "reflection_period" in running  # protected whatever is decided

    LadderMachine.__name__ = f"LadderMachine{country}"
    return LadderMachine


@pytest.mark.django_db
@pytest.mark.parametrize("country", ["PT", "GB"])
def test_no_sequence_of_calls_leaves_the_ladder(country):
    run_state_machine_as_test(
        machine_for(country),
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
