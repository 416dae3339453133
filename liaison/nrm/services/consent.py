"""Consent per purpose: recording it and withdrawing it."""

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
from liaison.nrm.models import Case, Consent, ConsentPurpose
from liaison.nrm.permissions import can_edit_case


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    case: Case,
    purpose: str,
    given: bool,
    given_on: datetime.date,
    recipient: Agency | None = None,
    language: str = "",
    interpreter_present: bool = False,
    guardian_name: str = "",
    request: HttpRequest | None = None,
) -> Consent:
    """A refusal is recorded too (``given=False``): it is what opens the anonymous notification."""
    _deny_unless(can_edit_case(actor, case))
    errors: dict[str, list[str]] = {}
    if purpose not in ConsentPurpose.values:
        errors["purpose"] = [_("“%(value)s” is not a consent purpose.") % {"value": purpose}]
    if purpose == ConsentPurpose.REFERRAL and recipient is None:
        errors["recipient"] = [_("Name the agency the person agrees to be referred to.")]
    if purpose != ConsentPurpose.REFERRAL and purpose != ConsentPurpose.CROSS_BORDER:
        recipient = None
    if given_on > timezone.localdate():
        errors["given_on"] = [_("This date is in the future.")]
    guardian_name = guardian_name.strip()
    if case.is_child and not guardian_name:
        errors["guardian_name"] = [
            _("For a child, name the guardian who took part in the decision.")
        ]
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        case=case,
        purpose=purpose,
        recipient=recipient,
        given=given,
        given_on=given_on,
        language=language.strip(),
        interpreter_present=interpreter_present,
        guardian_name=guardian_name,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=consent,
        fields=["purpose", "given", "recipient", *(["guardian_name"] if guardian_name else [])],
        purpose="consent",
        request=request,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    actor: Any,
    consent: Consent,
    withdrawn_on: datetime.date,
    reason: str,
    request: HttpRequest | None = None,
) -> Consent:
    _deny_unless(can_edit_case(actor, consent.case))
    reason = reason.strip()
    if not consent.given:
        raise ValidationError(_("A refusal cannot be withdrawn: record a new consent instead."))
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    if not reason:
        raise ValidationError({"reason": [_("Say why the consent was withdrawn.")]})
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": [_("A consent cannot be withdrawn before it was given.")]}
        )
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": [_("This date is in the future.")]})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_reason = reason
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on", "withdrawal_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=consent,
        fields=["withdrawn_on", "withdrawal_reason"],
        purpose="consent withdrawn",
        request=request,
    )
    return consent
