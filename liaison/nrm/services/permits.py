"""Residence permits for victims: requested → granted (renewable) | refused.

The validity comes from the country profile's deadline that starts at
``residence_permit_granted`` (Portugal: 365 days, renewable); granting or renewing starts the
matching period, so the expiry appears among the user's due items.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.nrm import ladder
from liaison.nrm.models import Case, CasePeriod, PeriodStatus, ResidencePermit
from liaison.nrm.permissions import can_edit_case
from liaison.nrm.services import clocks

GRANTED_EVENT = "residence_permit_granted"
Status = ResidencePermit.Status


def _deny_unless_editable(actor: Any, case: Case) -> None:
    if not can_edit_case(actor, case):
        raise PermissionDenied


def _not_future(value: datetime.date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: [_("This date is in the future.")]})


def _validity(case: Case) -> dict[str, Any]:
    profile = ladder.profile_for(case.country)
    deadline = next(iter(ladder.deadlines_started_by(profile, GRANTED_EVENT)), None)
    if deadline is None:
        raise ValidationError(
            _("The national procedure sets no validity for residence permits of victims.")
        )
    return deadline


def _locked(permit: ResidencePermit, *expected: str) -> ResidencePermit:
    locked = ResidencePermit.objects.select_for_update().select_related("case").get(pk=permit.pk)
    if locked.status not in expected:
        raise ValidationError(
            _("This permit is %(status)s: this step is not possible.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _audit(
    actor: Any, permit: ResidencePermit, action: str, fields: list[str], request: Any
) -> None:
    audit_record(actor=actor, action=action, obj=permit, fields=fields, request=request)


@transaction.atomic
def permit_request(
    *,
    actor: Any,
    case: Case,
    route: str,
    requested_on: datetime.date,
    request: HttpRequest | None = None,
) -> ResidencePermit:
    _deny_unless_editable(actor, case)
    _not_future(requested_on, "requested_on")
    if requested_on < case.flagged_on:
        raise ValidationError({"requested_on": [_("This date is before the case was flagged.")]})
    if case.residence_permits.filter(status__in=[Status.REQUESTED, Status.GRANTED]).exists():
        raise ValidationError(
            _("The case already has a residence permit requested or granted: renew that one.")
        )
    permit = ResidencePermit(case=case, route=route, requested_on=requested_on)
    permit.full_clean()
    permit.save()
    _audit(actor, permit, AuditAction.CREATE, ["route", "status", "requested_on"], request)
    return permit


@transaction.atomic
def permit_grant(
    *,
    actor: Any,
    permit: ResidencePermit,
    granted_on: datetime.date,
    request: HttpRequest | None = None,
) -> ResidencePermit:
    _deny_unless_editable(actor, permit.case)
    permit = _locked(permit, Status.REQUESTED)
    _not_future(granted_on, "granted_on")
    if granted_on < permit.requested_on:
        raise ValidationError(
            {"granted_on": [_("A permit cannot be granted before it was requested.")]}
        )
    deadline = _validity(permit.case)
    profile = ladder.profile_for(permit.case.country)
    permit.status = Status.GRANTED
    permit.granted_on = granted_on
    permit.expires_on = clocks.count_days(
        profile, granted_on, int(deadline.get("days", 0)), str(deadline.get("unit", "calendar"))
    )
    permit.full_clean()
    permit.save(update_fields=["status", "granted_on", "expires_on", "updated_at"])
    _audit(actor, permit, AuditAction.UPDATE, ["status", "granted_on", "expires_on"], request)
    clocks.periods_start_for_event(
        actor=actor, case=permit.case, event=GRANTED_EVENT, occurred_on=granted_on, request=request
    )
    return permit


@transaction.atomic
def permit_refuse(
    *, actor: Any, permit: ResidencePermit, request: HttpRequest | None = None
) -> ResidencePermit:
    _deny_unless_editable(actor, permit.case)
    permit = _locked(permit, Status.REQUESTED)
    permit.status = Status.REFUSED
    permit.save(update_fields=["status", "updated_at"])
    _audit(actor, permit, AuditAction.UPDATE, ["status"], request)
    return permit


@transaction.atomic
def permit_renew(
    *,
    actor: Any,
    permit: ResidencePermit,
    renewed_on: datetime.date,
    request: HttpRequest | None = None,
) -> ResidencePermit:
    """Renew for another term: from the current expiry, or from the renewal date when the
    permit had already lapsed."""
    _deny_unless_editable(actor, permit.case)
    permit = _locked(permit, Status.GRANTED)
    deadline = _validity(permit.case)
    if not deadline.get("renewable"):
        raise ValidationError(
            _("The national procedure does not provide for renewing this permit.")
        )
    _not_future(renewed_on, "renewed_on")
    if permit.granted_on and renewed_on < permit.granted_on:
        raise ValidationError(
            {"renewed_on": [_("A permit cannot be renewed before it was granted.")]}
        )
    profile = ladder.profile_for(permit.case.country)
    start = (
        permit.expires_on if permit.expires_on and renewed_on <= permit.expires_on else renewed_on
    )
    permit.expires_on = clocks.count_days(
        profile, start, int(deadline.get("days", 0)), str(deadline.get("unit", "calendar"))
    )
    permit.renewals += 1
    permit.save(update_fields=["expires_on", "renewals", "updated_at"])
    _audit(actor, permit, AuditAction.UPDATE, ["expires_on", "renewals"], request)
    code = str(deadline.get("code", ""))
    for period in CasePeriod.objects.filter(
        case=permit.case, code=code, status=PeriodStatus.RUNNING
    ):
        clocks.period_close(
            actor=actor, period=period, on=renewed_on, note=_("renewed"), request=request
        )
    clocks.periods_start_for_event(
        actor=actor, case=permit.case, event=GRANTED_EVENT, occurred_on=start, request=request
    )
    return permit
