"""Forms of the assistance, closure and export pages (one column, every field labelled)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from liaison.core.geography import country_choices
from liaison.core.vocabularies import SupportType, TraffickingStatus
from liaison.nrm.models import CaseClosureReason, ProviderService, ReturnFollowUp
from liaison.nrm.selectors.assistance import partner_agencies, providers_for_services
from liaison.nrm.selectors.cases import SORTS, CaseFilter
from liaison.nrm.services.exports import SUMMARY_SECTIONS

RISK_CHOICES = [
    ("", _("not assessed")),
    ("low", _("low")),
    ("medium", _("medium")),
    ("high", _("high")),
]
REINTEGRATION_CHOICES: list[Any] = list(
    ReturnFollowUp._meta.get_field("reintegration_status").choices or []
)
VOLUNTARY_CHOICES = [("", _("unknown")), ("yes", _("yes")), ("no", _("no"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _today() -> Any:
    return timezone.localdate()


class NeedsAssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput(), initial=_today)
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=SupportType.choices, widget=forms.CheckboxSelectMultiple
    )
    risk_level = forms.ChoiceField(label=_("Risk"), choices=RISK_CHOICES, required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea, required=False, max_length=5000
    )


class SupportPlanItemForm(forms.Form):
    support_type = forms.ChoiceField(label=_("Support"), choices=SupportType.choices)
    objective = forms.CharField(label=_("Objective"), widget=forms.Textarea, max_length=2000)
    planned_end = forms.DateField(label=_("Planned end"), widget=DateInput(), required=False)


class PlanItemCompleteForm(forms.Form):
    item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Support"), queryset=None)
    actual_end = forms.DateField(label=_("Ended on"), widget=DateInput(), initial=_today)

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["item"]
        field.queryset = items
        field.label_from_instance = lambda item: (
            f"{item.get_support_type_display()} — {item.objective[:60]}"
        )


class ServiceDeliveryForm(forms.Form):
    support_type = forms.ChoiceField(label=_("Support"), choices=SupportType.choices)
    provider: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, required=False, empty_label=_("none of the directory")
    )
    service = forms.ChoiceField(
        label=_("Service"), choices=[("", "—"), *ProviderService.choices], required=False
    )
    started_on = forms.DateField(label=_("From"), widget=DateInput(), initial=_today)
    ended_on = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea, required=False, max_length=5000
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers_for_services(user)  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    happened_on = forms.DateField(label=_("Date of return"), widget=DateInput())
    country = forms.ChoiceField(label=_("Country of return"))
    voluntary = forms.ChoiceField(
        label=_("Voluntary return"), choices=VOLUNTARY_CHOICES, required=False
    )
    partner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Partner agency in that country"),
        queryset=None,
        required=False,
        empty_label=_("none"),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea, required=False, max_length=5000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]
        self.fields["partner"].queryset = partner_agencies()  # type: ignore[attr-defined]

    def clean_voluntary(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("voluntary") or "")


class FollowUpForm(forms.Form):
    happened_on = forms.DateField(
        label=_("Date of the follow-up"), widget=DateInput(), initial=_today
    )
    reintegration_status = forms.ChoiceField(
        label=_("Reintegration"),
        choices=REINTEGRATION_CHOICES,
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        help_text=_("Leave empty for the country of the last return."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea, required=False, max_length=5000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]


class CaseCloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=CaseClosureReason.choices)
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput(), initial=_today)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text=_("Required when the reason is “Other”."),
    )


class CaseSummaryForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections to include"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The case code, agency, dates and status are always included."),
    )
    language = forms.ChoiceField(label=_("Language of the document"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [(s.code, s.label) for s in SUMMARY_SECTIONS]  # type: ignore[attr-defined]
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]


class CaseExportFilterForm(forms.Form):
    """The case list's query string (the same names), read for the export."""

    q = forms.CharField(label=_("Case code"), required=False, max_length=20)
    status = forms.CharField(label=_("Status"), required=False, max_length=40)
    trafficking_status = forms.ChoiceField(
        label=_("HTCDS status"),
        required=False,
        choices=[("", _("all")), *TraffickingStatus.choices],
    )
    state = forms.ChoiceField(
        label=_("Open or closed"),
        required=False,
        choices=[("", _("all")), ("open", _("open")), ("closed", _("closed"))],
    )
    agency = forms.IntegerField(label=_("Agency"), required=False, min_value=1)
    year = forms.IntegerField(
        label=_("Year flagged"), required=False, min_value=1990, max_value=2100
    )
    age_group = forms.ChoiceField(
        label=_("Child or adult"),
        required=False,
        choices=[("", _("all")), ("child", _("child")), ("adult", _("adult"))],
    )
    citizenship = forms.CharField(label=_("Citizenship"), required=False, max_length=2)
    overdue = forms.BooleanField(label=_("Only with an overdue deadline"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[("", "—")] + [(k, k) for k in SORTS]
    )

    def criteria(self) -> CaseFilter:
        data = self.cleaned_data
        return CaseFilter(
            q=(data.get("q") or "").strip(),
            status=data.get("status") or "",
            trafficking_status=data.get("trafficking_status") or "",
            state=data.get("state") or "",
            agency=data.get("agency"),
            year=data.get("year"),
            age_group=data.get("age_group") or "",
            citizenship=data.get("citizenship") or "",
            overdue=bool(data.get("overdue")),
            sort=data.get("sort") or "-flagged",
        )
