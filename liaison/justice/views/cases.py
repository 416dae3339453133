"""Pages of criminal cases: the list, the case page, opening and editing a case, its stages,
agencies, offences, techniques and assets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.forms import add_service_errors
from liaison.directory.models import Agency, User
from liaison.justice import permissions
from liaison.justice.forms import cases as case_forms
from liaison.justice.models import CaseAgency, CriminalCase, Defendant, Offence, VictimLink
from liaison.justice.selectors import cases as selectors
from liaison.justice.selectors.offenders import offender_statistics_for
from liaison.justice.services import cases as services
from liaison.justice.services import defendants as defendant_services

PAGE_SIZE = 50


def _editable_case(request: HttpRequest, criminal_case_id: int) -> CriminalCase:
    criminal_case = get_object_or_404(
        permissions.criminal_cases_visible_to(request.user), pk=criminal_case_id
    )
    if not permissions.can_edit_criminal_case(request.user, criminal_case):
        raise PermissionDenied
    return criminal_case


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    form = case_forms.CaseFilterForm(
        request.GET,
        agencies=selectors.case_agencies(user=request.user),
        years=selectors.case_years(user=request.user),
    )
    context: dict[str, Any] = {
        "form": form,
        "page": None,
        "can_create": permissions.agencies_user_may_open_criminal_cases_for(request.user).exists(),
    }
    if not form.is_valid():
        return render(request, "justice/cases/case_list.html", context, status=400)
    cases = selectors.case_search(user=request.user, criteria=form.criteria())
    context["page"] = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "justice/cases/case_list.html", context)


@require_GET
def case_detail(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = selectors.case_for_page(user=request.user, criminal_case_id=criminal_case_id)
    if criminal_case is None:
        raise Http404
    if criminal_case.summary:
        audit_record(
            actor=request.user, action=AuditAction.VIEW, obj=criminal_case, fields=["summary"],
            purpose="criminal case page", request=request,
        )  # fmt: skip
    context = {
        "criminal_case": criminal_case,
        "can_edit": permissions.can_edit_criminal_case(request.user, criminal_case),
        "next_stages": services.allowed_next_stages(criminal_case),
        "victims": selectors.linked_victims(user=request.user, criminal_case=criminal_case),
    }
    return render(request, "justice/cases/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    # A user who may open cases for no agency (a superuser, say) sees the page and an
    # empty choice: the service refuses any agency anyway.
    agencies = permissions.agencies_user_may_open_criminal_cases_for(request.user)
    form = case_forms.CaseCreateForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            criminal_case = services.criminal_case_create(
                actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Criminal case %(ref)s was opened.") % {"ref": criminal_case}
            )
            return redirect(criminal_case)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "justice/cases/case_create.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    owners = User.objects.filter(
        memberships__agency=criminal_case.lead_agency, is_active=True
    ).distinct()
    initial = {
        "title": criminal_case.title, "summary": criminal_case.summary,
        "owner": criminal_case.owner, "is_trafficking": criminal_case.is_trafficking,
        "is_smuggling": criminal_case.is_smuggling,
    }  # fmt: skip
    form = case_forms.CaseEditForm(request.POST or None, initial=initial, owners=owners)
    if request.method == "GET" and criminal_case.summary:
        audit_record(
            actor=request.user, action=AuditAction.VIEW, obj=criminal_case, fields=["summary"],
            purpose="criminal case edit", request=request,
        )  # fmt: skip
    return _case_form_page(
        request, criminal_case, form, _("Edit case %(ref)s"),
        lambda data: services.criminal_case_update(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


def _case_form_page(
    request: HttpRequest,
    criminal_case: CriminalCase,
    form: forms.Form,
    heading: str,
    write: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    """The shape every small form on a case shares: validate, call one service, go back."""
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The case was saved."))
            return redirect(criminal_case)
    context = {
        "form": form,
        "criminal_case": criminal_case,
        "heading": heading % {"ref": criminal_case.reference},
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "justice/cases/case_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def stage_change(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    stages = services.allowed_next_stages(criminal_case)
    form = case_forms.StageChangeForm(request.POST or None, stages=stages)
    return _case_form_page(
        request, criminal_case, form, _("Change the stage of case %(ref)s"),
        lambda data: services.criminal_case_change_stage(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def case_agency_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    agencies = Agency.objects.filter(is_active=True).exclude(pk=criminal_case.lead_agency_id)
    form = case_forms.CaseAgencyForm(request.POST or None, agencies=agencies)
    return _case_form_page(
        request, criminal_case, form, _("Add an agency to case %(ref)s"),
        lambda data: services.case_agency_add(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


@require_POST
def case_agency_remove(
    request: HttpRequest, criminal_case_id: int, case_agency_id: int
) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    link = get_object_or_404(CaseAgency, criminal_case=criminal_case, pk=case_agency_id)
    services.case_agency_remove(actor=request.user, link=link, request=request)
    messages.success(request, _("The agency was removed from the case."))
    return redirect(criminal_case)


@require_http_methods(["GET", "POST"])
def offence_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    return _case_form_page(
        request, criminal_case, case_forms.OffenceForm(request.POST or None),
        _("Add an offence to case %(ref)s"),
        lambda data: services.offence_add(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


@require_POST
def offence_remove(request: HttpRequest, criminal_case_id: int, offence_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    offence = get_object_or_404(Offence, criminal_case=criminal_case, pk=offence_id)
    try:
        services.offence_remove(actor=request.user, offence=offence, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(criminal_case)
    messages.success(request, _("The offence was removed."))
    return redirect(criminal_case)


@require_http_methods(["GET", "POST"])
def technique_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    return _case_form_page(
        request, criminal_case, case_forms.TechniqueForm(request.POST or None),
        _("Add an investigation technique to case %(ref)s"),
        lambda data: services.technique_add(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def asset_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    return _case_form_page(
        request, criminal_case, case_forms.AssetForm(request.POST or None),
        _("Add an asset to case %(ref)s"),
        lambda data: services.asset_add(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def victim_link_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    return _case_form_page(
        request, criminal_case, case_forms.VictimLinkForm(request.POST or None),
        _("Link a victim to case %(ref)s"),
        lambda data: services.victim_link_add(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


@require_POST
def victim_link_remove(
    request: HttpRequest, criminal_case_id: int, victim_link_id: int
) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    link = get_object_or_404(VictimLink, criminal_case=criminal_case, pk=victim_link_id)
    services.victim_link_remove(actor=request.user, link=link, request=request)
    messages.success(request, _("The victim was unlinked from the case."))
    return redirect(criminal_case)


# --- suspects and defendants ---------------------------------------------------------------


def _defendant(request: HttpRequest, defendant_id: int) -> Defendant:
    cases = permissions.criminal_cases_visible_to(request.user).values("pk")
    return get_object_or_404(
        Defendant.objects.filter(criminal_case_id__in=cases)
        .select_related("criminal_case")
        .prefetch_related("charges__offence"),
        pk=defendant_id,
    )


def _editable_defendant(request: HttpRequest, defendant_id: int) -> Defendant:
    defendant = _defendant(request, defendant_id)
    if not permissions.can_edit_criminal_case(request.user, defendant.criminal_case):
        raise PermissionDenied
    return defendant


def _audit_identity(request: HttpRequest, defendant: Defendant, purpose: str) -> None:
    shown = [f for f in ("name", "birth_date", "sentence") if getattr(defendant, f)]
    audit_record(
        actor=request.user, action=AuditAction.VIEW, obj=defendant, fields=shown,
        purpose=purpose, request=request,
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def defendant_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _editable_case(request, criminal_case_id)
    return _case_form_page(
        request, criminal_case, case_forms.DefendantForm(request.POST or None),
        _("Add a suspect to case %(ref)s"),
        lambda data: defendant_services.defendant_create(
            actor=request.user, criminal_case=criminal_case, request=request, **data
        ),
    )  # fmt: skip


@require_GET
def defendant_detail(request: HttpRequest, defendant_id: int) -> HttpResponse:
    defendant = _defendant(request, defendant_id)
    _audit_identity(request, defendant, "defendant page")
    context = {
        "defendant": defendant,
        "criminal_case": defendant.criminal_case,
        "can_edit": permissions.can_edit_criminal_case(request.user, defendant.criminal_case),
    }
    return render(request, "justice/cases/defendant_detail.html", context)


@require_http_methods(["GET", "POST"])
def defendant_edit(request: HttpRequest, defendant_id: int) -> HttpResponse:
    defendant = _editable_defendant(request, defendant_id)
    names = list(case_forms.DefendantEditForm.base_fields)
    initial = {name: getattr(defendant, name) for name in names}
    form = case_forms.DefendantEditForm(request.POST or None, initial=initial)
    if request.method == "GET":
        _audit_identity(request, defendant, "defendant edit")
    return _case_form_page(
        request, defendant.criminal_case, form, _("Edit a suspect of case %(ref)s"),
        lambda data: defendant_services.defendant_update(
            actor=request.user, defendant=defendant, request=request, **data
        ),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def charge_set(request: HttpRequest, defendant_id: int) -> HttpResponse:
    defendant = _editable_defendant(request, defendant_id)
    offences = defendant.criminal_case.offences.all()
    return _case_form_page(
        request, defendant.criminal_case,
        case_forms.ChargeForm(request.POST or None, offences=offences),
        _("Record a charge in case %(ref)s"),
        lambda data: defendant_services.charge_set(
            actor=request.user, defendant=defendant, request=request, **data
        ),
    )  # fmt: skip


@require_GET
def offender_stats(request: HttpRequest) -> HttpResponse:
    rows = offender_statistics_for(user=request.user)
    return render(request, "justice/cases/offender_stats.html", {"rows": rows})
