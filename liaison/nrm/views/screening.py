"""Screening pages: choose a checklist, answer it, read a screening back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.forms import add_service_errors
from liaison.nrm import permissions
from liaison.nrm.forms.cases import ScreeningForm
from liaison.nrm.services import screening as services


@require_http_methods(["GET", "POST"])
def screening_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(permissions.cases_visible_to(request.user), pk=case_id)
    if not permissions.can_edit_case(request.user, case):
        raise PermissionDenied
    checklists = services.checklists_for(case.country)
    chosen = request.GET.get("checklist", "")
    if not chosen.isdigit():
        # The general checklist first; the page links to the others.
        if not checklists:
            context = {"case": case, "checklists": [], "checklist": None, "form": None}
            return render(request, "nrm/cases/screening_form.html", context)
        chosen = str(checklists[0].pk)
    checklist = get_object_or_404(services.checklists_in_use(case.country), pk=int(chosen))
    form = ScreeningForm(request.POST or None, checklist=checklist)
    if request.method == "POST" and form.is_valid():
        try:
            screening = services.screening_record(
                actor=request.user,
                case=case,
                checklist=checklist,
                answers=form.answers(),
                screened_on=form.cleaned_data["screened_on"],
                notes=form.cleaned_data["notes"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The screening was recorded."))
            return redirect(
                reverse(
                    "nrm:screening_detail",
                    kwargs={"case_id": case.pk, "screening_id": screening.pk},
                )
            )
    status = 400 if form.is_bound and form.errors else 200
    context = {"case": case, "checklist": checklist, "checklists": checklists, "form": form}
    return render(request, "nrm/cases/screening_form.html", context, status=status)


@require_GET
def screening_detail(request: HttpRequest, case_id: int, screening_id: int) -> HttpResponse:
    case = get_object_or_404(permissions.cases_visible_to(request.user), pk=case_id)
    screening = get_object_or_404(
        case.screenings.select_related("checklist", "screened_by"), pk=screening_id
    )
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=screening,
        fields=["answers", *(["notes"] if screening.notes else [])],
        purpose="screening page",
        request=request,
    )
    context = {
        "case": case,
        "screening": screening,
        "rows": services.indicator_rows(screening, get_language() or "en"),
    }
    return render(request, "nrm/cases/screening_detail.html", context)
