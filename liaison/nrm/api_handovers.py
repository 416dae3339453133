"""API of the exploitation profile, consent, handovers (with the inbox) and the service directory.

Same scoped querysets and services as the pages: a case or handover out of reach is 404, a
service's ValidationError is 422, and every read of personal data is written to the access log.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import Agency, User
from liaison.nrm.models import (
    Case,
    Consent,
    ExploitationProfile,
    Handover,
    Provider,
    TraffickingEvent,
)
from liaison.nrm.permissions import cases_visible_to, providers_visible_to
from liaison.nrm.schemas_handovers import (
    AnonymousCaseOut,
    AnonymousNotificationIn,
    ConsentIn,
    ConsentOut,
    ConsentWithdrawIn,
    ExploitationProfileOut,
    ExploitationProfilePatch,
    HandoverAcceptIn,
    HandoverDoneIn,
    HandoverIn,
    HandoverOut,
    HandoverRejectIn,
    HandoverSummaryOut,
    InboxCountsOut,
    ProviderIn,
    ProviderOut,
    ProviderPatch,
    ProviderQuery,
    SharedCaseOut,
    TraffickingEventIn,
    TraffickingEventOut,
    TransferRequestIn,
)
from liaison.nrm.selectors import handovers as selectors
from liaison.nrm.selectors.sharing import shared_case
from liaison.nrm.services import consent as consent_services
from liaison.nrm.services import handovers as handover_services
from liaison.nrm.services import profile as profile_services
from liaison.nrm.services import providers as provider_services

router = Router(tags=["nrm handovers"])


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_object_or_404(cases_visible_to(_user(request)), pk=case_id)


def _view(request: HttpRequest, obj: Any, fields: list[str], purpose: str) -> None:
    audit_record(actor=_user(request), action=AuditAction.VIEW, obj=obj, fields=fields,
                 purpose=purpose, request=request)  # fmt: skip


def _agency(agency_id: int | None, field: str) -> Agency | None:
    if agency_id is None:
        return None
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None:
        raise ValidationError({field: [_("There is no active agency with this id.")]})
    return agency


# --- exploitation profile -------------------------------------------------------------------


def _profile_out(case: Case, profile: ExploitationProfile | None) -> dict[str, Any]:
    profile = profile or ExploitationProfile(case=case)
    return {"case_id": case.pk, **model_to_dict(profile, exclude=["id", "case"])}


@router.get("/cases/{case_id}/exploitation", response=ExploitationProfileOut)
def get_exploitation_profile(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = _case(request, case_id)
    profile = ExploitationProfile.objects.filter(case=case).first()
    _view(
        request, case, ["exploitation_profile", "exploitation_notes"], "exploitation profile (API)"
    )
    return _profile_out(case, profile)


@router.patch("/cases/{case_id}/exploitation", response=ExploitationProfileOut)
def update_exploitation_profile(
    request: HttpRequest, case_id: int, payload: ExploitationProfilePatch
) -> dict[str, Any]:
    case = _case(request, case_id)
    data = payload.dict(exclude_unset=True)
    profile = profile_services.exploitation_profile_update(
        actor=_user(request), case=case, request=request, **data
    )
    return _profile_out(case, profile)


@router.get("/cases/{case_id}/trafficking-events", response=list[TraffickingEventOut])
@paginate(LimitOffsetPagination)
def list_trafficking_events(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    _view(request, case, ["trafficking_events"], "trafficking events (API)")
    return TraffickingEvent.objects.filter(case=case)


@router.post("/cases/{case_id}/trafficking-events", response={201: TraffickingEventOut})
def add_trafficking_event(
    request: HttpRequest, case_id: int, payload: TraffickingEventIn
) -> tuple[int, TraffickingEvent]:
    case = _case(request, case_id)
    event = profile_services.trafficking_event_add(
        actor=_user(request), case=case, request=request, **payload.dict()
    )
    return 201, event


@router.delete("/cases/{case_id}/trafficking-events/{event_id}", response={204: None})
def delete_trafficking_event(request: HttpRequest, case_id: int, event_id: int) -> tuple[int, None]:
    case = _case(request, case_id)
    event = get_object_or_404(TraffickingEvent.objects.filter(case=case), pk=event_id)
    profile_services.trafficking_event_delete(actor=_user(request), event=event, request=request)
    return 204, None


# --- consent --------------------------------------------------------------------------------


@router.get("/cases/{case_id}/consents", response=list[ConsentOut])
@paginate(LimitOffsetPagination)
def list_consents(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    _view(request, case, ["consents", "guardian_name"], "consents (API)")
    return selectors.consents_of_case(case=case)


@router.post("/cases/{case_id}/consents", response={201: ConsentOut})
def record_consent(request: HttpRequest, case_id: int, payload: ConsentIn) -> tuple[int, Consent]:
    case = _case(request, case_id)
    data = payload.dict()
    data["recipient"] = _agency(data.pop("recipient_id"), "recipient_id")
    consent = consent_services.consent_record(
        actor=_user(request), case=case, request=request, **data
    )
    return 201, consent


@router.post("/cases/{case_id}/consents/{consent_id}/withdraw", response=ConsentOut)
def withdraw_consent(
    request: HttpRequest, case_id: int, consent_id: int, payload: ConsentWithdrawIn
) -> Consent:
    case = _case(request, case_id)
    consent = get_object_or_404(Consent.objects.filter(case=case), pk=consent_id)
    return consent_services.consent_withdraw(
        actor=_user(request), consent=consent, request=request, **payload.dict()
    )


# --- handovers ------------------------------------------------------------------------------


def _handover(request: HttpRequest, handover_id: int) -> Handover:
    return get_object_or_404(selectors.handovers_visible_to(_user(request)), pk=handover_id)


def _step(request: HttpRequest, handover_id: int, step: str) -> Handover:
    """The handover, if this step is on the caller's side of it; otherwise a 422 that says so
    (the handover itself is visible to the caller, so a 404 would be untrue)."""
    handover = _handover(request, handover_id)
    if not handover_services.side_allows(_user(request), handover, step):
        raise ValidationError(
            _("This step belongs to the other side of the handover: %(step)s.") % {"step": step}
        )
    return handover


def _handover_out(request: HttpRequest, handover: Handover) -> Handover:
    _view(request, handover, ["reason", "response_note", "override_reason"], "handover (API)")
    handover.actions = handover_services.handover_actions(_user(request), handover)  # type: ignore[attr-defined]
    return handover


@router.get("/handovers/inbox", response=list[HandoverSummaryOut])
@paginate(LimitOffsetPagination)
def list_handover_inbox(request: HttpRequest, kind: str = "") -> Any:
    return selectors.inbox(user=_user(request), kind=kind)


@router.get("/handovers/inbox/counts", response=InboxCountsOut)
def get_handover_inbox_counts(request: HttpRequest) -> dict[str, int]:
    return selectors.inbox_counts(user=_user(request))


@router.get("/cases/{case_id}/handovers", response=list[HandoverSummaryOut])
@paginate(LimitOffsetPagination)
def list_case_handovers(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    return selectors.handovers_of_case(user=_user(request), case=case)


@router.post("/cases/{case_id}/handovers", response={201: HandoverOut})
def create_handover(
    request: HttpRequest, case_id: int, payload: HandoverIn
) -> tuple[int, Handover]:
    user = _user(request)
    case = _case(request, case_id)
    data = payload.dict()
    to_user_id, provider_id = data.pop("to_user_id"), data.pop("provider_id")
    data["to_agency"] = _agency(data.pop("to_agency_id"), "to_agency_id")
    data["to_user"] = User.objects.filter(pk=to_user_id).first() if to_user_id else None
    data["provider"] = None
    if provider_id is not None:
        data["provider"] = (
            selectors.providers_for_referral(user=user).filter(pk=provider_id).first()
        )
        if data["provider"] is None:
            raise ValidationError({"provider_id": [_("Choose a service from the directory.")]})
    if to_user_id and data["to_user"] is None:
        raise ValidationError({"to_user_id": [_("There is no such colleague.")]})
    handover = handover_services.handover_create(actor=user, case=case, request=request, **data)
    return 201, _handover_out(request, handover)


@router.post("/cases/{case_id}/anonymous-notification", response={201: AnonymousCaseOut})
def notify_anonymously(
    request: HttpRequest, case_id: int, payload: AnonymousNotificationIn
) -> tuple[int, Case]:
    case = _case(request, case_id)
    to_agency = _agency(payload.to_agency_id, "to_agency_id")
    assert to_agency is not None  # noqa: S101 - the id is required by the schema
    notified = handover_services.anonymous_notification_create(
        actor=_user(request), case=case, to_agency=to_agency, request=request
    )
    return 201, notified


@router.get("/handovers/{handover_id}", response=HandoverOut)
def get_handover(request: HttpRequest, handover_id: int) -> Handover:
    return _handover_out(request, _handover(request, handover_id))


def _rows(objects: list[Any], fields: list[str]) -> list[dict[str, Any]]:
    return [model_to_dict(obj, fields=fields) for obj in objects]


def _shared_out(shared: Any) -> dict[str, Any]:
    data: dict[str, Any] = shared.data
    out: dict[str, Any] = {}
    if "identity" in data:
        person = data["identity"]["person"]
        out["identity"] = {
            **(model_to_dict(person, exclude=["id", "registered_by"]) if person else {}),
            "documents": _rows(
                data["identity"]["documents"], ["kind", "number", "issuing_country"]
            ),
        }
    if "screening" in data:
        out["screening"] = _rows(data["screening"]["screenings"],
                                 ["checklist", "answers", "suggestion", "screened_on", "notes"])  # fmt: skip
    if "status" in data:
        out["status"] = {
            "decisions": _rows(data["status"]["decisions"], ["step", "decided_on", "decision_org", "deciding_agency", "reasons"]),
            "periods": _rows(data["status"]["periods"], ["code", "label", "starts_on", "due_on", "status", "ended_on"]),
            "permits": _rows(data["status"]["permits"], ["route", "status", "requested_on", "granted_on", "expires_on"]),
        }  # fmt: skip
    if "exploitation" in data:
        profile = data["exploitation"]["profile"]
        out["exploitation"] = {
            "profile": model_to_dict(profile, exclude=["id", "case"]) if profile else None,
            "events": _rows(data["exploitation"]["events"], ["kind", "country", "place", "started_on", "ended_on", "description"]),
        }  # fmt: skip
    if "consent" in data:
        out["consent"] = _rows(data["consent"]["consents"], ["purpose", "recipient", "given", "given_on", "withdrawn_on"])  # fmt: skip
    if "assistance" in data:
        a = data["assistance"]
        out["assistance"] = {
            "needs": _rows(a["needs"], ["assessed_on", "needs", "risk_level", "notes"]),
            "plan": _rows(a["plan"], ["support_type", "objective", "planned_end", "actual_end"]),
            "services": _rows(a["services"], ["provider", "support_type", "service", "started_on", "ended_on"]),
            "returns": _rows(a["returns"], ["kind", "happened_on", "country", "voluntary", "reintegration_status"]),
        }  # fmt: skip
    return out


@router.get("/handovers/{handover_id}/shared", response=SharedCaseOut)
def get_handover_shared_case(request: HttpRequest, handover_id: int) -> dict[str, Any]:
    """The chosen sections of the sender's case, for the recipient only."""
    handover = _handover(request, handover_id)
    sharing = selectors.shared_handover_for(user=_user(request), handover_id=handover.pk)
    if sharing is None:
        raise PermissionDenied
    shared = shared_case(handover=sharing)
    _view(request, sharing.case, shared.fields, f"handover {sharing.pk} (API)")
    return {"handover_id": sharing.pk, "case_code": sharing.case.code,
            "sections": shared.sections, **_shared_out(shared)}  # fmt: skip


