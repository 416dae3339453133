"""Writes of the exploitation profile (HTCDS terms) and of the trafficking events of a case's route."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.core.vocabularies import (
    ExploitationType,
    Industry,
    MeansOfControl,
    OnlinePlatform,
    RecruitmentMethod,
    RelationToRecruiter,
    SexualExploitationType,
    TraffickingEventType,
)
from liaison.nrm.models import Case, ExploitationProfile, TraffickingEvent
from liaison.nrm.permissions import can_edit_case

# Each multi-valued field and the vocabulary its values must come from.
LIST_FIELDS: dict[str, type[models.TextChoices]] = {
    "forms": ExploitationType,
    "sexual_exploitation_types": SexualExploitationType,
    "means_of_control": MeansOfControl,
    "recruitment_methods": RecruitmentMethod,
    "recruitment_platforms": OnlinePlatform,
    "exploitation_platforms": OnlinePlatform,
}
SINGLE_FIELDS: dict[str, type[models.TextChoices]] = {
    "industry": Industry,
    "relation_to_recruiter": RelationToRecruiter,
}
PROFILE_FIELDS = (*LIST_FIELDS, *SINGLE_FIELDS, "also_smuggled", "notes")
EVENT_PERSONAL_FIELDS = ("place", "description")


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def check_values(
    field: str, values: Iterable[Any], vocabulary: type[models.TextChoices]
) -> list[str]:
    """The values in order without repeats; a value outside the vocabulary is refused by name."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError({field: [_("Give a list of values.")]})
    known = set(vocabulary.values)
    cleaned: list[str] = []
    for value in values:
        if value not in known:
            raise ValidationError(
                {field: [_("“%(value)s” is not a value of this list.") % {"value": value}]}
            )
        if value not in cleaned:
            cleaned.append(str(value))
    return cleaned


def _clean_profile_data(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    cleaned: dict[str, Any] = {}
    for name, value in data.items():
        if name in LIST_FIELDS:
            cleaned[name] = check_values(name, value or [], LIST_FIELDS[name])
        elif name in SINGLE_FIELDS:
            value = value or ""
            if value:
                check_values(name, [value], SINGLE_FIELDS[name])
            cleaned[name] = value
        elif name == "notes":
            cleaned[name] = (value or "").strip()
        else:
            cleaned[name] = value
    return cleaned


@transaction.atomic
def exploitation_profile_update(
    *, actor: Any, case: Case, request: HttpRequest | None = None, **data: Any
) -> ExploitationProfile:
    """Set the fields given. Means of control are never required: a child needs none (Palermo
    Protocol art. 3(c)), and an adult's may not be known yet."""
    _deny_unless(can_edit_case(actor, case))
    cleaned = _clean_profile_data(data)
    profile = ExploitationProfile.objects.filter(case=case).first()
    created = profile is None
    if profile is None:
        profile = ExploitationProfile(case=case)
    changed = [k for k, v in cleaned.items() if getattr(profile, k) != v]
    for name in changed:
        setattr(profile, name, cleaned[name])
    profile.full_clean()
    if created:
        profile.save()
    elif changed:
        profile.save(update_fields=[*changed, "updated_at"])
    if created or changed:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=profile,
            fields=changed,
            purpose="exploitation profile",
            request=request,
        )
    return profile


def _check_event_dates(
    case: Case, started_on: datetime.date | None, ended_on: datetime.date | None
) -> None:
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": [_("The end cannot be before the start.")]})
    birth = case.person.birth_date if case.person_id and case.person else None
    for name, day in (("started_on", started_on), ("ended_on", ended_on)):
        if birth and day and day < birth:
            raise ValidationError({name: [_("This date is before the person was born.")]})
    today = timezone.localdate()
    for name, day in (("started_on", started_on), ("ended_on", ended_on)):
        if day and day > today:
            raise ValidationError({name: [_("This date is in the future.")]})


@transaction.atomic
def trafficking_event_add(
    *,
    actor: Any,
    case: Case,
    kind: str,
    country: str,
    place: str = "",
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    description: str = "",
    request: HttpRequest | None = None,
) -> TraffickingEvent:
    _deny_unless(can_edit_case(actor, case))
    check_values("kind", [kind], TraffickingEventType)
    _check_event_dates(case, started_on, ended_on)
    event = TraffickingEvent(
        case=case,
        kind=kind,
        country=(country or "").upper(),
        place=place.strip(),
        started_on=started_on,
        ended_on=ended_on,
        description=description.strip(),
    )
    event.full_clean()
    event.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=event,
        fields=["kind", "country", "started_on", "ended_on", *EVENT_PERSONAL_FIELDS],
        purpose="trafficking event",
        request=request,
    )
    return event


@transaction.atomic
def trafficking_event_delete(
    *, actor: Any, event: TraffickingEvent, request: HttpRequest | None = None
) -> None:
    _deny_unless(can_edit_case(actor, event.case))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=event,
        fields=["kind", "country", "started_on", "ended_on", *EVENT_PERSONAL_FIELDS],
        purpose="trafficking event",
        request=request,
    )
    event.delete()
