"""Every account on the instance, for its administrators."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory import selectors


@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:150]
    page = Paginator(selectors.user_search(user=request.user, q=query), 50).get_page(
        request.GET.get("page")
    )
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="directory.user",
        object_label=f"page {page.number}",
        fields=["full_name"],
        purpose="user list",
        request=request,
    )
    return render(request, "directory/user_list.html", {"page": page, "q": query})
