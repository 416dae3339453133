"""Forms of the service directory: the filter of the list, and an entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.geography import country_choices
from liaison.directory.models import Agency
from liaison.nrm.models import ProviderService
from liaison.nrm.selectors.handovers import ProviderFilter

YES_NO_ANY = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]


class ProviderFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    service = forms.ChoiceField(
        label=_("Service"), required=False, choices=[("", _("Any")), *ProviderService.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    language = forms.RegexField(
        label=_("Language (ISO 639)"),
        regex=r"^[A-Za-z]{2,3}$",
        required=False,
        error_messages={"invalid": _("Use a two- or three-letter language code.")},
    )
    children = forms.ChoiceField(label=_("Takes children"), required=False, choices=YES_NO_ANY)
    free_places = forms.BooleanField(label=_("Only with free places"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any")), *country_choices()]  # type: ignore[attr-defined]

    def criteria(self) -> ProviderFilter:
        data = self.cleaned_data
        children = {"yes": True, "no": False}.get(data.get("children") or "")
        return ProviderFilter(
            service=data.get("service", ""),
            country=data.get("country", ""),
            region=data.get("region", "").strip(),
            language=(data.get("language") or "").lower(),
            children=children,
            free_places=bool(data.get("free_places")),
            q=data.get("q", "").strip(),
        )


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    agency = forms.ModelChoiceField(
        label=_("Agency running it (optional)"), queryset=Agency.objects.none(), required=False
    )
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=ProviderService.choices, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ChoiceField(label=_("Country"))
    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    capacity = forms.IntegerField(label=_("Places"), required=False, min_value=0)
    places_free = forms.IntegerField(label=_("Places free"), required=False, min_value=0)
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("ISO 639 codes separated by commas, e.g. pt, en, uz, ru."),
    )
    accepts_children = forms.BooleanField(label=_("Takes children"), required=False)
    contact = forms.CharField(label=_("Contact"), required=False, max_length=200)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["country"].choices = [("", "---------"), *country_choices()]  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(provider: Any) -> dict[str, Any]:
        return {
            **{
                name: getattr(provider, name)
                for name in ("name", "agency", "services", "country", "region", "capacity",
                             "places_free", "accepts_children", "contact", "is_active")
            },
            "languages": ", ".join(provider.languages or []),
        }  # fmt: skip

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["languages"] = [
            p.strip() for p in (data.get("languages") or "").split(",") if p.strip()
        ]
        return data
