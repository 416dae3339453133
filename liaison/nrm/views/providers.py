"""The service directory: list with filters, create and edit an entry."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.directory.forms import add_service_errors
from liaison.nrm.forms.providers import ProviderFilterForm, ProviderForm
from liaison.nrm.models import Provider, ProviderService
from liaison.nrm.permissions import can_manage_provider, providers_visible_to
from liaison.nrm.selectors.handovers import agencies_for_provider, provider_search
from liaison.nrm.services import providers as services

PAGE_SIZE = 50


@require_GET
def provider_list(request: HttpRequest) -> HttpResponse:
    form = ProviderFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "nrm/providers/list.html", {"form": form, "page": None}, status=400)
    providers = provider_search(user=request.user, criteria=form.criteria())
    page = Paginator(providers, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for provider in page.object_list:
        provider.service_labels = [ProviderService(s).label for s in provider.services]  # type: ignore[attr-defined]
    context = {"form": form, "page": page, "can_create": can_manage_provider(request.user)}
    return render(request, "nrm/providers/list.html", context)


@require_http_methods(["GET", "POST"])
def provider_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_provider(request.user):
        raise PermissionDenied
    agencies = agencies_for_provider(user=request.user)
    form = ProviderForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        initial={"is_active": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_create(actor=request.user, request=request, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The service was added to the directory."))
            return redirect("nrm:provider_list")
    return _form_page(request, form, provider=None)


@require_http_methods(["GET", "POST"])
def provider_edit(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_object_or_404(providers_visible_to(request.user), pk=provider_id)
    if not can_manage_provider(request.user, provider):
        raise PermissionDenied
    agencies = agencies_for_provider(user=request.user)
    form = ProviderForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        initial=ProviderForm.initial_from(provider),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_update(
                actor=request.user, provider=provider, request=request, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("nrm:provider_list")
    return _form_page(request, form, provider=provider)


def _form_page(request: HttpRequest, form: ProviderForm, provider: Provider | None) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "provider": provider}
    return render(request, "nrm/providers/form.html", context, status=status)