@router.post("/handovers/{handover_id}/accept", response=HandoverOut)
def accept_handover(request: HttpRequest, handover_id: int, payload: HandoverAcceptIn) -> Handover:
    handover = handover_services.handover_accept(
        actor=_user(request),
        handover=_step(request, handover_id, "accept"),
        request=request,
        **payload.dict(),
    )
    return _handover_out(request, handover)


@router.post("/handovers/{handover_id}/reject", response=HandoverOut)
def reject_handover(request: HttpRequest, handover_id: int, payload: HandoverRejectIn) -> Handover:
    handover = handover_services.handover_reject(
        actor=_user(request),
        handover=_step(request, handover_id, "reject"),
        request=request,
        **payload.dict(),
    )
    return _handover_out(request, handover)


@router.post("/handovers/{handover_id}/revoke", response=HandoverOut)
def revoke_handover(request: HttpRequest, handover_id: int) -> Handover:
    handover = handover_services.handover_revoke(
        actor=_user(request), handover=_step(request, handover_id, "revoke"), request=request
    )
    return _handover_out(request, handover)


@router.post("/handovers/{handover_id}/done", response=HandoverOut)
def complete_handover(request: HttpRequest, handover_id: int, payload: HandoverDoneIn) -> Handover:
    handover = handover_services.handover_done(
        actor=_user(request),
        handover=_step(request, handover_id, "done"),
        request=request,
        **payload.dict(),
    )
    return _handover_out(request, handover)


