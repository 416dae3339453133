"""Forms of the status decision, clock and residence permit pages (one column, every field labelled)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.nrm.models import ResidencePermit
from liaison.nrm.services.decisions import StepOption


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _today() -> Any:
    return timezone.localdate()


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=_today)


class DecisionForm(forms.Form):
    step = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    agency = forms.TypedChoiceField(
        label=_("In the name of"), coerce=int, required=False, empty_value=None
    )
    decided_on = _date(_("Decided on"))
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text=_("Kept encrypted; shown only to those who reach the case."),
    )

    def __init__(self, *args: Any, options: list[StepOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["step"]).choices = [(o.code, o.label) for o in options]
        agencies = {a.pk: a for o in options for a in o.agencies}
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            (pk, str(a)) for pk, a in agencies.items()
        ]
        if len(agencies) <= 1:
            self.fields["agency"].widget = forms.HiddenInput()
        self.agencies = agencies

    def clean_agency(self) -> Any:
        pk = self.cleaned_data.get("agency")
        return self.agencies.get(pk) if pk is not None else None


class ReconsiderForm(forms.Form):
    decided_on = _date(_("Reconsidered on"))
    reasons = forms.CharField(
        label=_("Reasons for the reconsideration"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )


class EventForm(forms.Form):
    code = forms.ChoiceField(label=_("Event"))
    occurred_on = _date(_("Date"))

    def __init__(self, *args: Any, events: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["code"]).choices = events


class PeriodExtendForm(forms.Form):
    due_on = forms.DateField(label=_("New end"), widget=DateInput())
    reason = forms.CharField(label=_("Reason for the extension"), max_length=250)


class PeriodEndForm(forms.Form):
    ended_on = _date(_("Ended on"))
    note = forms.CharField(label=_("Why it ends"), max_length=300)


class PermitRequestForm(forms.Form):
    route = forms.ChoiceField(label=_("Route"), choices=ResidencePermit.Route.choices)
    requested_on = _date(_("Requested on"))


class PermitGrantForm(forms.Form):
    granted_on = _date(_("Granted on"))


class PermitRenewForm(forms.Form):
    renewed_on = _date(_("Renewed on"))


class PermitRefuseForm(forms.Form):
    confirm = forms.BooleanField(label=_("The request was refused"))


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """A service's refusal shown beside the field it concerns, or above the form."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)
