"""Opening and editing cases, and the case list's saved views.

A case starts on the entry step of the national status ladder; ``case_open`` writes that first
status decision itself. Every later decision belongs to ``nrm.services.decisions``.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.core.vocabularies import Gender
from liaison.directory.models import Agency, User
from liaison.directory.permissions import active_memberships
from liaison.directory.roles import ROLE_CAPABILITIES, Capability
from liaison.nrm import ladder, permissions
from liaison.nrm.models import AnonymousDetails, Case, Person, SavedCaseView, StatusDecision
from liaison.nrm.services.clocks import periods_start_for_event
from liaison.nrm.services.people import person_create, search_token_person_ids

# No 0/O, 1/I/L: codes are read aloud on the phone and copied by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
ADULT_AGE = 18
SAVED_VIEW_LIMIT = 50


def new_case_code(year: int) -> str:
    """A code that reveals neither the number of cases nor their order (``C-2026-7F3K9Q``)."""
    while True:
        code = f"C-{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Case.objects.filter(code=code).exists():
            return code


def age_on(birth_date: datetime.date, day: datetime.date, *, year_only: bool = False) -> int:
    if year_only:
        return day.year - birth_date.year
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def case_open(
    *,
    actor: Any,
    person: Person | None,
    agency: Agency,
    flagged_on: datetime.date,
    anonymous: bool = False,
    reasons: str = "",
    summary: str = "",
    owner: User | None = None,
    age: int | None = None,
    sex: str = Gender.UNKNOWN,
    citizenship: str = "",
    request: HttpRequest | None = None,
) -> Case:
    """Open ``agency``'s case for ``person`` (or an anonymous notification without one).

    ``age``, ``sex`` and ``citizenship`` are used only for an anonymous case, which holds no
    identity. The first status decision is the entry step of the national ladder, decided by
    the actor (or the owner when the system opens the case) in the name of ``agency``.
    """
    _deny_unless(actor is None or permissions.can_create_case(actor, agency))
    owner = owner if owner is not None else (actor if actor is not None else None)
    decider = actor if actor is not None else owner
    errors: dict[str, list[str]] = {}
    if anonymous == (person is not None):
        errors["person"] = [_("A case has a person, or is anonymous — one of the two.")]
    if person is not None and Case.objects.filter(person=person, agency=agency).exists():
        errors["person"] = [_("This agency already has a case for this person.")]
    if flagged_on > timezone.localdate():
        errors["flagged_on"] = [_("The date of flagging is in the future.")]
    if decider is None:
        errors["owner"] = [_("Name the case worker who flagged the person.")]
    if owner is not None and not _works_on_cases(owner, agency):
        errors["owner"] = [_("The case worker must work on cases in this agency.")]
    if anonymous and age is not None and not 0 <= age <= 120:
        errors["age"] = [_("Give an age between 0 and 120.")]
    if errors or decider is None:
        raise ValidationError(errors)

    profile = ladder.home_profile()
    entry = ladder.entry_step(profile)
    if person is not None and person.birth_date is not None:
        age = age_on(person.birth_date, flagged_on, year_only=person.birth_year_known)
    case = Case(
        code=new_case_code(flagged_on.year),
        person=person,
        anonymous=anonymous,
        agency=agency,
        owner=owner,
        country=profile.country,
        status=str(entry["code"]),
        trafficking_status=ladder.outcome(entry),
        flagged_on=flagged_on,
        is_child=age is not None and age < ADULT_AGE,
        age_at_flagging=age,
        summary=summary,
    )
    case.full_clean()
    case.save()
    if anonymous:
        details = AnonymousDetails(case=case, sex=sex, citizenship=citizenship.strip().upper())
        details.full_clean()
        details.save()
    decision = StatusDecision.objects.create(
        case=case,
        step=case.status,
        decided_on=flagged_on,
        decided_by=decider,
        deciding_agency=agency,
        decision_org=agency.status_decision_org,
        reasons=reasons.strip() or _("Flagged when the case was opened."),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=case,
        fields=[
            "person",
            "agency",
            "owner",
            "flagged_on",
            "status",
            *(["summary"] if summary else []),
        ],
        request=request,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=decision,
        fields=["step", "decided_on", "decision_org", "reasons"],
        request=request,
    )
    # The entry step is an event like any decision: it starts the periods counted from it
    # (Portugal's reflection period from flagging, the UK's reasonable-grounds deadline).
    periods_start_for_event(
        actor=actor, case=case, event=case.status, occurred_on=flagged_on, request=request
    )
    return case


@transaction.atomic
def person_register(
    *,
    actor: Any,
    agency: Agency,
    person_data: dict[str, Any],
    documents: list[dict[str, str]],
    search_token: str | None,
    flagged_on: datetime.date,
    reasons: str = "",
    request: HttpRequest | None = None,
) -> Case:
    """Register a new person (after a search) and open the agency's case, both or neither."""
    person = person_create(
        actor=actor,
        agency=agency,
        search_token=search_token,
        documents=documents,
        request=request,
        **person_data,
    )
    return case_open(
        actor=actor,
        person=person,
        agency=agency,
        flagged_on=flagged_on,
        reasons=reasons,
        request=request,
    )


