"""Forms of the cases pages: duplicate search, registration, cases, screening, the case list."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from liaison.core.geography import country_choices
from liaison.core.vocabularies import Gender, TraffickingStatus
from liaison.directory.models import Agency, User
from liaison.nrm.indicators import indicator_text
from liaison.nrm.models import DocumentKind, IndicatorChecklist
from liaison.nrm.selectors.cases import SORTS, CaseFilter
from liaison.nrm.services.people import SearchCriteria

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ANSWER_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Not known"))]


class _CountryChoicesMixin:
    """Country names follow the active language, so choices are filled per form."""

    country_fields: tuple[str, ...] = ()

    def _fill_countries(self) -> None:
        for name in self.country_fields:
            field = self.fields[name]  # type: ignore[attr-defined]
            field.choices = [("", "---------"), *country_choices()]


def _check_birth(cleaned: dict[str, Any], form: forms.Form) -> None:
    born, year = cleaned.get("birth_date"), cleaned.get("birth_year")
    if born and born > timezone.localdate():
        form.add_error("birth_date", _("The date of birth is in the future."))
    if born and year and born.year != year:
        form.add_error("birth_year", _("The year does not match the date of birth."))


class PersonSearchForm(_CountryChoicesMixin, forms.Form):
    country_fields: tuple[str, ...] = ("citizenship",)

    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    family_names = forms.CharField(label=_("Family names"), required=False, max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE_WIDGET)
    birth_year = forms.IntegerField(
        label=_("Year of birth (if the date is not known)"),
        required=False,
        min_value=1900,
        max_value=2100,
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    document_number = forms.CharField(
        label=_("Identity document number"), required=False, max_length=60
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fill_countries()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_birth(cleaned, self)
        names = (cleaned.get("given_names") or "") + (cleaned.get("family_names") or "")
        if not names.strip() and not (cleaned.get("document_number") or "").strip():
            raise forms.ValidationError(_("Give a name or an identity document number."))
        return cleaned

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        return SearchCriteria(
            given_names=data["given_names"].strip(),
            family_names=data["family_names"].strip(),
            birth_date=data.get("birth_date"),
            birth_year=None if data.get("birth_date") else data.get("birth_year"),
            citizenship=data.get("citizenship", ""),
            document_number=data["document_number"].strip(),
        )


def criteria_query(criteria: SearchCriteria) -> dict[str, str]:
    """The search as query parameters (to carry it from the results to the registration)."""
    return {
        "given_names": criteria.given_names,
        "family_names": criteria.family_names,
        "birth_date": criteria.birth_date.isoformat() if criteria.birth_date else "",
        "birth_year": str(criteria.birth_year or ""),
        "citizenship": criteria.citizenship,
        "document_number": criteria.document_number,
    }


class _AgencyMixin:
    def _limit_agencies(self, agencies: Any) -> None:
        field = self.fields["agency"]  # type: ignore[attr-defined]
        field.queryset = agencies
        if agencies.count() == 1:
            field.initial = agencies.first()
            field.empty_label = None


class PersonForm(_CountryChoicesMixin, forms.Form):
    """A person's identity. Birth: a full date, or only the year."""

    country_fields: tuple[str, ...] = ("citizenship", "other_citizenship")

    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    family_names = forms.CharField(label=_("Family names"), required=False, max_length=200)
    patronymic = forms.CharField(label=_("Patronymic"), required=False, max_length=200)
    other_names = forms.CharField(
        label=_("Other names and spellings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    sex = forms.ChoiceField(label=_("Sex / gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE_WIDGET)
    birth_year = forms.IntegerField(
        label=_("Year of birth (if the date is not known)"),
        required=False,
        min_value=1900,
        max_value=2100,
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    other_citizenship = forms.ChoiceField(label=_("Second citizenship"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fill_countries()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_birth(cleaned, self)
        if not (cleaned.get("given_names", "").strip() or cleaned.get("family_names", "").strip()):
            self.add_error("family_names", _("Give at least one name."))
        return cleaned

    def person_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k in PERSON_FORM_FIELDS}
        born, year = self.cleaned_data.get("birth_date"), self.cleaned_data.get("birth_year")
        data["birth_year_known"] = bool(year and not born)
        data["birth_date"] = born or (datetime.date(year, 1, 1) if year else None)
        for name in ("given_names", "family_names", "patronymic"):
            data[name] = " ".join(data[name].split())
        return data

    @staticmethod
    def initial_from(person: Any) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in PERSON_FORM_FIELDS}
        if person.birth_year_known and person.birth_date:
            initial["birth_date"], initial["birth_year"] = None, person.birth_date.year
        return initial


PERSON_FORM_FIELDS = (
    "given_names",
    "family_names",
    "patronymic",
    "other_names",
    "sex",
    "birth_date",
    "citizenship",
    "other_citizenship",
    "phone",
    "address",
)


class RegisterForm(_AgencyMixin, PersonForm):
    """Registration after a search: the person, one identity document, and the case."""

    country_fields = ("citizenship", "other_citizenship", "document_country")

    document_kind = forms.ChoiceField(
        label=_("Identity document"),
        required=False,
        choices=[("", _("None")), *DocumentKind.choices],
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=60)
    document_country = forms.ChoiceField(label=_("Issued by"), required=False)
    agency = forms.ModelChoiceField(
        label=_("Agency opening the case"), queryset=Agency.objects.none()
    )
    flagged_on = forms.DateField(label=_("Flagged on"), widget=DATE_WIDGET)
    reasons = forms.CharField(
        label=_("Why the person was flagged"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_agencies(agencies)
        self.fields["flagged_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("document_number", "").strip() and not cleaned.get("document_kind"):
            self.add_error("document_kind", _("Say which document the number is from."))
        return cleaned

    def documents(self) -> list[dict[str, str]]:
        number = self.cleaned_data.get("document_number", "").strip()
        if not number:
            return []
        return [
            {
                "kind": self.cleaned_data["document_kind"],
                "number": number,
                "issuing_country": self.cleaned_data.get("document_country", ""),
            }
        ]


class DocumentForm(_CountryChoicesMixin, forms.Form):
    country_fields = ("issuing_country",)

    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Number"), max_length=60)
    issuing_country = forms.ChoiceField(label=_("Issued by"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fill_countries()


class CaseOpenForm(_AgencyMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency opening the case"), queryset=Agency.objects.none()
    )
    flagged_on = forms.DateField(label=_("Flagged on"), widget=DATE_WIDGET)
    reasons = forms.CharField(
        label=_("Why the person was flagged"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_agencies(agencies)
        self.fields["flagged_on"].initial = timezone.localdate()


class AnonymousCaseForm(_CountryChoicesMixin, CaseOpenForm):
    country_fields = ("citizenship",)

    age = forms.IntegerField(label=_("Age (estimate)"), required=False, min_value=0, max_value=120)
    sex = forms.ChoiceField(label=_("Sex / gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fill_countries()


class CaseEditForm(forms.Form):
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Case worker"), queryset=User.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class CaseFilterForm(_CountryChoicesMixin, forms.Form):
    country_fields = ("citizenship",)

    q = forms.CharField(label=_("Case code"), required=False, max_length=20)
    status = forms.ChoiceField(label=_("Status"), required=False)
    trafficking_status = forms.ChoiceField(
        label=_("HTCDS status"),
        required=False,
        choices=[("", _("Any")), *TraffickingStatus.choices],
    )
    state = forms.ChoiceField(
        label=_("Open or closed"),
        required=False,
        choices=[("", _("Any")), ("open", _("Open")), ("closed", _("Closed"))],
    )
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(
        label=_("Year flagged"), required=False, coerce=int, empty_value=None
    )
    age_group = forms.ChoiceField(
        label=_("Child or adult"),
        required=False,
        choices=[("", _("Any")), ("child", _("Child")), ("adult", _("Adult"))],
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    overdue = forms.BooleanField(label=_("Only with an overdue deadline"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-flagged", _("Newest first")),
            ("flagged", _("Oldest first")),
            ("code", _("Case code")),
            ("status", _("Status")),
            ("-updated", _("Recently changed")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        steps: list[tuple[str, str]],
        agencies: Any,
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._fill_countries()
        self.fields["citizenship"].choices = [("", _("Any")), *country_choices()]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("Any")), *steps]  # type: ignore[attr-defined]
        self.fields["agency"].choices = [("", _("Any")), *((a.pk, str(a)) for a in agencies)]  # type: ignore[attr-defined]
        self.fields["year"].choices = [("", _("Any")), *((y, str(y)) for y in years)]  # type: ignore[attr-defined]

    def criteria(self) -> CaseFilter:
        data = self.cleaned_data
        sort = data.get("sort") or "-flagged"
        return CaseFilter(
            q=data.get("q", "").strip(),
            status=data.get("status", ""),
            trafficking_status=data.get("trafficking_status", ""),
            state=data.get("state", ""),
            agency=data.get("agency"),
            year=data.get("year"),
            age_group=data.get("age_group", ""),
            citizenship=data.get("citizenship", ""),
            overdue=bool(data.get("overdue")),
            sort=sort if sort in SORTS else "-flagged",
        )


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name of this view"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


class ScreeningForm(forms.Form):
    """One radio group per indicator of the checklist (yes / no / not known)."""

    screened_on = forms.DateField(label=_("Screened on"), widget=DATE_WIDGET)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, checklist: IndicatorChecklist, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        self.fields["screened_on"].initial = timezone.localdate()
        language = get_language() or "en"
        for indicator in checklist.indicators:
            self.fields[self.field_name(indicator["code"])] = forms.ChoiceField(
                label=indicator_text(indicator, language),
                choices=ANSWER_CHOICES,
                initial="unknown",
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(code: str) -> str:
        return f"i_{code}"

    def indicator_fields(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [(i, self[self.field_name(i["code"])]) for i in self.checklist.indicators]

    def general_fields(self) -> list[forms.BoundField]:
        return [self["screened_on"], self["notes"]]

    def answers(self) -> dict[str, str]:
        return {
            i["code"]: self.cleaned_data[self.field_name(i["code"])]
            for i in self.checklist.indicators
        }
