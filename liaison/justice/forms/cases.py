"""Forms of the criminal cases pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.geography import country_choices
from liaison.core.vocabularies import Gender, PerpetratorRole
from liaison.directory.models import Agency, User
from liaison.justice.models import (
    Asset,
    ChargeOutcome,
    Defendant,
    InvestigationTechnique,
    Offence,
    OffenceType,
)
from liaison.justice.models.criminal_cases import Stage
from liaison.justice.selectors.cases import CaseFilter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseFilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    offence = forms.ChoiceField(label=_("Offence"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year opened"), required=False, coerce=int, empty_value=None
    )
    agency = forms.TypedChoiceField(
        label=_("Lead agency"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, agencies: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["stage"].choices = anything + list(Stage.choices)  # type: ignore[attr-defined]
        self.fields["offence"].choices = anything + list(OffenceType.choices)  # type: ignore[attr-defined]
        self.fields["year"].choices = anything + [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["agency"].choices = anything + [(a.pk, str(a)) for a in agencies]  # type: ignore[attr-defined]

    def criteria(self) -> CaseFilter:
        data = self.cleaned_data
        return CaseFilter(
            stage=data.get("stage") or "", offence=data.get("offence") or "",
            year=data.get("year"), agency_id=data.get("agency"),
        )  # fmt: skip


class CaseCreateForm(forms.Form):
    lead_agency = forms.ModelChoiceField(label=_("Lead agency"), queryset=Agency.objects.none())
    reference = forms.CharField(label=_("Case reference"), max_length=60)
    title = forms.CharField(label=_("Short title"), max_length=200)
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE)
    summary = forms.CharField(label=_("Summary of facts"), required=False, widget=forms.Textarea)
    is_trafficking = forms.BooleanField(
        label=_("Trafficking in persons"), required=False, initial=True
    )
    is_smuggling = forms.BooleanField(label=_("Smuggling of migrants"), required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"].queryset = agencies  # type: ignore[attr-defined]


class CaseEditForm(forms.Form):
    title = forms.CharField(label=_("Short title"), max_length=200)
    summary = forms.CharField(label=_("Summary of facts"), required=False, widget=forms.Textarea)
    owner = forms.ModelChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), required=False
    )
    is_trafficking = forms.BooleanField(label=_("Trafficking in persons"), required=False)
    is_smuggling = forms.BooleanField(label=_("Smuggling of migrants"), required=False)

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"))
    entered_on = forms.DateField(label=_("Entered on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, Stage(s).label) for s in stages]  # type: ignore[attr-defined]


class CaseAgencyForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    role = forms.CharField(label=_("Part in the case"), max_length=100, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class OffenceForm(forms.Form):
    offence_type = forms.ChoiceField(label=_("Offence"), choices=OffenceType.choices)
    legal_provision = forms.CharField(
        label=_("Legal provision"), max_length=200, required=False,
        help_text=_("E.g. Penal Code art. 160."),
    )  # fmt: skip


class TechniqueForm(forms.Form):
    technique = forms.ChoiceField(
        label=_("Technique"), choices=InvestigationTechnique.Technique.choices
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AssetForm(forms.Form):
    measure = forms.ChoiceField(label=_("Measure"), choices=Asset.Measure.choices)
    description = forms.CharField(label=_("Asset"), max_length=200)
    value = forms.DecimalField(
        label=_("Value"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    decided_on = forms.DateField(label=_("Date"), widget=DATE, required=False)


class VictimLinkForm(forms.Form):
    code = forms.CharField(
        label=_("NRM case code"), max_length=20, help_text=_("E.g. C-2026-7F3K9Q.")
    )


class DefendantForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Defendant.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE, required=False)
    sex = forms.ChoiceField(label=_("Sex / gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    age = forms.IntegerField(
        label=_("Age when suspected"), min_value=0, max_value=120, required=False
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Role in the process"), choices=PerpetratorRole.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    suspected_on = forms.DateField(label=_("Suspected since"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenship"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]


class DefendantEditForm(DefendantForm):
    status = forms.ChoiceField(label=_("Status"), choices=Defendant.Status.choices)
    prosecuted_on = forms.DateField(label=_("Prosecuted on"), widget=DATE, required=False)
    judged_on = forms.DateField(label=_("Judged on"), widget=DATE, required=False)
    sentence = forms.CharField(label=_("Sentence"), widget=forms.Textarea, required=False)
    sentence_months = forms.IntegerField(
        label=_("Prison sentence (months)"), min_value=0, required=False
    )


class ChargeForm(forms.Form):
    offence = forms.ModelChoiceField(label=_("Offence"), queryset=Offence.objects.none())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ChargeOutcome.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE, required=False)

    def __init__(self, *args: Any, offences: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offence"].queryset = offences  # type: ignore[attr-defined]
