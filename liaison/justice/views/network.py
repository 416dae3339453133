"""Network pages: a case's entities and links, the graph of what they connect to in reach, the
browser graph view and the export for the court file."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.justice import permissions
from liaison.justice.forms.network import EntityForm, LinkForm, PathForm
from liaison.justice.models import CriminalCase
from liaison.justice.selectors import network as selectors
from liaison.justice.services import network as services


def _case(request: HttpRequest, criminal_case_id: int) -> CriminalCase:
    return get_object_or_404(
        permissions.network_cases_visible_to(request.user), pk=criminal_case_id
    )


def _back(criminal_case: CriminalCase) -> HttpResponse:
    return redirect(reverse("justice:network", kwargs={"criminal_case_id": criminal_case.pk}))


def _page(
    request: HttpRequest, criminal_case: CriminalCase, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    entities = selectors.case_entities(user, criminal_case)
    graph = selectors.network_graph(user, criminal_case)
    path_form = PathForm(request.GET if "source" in request.GET else None)
    path = None
    if path_form.is_bound and path_form.is_valid():
        path = graph.path(path_form.cleaned_data["source"], path_form.cleaned_data["target"]) or []
    selectors.audit_network_view(user, criminal_case, request=request)
    context = {
        "criminal_case": criminal_case,
        "can_edit": permissions.can_edit_network(user, criminal_case),
        "entities": entities,
        "links": selectors.case_links(user, criminal_case),
        # reverse() once, not once per row: a case can hold thousands of entities.
        "delete_base": reverse(
            "justice:network_entity_delete", kwargs={"entity_id": 0}
        ).removesuffix("0/delete/"),
        "graph": graph,
        "components": graph.components()[:10],
        "central": graph.central_nodes(),
        "path_form": path_form,
        "path": path,
        "entity_form": forms.get("entity_form") or EntityForm(),
        "link_form": forms.get("link_form") or LinkForm(),
    }
    return render(request, "justice/network/network.html", context, status=status)


@require_GET
def network(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    return _page(request, _case(request, criminal_case_id))


@require_POST
def network_entity_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _case(request, criminal_case_id)
    form = EntityForm(request.POST)
    if form.is_valid():
        try:
            services.entity_add(
                actor=request.user,
                criminal_case=criminal_case,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The entity was added."))
            return _back(criminal_case)
    return _page(request, criminal_case, status=400, entity_form=form)


@require_POST
def network_link_add(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _case(request, criminal_case_id)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            services.link_add(
                actor=request.user,
                criminal_case=criminal_case,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The link was added."))
            return _back(criminal_case)
    return _page(request, criminal_case, status=400, link_form=form)


@require_POST
def network_entity_delete(request: HttpRequest, entity_id: int) -> HttpResponse:
    visible = permissions.network_entities_visible_to(request.user).select_related("criminal_case")
    entity = get_object_or_404(visible, pk=entity_id)
    services.entity_delete(actor=request.user, entity=entity, request=request)
    messages.success(request, _("The entity was deleted."))
    return _back(entity.criminal_case)


@require_GET
def network_graph(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _case(request, criminal_case_id)
    graph = selectors.network_graph(request.user, criminal_case)
    selectors.audit_network_view(request.user, criminal_case, request=request)
    context = {
        "criminal_case": criminal_case,
        "data": selectors.graph_as_data(graph),
        "graph": graph,
    }
    return render(request, "justice/network/graph.html", context)


@require_GET
def network_export(request: HttpRequest, criminal_case_id: int) -> HttpResponse:
    criminal_case = _case(request, criminal_case_id)
    data = selectors.graph_as_data(selectors.network_graph(request.user, criminal_case))
    audit_record(
        actor=request.user, action=AuditAction.EXPORT, obj=criminal_case, fields=["network"],
        purpose="network analysis: court file", request=request,
    )  # fmt: skip
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="network-{criminal_case.pk}.csv"'
    selectors.write_network_csv(csv.writer(response), data)
    return response
