"""Pages to record a consent and to withdraw it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaison.directory.forms import add_service_errors
from liaison.nrm.forms.consent import ConsentForm, ConsentWithdrawForm
from liaison.nrm.models import Consent
from liaison.nrm.services import consent as services
from liaison.nrm.views.profile import editable_case


@require_http_methods(["GET", "POST"])
def consent_record(request: HttpRequest, case_id: int) -> HttpResponse:
    case = editable_case(request, case_id)
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        initial={"given_on": timezone.localdate()},
        is_child=case.is_child,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=request.user, case=case, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect(case)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "nrm/consent/consent_form.html", {"case": case, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    case = editable_case(request, case_id)
    consent = get_object_or_404(
        Consent.objects.filter(case=case).select_related("recipient"), pk=consent_id
    )
    form = ConsentWithdrawForm(
        request.POST if request.method == "POST" else None,
        initial={"withdrawn_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user, consent=consent, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The consent was withdrawn."))
            return redirect(case)
    status = 400 if form.is_bound and form.errors else 200
    context = {"case": case, "consent": consent, "form": form}
    return render(request, "nrm/consent/withdraw_form.html", context, status=status)
