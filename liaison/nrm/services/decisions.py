"""Status decisions: dated, reasoned, immutable steps on the country's status ladder.

A decision is only ever added, never changed or deleted; a wrong decision is answered by a
reconsideration, which is one more row. Each decision moves ``case.status`` and the HTCDS
``trafficking_status`` and starts or ends the clocks tied to the step (services.clocks).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import Agency, CountryProfile, Membership
from liaison.directory.permissions import memberships_with, with_sub_units
from liaison.directory.roles import Capability, Role, Scope
from liaison.nrm import ladder
from liaison.nrm.models import Case, StatusDecision
from liaison.nrm.permissions import can_decide_in_case
from liaison.nrm.services import clocks

DECISION_FIELDS = ["step", "previous_step", "decided_on", "decision_org", "reasons"]


@dataclass(frozen=True)
class StepOption:
    """A step the user may take now, and the agencies in whose name they may take it."""

    code: str
    label: str
    agencies: tuple[Agency, ...]


def decider_memberships(user: Any, case: Case) -> list[Membership]:
    """The memberships through which the user may decide in this case (capability and reach):
    the deciding agency of a decision is the agency of one of them."""
    found = []
    for m in memberships_with(user, Capability.DECIDE_STATUS):
        if m.scope == Scope.NATIONAL:
            found.append(m)
        elif m.scope == Scope.OWN:
            if m.agency_id == case.agency_id and case.owner_id == user.pk:
                found.append(m)
        elif case.agency_id in with_sub_units({m.agency_id}):
            found.append(m)
    return found


def _roles_text(roles: set[str]) -> str:
    return ", ".join(sorted(str(Role(r).label) if r in Role.values else r for r in roles))


def _locked(case: Case) -> Case:
    # Two people deciding at once must not both move the case from the same step.
    return Case.objects.select_for_update().select_related("agency").get(pk=case.pk)


def _refresh(original: Case, locked: Case) -> None:
    """The caller's object shows the new status too."""
    original.status = locked.status
    original.trafficking_status = locked.trafficking_status


def _memberships_for(
    actor: Any, case: Case, step: dict[str, Any], agency: Agency | None
) -> list[Membership]:
    allowed = ladder.deciders(step)
    found = [m for m in decider_memberships(actor, case) if m.role in allowed]
    if agency is not None:
        found = [m for m in found if m.agency_id == agency.pk]
    return found


def _deciding_membership(
    actor: Any, case: Case, step: dict[str, Any], agency: Agency | None
) -> Membership:
    found = _memberships_for(actor, case, step, agency)
    if not found:
        if agency is not None and _memberships_for(actor, case, step, None):
            raise ValidationError(
                {"agency": [_("You may not take this decision in the name of this agency.")]}
            )
        raise ValidationError(
            {
                "step": [
                    _("Only these roles may decide “%(step)s” in this country: %(roles)s.")
                    % {
                        "step": step.get("label", step.get("code")),
                        "roles": _roles_text(ladder.deciders(step)) or "—",
                    }
                ]
            }
        )
    return found[0]


def last_decision(case: Case) -> StatusDecision | None:
    return case.decisions.order_by("-decided_on", "-id").first()


def _check_date(case: Case, decided_on: datetime.date) -> None:
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": [_("A decision cannot be dated in the future.")]})
    if decided_on < case.flagged_on:
        raise ValidationError(
            {"decided_on": [_("A decision cannot be dated before the case was flagged.")]}
        )
    previous = last_decision(case)
    if previous is not None and decided_on < previous.decided_on:
        raise ValidationError(
            {
                "decided_on": [
                    _("A decision cannot be dated before the last decision (%(date)s).")
                    % {"date": previous.decided_on.isoformat()}
                ]
            }
        )


def _current_step(profile: CountryProfile, case: Case) -> dict[str, Any]:
    current = ladder.get_step(profile, case.status)
    if current is None:
        raise ValidationError(
            _("The case's status “%(status)s” is not a step of the national procedure.")
            % {"status": case.status}
        )
    return current


def _check_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(_("The case is closed: reopen it before deciding."))


