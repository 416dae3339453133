"""Export pages: the case summary PDF (sections chosen on a form) and the case list XLSX."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.directory.forms import add_service_errors
from liaison.nrm.forms.assistance import CaseExportFilterForm, CaseSummaryForm
from liaison.nrm.permissions import can_export_case, cases_visible_to
from liaison.nrm.services.exports import case_list_xlsx, case_summary_pdf

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data: no copy in a shared cache
    return response


@require_http_methods(["GET", "POST"])
def case_summary(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(cases_visible_to(request.user), pk=case_id)
    if not can_export_case(request.user, case):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = CaseSummaryForm(
        data, initial={"language": get_language(), "sections": ["status", "assistance"]}
    )
    if data is not None and form.is_valid():
        try:
            content = case_summary_pdf(
                actor=request.user, case=case, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return file_response(content, PDF, f"{case.code}-summary.pdf")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "nrm/exports/case_summary.html", {"case": case, "form": form}, status=status
    )


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseExportFilterForm(request.GET)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
        )
        message = _("The filters are not valid: %(errors)s") % {"errors": errors}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    content = case_list_xlsx(actor=request.user, criteria=form.criteria(), request=request)
    stamp = timezone.localdate().isoformat()
    return file_response(content, XLSX, f"cases-{stamp}.xlsx")