@router.post("/handovers/{handover_id}/transfer-request", response={201: HandoverOut})
def request_case_transfer(
    request: HttpRequest, handover_id: int, payload: TransferRequestIn
) -> tuple[int, Handover]:
    """Asked by the recipient of a referral: let our agency take over the case."""
    user = _user(request)
    sharing = selectors.shared_handover_for(user=user, handover_id=handover_id)
    if sharing is None:
        _handover(request, handover_id)  # 404 when out of reach
        raise ValidationError(
            _(
                "Only an agency that received this referral, still open, can ask to take the case over."
            )
        )
    from_agency = _agency(payload.from_agency_id, "from_agency_id")
    assert from_agency is not None  # noqa: S101 - the id is required by the schema
    asked = handover_services.transfer_request_create(
        actor=user,
        case=sharing.case,
        from_agency=from_agency,
        reason=payload.reason,
        request=request,
    )
    return 201, _handover_out(request, asked)


# --- service directory ----------------------------------------------------------------------


@router.get("/providers", response=list[ProviderOut])
@paginate(LimitOffsetPagination)
def list_providers(request: HttpRequest, filters: Query[ProviderQuery]) -> Any:
    criteria = selectors.ProviderFilter(
        service=filters.service or "", country=filters.country, region=filters.region,
        language=filters.language.lower(), children=filters.children,
        free_places=filters.free_places, q=filters.q,
    )  # fmt: skip
    return selectors.provider_search(user=_user(request), criteria=criteria)


