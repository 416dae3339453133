"""People: the duplicate search that comes before registering anyone, and every write to a
person's identity.

Names and birth dates are encrypted, so the search cannot ask the database for them. Each
person carries keyed hashes (``PersonSearchKey``) of the spelling-independent keys of their
name parts (``liaison.core.names.name_keys``) and of their birth year; a search hashes its own
keys the same way, fetches the few people sharing one, decrypts only those and ranks them.
Identity documents are found exactly through their blind index.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import crypto, names
from liaison.core.audit import audit_record
from liaison.core.fields import blind_lookup
from liaison.core.models import AuditAction
from liaison.directory.models import Agency
from liaison.nrm import permissions
from liaison.nrm.models import Case, IdentityDocument, Person, PersonSearchKey

NAME_PURPOSE = "nrm.person.name"
BIRTH_YEAR_PURPOSE = "nrm.person.birth_year"
CANDIDATE_LIMIT = 200  # people decrypted per search, at most
RESULT_LIMIT = 20  # candidates shown
MIN_SCORE = 0.8  # name similarity plus the birth-date and citizenship agreement
TOKEN_SALT = "nrm.person.search"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 30 * 60  # seconds: a search stays valid for half an hour

PERSON_FIELDS = (
    "given_names",
    "family_names",
    "patronymic",
    "other_names",
    "sex",
    "birth_date",
    "birth_year_known",
    "citizenship",
    "other_citizenship",
    "languages",
    "phone",
    "address",
)
NAME_FIELDS = ("given_names", "family_names", "patronymic", "other_names")


# --- search criteria and the token proving a search was made --------------------------------


@dataclass(frozen=True)
class SearchCriteria:
    given_names: str = ""
    family_names: str = ""
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    citizenship: str = ""
    document_number: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}".strip()

    @property
    def year(self) -> int | None:
        return self.birth_date.year if self.birth_date else self.birth_year

    def is_empty(self) -> bool:
        return not (self.full_name or self.document_number)

    def fingerprint(self) -> str:
        """The same for the same input whatever its case, spacing or spelling of the name.

        Citizenship is left out: it does not find anyone, it only helps to tell people apart.
        """
        payload = [
            sorted(names.name_keys(self.given_names)),
            sorted(names.name_keys(self.family_names)),
            self.birth_date.isoformat() if self.birth_date else "",
            self.year or "",
            crypto.normalise_for_index(self.document_number),
        ]
        return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def search_token_issue(*, user: Any, criteria: SearchCriteria, person_ids: list[int]) -> str:
    """A signed note that ``user`` searched for ``criteria`` and was shown ``person_ids``."""
    return signing.dumps(
        {"u": user.pk, "f": criteria.fingerprint(), "p": person_ids}, salt=TOKEN_SALT
    )


def _token_payload(user: Any, token: str) -> dict[str, Any] | None:
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also raised for an expired token
        return None
    if not isinstance(payload, dict) or payload.get("u") != user.pk:
        return None
    return payload


def search_token_covers(*, user: Any, token: str, criteria: SearchCriteria) -> bool:
    payload = _token_payload(user, token)
    return payload is not None and payload.get("f") == criteria.fingerprint()


def search_token_person_ids(*, user: Any, token: str) -> set[int]:
    payload = _token_payload(user, token)
    return {int(pk) for pk in payload.get("p", [])} if payload else set()


# --- search ---------------------------------------------------------------------------------


@dataclass
class Candidate:
    person: Person
    score: float
    birth: str  # exact / swapped / year / missing / different
    document_match: bool
    agencies: list[Agency] = field(default_factory=list)
    visible_case: Case | None = None  # a case of this person the user may open
    show_name: bool = False  # the user's own agency has a case for this person

    @property
    def number(self) -> str:
        return str(self.person)

    @property
    def likelihood(self) -> str:
        """high / medium / low: what the page says instead of a score."""
        if self.document_match or self.score >= 1.0:
            return "high"
        return "medium" if self.score >= 0.9 else "low"


def _name_hashes(*values: str) -> set[str]:
    keys = names.name_keys(*values)
    return {h for key in keys for h in crypto.blind_indexes(key, purpose=NAME_PURPOSE)}


def _birth_agreement(criteria: SearchCriteria, person: Person) -> tuple[str, float]:
    born = person.birth_date
    if born is None or criteria.year is None:
        return "missing", 0.0
    if criteria.birth_date is not None and not person.birth_year_known:
        if born == criteria.birth_date:
            return "exact", 0.25
        wanted = criteria.birth_date
        if (born.year, born.month, born.day) == (wanted.year, wanted.day, wanted.month):
            return "swapped", 0.15
    if born.year == criteria.year:
        return "year", 0.1
    # Not enough to rule a person out (years are misheard and misrecorded), but a near name
    # with another year is no longer a candidate.
    return "different", -0.2


def _citizenship_agreement(criteria: SearchCriteria, person: Person) -> float:
    """A small nudge only: people change or misstate citizenship more than names."""
    wanted = criteria.citizenship.upper()
    if not wanted or not person.citizenship:
        return 0.0
    return 0.05 if wanted in (person.citizenship, person.other_citizenship) else -0.05


def _similarity(criteria: SearchCriteria, person: Person) -> float:
    spellings = [person.display_name, *person.other_names.splitlines()]
    if not criteria.full_name:
        return 0.0
    return max(
        (names.name_similarity(criteria.full_name, s) for s in spellings if s.strip()), default=0.0
    )


def _fuzzy_candidates(criteria: SearchCriteria) -> list[int]:
    """People sharing at least one name key, those sharing more keys (and the birth year)
    first, at most ``CANDIDATE_LIMIT``: only these are decrypted."""
    name_hashes = _name_hashes(criteria.given_names, criteria.family_names)
    if not name_hashes:
        return []
    year_hashes = (
        set(crypto.blind_indexes(str(criteria.year), purpose=BIRTH_YEAR_PURPOSE))
        if criteria.year
        else set()
    )
    name = PersonSearchKey.Kind.NAME
    rows = (
        PersonSearchKey.objects.filter(
            Q(kind=name, key__in=name_hashes)
            | Q(kind=PersonSearchKey.Kind.BIRTH_YEAR, key__in=year_hashes)
        )
        .values("person_id")
        .annotate(names=Count("id", filter=Q(kind=name)), hits=Count("id"))
        .filter(names__gt=0)
        .order_by("-hits", "-person_id")
        .values_list("person_id", flat=True)
    )
    return list(rows[:CANDIDATE_LIMIT])


def person_search(
    *, actor: Any, criteria: SearchCriteria, request: HttpRequest | None = None
) -> list[Candidate]:
    """People who may be the one searched for, best first. Names are decrypted only for the
    candidates sharing a name key (at most ``CANDIDATE_LIMIT``) and shown only to an agency
    that already has a case for the person."""
    if not permissions.agencies_user_may_open_cases_for(actor).exists():
        raise PermissionDenied
    exact_ids: set[int] = set()
    if criteria.document_number.strip():
        exact_ids = set(
            blind_lookup(
                IdentityDocument.objects.all(), "number_index", criteria.document_number
            ).values_list("person_id", flat=True)
        )
    fuzzy_ids = _fuzzy_candidates(criteria)
    people = Person.objects.in_bulk([*exact_ids, *fuzzy_ids][: CANDIDATE_LIMIT + len(exact_ids)])
    found: list[Candidate] = []
    for person in people.values():
        similarity = _similarity(criteria, person)
        birth, bonus = _birth_agreement(criteria, person)
        bonus += _citizenship_agreement(criteria, person)
        exact = person.pk in exact_ids
        if not exact and similarity + bonus < MIN_SCORE:
            continue
        found.append(
            Candidate(person, round(similarity + bonus + (2 if exact else 0), 3), birth, exact)
        )
    found.sort(key=lambda c: (-c.score, c.person.pk))
    found = found[:RESULT_LIMIT]
    _describe_holders(actor, found)
    _audit_search(actor, criteria, found, request)
    return found


def _describe_holders(actor: Any, found: list[Candidate]) -> None:
    """Which agencies hold a case for each candidate, and which cases the actor reaches."""
    by_person = {c.person.pk: c for c in found}
    cases = Case.objects.filter(person_id__in=by_person).select_related("agency")
    visible = set(
        permissions.cases_visible_to(actor)
        .filter(person_id__in=by_person)
        .values_list("pk", flat=True)
    )
    own_agencies = permissions.agencies_with_case_access(actor)
    for case in cases.order_by("flagged_on", "pk"):
        candidate = by_person[case.person_id]  # type: ignore[index]
        candidate.agencies.append(case.agency)
        if case.pk in visible and candidate.visible_case is None:
            candidate.visible_case = case
        if case.agency_id in own_agencies:
            candidate.show_name = True


def _audit_search(
    actor: Any, criteria: SearchCriteria, found: list[Candidate], request: HttpRequest | None
) -> None:
    searched = [
        name
        for name, value in (
            ("given_names", criteria.given_names),
            ("family_names", criteria.family_names),
            ("birth_date", criteria.birth_date or criteria.birth_year),
            ("citizenship", criteria.citizenship),
            ("document_number", criteria.document_number),
        )
        if value
    ]
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type="nrm.person",
        object_label=_("duplicate search"),
        fields=searched,
        purpose=f"duplicate search: {len(found)} candidates",
        request=request,
    )
    for candidate in found:
        if candidate.show_name:
            audit_record(
                actor=actor,
                action=AuditAction.VIEW,
                obj=candidate.person,
                fields=["given_names", "family_names", "patronymic"],
                purpose="duplicate search result",
                request=request,
            )


# --- writes ---------------------------------------------------------------------------------


def _search_keys(person: Person) -> set[tuple[str, str]]:
    wanted = {
        (PersonSearchKey.Kind.NAME.value, crypto.blind_index(key, purpose=NAME_PURPOSE))
        for key in names.name_keys(*(getattr(person, f) or "" for f in NAME_FIELDS))
    }
    if person.birth_date is not None:
        year = str(person.birth_date.year)
        wanted.add(
            (
                PersonSearchKey.Kind.BIRTH_YEAR.value,
                crypto.blind_index(year, purpose=BIRTH_YEAR_PURPOSE),
            )
        )
    return wanted


def search_keys_refresh(*, person: Person) -> None:
    """Store exactly the keys the person's current names and birth year give."""
    wanted = _search_keys(person)
    stored = {(k.kind, k.key): k.pk for k in PersonSearchKey.objects.filter(person=person)}
    stale = [pk for pair, pk in stored.items() if pair not in wanted]
    PersonSearchKey.objects.filter(pk__in=stale).delete()
    PersonSearchKey.objects.bulk_create(
        [PersonSearchKey(person=person, kind=k, key=v) for k, v in wanted - set(stored)]
    )