def _write(
    *,
    actor: Any,
    case: Case,
    profile: CountryProfile,
    step: dict[str, Any],
    membership: Membership,
    decided_on: datetime.date,
    reasons: str,
    is_reconsideration: bool,
    request: HttpRequest | None,
) -> StatusDecision:
    decision = StatusDecision(
        case=case,
        step=str(step["code"]),
        previous_step=case.status,
        is_reconsideration=is_reconsideration,
        decided_on=decided_on,
        decided_by=actor,
        deciding_agency=membership.agency,
        decision_org=membership.agency.status_decision_org,
        reasons=reasons.strip(),
    )
    decision.full_clean()
    decision.save()
    case.status = decision.step
    case.trafficking_status = ladder.outcome(step)
    case.save(update_fields=["status", "trafficking_status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=decision,
        fields=DECISION_FIELDS,
        purpose="status reconsideration" if is_reconsideration else "status decision",
        request=request,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        fields=["status", "trafficking_status"],
        request=request,
    )
    return decision


@transaction.atomic
def status_decide(
    *,
    actor: Any,
    case: Case,
    step: str,
    decided_on: datetime.date,
    reasons: str,
    agency: Agency | None = None,
    request: HttpRequest | None = None,
) -> StatusDecision:
    """Move the case to ``step``, one of the steps that may follow its current one."""
    if not can_decide_in_case(actor, case):
        raise PermissionDenied
    original, case = case, _locked(case)
    _check_open(case)
    profile = ladder.profile_for(case.country)
    current = _current_step(profile, case)
    target = ladder.get_step(profile, step)
    if target is None or step not in ladder.next_steps(profile, case.status):
        allowed = ", ".join(
            ladder.label(profile, c) for c in ladder.next_steps(profile, case.status)
        )
        raise ValidationError(
            {
                "step": [
                    _("From “%(current)s” the case can only move to: %(allowed)s.")
                    % {"current": current.get("label", case.status), "allowed": allowed}
                    if allowed
                    else _("“%(current)s” is a final decision: ask for a reconsideration.")
                    % {"current": current.get("label", case.status)}
                ]
            }
        )
    membership = _deciding_membership(actor, case, target, agency)
    if not (reasons or "").strip():
        raise ValidationError({"reasons": [_("Give the reasons for the decision.")]})
    _check_date(case, decided_on)
    decision = _write(
        actor=actor,
        case=case,
        profile=profile,
        step=target,
        membership=membership,
        decided_on=decided_on,
        reasons=reasons,
        is_reconsideration=False,
        request=request,
    )
    clocks.periods_after_decision(actor=actor, case=case, decision=decision, request=request)
    _refresh(original, case)
    return decision


def _step_before(profile: CountryProfile, case: Case) -> str:
    reached = case.decisions.filter(step=case.status).order_by("-decided_on", "-id").first()
    if reached is not None and reached.previous_step:
        return reached.previous_step
    before = [s["code"] for s in ladder.steps(profile) if case.status in s.get("next", [])]
    if len(before) != 1:
        raise ValidationError(
            _("The step before this decision is not known: it cannot be reconsidered.")
        )
    return str(before[0])


@transaction.atomic
def status_reconsider(
    *,
    actor: Any,
    case: Case,
    reasons: str,
    decided_on: datetime.date,
    agency: Agency | None = None,
    request: HttpRequest | None = None,
) -> StatusDecision:
    """Reopen a final decision: the case returns to the step before it and is decided again.

    Only the roles that may take the final decision may reconsider it.
    """
    if not can_decide_in_case(actor, case):
        raise PermissionDenied
    original, case = case, _locked(case)
    _check_open(case)
    profile = ladder.profile_for(case.country)
    current = _current_step(profile, case)
    if not ladder.is_final(current):
        raise ValidationError(
            _("Only a final decision can be reconsidered; “%(current)s” is not one.")
            % {"current": current.get("label", case.status)}
        )
    membership = _deciding_membership(actor, case, current, agency)
    if not (reasons or "").strip():
        raise ValidationError({"reasons": [_("Give the reasons for the reconsideration.")]})
    _check_date(case, decided_on)
    target = ladder.get_step(profile, _step_before(profile, case))
    if target is None:
        raise ValidationError(_("The step before this decision is no longer in the procedure."))
    decision = _write(
        actor=actor,
        case=case,
        profile=profile,
        step=target,
        membership=membership,
        decided_on=decided_on,
        reasons=reasons,
        is_reconsideration=True,
        request=request,
    )
    clocks.periods_after_decision(actor=actor, case=case, decision=decision, request=request)
    _refresh(original, case)
    return decision


def decision_options(user: Any, case: Case) -> list[StepOption]:
    """The steps this user may take in this case now (for buttons and forms; the service
    re-checks everything)."""
    if not case.is_open or not can_decide_in_case(user, case):
        return []
    profile = ladder.profile_for(case.country)
    options = []
    for code in ladder.next_steps(profile, case.status):
        step = ladder.get_step(profile, code)
        if step is None:
            continue
        memberships = _memberships_for(user, case, step, None)
        if memberships:
            agencies = tuple({m.agency_id: m.agency for m in memberships}.values())
            options.append(StepOption(code, str(step.get("label", code)), agencies))
    return options


def can_reconsider(user: Any, case: Case) -> bool:
    if not case.is_open or not can_decide_in_case(user, case):
        return False
    profile = ladder.profile_for(case.country)
    current = ladder.get_step(profile, case.status)
    return (
        current is not None
        and ladder.is_final(current)
        and bool(_memberships_for(user, case, current, None))
    )
