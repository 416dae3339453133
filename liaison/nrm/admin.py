"""Django admin for the NRM: read-mostly.

Casework happens in the NRM pages, through services that check permissions and keep the access
log; the admin is for instance administrators, who have no case access by role. So case data is
shown read-only and without any encrypted field (names, dates of birth, document numbers,
reasons, notes never appear here). What an administrator does maintain: the indicator
checklists of each country and the service directory.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import BlindIndexField, encrypted_fields
from liaison.core.geography import is_country_code
from liaison.directory.admin import AuditedAdmin
from liaison.nrm import models as m
from liaison.nrm.indicators import LANGUAGES


def _plain_fields(model: type[Model]) -> list[str]:
    """Every concrete field except encrypted ones and blind indexes."""
    hidden = {f.name for f in encrypted_fields(model)}
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in hidden and not isinstance(f, BlindIndexField)
    ]


class ReadOnlyNrmAdmin(admin.ModelAdmin):
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


@admin.register(m.Person)
class PersonAdmin(ReadOnlyNrmAdmin):
    list_display = ("__str__", "sex", "citizenship", "registered_by", "created_at")
    list_filter = ("sex", "citizenship")
    list_select_related = ("registered_by",)


@admin.register(m.IdentityDocument)
class IdentityDocumentAdmin(ReadOnlyNrmAdmin):
    list_display = ("__str__", "person", "kind", "issuing_country")
    list_filter = ("kind", "issuing_country")


@admin.register(m.Case)
class CaseAdmin(ReadOnlyNrmAdmin):
    list_display = (
        "code",
        "agency",
        "status",
        "trafficking_status",
        "case_status",
        "flagged_on",
        "is_child",
        "anonymous",
        "closed_on",
    )
    list_filter = ("trafficking_status", "case_status", "is_child", "anonymous", "country")
    search_fields = ("code",)
    list_select_related = ("agency",)
    date_hierarchy = "flagged_on"


@admin.register(m.StatusDecision)
class StatusDecisionAdmin(ReadOnlyNrmAdmin):
    """Decisions are immutable events: a wrong one is answered by a reconsideration."""

    list_display = (
        "case",
        "step",
        "previous_step",
        "is_reconsideration",
        "decided_on",
        "deciding_agency",
        "decision_org",
    )
    list_filter = ("decision_org", "is_reconsideration")
    search_fields = ("case__code",)
    list_select_related = ("case", "deciding_agency")


@admin.register(m.Screening)
class ScreeningAdmin(ReadOnlyNrmAdmin):
    list_display = ("case", "checklist", "suggestion", "strong_count", "other_count", "screened_on")
    list_filter = ("suggestion",)
    search_fields = ("case__code",)
    list_select_related = ("case", "checklist")


@admin.register(m.SavedCaseView)
class SavedCaseViewAdmin(ReadOnlyNrmAdmin):
    list_display = ("name", "user", "query")
    list_select_related = ("user",)


class _CaseRowAdmin(ReadOnlyNrmAdmin):
    search_fields = ("case__code",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("case")


@admin.register(m.CasePeriod)
class CasePeriodAdmin(_CaseRowAdmin):
    list_display = ("case", "code", "starts_on", "due_on", "latest_on", "status")
    list_filter = ("status", "code")


@admin.register(m.ResidencePermit)
class ResidencePermitAdmin(_CaseRowAdmin):
    list_display = ("case", "route", "status", "requested_on", "granted_on", "expires_on")
    list_filter = ("status", "route")


@admin.register(m.ExploitationProfile)
class ExploitationProfileAdmin(_CaseRowAdmin):
    list_display = ("case", "industry", "relation_to_recruiter", "also_smuggled")


@admin.register(m.TraffickingEvent)
class TraffickingEventAdmin(_CaseRowAdmin):
    list_display = ("case", "kind", "country", "started_on", "ended_on")
    list_filter = ("kind", "country")


@admin.register(m.Consent)
class ConsentAdmin(_CaseRowAdmin):
    list_display = ("case", "purpose", "recipient", "given", "given_on", "withdrawn_on")
    list_filter = ("purpose", "given")


@admin.register(m.Handover)
class HandoverAdmin(_CaseRowAdmin):
    list_display = ("case", "kind", "status", "from_agency", "to_agency", "consent_overridden")
    list_filter = ("kind", "status", "consent_overridden")


@admin.register(m.NeedsAssessment)
class NeedsAssessmentAdmin(_CaseRowAdmin):
    list_display = ("case", "assessed_on", "risk_level")


@admin.register(m.SupportPlanItem)
class SupportPlanItemAdmin(_CaseRowAdmin):
    list_display = ("case", "support_type", "planned_end", "actual_end")


@admin.register(m.ServiceDelivery)
class ServiceDeliveryAdmin(_CaseRowAdmin):
    list_display = ("case", "support_type", "provider", "started_on", "ended_on")


@admin.register(m.ReturnFollowUp)
class ReturnFollowUpAdmin(_CaseRowAdmin):
    list_display = ("case", "kind", "happened_on", "country", "reintegration_status")


@admin.register(m.AnonymousDetails)
class AnonymousDetailsAdmin(_CaseRowAdmin):
    list_display = ("case", "sex", "citizenship")


@admin.register(m.CaseEvent)
class CaseEventAdmin(_CaseRowAdmin):
    list_display = ("case", "code", "occurred_on", "recorded_by")


@admin.register(m.DeadlineAlert)
class DeadlineAlertAdmin(ReadOnlyNrmAdmin):
    list_display = ("__str__", "sent_on", "overdue", "due_soon")


# --- what administrators maintain -------------------------------------------------------------


class IndicatorChecklistForm(forms.ModelForm):
    class Meta:
        model = m.IndicatorChecklist
        fields = ["kind", "country", "version", "indicators", "is_active"]

    def clean_country(self) -> str:
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if country and not is_country_code(country):
            raise forms.ValidationError(_("Use an ISO 3166 country code, or leave it empty."))
        return country

    def clean_indicators(self) -> Any:
        indicators = self.cleaned_data.get("indicators")
        if not isinstance(indicators, list) or not indicators:
            raise forms.ValidationError(_("Give a list of indicators."))
        codes: set[str] = set()
        for position, item in enumerate(indicators, start=1):
            text = item.get("text") if isinstance(item, dict) else None
            code = item.get("code") if isinstance(item, dict) else None
            if not isinstance(code, str) or not code or code in codes:
                raise forms.ValidationError(
                    _("Indicator %(n)s needs a code of its own.") % {"n": position}
                )
            if not isinstance(text, dict) or not isinstance(text.get("en"), str) or not text["en"]:
                raise forms.ValidationError(
                    _("Indicator %(n)s needs a text, at least in English.") % {"n": position}
                )
            if set(text) - set(LANGUAGES) or not isinstance(item.get("strong", False), bool):
                raise forms.ValidationError(
                    _("Indicator %(n)s: texts in en, ru, pt, uz and a true/false “strong”.")
                    % {"n": position}
                )
            codes.add(code)
        return indicators


@admin.register(m.IndicatorChecklist)
class IndicatorChecklistAdmin(AuditedAdmin):
    """A checklist with a country replaces the default of its kind in that country; a new
    version keeps the answers of earlier screenings readable."""

    form = IndicatorChecklistForm
    list_display = ("kind", "country", "version", "is_active", "indicator_count")
    list_filter = ("kind", "country", "is_active")

    @admin.display(description=_("indicators"))
    def indicator_count(self, checklist: m.IndicatorChecklist) -> int:
        return len(checklist.indicators)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Screenings point at their checklist: retire a version with "in use" instead.
        return False


@admin.register(m.Provider)
class ProviderAdmin(AuditedAdmin):
    list_display = ("name", "agency", "country", "region", "capacity", "places_free", "is_active")
    list_filter = ("country", "accepts_children", "is_active")
    search_fields = ("name",)
    list_select_related = ("agency",)