def _clean_person_data(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({f: [_("This field cannot be set here.")] for f in sorted(unknown)})
    cleaned = dict(data)
    for name in ("citizenship", "other_citizenship"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].strip().upper()
    return cleaned


def _check_person(person: Person) -> None:
    person.full_clean(exclude=["registered_by"])
    if not (person.given_names.strip() or person.family_names.strip()):
        raise ValidationError({"family_names": [_("Give at least one name.")]})
    if person.birth_date and person.birth_date > timezone.localdate():
        raise ValidationError({"birth_date": [_("The date of birth is in the future.")]})


@transaction.atomic
def person_create(
    *,
    actor: Any,
    agency: Agency,
    search_token: str | None = None,
    documents: list[dict[str, str]] | None = None,
    request: HttpRequest | None = None,
    **data: Any,
) -> Person:
    """Register a person for ``agency``. A user must have searched for the same input first
    (``search_token`` from ``person_search``); the system (``actor=None``) need not."""
    if actor is not None:
        if not permissions.can_create_case(actor, agency):
            raise PermissionDenied
        data = _clean_person_data(data)
        criteria = criteria_for(data, documents or [])
        if not search_token or not search_token_covers(
            user=actor, token=search_token, criteria=criteria
        ):
            raise ValidationError(
                _("Search for this person first, with the same details, before registering them.")
            )
    person = Person(registered_by=agency, **_clean_person_data(data))
    _check_person(person)
    person.save()
    search_keys_refresh(person=person)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=person,
        fields=[f for f in PERSON_FIELDS if getattr(person, f) not in ("", None, [])],
        request=request,
    )
    for document in documents or []:
        identity_document_add(actor=actor, person=person, request=request, **document)
    return person


