"""Pages for people and cases: search before registering, registration, the case list and the
case page, editing a person or a case, saved views of the list."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.core import crypto
from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.access import page_rule
from liaison.directory.forms import add_service_errors
from liaison.nrm import ladder, permissions
from liaison.nrm.forms.cases import (
    AnonymousCaseForm,
    CaseEditForm,
    CaseFilterForm,
    CaseOpenForm,
    DocumentForm,
    PersonForm,
    PersonSearchForm,
    RegisterForm,
    SavedViewForm,
    criteria_query,
)
from liaison.nrm.models import Case, Person
from liaison.nrm.selectors import cases as selectors
from liaison.nrm.selectors.timeline import case_timeline
from liaison.nrm.services import cases as services
from liaison.nrm.services import people

SEARCH_SESSION_KEY = "nrm.person_search"
SEARCH_INPUT_SESSION_KEY = "nrm.person_search_input"
PAGE_SIZE = 50
IDENTITY_FIELDS = [
    "given_names",
    "family_names",
    "patronymic",
    "other_names",
    "sex",
    "birth_date",
    "citizenship",
    "other_citizenship",
    "phone",
    "address",
]


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- search before registering ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def person_search(request: HttpRequest) -> HttpResponse:
    """Sent by POST so that names and document numbers never appear in addresses or logs."""
    form = PersonSearchForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "candidates": None}
    if form.is_bound and form.is_valid():
        criteria = form.criteria()
        candidates = people.person_search(actor=request.user, criteria=criteria, request=request)
        _remember_search(request, criteria, [c.person.pk for c in candidates])
        own = set(
            permissions.agencies_user_may_open_cases_for(request.user).values_list("pk", flat=True)
        )
        for candidate in candidates:
            held = {a.pk for a in candidate.agencies}
            candidate.can_open = bool(own - held)  # type: ignore[attr-defined]
        context["candidates"] = candidates
    return render(request, "nrm/cases/person_search.html", context, status=_status(form))


def _remember_search(request: HttpRequest, criteria: Any, person_ids: list[int]) -> None:
    """The proof of the search, and its input for the registration form — encrypted, since
    sessions are stored in the database."""
    request.session[SEARCH_SESSION_KEY] = people.search_token_issue(
        user=request.user, criteria=criteria, person_ids=person_ids
    )
    request.session[SEARCH_INPUT_SESSION_KEY] = crypto.encrypt(json.dumps(criteria_query(criteria)))


def _remembered_search(request: HttpRequest) -> PersonSearchForm | None:
    stored = request.session.get(SEARCH_INPUT_SESSION_KEY, "")
    try:
        data = json.loads(crypto.decrypt(stored)) if stored else None
    except (crypto.DecryptionError, ValueError):
        data = None
    form = PersonSearchForm(data) if isinstance(data, dict) else None
    return form if form is not None and form.is_valid() else None


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    """Registration: refused unless this session searched for the same details."""
    token = request.session.get(SEARCH_SESSION_KEY, "")
    search = _remembered_search(request)
    searched = search is not None and people.search_token_covers(
        user=request.user, token=token, criteria=search.criteria()
    )
    if request.method == "GET" and not searched:
        return render(request, "nrm/cases/search_first.html", status=400)
    initial = _initial_from_search(search.cleaned_data) if search and searched else {}
    agencies = permissions.agencies_user_may_open_cases_for(request.user)
    form = RegisterForm(request.POST or None, initial=initial, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.person_register(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                person_data=form.person_data(),
                documents=form.documents(),
                search_token=token,
                flagged_on=form.cleaned_data["flagged_on"],
                reasons=form.cleaned_data["reasons"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session.pop(SEARCH_SESSION_KEY, None)
            request.session.pop(SEARCH_INPUT_SESSION_KEY, None)
            messages.success(request, _("Case %(code)s was opened.") % {"code": case.code})
            return redirect(case)
    return render(request, "nrm/cases/person_create.html", {"form": form}, status=_status(form))


def _initial_from_search(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "given_names": data.get("given_names", ""),
        "family_names": data.get("family_names", ""),
        "birth_date": data.get("birth_date"),
        "birth_year": None if data.get("birth_date") else data.get("birth_year"),
        "citizenship": data.get("citizenship", ""),
        "document_number": data.get("document_number", ""),
    }


@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest, person_id: int) -> HttpResponse:
    """Open this agency's case for a person found by the search."""
    person = services.person_from_search(
        actor=request.user,
        person_id=person_id,
        search_token=request.session.get(SEARCH_SESSION_KEY, ""),
    )
    if person is None:
        raise Http404
    agencies = permissions.agencies_user_may_open_cases_for(request.user).exclude(
        pk__in=person.cases.values("agency_id")
    )
    form = CaseOpenForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=request.user,
                person=person,
                agency=form.cleaned_data["agency"],
                flagged_on=form.cleaned_data["flagged_on"],
                reasons=form.cleaned_data["reasons"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Case %(code)s was opened.") % {"code": case.code})
            return redirect(case)
    context = {"form": form, "person": person, "no_agency": not agencies.exists()}
    return render(request, "nrm/cases/case_open.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
def anonymous_case_create(request: HttpRequest) -> HttpResponse:
    agencies = permissions.agencies_user_may_open_cases_for(request.user)
    form = AnonymousCaseForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                actor=request.user,
                person=None,
                anonymous=True,
                agency=data["agency"],
                flagged_on=data["flagged_on"],
                reasons=data["reasons"],
                age=data["age"],
                sex=data["sex"],
                citizenship=data["citizenship"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Anonymous case %(code)s was recorded.") % {"code": case.code}
            )
            return redirect(case)
    return render(request, "nrm/cases/anonymous_form.html", {"form": form}, status=_status(form))


# --- the case list ------------------------------------------------------------------------------


def _filter_form(request: HttpRequest, data: Any) -> CaseFilterForm:
    profile = ladder.home_profile()
    steps = [(s["code"], str(s.get("label", s["code"]))) for s in ladder.steps(profile)]
    return CaseFilterForm(
        data,
        steps=steps,
        agencies=selectors.case_agencies(user=request.user),
        years=selectors.case_years(user=request.user),
    )


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request, request.GET)
    views = selectors.saved_views_of(user=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": None,
        "saved_views": views,
        "save_form": SavedViewForm(initial={"query": query.urlencode()}),
        "can_create": permissions.agencies_user_may_open_cases_for(request.user).exists(),
        "can_export": page_rule("nrm:case_list_xlsx").allows(request.user),  # type: ignore[union-attr]
    }
    if not form.is_valid():
        return render(request, "nrm/cases/case_list.html", context, status=400)
    cases = selectors.case_search(user=request.user, criteria=form.criteria())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    profile = ladder.home_profile()
    for case in page.object_list:
        case.status_label = ladder.label(profile, case.status)
    context["page"] = page
    return render(request, "nrm/cases/case_list.html", context)


@require_http_methods(["GET", "POST"])
def saved_view_create(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST or None, initial={"query": request.GET.get("query", "")})
    if request.method == "POST" and form.is_valid():
        try:
            view = services.saved_view_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The view “%(name)s” was saved.") % {"name": view.name})
            return redirect(reverse("nrm:case_list") + ("?" + view.query if view.query else ""))
    return render(request, "nrm/cases/saved_view_form.html", {"form": form}, status=_status(form))


@require_http_methods(["GET", "POST"])
def saved_view_delete(request: HttpRequest, view_id: int) -> HttpResponse:
    view = get_object_or_404(selectors.saved_views_of(user=request.user), pk=view_id)
    if request.method == "POST":
        services.saved_view_delete(actor=request.user, view=view, request=request)
        messages.success(request, _("The view “%(name)s” was deleted.") % {"name": view.name})
        return redirect("nrm:case_list")
    return render(request, "nrm/cases/saved_view_delete.html", {"view": view})


# --- the case page ------------------------------------------------------------------------------


def perms_for(user: Any, case: Case) -> dict[str, bool]:
    return {
        "can_edit": permissions.can_edit_case(user, case),
        "can_decide": permissions.can_decide_in_case(user, case),
        "can_handover": permissions.can_handover_case(user, case),
        "can_close": permissions.can_close_case(user, case),
        "can_export": permissions.can_export_case(user, case),
        "can_override_consent": permissions.can_override_consent(user, case),
    }


def _audit_identity(request: HttpRequest, person: Person, fields: list[str], purpose: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=person,
        fields=fields,
        purpose=purpose,
        request=request,
    )


@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_for_page(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    profile = ladder.profile_for(case.country)
    person = case.person
    documents = list(person.documents.all()) if person else []
    if person is not None:
        shown = [f for f in IDENTITY_FIELDS if getattr(person, f) not in ("", None)]
        _audit_identity(request, person, shown + (["documents"] if documents else []), "case page")
    # The summary and the decisions' reasons (shown by the decisions section) are narratives.
    narrative = (["summary"] if case.summary else []) + (
        ["status_decision.reasons"] if case.decisions.exists() else []
    )
    if narrative:
        audit_record(
            actor=request.user, action=AuditAction.VIEW, obj=case, fields=narrative,
            purpose="case page", request=request,
        )  # fmt: skip
    context = {
        "case": case,
        "person": person,
        "documents": documents,
        "status_label": ladder.label(profile, case.status),
        "screenings": selectors.case_screenings(case),
        "timeline": case_timeline(case, profile),
        "perms_case": perms_for(request.user, case),
        "can_edit_person": person is not None and permissions.can_edit_person(request.user, person),
    }
    return render(request, "nrm/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(permissions.cases_visible_to(request.user), pk=case_id)
    if not permissions.can_edit_case(request.user, case):
        raise PermissionDenied
    owners = selectors.case_owner_candidates(agency=case.agency)
    initial = {"owner": case.owner, "summary": case.summary}
    form = CaseEditForm(request.POST or None, initial=initial, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                actor=request.user, case=case, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Case %(code)s was saved.") % {"code": case.code})
            return redirect(case)
    elif request.method == "GET" and case.summary:
        audit_record(
            actor=request.user, action=AuditAction.VIEW, obj=case, fields=["summary"],
            purpose="case edit", request=request,
        )  # fmt: skip
    context = {"form": form, "case": case}
    return render(request, "nrm/cases/case_edit.html", context, status=_status(form))


def _editable_person(request: HttpRequest, person_id: int) -> Person:
    person = get_object_or_404(permissions.people_visible_to(request.user), pk=person_id)
    if not permissions.can_edit_person(request.user, person):
        raise PermissionDenied
    return person


def _back_to_case(request: HttpRequest, person: Person) -> Case | None:
    return permissions.cases_visible_to(request.user).filter(person=person).first()


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _editable_person(request, person_id)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_from(person))
    if request.method == "POST" and form.is_valid():
        try:
            people.person_update(
                actor=request.user, person=person, request=request, **form.person_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The identity of %(number)s was saved.") % {"number": person}
            )
            return redirect(_back_to_case(request, person) or "nrm:case_list")
    elif request.method == "GET":
        _audit_identity(request, person, IDENTITY_FIELDS, "identity edit")
    context = {"form": form, "person": person, "case": _back_to_case(request, person)}
    return render(request, "nrm/cases/person_edit.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _editable_person(request, person_id)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.identity_document_add(
                actor=request.user, person=person, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect(_back_to_case(request, person) or "nrm:case_list")
    context = {"form": form, "person": person, "case": _back_to_case(request, person)}
    return render(request, "nrm/cases/document_form.html", context, status=_status(form))
