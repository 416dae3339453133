"""Forms of the directory pages: agencies, members and the national procedure."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from liaison.core.geography import country_choices
from liaison.directory.models import (
    Agency,
    AgencyType,
    CountryProfile,
    Membership,
    NationalRole,
    User,
)
from liaison.directory.permissions import roles_assignable_by, scopes_assignable_by
from liaison.directory.procedure import DEADLINE_UNITS
from liaison.directory.roles import Role, Scope
from liaison.directory.selectors import AgencyFilter, parent_candidates

NO_NATIONAL_ROLE = "none"
WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]
UNIT_LABELS = {"working": _("working days"), "calendar": _("calendar days")}
code_validator = RegexValidator(
    r"^[a-z0-9_-]+$", _("Use lower-case letters, digits, - and _ only.")
)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's validation error on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            form.add_error(target, [message for error in errors for message in error.messages])
    else:
        form.add_error(None, exc.messages)


def _country_field(required: bool) -> forms.ChoiceField:
    # Choices are computed per form so the names follow the active language.
    return forms.ChoiceField(label=_("Country"), required=required)


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    country = _country_field(required=False)
    agency_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any")), *AgencyType.choices]
    )
    national_role = forms.ChoiceField(
        label=_("National role"),
        required=False,
        choices=[
            ("", _("Any")),
            (NO_NATIONAL_ROLE, _("None")),
            *[c for c in NationalRole.choices if c[0]],
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any")), *country_choices()]  # type: ignore[attr-defined]

    def criteria(self) -> AgencyFilter:
        data = self.cleaned_data
        role = data.get("national_role") or None
        return AgencyFilter(
            q=data.get("q", "").strip(),
            country=data.get("country", ""),
            agency_type=data.get("agency_type", ""),
            national_role="" if role == NO_NATIONAL_ROLE else role,
        )


class AgencyForm(forms.ModelForm):
    country = _country_field(required=True)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "agency_type",
            "national_role",
            "country",
            "parent",
            "website",
            "is_active",
        ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "---------"), *country_choices()]  # type: ignore[attr-defined]
        self.fields["parent"].queryset = parent_candidates(user=user, agency=self.instance)  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _role_choices(actor: Any, agency: Agency) -> list[tuple[str, Any]]:
    return [(role, Role(role).label) for role in roles_assignable_by(actor, agency)]


def _scope_choices(actor: Any, agency: Agency) -> list[tuple[str, Any]]:
    return [(scope, Scope(scope).label) for scope in scopes_assignable_by(actor, agency)]


class _RoleFieldsMixin:
    fields: dict[str, forms.Field]

    def _offer_roles(self, actor: Any, agency: Agency) -> None:
        self.fields["role"].choices = _role_choices(actor, agency)  # type: ignore[attr-defined]
        self.fields["scope"].choices = _scope_choices(actor, agency)  # type: ignore[attr-defined]


class MemberCreateForm(_RoleFieldsMixin, forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _ only."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The person receives a link at this address to choose a password."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    preferred_language = forms.ChoiceField(label=_("Language"), required=False)
    role = forms.ChoiceField(label=_("Role"))
    scope = forms.ChoiceField(label=_("Scope"), initial=Scope.AGENCY)

    def __init__(self, *args: Any, actor: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offer_roles(actor, agency)
        self.fields["preferred_language"].choices = [("", "---------"), *settings.LANGUAGES]  # type: ignore[attr-defined]

    def clean_username(self) -> str:
        username = User.normalize_username(self.cleaned_data["username"].strip())
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                _(
                    "This user name is taken. To give an existing account a role here, use “Add an existing user”."
                )
            )
        return username


class MembershipAddForm(_RoleFieldsMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"))
    scope = forms.ChoiceField(label=_("Scope"), initial=Scope.AGENCY)

    def __init__(self, *args: Any, actor: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self._offer_roles(actor, agency)

    def clean_username(self) -> User:
        username = User.normalize_username(self.cleaned_data["username"].strip())
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ValidationError(_("There is no account with this user name."))
        if not user.is_active:
            raise ValidationError(_("This account is disabled."))
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user, role = data.get("username"), data.get("role")
        if (
            user is not None
            and role
            and Membership.objects.filter(
                user=user, agency=self.agency, role=role, is_active=True
            ).exists()
        ):
            raise ValidationError(_("This person already holds this role in this agency."))
        return data


class MembershipEditForm(_RoleFieldsMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    scope = forms.ChoiceField(label=_("Scope"))
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        help_text=_("Clear it to take this role away without deleting the record."),
    )

    def __init__(self, *args: Any, actor: Any, membership: Membership, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"role": membership.role, "scope": membership.scope, "is_active": membership.is_active},
        )
        super().__init__(*args, **kwargs)
        self._offer_roles(actor, membership.agency)


# --- the national procedure -----------------------------------------------------------------


def _short(size: int) -> forms.TextInput:
    # Narrow inputs leave the table room for the longer columns.
    return forms.TextInput(attrs={"size": size})


class StepForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, validators=[code_validator], widget=_short(12)
    )
    label = forms.CharField(label=_("Label"), max_length=120, widget=_short(22))
    deciders = forms.MultipleChoiceField(
        label=_("Who may decide"),
        required=False,
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    next = forms.CharField(
        label=_("Next steps"),
        required=False,
        max_length=400,
        widget=_short(16),
        help_text=_("Codes of the steps that may follow, separated by commas."),
    )

    def clean_next(self) -> list[str]:
        return [code.strip() for code in self.cleaned_data["next"].split(",") if code.strip()]


class DeadlineForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, validators=[code_validator], widget=_short(14)
    )
    label = forms.CharField(label=_("Label"), max_length=120, widget=_short(22))
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=3650)
    # A blank first choice keeps the empty extra row unchanged, so it is not validated.
    unit = forms.ChoiceField(
        label=_("Unit"), choices=[("", "---------"), *[(u, UNIT_LABELS[u]) for u in DEADLINE_UNITS]]
    )
    max_days = forms.IntegerField(
        label=_("At most (days)"), required=False, min_value=0, max_value=3650
    )
    starts = forms.CharField(
        label=_("Starts at"),
        required=False,
        max_length=80,
        widget=_short(16),
        help_text=_("The event that starts the count, e.g. referral or reasonable_grounds."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        days, max_days = data.get("days"), data.get("max_days")
        if days is not None and max_days is not None and max_days < days:
            self.add_error("max_days", _("The maximum cannot be shorter than the minimum."))
        return data


StepFormSet = forms.formset_factory(StepForm, extra=1, can_delete=True)
DeadlineFormSet = forms.formset_factory(DeadlineForm, extra=1, can_delete=True)


class CountryProfileForm(forms.Form):
    working_days = forms.TypedMultipleChoiceField(
        label=_("Working days"),
        required=False,
        coerce=int,
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
    )
    holidays = forms.CharField(
        label=_("Public holidays"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One date per line, as YYYY-MM-DD."),
    )
    population = forms.IntegerField(label=_("Population"), required=False, min_value=0)
    population_year = forms.IntegerField(
        label=_("Population year"), required=False, min_value=1900, max_value=2100
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_holidays(self) -> list[str]:
        dates, bad = [], []
        for line in self.cleaned_data["holidays"].splitlines():
            text = line.strip()
            if not text:
                continue
            try:
                dates.append(datetime.date.fromisoformat(text).isoformat())
            except ValueError:
                bad.append(text)
        if bad:
            raise ValidationError(
                _("Not a date (YYYY-MM-DD): %(values)s"), params={"values": ", ".join(bad)}
            )
        return sorted(set(dates))


def _rows(formset: forms.BaseFormSet, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = []
    for form in formset.forms:
        # Extra rows left empty have no cleaned data; rows ticked for deletion are dropped.
        if not form.cleaned_data or form.cleaned_data.get("DELETE"):
            continue
        # Keys this form does not edit (e.g. "renewable" on a deadline) are carried over unchanged.
        row = {key: value for key, value in (form.initial or {}).items() if key not in keys}
        row.update(
            {
                key: form.cleaned_data[key]
                for key in keys
                if form.cleaned_data.get(key) not in (None, "")
            }
        )
        rows.append(row)
    return rows


class CountryProfileEditor:
    """The profile form and its two tables (status ladder, deadlines), validated together."""

    STEP_KEYS = ("code", "label", "deciders", "next")
    DEADLINE_KEYS = ("code", "label", "days", "unit", "max_days", "starts")

    def __init__(self, profile: CountryProfile, data: Any = None) -> None:
        self.profile = profile
        self.form = CountryProfileForm(
            data,
            initial={
                "working_days": profile.working_days,
                "holidays": "\n".join(str(h) for h in profile.holidays or []),
                "population": profile.population,
                "population_year": profile.population_year,
                "notes": profile.notes,
            },
        )
        steps = [
            {**step, "next": ", ".join(step.get("next", []))}
            for step in profile.status_ladder or []
            if isinstance(step, dict)
        ]
        self.steps = StepFormSet(data, initial=steps, prefix="steps")
        deadlines = [d for d in profile.deadlines or [] if isinstance(d, dict)]
        self.deadlines = DeadlineFormSet(data, initial=deadlines, prefix="deadlines")
        self.ladder_errors: list[str] = []
        self.deadline_errors: list[str] = []

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), self.steps.is_valid(), self.deadlines.is_valid()]
        return all(results)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or self.steps.total_error_count()
            or self.deadlines.total_error_count()
            or self.ladder_errors
            or self.deadline_errors
        )

    def service_data(self) -> dict[str, Any]:
        data = self.form.cleaned_data
        return {
            "status_ladder": _rows(self.steps, self.STEP_KEYS),
            "deadlines": _rows(self.deadlines, self.DEADLINE_KEYS),
            "working_days": sorted(data["working_days"]),
            "holidays": data["holidays"],
            "population": data["population"],
            "population_year": data["population_year"],
            "notes": data["notes"],
        }

    def add_service_errors(self, exc: ValidationError) -> None:
        """The model's own checks (e.g. a next step naming no step) shown beside their table."""
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        for field, messages in errors.items():
            if field == "status_ladder":
                self.ladder_errors.extend(messages)
            elif field == "deadlines":
                self.deadline_errors.extend(messages)
            else:
                self.form.add_error(field if field in self.form.fields else None, messages)