@router.get("/providers/{provider_id}", response=ProviderOut)
def get_provider(request: HttpRequest, provider_id: int) -> Provider:
    return get_object_or_404(providers_visible_to(_user(request)), pk=provider_id)


def _provider_data(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "agency_id" in data:
        agency_id = data.pop("agency_id")
        agency = None
        if agency_id is not None:
            agency = (
                selectors.agencies_for_provider(user=_user(request)).filter(pk=agency_id).first()
            )
            if agency is None:
                raise ValidationError(
                    {"agency_id": [_("You cannot list services of this agency.")]}
                )
        data["agency"] = agency
    return data


@router.post("/providers", response={201: ProviderOut})
def create_provider(request: HttpRequest, payload: ProviderIn) -> tuple[int, Provider]:
    data = _provider_data(request, payload.dict())
    return 201, provider_services.provider_create(actor=_user(request), request=request, **data)


@router.patch("/providers/{provider_id}", response=ProviderOut)
def update_provider(request: HttpRequest, provider_id: int, payload: ProviderPatch) -> Provider:
    provider = get_object_or_404(providers_visible_to(_user(request)), pk=provider_id)
    data = _provider_data(request, payload.dict(exclude_unset=True))
    return provider_services.provider_update(
        actor=_user(request), provider=provider, request=request, **data
    )
