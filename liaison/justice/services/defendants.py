"""Writes on suspects and defendants and their charges.

A defendant moves suspected → prosecuted → convicted | acquitted | dismissed (proceedings may be
dismissed before a prosecution too); each step carries its date, in order.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.geography import is_country_code
from liaison.core.models import AuditAction
from liaison.core.vocabularies import Gender, PerpetratorRole
from liaison.justice.models import Charge, ChargeOutcome, CriminalCase, Defendant, Offence
from liaison.justice.services.cases import _deny_unless_editor

Status = Defendant.Status
NEXT_STATUS: dict[str, set[str]] = {
    Status.SUSPECTED: {Status.PROSECUTED, Status.DISMISSED},
    Status.PROSECUTED: {Status.CONVICTED, Status.ACQUITTED, Status.DISMISSED},
    Status.CONVICTED: set(),
    Status.ACQUITTED: set(),
    Status.DISMISSED: set(),
}
JUDGED = {Status.CONVICTED, Status.ACQUITTED}
IDENTITY_FIELDS = ["name", "birth_date"]


def _clean_person(data: dict[str, Any]) -> dict[str, Any]:
    """Validate the person's fields; ``ValidationError`` with every problem at once."""
    errors: dict[str, list[str]] = {}
    data["name"] = str(data.get("name", "")).strip()
    if not data["name"]:
        errors["name"] = [_("Give the name.")]
    if data.get("kind") not in Defendant.Kind.values:
        errors["kind"] = [_("Choose a natural or a legal person.")]
    if data.get("sex", Gender.UNKNOWN) not in Gender.values:
        errors["sex"] = [_("Choose a value from the list.")]
    citizenship = str(data.get("citizenship") or "").strip().upper()
    if citizenship and not is_country_code(citizenship):
        errors["citizenship"] = [_("Give an ISO 3166 country code.")]
    data["citizenship"] = citizenship
    roles = list(data.get("roles") or [])
    unknown = sorted(set(roles) - set(PerpetratorRole.values))
    if unknown:
        errors["roles"] = [_("Unknown roles: %(roles)s.") % {"roles": ", ".join(unknown)}]
    data["roles"] = sorted(set(roles))
    age = data.get("age")
    if age is not None and not 0 <= age <= 120:
        errors["age"] = [_("Give an age between 0 and 120.")]
    if data.get("kind") == Defendant.Kind.LEGAL and (
        data.get("birth_date")
        or age is not None
        or data.get("sex", Gender.UNKNOWN) != Gender.UNKNOWN
    ):
        errors["kind"] = [_("A legal person has no sex, age or date of birth.")]
    today = timezone.localdate()
    for field in ("birth_date", "suspected_on"):
        if data.get(field) and data[field] > today:
            errors[field] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def defendant_create(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    name: str,
    suspected_on: datetime.date,
    kind: str = Defendant.Kind.NATURAL,
    birth_date: datetime.date | None = None,
    sex: str = Gender.UNKNOWN,
    age: int | None = None,
    citizenship: str = "",
    roles: list[str] | None = None,
    request: HttpRequest | None = None,
) -> Defendant:
    _deny_unless_editor(actor, criminal_case)
    data = _clean_person(
        {"name": name, "kind": kind, "birth_date": birth_date, "sex": sex, "age": age,
         "citizenship": citizenship, "roles": roles or [], "suspected_on": suspected_on}
    )  # fmt: skip
    defendant = Defendant.objects.create(criminal_case=criminal_case, **data)
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=defendant, fields=sorted(data),
        request=request,
    )  # fmt: skip
    return defendant


def _check_status(defendant: Defendant, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    status = data["status"]
    if status != defendant.status and status not in NEXT_STATUS.get(defendant.status, set()):
        errors["status"] = [_("The status cannot change this way.")]
    prosecuted_on, judged_on = data.get("prosecuted_on"), data.get("judged_on")
    if status in JUDGED | {Status.PROSECUTED} and prosecuted_on is None:
        errors["prosecuted_on"] = [_("Give the date of the prosecution.")]
    if status in JUDGED and judged_on is None:
        errors["judged_on"] = [_("Give the date of the judgment.")]
    dates = [d for d in (data["suspected_on"], prosecuted_on, judged_on) if d is not None]
    if dates != sorted(dates):
        errors.setdefault("judged_on", []).append(_("The dates must follow each other in order."))
    if data.get("sentence_months") is not None and status != Status.CONVICTED:
        errors["sentence_months"] = [_("Only a convicted person has a sentence.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def defendant_update(
    *,
    actor: Any,
    defendant: Defendant,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Defendant:
    """Change the person's fields and the status with its dates and sentence."""
    _deny_unless_editor(actor, defendant.criminal_case)
    allowed = {
        "name", "kind", "birth_date", "sex", "age", "citizenship", "roles", "suspected_on",
        "status", "prosecuted_on", "judged_on", "sentence", "sentence_months",
    }  # fmt: skip
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    data = {name: getattr(defendant, name) for name in allowed} | fields
    data = _clean_person(data)
    _check_status(defendant, data)
    changed = [name for name in sorted(allowed) if getattr(defendant, name) != data[name]]
    for name in changed:
        setattr(defendant, name, data[name])
    if changed:
        defendant.save()
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=defendant, fields=changed,
            request=request,
        )  # fmt: skip
    return defendant


@transaction.atomic
def charge_set(
    *,
    actor: Any,
    defendant: Defendant,
    offence: Offence,
    outcome: str = ChargeOutcome.PENDING,
    decided_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Charge:
    """Charge ``defendant`` with ``offence`` of the same case, or record what became of it."""
    _deny_unless_editor(actor, defendant.criminal_case)
    errors: dict[str, list[str]] = {}
    if offence.criminal_case_id != defendant.criminal_case_id:
        errors["offence"] = [_("The offence belongs to another case.")]
    if outcome not in ChargeOutcome.values:
        errors["outcome"] = [_("Choose an outcome from the list.")]
    elif outcome != ChargeOutcome.PENDING and decided_on is None:
        errors["decided_on"] = [_("Give the date of the decision.")]
    if decided_on is not None and decided_on > timezone.localdate():
        errors["decided_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    charge, created = Charge.objects.update_or_create(
        defendant=defendant, offence=offence,
        defaults={"outcome": outcome, "decided_on": decided_on},
    )  # fmt: skip
    audit_record(
        actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE, obj=charge,
        fields=["offence", "outcome", "decided_on"], request=request,
    )  # fmt: skip
    return charge
