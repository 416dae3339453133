"""Django admin for instance administrators. Every write here lands in the access log too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from liaison.core.audit import audit_record
from liaison.core.geography import country_choices
from liaison.core.models import AuditAction
from liaison.directory import services
from liaison.directory.models import Agency, ApiToken, CountryProfile, Membership, User

ADMIN_PURPOSE = "administration"


def _audit(request: HttpRequest, action: AuditAction, obj: Model, fields: Any = ()) -> None:
    audit_record(
        actor=request.user,
        action=action,
        obj=obj,
        fields=fields,
        purpose=ADMIN_PURPOSE,
        request=request,
    )


class AuditedAdmin(admin.ModelAdmin):
    """Records creations, changes (with the changed fields) and deletions, inlines included.

    The admin wraps each save in a transaction, so the row and its log entry commit together.
    """

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if form.changed_data or not change:
            _audit(
                request,
                AuditAction.UPDATE if change else AuditAction.CREATE,
                obj,
                form.changed_data,
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        _audit(request, AuditAction.DELETE, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            _audit(request, AuditAction.DELETE, obj)
        super().delete_queryset(request, queryset)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            _audit(request, AuditAction.DELETE, obj)
            obj.delete()
        changed = {id(f.instance): f.changed_data for f in formset.forms if hasattr(f, "instance")}
        for obj in instances:
            created = obj.pk is None
            obj.save()
            _audit(
                request,
                AuditAction.CREATE if created else AuditAction.UPDATE,
                obj,
                changed.get(id(obj), []),
            )
        formset.save_m2m()


def _country_formfield(db_field: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=capfirst(db_field.verbose_name),
        required=not db_field.blank,
        choices=[("", "---------"), *country_choices()],
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user", "agency")


class AgencyMembershipInline(MembershipInline):
    fk_name = "agency"
    fields = ("user", "role", "scope", "is_active")


class UserMembershipInline(MembershipInline):
    fk_name = "user"
    fields = ("agency", "role", "scope", "is_active")


@admin.register(User)
class UserAdmin(AuditedAdmin):
    """Name, e-mail and phone are encrypted at rest and edited here in clear; the password hash
    is never shown: a new account gets an unusable password and an invitation to choose one."""

    list_display = ("username", "is_active", "is_staff", "is_superuser", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("username",)
    ordering = ("username",)
    fields = (
        "username",
        "full_name",
        "email",
        "phone",
        "preferred_language",
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
        "user_permissions",
        "last_login",
        "date_joined",
    )
    filter_horizontal = ("groups", "user_permissions")
    inlines = [UserMembershipInline]
    actions = ["send_invitation"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Only a superuser may hand out superuser status or raw permissions.
        readonly = ["last_login", "date_joined"]
        if not getattr(request.user, "is_superuser", False):
            readonly += ["is_superuser", "groups", "user_permissions"]
        return readonly

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            user = self.get_object(request, object_id)
            if user is not None:
                audit_record(
                    actor=request.user,
                    action=AuditAction.VIEW,
                    obj=user,
                    fields=["full_name", "email", "phone"],
                    purpose=ADMIN_PURPOSE,
                    request=request,
                )
        return response

    @admin.action(description=_("E-mail a link to choose a password"))
    def send_invitation(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        sent = 0
        for user in queryset:
            try:
                services.user_invite(actor=request.user, user=user, request=request)
            except PermissionDenied:
                continue
            sent += bool(user.email and user.is_active)
        self.message_user(
            request,
            ngettext("%(count)d link sent.", "%(count)d links sent.", sent) % {"count": sent},
            messages.SUCCESS,
        )


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = (
        "name",
        "short_name",
        "agency_type",
        "national_role",
        "country",
        "parent",
        "is_active",
    )
    list_filter = ("agency_type", "national_role", "country", "is_active")
    search_fields = ("name", "short_name")
    autocomplete_fields = ("parent",)
    inlines = [AgencyMembershipInline]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "country":
            return _country_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return super().get_queryset(request).select_related("parent")


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "agency", "role", "scope", "is_active")
    list_filter = ("role", "scope", "is_active")
    search_fields = ("user__username", "agency__name")
    autocomplete_fields = ("user", "agency")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return super().get_queryset(request).select_related("user", "agency")


@admin.register(CountryProfile)
class CountryProfileAdmin(AuditedAdmin):
    """The ladder and deadlines are edited as JSON here; the model's checks report each field."""

    list_display = ("__str__", "country", "is_home", "population", "population_year")
    list_filter = ("is_home",)

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "country":
            return _country_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are made and revoked by their owners; the hash never appears."""

    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "name", "prefix")
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    readonly_fields = fields
    exclude = ("token_hash",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
