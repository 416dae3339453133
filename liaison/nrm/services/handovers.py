"""Handovers (Primero's transition model): referral, transfer, transfer request and assignment.

pending → accepted | rejected (with a reason) | revoked (by the sender) ; accepted → done.
A referral or transfer carries the person's data to another agency, so it needs the person's
consent to be referred to that agency — unless the person is a child, or a user who may override
gives a reason, which is logged with the purpose "consent override".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.core.vocabularies import Gender
from liaison.directory.models import Agency, User
from liaison.directory.permissions import active_memberships, has_capability
from liaison.directory.roles import Capability
from liaison.nrm import ladder
from liaison.nrm.models import (
    AnonymousDetails,
    Case,
    Consent,
    ExploitationProfile,
    Handover,
    HandoverKind,
    HandoverStatus,
    Provider,
    Section,
    StatusDecision,
)
from liaison.nrm.permissions import can_handover_case, can_override_consent, cases_visible_to
from liaison.nrm.selectors.handovers import (
    colleagues_for_assignment,
    is_recipient,
    providers_for_referral,
    valid_referral_consent,
)
from liaison.nrm.services.cases import case_open, new_case_code

CONSENT_OVERRIDE = "consent override"
NO_LADDER = _lazy("The national procedure has no status ladder: ask the national coordinator.")
# Kinds that carry the person's data to another agency.
CROSSING_KINDS = {HandoverKind.REFERRAL, HandoverKind.TRANSFER}
# The coded, non-identifying part of the profile an anonymous notification may carry.
ANONYMOUS_PROFILE_FIELDS = (
    "forms",
    "industry",
    "sexual_exploitation_types",
    "means_of_control",
    "recruitment_methods",
    "relation_to_recruiter",
    "recruitment_platforms",
    "exploitation_platforms",
    "also_smuggled",
)


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _check_sections(sections: Iterable[str]) -> list[str]:
    chosen: list[str] = []
    for value in sections:
        if value not in Section.values:
            raise ValidationError(
                {"sections": [_("“%(value)s” is not a section of a case.") % {"value": value}]}
            )
        if value not in chosen:
            chosen.append(value)
    return chosen


def consent_gate(
    *, actor: Any, case: Case, recipient: Agency, override_reason: str = ""
) -> tuple[Consent | None, bool]:
    """(the consent relied on, whether it was overridden), or ValidationError when blocked."""
    if case.is_child:
        return None, False  # a child's referral needs no consent (best interests decide)
    consent = valid_referral_consent(case=case, agency=recipient)
    if consent is not None:
        return consent, False
    if not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": [
                    _(
                        "The person has not consented to be referred to %(agency)s (or withdrew "
                        "the consent). Record the consent first, or give a reason to send without "
                        "it if your role allows."
                    )
                    % {"agency": recipient.name}
                ]
            }
        )
    if not can_override_consent(actor, case):
        raise ValidationError(
            {"override_reason": [_("Your role may not send a case without the person's consent.")]}
        )
    return None, True


def _audit_override(actor: Any, handover: Handover, request: HttpRequest | None) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=handover,
        fields=["consent_overridden", "override_reason"],
        purpose=CONSENT_OVERRIDE,
        request=request,
    )


def _recipient_already_has_case(case: Case, agency: Agency) -> bool:
    return bool(
        case.person_id and Case.objects.filter(person_id=case.person_id, agency=agency).exists()
    )


@transaction.atomic
def handover_create(
    *,
    actor: Any,
    case: Case,
    kind: str,
    to_agency: Agency | None = None,
    to_user: User | None = None,
    provider: Provider | None = None,
    sections: Iterable[str] = (),
    reason: str = "",
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> Handover:
    """Send a referral, a transfer or an assignment from the case's own agency."""
    _deny_unless(can_handover_case(actor, case))
    if kind == HandoverKind.TRANSFER_REQUEST:
        raise ValidationError({"kind": [_("A transfer request is made by the agency that asks.")]})
    if kind not in HandoverKind.values:
        raise ValidationError(
            {"kind": [_("“%(value)s” is not a kind of handover.") % {"value": kind}]}
        )
    chosen = _check_sections(sections)
    if provider is not None:
        if not providers_for_referral(user=actor).filter(pk=provider.pk).exists():
            raise ValidationError({"provider": [_("Choose a service from the directory.")]})
        if to_agency is None:
            to_agency = provider.agency
        elif provider.agency_id and provider.agency_id != to_agency.pk:
            raise ValidationError({"provider": [_("This service belongs to another agency.")]})
    consent, overridden = None, False
    if kind == HandoverKind.ASSIGNMENT:
        if (
            to_user is None
            or not colleagues_for_assignment(case=case).filter(pk=to_user.pk).exists()
        ):
            raise ValidationError(
                {"to_user": [_("Choose a colleague of the case's agency who works on cases.")]}
            )
        if to_user.pk == (case.owner_id or 0):
            raise ValidationError({"to_user": [_("This colleague already holds the case.")]})
        to_agency, chosen = case.agency, []
    else:
        if to_agency is None or not to_agency.is_active:
            raise ValidationError({"to_agency": [_("Choose the agency to send the case to.")]})
        if to_agency.pk == case.agency_id:
            raise ValidationError({"to_agency": [_("The case is already with this agency.")]})
        if not chosen:
            raise ValidationError(
                {"sections": [_("Choose at least one part of the case the recipient may see.")]}
            )
        if kind == HandoverKind.REFERRAL and _recipient_already_has_case(case, to_agency):
            raise ValidationError(
                {"to_agency": [_("This agency already has a case for the person.")]}
            )
        consent, overridden = consent_gate(
            actor=actor, case=case, recipient=to_agency, override_reason=override_reason
        )
    if Handover.objects.filter(
        case=case, kind=kind, to_agency=to_agency, status=HandoverStatus.PENDING
    ).exists():
        raise ValidationError(_("The same handover is already waiting for an answer."))
    handover = Handover(
        case=case,
        kind=kind,
        from_agency=case.agency,
        from_user=actor,
        to_agency=to_agency,
        to_user=to_user,
        provider=provider,
        sections=chosen,
        consent=consent,
        consent_overridden=overridden,
        override_reason=override_reason.strip() if overridden else "",
        reason=reason.strip(),
    )
    handover.full_clean(exclude=["sections"])  # checked above; empty for assignments
    handover.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=handover,
        fields=["kind", "to_agency", "sections", *(["reason"] if reason.strip() else [])],
        purpose=f"handover {kind}",
        request=request,
    )
    if overridden:
        _audit_override(actor, handover, request)
    return handover


