"""Member pages: who works in an agency, one member, adding people and changing their roles.

An agency the user may not see members of answers 404, never 403, so its existence leaks nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory import selectors, services
from liaison.directory.forms import (
    MemberCreateForm,
    MembershipAddForm,
    MembershipEditForm,
    add_service_errors,
)
from liaison.directory.models import Agency
from liaison.directory.permissions import (
    agencies_with_members_visible_to,
    can_manage_members,
    memberships_visible_to,
    roles_assignable_by,
)

PAGE_SIZE = 50
MEMBER_FIELDS = ["full_name", "email", "phone"]


def _agency(request: HttpRequest, agency_id: int) -> Agency:
    return get_object_or_404(agencies_with_members_visible_to(request.user), pk=agency_id)


def _managed_agency(request: HttpRequest, agency_id: int) -> Agency:
    agency = _agency(request, agency_id)
    if not can_manage_members(request.user, agency):
        raise PermissionDenied
    return agency


def _form_status(form: object) -> int:
    return 400 if getattr(form, "is_bound", False) and getattr(form, "errors", None) else 200


@require_GET
def my_agency_members(request: HttpRequest) -> HttpResponse:
    agencies = selectors.own_agencies_with_members(request.user)
    if not agencies:
        raise Http404
    if len(agencies) == 1:
        return redirect("directory:member_list", agency_id=agencies[0].pk)
    return render(request, "directory/member_chooser.html", {"agencies": agencies})


@require_GET
def member_list(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    page = Paginator(
        selectors.agency_members(user=request.user, agency=agency), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=agency,
        fields=["full_name"],
        purpose="member list",
        request=request,
    )
    context = {
        "agency": agency,
        "page": page,
        "can_manage": can_manage_members(request.user, agency),
    }
    return render(request, "directory/member_list.html", context)


@require_GET
def member_detail(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = _agency(request, agency_id)
    membership = get_object_or_404(memberships_visible_to(request.user, agency), pk=membership_id)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=membership.user,
        fields=MEMBER_FIELDS,
        purpose="member details",
        request=request,
    )
    context = {
        "agency": agency,
        "membership": membership,
        "member": membership.user,
        "other_roles": selectors.member_other_roles(user=request.user, membership=membership),
        "can_edit": membership.role in roles_assignable_by(request.user, agency),
    }
    return render(request, "directory/member_detail.html", context)


@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    form = MemberCreateForm(request.POST or None, actor=request.user, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_create(
                actor=request.user, agency=agency, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            services.user_invite(actor=request.user, user=membership.user, request=request)
            messages.success(
                request,
                _(
                    "The account “%(username)s” was created and an invitation to choose a "
                    "password was sent to its e-mail address."
                )
                % {"username": membership.user.username},
            )
            return redirect(
                "directory:member_detail", agency_id=agency.pk, membership_id=membership.pk
            )
    context = {"agency": agency, "form": form}
    return render(request, "directory/member_create.html", context, status=_form_status(form))


@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    form = MembershipAddForm(request.POST or None, actor=request.user, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_add(
                actor=request.user,
                agency=agency,
                user=data["username"],
                role=data["role"],
                scope=data["scope"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(username)s now holds the role “%(role)s” here.")
                % {"username": membership.user.username, "role": membership.get_role_display()},
            )
            return redirect("directory:member_list", agency_id=agency.pk)
    context = {"agency": agency, "form": form}
    return render(request, "directory/membership_add.html", context, status=_form_status(form))


@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    membership = get_object_or_404(memberships_visible_to(request.user, agency), pk=membership_id)
    if membership.role not in roles_assignable_by(request.user, agency):
        raise PermissionDenied
    form = MembershipEditForm(request.POST or None, actor=request.user, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                actor=request.user, membership=membership, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The role was saved."))
            return redirect(
                "directory:member_detail", agency_id=agency.pk, membership_id=membership.pk
            )
    context = {"agency": agency, "membership": membership, "form": form}
    return render(request, "directory/membership_edit.html", context, status=_form_status(form))
