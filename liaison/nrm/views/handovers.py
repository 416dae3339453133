"""Handover pages: send from a case, the inbox, one handover with what it shares, the answers."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.forms import add_service_errors
from liaison.nrm.forms.handovers import (
    AcceptForm,
    AnonymousNotificationForm,
    DoneForm,
    HandoverForm,
    RejectForm,
    TransferRequestForm,
)
from liaison.nrm.models import Case, Handover, HandoverKind
from liaison.nrm.permissions import can_handover_case, cases_visible_to
from liaison.nrm.selectors import handovers as selectors
from liaison.nrm.selectors.sharing import shared_case
from liaison.nrm.services import handovers as services

PAGE_SIZE = 25
ANSWERS: dict[str, tuple[type[forms.Form], Callable[..., Handover]]] = {
    "accept": (AcceptForm, services.handover_accept),
    "reject": (RejectForm, services.handover_reject),
    "done": (DoneForm, services.handover_done),
}
PERSONAL_FIELDS = ["reason", "response_note", "override_reason"]


def _status(form: object) -> int:
    return 400 if getattr(form, "is_bound", False) and getattr(form, "errors", None) else 200


def _handover(request: HttpRequest, handover_id: int) -> Handover:
    return get_object_or_404(selectors.handovers_visible_to(request.user), pk=handover_id)


def _handing_case(request: HttpRequest, case_id: int) -> Case:
    case = get_object_or_404(cases_visible_to(request.user), pk=case_id)
    if not can_handover_case(request.user, case):
        raise PermissionDenied
    return case


@require_GET
def handover_inbox(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind and kind not in HandoverKind.values:
        kind = ""
    handovers = selectors.inbox(user=request.user, kind=kind)
    page = Paginator(handovers, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.inbox_counts(user=request.user)
    kinds = [(k, label, counts[k]) for k, label in HandoverKind.choices]
    context = {"page": page, "counts": counts, "kinds": kinds, "kind": kind}
    return render(request, "nrm/handovers/inbox.html", context)


@require_GET
def handover_detail(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = _handover(request, handover_id)
    sharing = selectors.shared_handover_for(user=request.user, handover_id=handover.pk)
    shared = shared_case(handover=sharing) if sharing else None
    fields = PERSONAL_FIELDS + (shared.fields if shared else [])
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=handover.case, fields=fields,
                 purpose=f"handover {handover.pk}", request=request)  # fmt: skip
    context = {
        "handover": handover,
        "shared": shared,
        "actions": services.handover_actions(request.user, handover),
        "opened": Case.objects.filter(referred_by=handover)
        .filter(pk__in=cases_visible_to(request.user).values("pk"))
        .first(),
        "may_request_transfer": bool(sharing) and bool(services.requesting_agencies(request.user)),
    }
    return render(request, "nrm/handovers/detail.html", context)


@require_http_methods(["GET", "POST"])
def handover_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _handing_case(request, case_id)
    form = HandoverForm(
        request.POST if request.method == "POST" else None, case=case, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            handover = services.handover_create(
                actor=request.user, case=case, request=request, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The handover was sent."))
            return redirect("nrm:handover_detail", handover_id=handover.pk)
    context = {"case": case, "form": form}
    return render(request, "nrm/handovers/create.html", context, status=_status(form))


def _answer(request: HttpRequest, handover_id: int, action: str) -> HttpResponse:
    """Accept, reject and done share the page: a short form, one service call."""
    handover = _handover(request, handover_id)
    form_class, service = ANSWERS[action]
    form = form_class(request.POST if request.method == "POST" else None)
    allowed = services.handover_actions(request.user, handover)[action]
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, handover=handover, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The handover was updated."))
            return redirect("nrm:handover_detail", handover_id=handover.pk)
    # A stale link (already answered) or another's handover gets an explanation, not a form.
    context = {"handover": handover, "form": form if allowed else None, "action": action}
    return render(request, "nrm/handovers/answer.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
def handover_accept(request: HttpRequest, handover_id: int) -> HttpResponse:
    return _answer(request, handover_id, "accept")


@require_http_methods(["GET", "POST"])
def handover_reject(request: HttpRequest, handover_id: int) -> HttpResponse:
    return _answer(request, handover_id, "reject")


@require_http_methods(["GET", "POST"])
def handover_done(request: HttpRequest, handover_id: int) -> HttpResponse:
    return _answer(request, handover_id, "done")


@require_http_methods(["GET", "POST"])
def handover_revoke(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = _handover(request, handover_id)
    if request.method == "POST":
        try:
            services.handover_revoke(actor=request.user, handover=handover, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            context = {"handover": handover, "allowed": False}
            return render(request, "nrm/handovers/revoke.html", context, status=400)
        messages.success(request, _("The handover was revoked."))
        return redirect("nrm:handover_detail", handover_id=handover.pk)
    allowed = services.handover_actions(request.user, handover)["revoke"]
    return render(request, "nrm/handovers/revoke.html", {"handover": handover, "allowed": allowed})


@require_http_methods(["GET", "POST"])
def transfer_request_create(request: HttpRequest, handover_id: int) -> HttpResponse:
    """Asked from a referral the user's agency received: "let us take over the case"."""
    handover = selectors.shared_handover_for(user=request.user, handover_id=handover_id)
    if handover is None:
        _handover(request, handover_id)  # 404 when out of reach, else not a share to ask from
        raise PermissionDenied
    form = TransferRequestForm(
        request.POST if request.method == "POST" else None,
        agencies=services.requesting_agencies(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.transfer_request_create(
                actor=request.user, case=handover.case, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The request was sent to the case's agency."))
            return redirect("nrm:handover_detail", handover_id=asked.pk)
    context = {"handover": handover, "form": form}
    return render(request, "nrm/handovers/transfer_request.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
def anonymous_notification(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _handing_case(request, case_id)
    form = AnonymousNotificationForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymous_notification_create(
                actor=request.user, case=case, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The competent authority was notified without the person's identity.")
            )
            return redirect(case)
    context = {"case": case, "form": form}
    return render(request, "nrm/handovers/anonymous.html", context, status=_status(form))