def requesting_agencies(actor: Any) -> list[Agency]:
    return [
        m.agency
        for m in active_memberships(actor)
        if has_capability(actor, Capability.HANDOVER_CASES, m.agency)
    ]


@transaction.atomic
def transfer_request_create(
    *,
    actor: Any,
    case: Case,
    from_agency: Agency,
    reason: str,
    request: HttpRequest | None = None,
) -> Handover:
    """Another agency asks the case's agency to hand the case over. The asker must already
    know the case: through a referral addressed to it, or by reaching the case."""
    if from_agency not in requesting_agencies(actor):
        raise ValidationError(
            {"from_agency": [_("Choose an agency where you refer and take over cases.")]}
        )
    knows = (
        cases_visible_to(actor).filter(pk=case.pk).exists()
        or Handover.objects.filter(
            case=case,
            to_agency=from_agency,
            kind__in=list(CROSSING_KINDS),
            status__in=[HandoverStatus.PENDING, HandoverStatus.ACCEPTED, HandoverStatus.DONE],
        ).exists()
    )
    _deny_unless(knows)
    if not case.is_open:
        raise ValidationError(_("The case is closed."))
    if from_agency.pk == case.agency_id:
        raise ValidationError(_("The case is already with this agency."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why your agency should take over the case.")]})
    if Handover.objects.filter(
        case=case,
        kind=HandoverKind.TRANSFER_REQUEST,
        from_agency=from_agency,
        status=HandoverStatus.PENDING,
    ).exists():
        raise ValidationError(_("The same handover is already waiting for an answer."))
    handover = Handover(
        case=case,
        kind=HandoverKind.TRANSFER_REQUEST,
        from_agency=from_agency,
        from_user=actor,
        to_agency=case.agency,
        sections=[],
        reason=reason.strip(),
    )
    handover.full_clean(exclude=["sections"])  # checked above; empty for assignments
    handover.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=handover,
        fields=["kind", "to_agency", "reason"],
        purpose="handover transfer_request",
        request=request,
    )
    return handover


def _check_pending(handover: Handover) -> None:
    if handover.status != HandoverStatus.PENDING:
        raise ValidationError(
            _("This handover is %(status)s: it cannot be answered or revoked any more.")
            % {"status": handover.get_status_display()}
        )


def _may_answer(actor: Any, handover: Handover) -> bool:
    if handover.kind == HandoverKind.ASSIGNMENT:
        return handover.to_user_id == getattr(actor, "pk", None)
    return is_recipient(user=actor, handover=handover)


def _open_anonymous_case(*, actor: Any, source: Case, agency: Agency) -> Case:
    """The notified case, opened by the sender at another agency. ``case_open`` cannot do it: it
    asks the actor to open cases at ``agency`` and to name one of its case workers as owner. The
    rules are otherwise the same: the entry step of the ladder, written as the first decision."""
    try:
        profile = ladder.home_profile()
        entry = ladder.entry_step(profile)
    except ImproperlyConfigured as exc:
        raise ValidationError(NO_LADDER) from exc
    today = timezone.localdate()
    notified = Case(
        code=new_case_code(today.year),
        person=None,
        anonymous=True,
        agency=agency,
        owner=None,
        country=profile.country,
        status=str(entry["code"]),
        trafficking_status=ladder.outcome(entry),
        flagged_on=today,
        is_child=source.is_child,
        age_at_flagging=source.age_at_flagging,
    )
    notified.full_clean()
    notified.save()
    StatusDecision.objects.create(
        case=notified,
        step=notified.status,
        decided_on=today,
        decided_by=actor,
        deciding_agency=source.agency,
        decision_org=source.agency.status_decision_org,
        reasons=_("Notified anonymously: the person did not consent to be referred."),
    )
    return notified


def _accept_effect(
    actor: Any, handover: Handover, override_reason: str, request: HttpRequest | None
) -> list[str]:
    """What accepting does to the case(s); returns the changed case fields for the log."""
    case = handover.case
    if handover.kind == HandoverKind.REFERRAL:
        try:
            opened = case_open(
                actor=actor,
                person=case.person,
                agency=handover.to_agency,
                # The person was flagged when the sender met them: periods counted from
                # flagging (Portugal's reflection period) run from that day, not from acceptance.
                flagged_on=case.flagged_on,
                owner=actor,
                age=case.age_at_flagging,
                reasons=_("Opened from the referral of %(agency)s.")
                % {"agency": handover.from_agency},
                request=request,
            )
        except ImproperlyConfigured as exc:
            raise ValidationError(NO_LADDER) from exc
        opened.referred_by = handover
        opened.save(update_fields=["referred_by", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=opened,
            fields=["referred_by"],
            purpose="case opened from a referral",
            request=request,
        )
        return []
    if handover.kind == HandoverKind.TRANSFER:
        case.agency, case.owner = handover.to_agency, handover.to_user or actor
        return ["agency", "owner"]
    if handover.kind == HandoverKind.TRANSFER_REQUEST:
        consent, overridden = consent_gate(
            actor=actor, case=case, recipient=handover.from_agency, override_reason=override_reason
        )
        handover.consent, handover.consent_overridden = consent, overridden
        handover.override_reason = override_reason.strip() if overridden else ""
        case.agency, case.owner = handover.from_agency, handover.from_user
        return ["agency", "owner"]
    case.owner = handover.to_user
    return ["owner"]


@transaction.atomic
def handover_accept(
    *,
    actor: Any,
    handover: Handover,
    note: str = "",
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> Handover:
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    _deny_unless(_may_answer(actor, handover))
    _check_pending(handover)
    if not handover.case.is_open:
        raise ValidationError(_("The case was closed in the meantime."))
    changed = _accept_effect(actor, handover, override_reason, request)
    if changed:
        handover.case.full_clean()
        handover.case.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=handover.case,
            fields=changed,
            purpose=f"handover {handover.kind} accepted",
            request=request,
        )
    handover.status = HandoverStatus.ACCEPTED
    handover.response_note = note.strip()
    handover.responded_at, handover.responded_by = timezone.now(), actor
    handover.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=handover,
        fields=["status", *(["response_note"] if note.strip() else [])],
        purpose="handover accepted",
        request=request,
    )
    if handover.consent_overridden and handover.kind == HandoverKind.TRANSFER_REQUEST:
        _audit_override(actor, handover, request)
    return handover


@transaction.atomic
def handover_reject(
    *, actor: Any, handover: Handover, reason: str, request: HttpRequest | None = None
) -> Handover:
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    _deny_unless(_may_answer(actor, handover))
    _check_pending(handover)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the handover is rejected.")]})
    handover.status = HandoverStatus.REJECTED
    handover.response_note = reason.strip()
    handover.responded_at, handover.responded_by = timezone.now(), actor
    handover.save(
        update_fields=["status", "response_note", "responded_at", "responded_by", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=handover,
        fields=["status", "response_note"],
        purpose="handover rejected",
        request=request,
    )
    return handover


def is_sender(user: Any, handover: Handover) -> bool:
    """The sending side: the sender, or who hands over cases at the sending agency."""
    return handover.from_user_id == getattr(user, "pk", None) or has_capability(
        user, Capability.HANDOVER_CASES, handover.from_agency
    )


def side_allows(user: Any, handover: Handover, step: str) -> bool:
    """Whether ``step`` belongs to the user's side of the handover, whatever its status."""
    if step in ("accept", "reject"):
        return _may_answer(user, handover)
    if step == "revoke":
        return is_sender(user, handover)
    return is_sender(user, handover) or is_recipient(user=user, handover=handover)


def handover_actions(
    user: Any, handover: Handover, *, recipient: bool | None = None
) -> dict[str, bool]:
    """Which transitions ``user`` may take now (pages and the API). ``recipient`` may be given
    when the caller already knows it, to save a query per handover in lists."""
    if recipient is None:
        recipient = is_recipient(user=user, handover=handover)
    pending = handover.status == HandoverStatus.PENDING
    if handover.kind == HandoverKind.ASSIGNMENT:
        answering = pending and handover.to_user_id == getattr(user, "pk", None)
    else:
        answering = pending and recipient
    sender = is_sender(user, handover)
    return {
        "accept": answering,
        "reject": answering,
        "revoke": pending and sender,
        "done": handover.status == HandoverStatus.ACCEPTED and (sender or recipient),
    }


@transaction.atomic
def handover_revoke(
    *, actor: Any, handover: Handover, request: HttpRequest | None = None
) -> Handover:
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    _deny_unless(is_sender(actor, handover))
    _check_pending(handover)
    handover.status = HandoverStatus.REVOKED
    handover.responded_at, handover.responded_by = timezone.now(), actor
    handover.save(update_fields=["status", "responded_at", "responded_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=handover,
        fields=["status"],
        purpose="handover revoked",
        request=request,
    )
    return handover


@transaction.atomic
def handover_done(
    *, actor: Any, handover: Handover, note: str = "", request: HttpRequest | None = None
) -> Handover:
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    _deny_unless(is_sender(actor, handover) or is_recipient(user=actor, handover=handover))
    if handover.status != HandoverStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted handover can be marked done."))
    handover.status = HandoverStatus.DONE
    handover.done_at = timezone.now()
    fields = ["status", "done_at"]
    if note.strip():
        handover.response_note = "\n".join(p for p in (handover.response_note, note.strip()) if p)
        fields.append("response_note")
    handover.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=handover,
        fields=fields,
        purpose="handover done",
        request=request,
    )
    return handover


@transaction.atomic
def anonymous_notification_create(
    *, actor: Any, case: Case, to_agency: Agency, request: HttpRequest | None = None
) -> Case:
    """Notify the competent authority of an adult who did not consent to be referred: a new case
    at ``to_agency`` without any person, with only age, sex, citizenship and the coded
    exploitation profile, never linked back to the identified case."""
    _deny_unless(can_handover_case(actor, case))
    if case.is_child:
        raise ValidationError(_("A child is referred without consent: use a referral instead."))
    if case.anonymous:
        raise ValidationError(_("This case is already an anonymous notification."))
    if to_agency.pk == case.agency_id or not to_agency.is_active:
        raise ValidationError({"to_agency": [_("Choose the competent authority to notify.")]})
    if valid_referral_consent(case=case, agency=to_agency) is not None:
        raise ValidationError(
            _("The person consented to be referred to this agency: refer the case instead.")
        )
    notified = _open_anonymous_case(actor=actor, source=case, agency=to_agency)
    person = case.person
    AnonymousDetails.objects.create(
        case=notified,
        sex=person.sex if person else Gender.UNKNOWN,
        citizenship=person.citizenship if person else "",
    )
    profile = ExploitationProfile.objects.filter(case=case).first()
    if profile is not None:
        ExploitationProfile.objects.create(
            case=notified, **{f: getattr(profile, f) for f in ANONYMOUS_PROFILE_FIELDS}
        )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=notified,
        fields=[
            "anonymous",
            "agency",
            "age_at_flagging",
            "sex",
            "citizenship",
            *ANONYMOUS_PROFILE_FIELDS,
        ],
        purpose="anonymous notification",
        request=request,
    )
    return notified
