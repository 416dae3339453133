"""Writes on international cooperation requests: recording one and moving it through its states.

Every service checks the actor reaches the request (or may act for its agency) and logs the write.
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
from liaison.directory.models import Agency
from liaison.directory.permissions import memberships_with, with_sub_units
from liaison.directory.roles import Capability
from liaison.justice import permissions
from liaison.justice.models import CooperationRequest, CriminalCase
from liaison.justice.models.cooperation import CooperationStatus as S

Direction = CooperationRequest.Direction

# Which state may follow which, per direction; anything absent is refused.
TRANSITIONS: dict[str, dict[str, set[str]]] = {
    Direction.OUTGOING: {
        S.DRAFTED: {S.SENT, S.WITHDRAWN},
        S.SENT: {S.IN_EXECUTION, S.EXECUTED, S.REFUSED, S.WITHDRAWN},
        S.IN_EXECUTION: {S.EXECUTED, S.REFUSED, S.WITHDRAWN},
    },
    Direction.INCOMING: {
        S.RECEIVED: {S.IN_EXECUTION, S.REFUSED},
        S.IN_EXECUTION: {S.EXECUTED, S.REFUSED},
    },
}
CLOSING = {S.EXECUTED, S.REFUSED, S.WITHDRAWN}


def agencies_user_may_act_for(user: Any) -> set[int]:
    """Agencies (with sub-units) in whose name the user may record a request."""
    memberships = memberships_with(user, Capability.COOPERATION)
    return set(with_sub_units({m.agency_id for m in memberships})) if memberships else set()


def allowed_next(cooperation_request: CooperationRequest) -> list[str]:
    following = TRANSITIONS[cooperation_request.direction].get(cooperation_request.status, set())
    return [value for value in S.values if value in following]


@transaction.atomic
def cooperation_request_create(
    *,
    actor: Any,
    agency: Agency,
    reference: str,
    request_type: str,
    direction: str,
    other_country: str,
    legal_basis: str,
    subject: str,
    other_authority: str = "",
    other_agency: Agency | None = None,
    criminal_case: CriminalCase | None = None,
    received_on: datetime.date | None = None,
    due_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> CooperationRequest:
    if agency.pk not in agencies_user_may_act_for(actor):
        raise PermissionDenied
    if criminal_case is not None and not (
        permissions.criminal_cases_visible_to(actor).filter(pk=criminal_case.pk).exists()
    ):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    reference = reference.strip()
    if not reference:
        errors["reference"] = [_("Give the request's reference.")]
    elif CooperationRequest.objects.filter(reference=reference).exists():
        errors["reference"] = [_("A request with this reference already exists.")]
    if not subject.strip():
        errors["subject"] = [_("Say what is asked.")]
    if other_agency is not None and other_agency.country != other_country:
        errors["other_agency"] = [_("This authority is not in the other country.")]
    if not other_authority.strip() and other_agency is None:
        errors["other_authority"] = [_("Name the other country's authority.")]
    incoming = direction == Direction.INCOMING
    if incoming and received_on is None:
        errors["received_on"] = [_("Give the date the request was received.")]
    if received_on and received_on > timezone.localdate():
        errors["received_on"] = [_("The date cannot be in the future.")]
    if due_on and received_on and due_on < received_on:
        errors["due_on"] = [_("The answer cannot be due before the request was received.")]
    if errors:
        raise ValidationError(errors)
    cooperation_request = CooperationRequest(
        reference=reference,
        request_type=request_type,
        direction=direction,
        agency=agency,
        other_country=other_country,
        other_authority=other_authority.strip(),
        other_agency=other_agency,
        legal_basis=legal_basis,
        subject=subject.strip(),
        criminal_case=criminal_case,
        status=S.RECEIVED if incoming else S.DRAFTED,
        sent_on=received_on if incoming else None,
        due_on=due_on,
        owner=actor,
    )
    cooperation_request.full_clean()
    cooperation_request.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=cooperation_request, request=request,
        fields=["reference", "request_type", "direction", "other_country", "subject"],
    )  # fmt: skip
    return cooperation_request


@transaction.atomic
def cooperation_request_transition(
    *,
    actor: Any,
    cooperation_request: CooperationRequest,
    status: str,
    on: datetime.date,
    reason: str = "",
    due_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> CooperationRequest:
    visible = permissions.cooperation_requests_visible_to(actor)
    current = visible.select_for_update().filter(pk=cooperation_request.pk).first()
    if current is None:
        raise PermissionDenied
    if status not in allowed_next(current):
        raise ValidationError(
            {"status": [_("A request cannot go from “%(from)s” to “%(to)s”.") % {
                "from": current.get_status_display(), "to": status}]}
        )  # fmt: skip
    if on > timezone.localdate():
        raise ValidationError({"on": [_("The date cannot be in the future.")]})
    if current.sent_on and on < current.sent_on:
        raise ValidationError({"on": [_("The date cannot be before the request was sent.")]})
    if status == S.REFUSED and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the refusal.")]})
    changed = ["status"]
    if status == S.SENT:
        current.sent_on = on
        changed.append("sent_on")
        if due_on is not None:
            if due_on < on:
                raise ValidationError({"due_on": [_("The answer cannot be due before sending.")]})
            current.due_on = due_on
            changed.append("due_on")
    if status in CLOSING:
        current.closed_on = on
        changed.append("closed_on")
    if status == S.REFUSED:
        current.refusal_reason = reason.strip()
        changed.append("refusal_reason")
    current.status = status
    current.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=current, fields=changed, request=request,
        purpose=status,
    )  # fmt: skip
    cooperation_request.refresh_from_db()
    return current