def person_from_search(*, actor: Any, person_id: int, search_token: str) -> Person | None:
    """A person the actor was shown by a recent search, or already reaches through a case.

    Opening a case reveals the identity, so other ids cannot simply be tried.
    """
    if person_id in search_token_person_ids(user=actor, token=search_token):
        return Person.objects.filter(pk=person_id).first()
    return permissions.people_visible_to(actor).filter(pk=person_id).first()


def _works_on_cases(user: Any, agency: Agency) -> bool:
    return any(
        m.agency_id == agency.pk and Capability.VIEW_CASES in ROLE_CAPABILITIES.get(m.role, ())
        for m in active_memberships(user)
    )


@transaction.atomic
def case_update(*, actor: Any, case: Case, request: HttpRequest | None = None, **data: Any) -> Case:
    """Change the case worker (``owner``) or the ``summary``; nothing else is edited directly."""
    _deny_unless(actor is None or permissions.can_edit_case(actor, case))
    unknown = set(data) - {"owner", "summary"}
    if unknown:
        raise ValidationError({f: [_("This field cannot be set here.")] for f in sorted(unknown)})
    owner = data.get("owner", case.owner)
    if "owner" in data and owner is not None and not _works_on_cases(owner, case.agency):
        raise ValidationError({"owner": [_("The case worker must work on cases in this agency.")]})
    changed = [k for k, v in data.items() if getattr(case, k) != v]
    for name in changed:
        setattr(case, name, data[name])
    if changed:
        case.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=case, fields=changed, request=request
        )
    return case


@transaction.atomic
def saved_view_create(
    *, actor: Any, name: str, query: str, request: HttpRequest | None = None
) -> SavedCaseView:
    # A view is the user's own set of filters: it reveals nothing, the list stays scoped.
    _deny_unless(bool(getattr(actor, "is_authenticated", False)))
    name = " ".join(name.split())
    if not query.strip():
        raise ValidationError({"query": [_("Choose at least one filter before saving a view.")]})
    view = SavedCaseView.objects.filter(user=actor, name=name).first()
    if view is None:
        if SavedCaseView.objects.filter(user=actor).count() >= SAVED_VIEW_LIMIT:
            raise ValidationError({"name": [_("You have too many saved views: delete one first.")]})
        view = SavedCaseView(user=actor, name=name)
    view.query = query
    view.full_clean()
    view.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=view, fields=["name", "query"], request=request
    )
    return view


@transaction.atomic
def saved_view_delete(
    *, actor: Any, view: SavedCaseView, request: HttpRequest | None = None
) -> None:
    _deny_unless(view.user_id == getattr(actor, "pk", None))
    audit_record(actor=actor, action=AuditAction.DELETE, obj=view, request=request)
    view.delete()
