"""Closing a case (with a reason) and reopening it. A closed case is read-only: ``can_edit_case``
and ``can_handover_case`` refuse it until it is reopened."""

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
from liaison.core.vocabularies import CaseStatus
from liaison.nrm.models import Case, CaseClosureReason
from liaison.nrm.permissions import can_close_case


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_close(
    *,
    actor: Any,
    case: Case,
    reason: str,
    note: str = "",
    closed_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Case:
    if not can_close_case(actor, case):
        raise PermissionDenied
    case = _locked(case)
    if not case.is_open:
        raise ValidationError(_("This case is already closed."))
    if reason not in CaseClosureReason.values:
        raise ValidationError({"reason": [_("Choose why the case is closed.")]})
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": [_("This date is in the future.")]})
    if closed_on < case.flagged_on:
        raise ValidationError(
            {
                "closed_on": [
                    _("A case cannot close before it was opened (%(date)s).")
                    % {"date": case.flagged_on}
                ]
            }
        )
    if reason == CaseClosureReason.OTHER and not note.strip():
        raise ValidationError({"note": [_("Say why the case is closed.")]})
    case.closed_on = closed_on
    case.closure_reason = reason
    case.closure_note = note.strip()
    # HTCDS distinguishes a case closed because another organisation took it over.
    case.case_status = (
        CaseStatus.CLOSED_REFERRED if reason == CaseClosureReason.REFERRED else CaseStatus.CLOSED
    )
    case.full_clean()
    case.save(
        update_fields=["closed_on", "closure_reason", "closure_note", "case_status", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        fields=["closed_on", "closure_reason", "case_status", *(["closure_note"] if case.closure_note else [])],
        purpose="case closed",
        request=request,
    )  # fmt: skip
    return case


@transaction.atomic
def case_reopen(*, actor: Any, case: Case, request: HttpRequest | None = None) -> Case:
    """The closure is kept in the access log; the case becomes active and editable again."""
    if not can_close_case(actor, case):
        raise PermissionDenied
    case = _locked(case)
    if case.is_open:
        raise ValidationError(_("This case is open."))
    case.closed_on = None
    case.closure_reason = ""
    case.closure_note = ""
    case.case_status = CaseStatus.ACTIVE
    case.save(
        update_fields=["closed_on", "closure_reason", "closure_note", "case_status", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        fields=["closed_on", "closure_reason", "closure_note", "case_status"],
        purpose="case reopened",
        request=request,
    )
    return case