def criteria_for(data: dict[str, Any], documents: list[dict[str, str]]) -> SearchCriteria:
    """The search a registration must have been preceded by."""
    born = data.get("birth_date")
    return SearchCriteria(
        given_names=str(data.get("given_names") or ""),
        family_names=str(data.get("family_names") or ""),
        birth_date=None if data.get("birth_year_known") else born,
        birth_year=born.year if born and data.get("birth_year_known") else None,
        citizenship=str(data.get("citizenship") or ""),
        document_number=documents[0].get("number", "") if documents else "",
    )


@transaction.atomic
def person_update(
    *, actor: Any, person: Person, request: HttpRequest | None = None, **data: Any
) -> Person:
    if actor is not None and not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    data = _clean_person_data(data)
    changed = [k for k, v in data.items() if getattr(person, k) != v]
    for name in changed:
        setattr(person, name, data[name])
    _check_person(person)
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
        if set(changed) & {*NAME_FIELDS, "birth_date"}:
            search_keys_refresh(person=person)
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=person, fields=changed, request=request
        )
    return person


@transaction.atomic
def identity_document_add(
    *,
    actor: Any,
    person: Person,
    kind: str,
    number: str,
    issuing_country: str = "",
    request: HttpRequest | None = None,
) -> IdentityDocument:
    if actor is not None and not (
        permissions.can_edit_person(actor, person)
        or permissions.can_create_case(actor, person.registered_by)
    ):
        raise PermissionDenied
    number = " ".join(number.split())
    document = IdentityDocument(
        person=person, kind=kind, number=number, issuing_country=issuing_country.strip().upper()
    )
    document.full_clean(exclude=["person", "number_index"])
    if not number:
        raise ValidationError({"number": [_("Give the document number.")]})
    if blind_lookup(
        IdentityDocument.objects.filter(person=person), "number_index", number
    ).exists():
        raise ValidationError({"number": [_("This person already has this document.")]})
    document.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=document,
        fields=["kind", "number", "issuing_country"],
        request=request,
    )
    return document
