"""Django admin for the justice app: read-only.

Investigations and prosecutions are recorded through the justice pages, whose services check
reach and keep the access log; instance administrators have no criminal case access by role.
So the admin shows the rows without any encrypted field (defendants' names, dates of birth,
sentences, case summaries never appear here) and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from liaison.core.fields import BlindIndexField, encrypted_fields
from liaison.justice import models as m


def _plain_fields(model: type[Model]) -> list[str]:
    hidden = {f.name for f in encrypted_fields(model)}
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in hidden and not isinstance(f, BlindIndexField)
    ]


class ReadOnlyJusticeAdmin(admin.ModelAdmin):
    """Look, never touch; encrypted fields are left out of every view."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return _plain_fields(self.model)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return _plain_fields(self.model)


@admin.register(m.CriminalCase)
class CriminalCaseAdmin(ReadOnlyJusticeAdmin):
    list_display = (
        "reference",
        "lead_agency",
        "stage",
        "opened_on",
        "is_trafficking",
        "is_smuggling",
    )
    list_filter = ("stage", "is_trafficking", "is_smuggling")
    list_select_related = ("lead_agency",)
    search_fields = ("reference",)


@admin.register(m.Defendant)
class DefendantAdmin(ReadOnlyJusticeAdmin):
    list_display = ("__str__", "kind", "sex", "citizenship", "status", "suspected_on")
    list_filter = ("kind", "status", "sex")
    list_select_related = ("criminal_case",)


@admin.register(m.CooperationRequest)
class CooperationRequestAdmin(ReadOnlyJusticeAdmin):
    list_display = ("reference", "request_type", "direction", "agency", "other_country")
    list_filter = ("request_type", "direction")
    list_select_related = ("agency",)
