"""Forms of the exploitation profile and of the trafficking events."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.utils.translation import gettext_lazy as _

from liaison.core.geography import country_choices
from liaison.core.vocabularies import (
    ExploitationType,
    Industry,
    MeansOfControl,
    OnlinePlatform,
    RecruitmentMethod,
    RelationToRecruiter,
    SexualExploitationType,
    TraffickingEventType,
)

DATE = djforms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _many(label: Any, choices: Any) -> djforms.MultipleChoiceField:
    return djforms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=djforms.CheckboxSelectMultiple
    )


class ExploitationProfileForm(djforms.Form):
    forms = _many(_("Forms of exploitation"), ExploitationType.choices)
    industry = djforms.ChoiceField(
        label=_("Industry (forced labour, ISIC section)"),
        choices=[("", "---------"), *Industry.choices],
        required=False,
    )
    sexual_exploitation_types = _many(
        _("Types of sexual exploitation"), SexualExploitationType.choices
    )
    means_of_control = _many(_("Means of control"), MeansOfControl.choices)
    recruitment_methods = _many(_("How the person was recruited"), RecruitmentMethod.choices)
    relation_to_recruiter = djforms.ChoiceField(
        label=_("Relation to the recruiter"),
        choices=[("", "---------"), *RelationToRecruiter.choices],
        required=False,
    )
    recruitment_platforms = _many(_("Online platforms used to recruit"), OnlinePlatform.choices)
    exploitation_platforms = _many(_("Online platforms used to exploit"), OnlinePlatform.choices)
    also_smuggled = djforms.NullBooleanField(
        label=_("Was the person also smuggled?"),
        required=False,
        widget=djforms.NullBooleanSelect,
    )
    notes = djforms.CharField(
        label=_("Notes"), required=False, widget=djforms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, is_child: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_child:
            self.fields["means_of_control"].help_text = _(
                "For a child no means are needed for the exploitation to be trafficking: "
                "record any that are known, or none."
            )

    @classmethod
    def initial_from(cls, profile: Any) -> dict[str, Any]:
        if profile is None:
            return {}
        return {name: getattr(profile, name) for name in cls.base_fields}


class TraffickingEventForm(djforms.Form):
    kind = djforms.ChoiceField(label=_("Event"), choices=TraffickingEventType.choices)
    country = djforms.ChoiceField(label=_("Country"))
    place = djforms.CharField(label=_("Place"), required=False, max_length=300)
    started_on = djforms.DateField(label=_("From"), required=False, widget=DATE)
    ended_on = djforms.DateField(label=_("Until"), required=False, widget=DATE)
    description = djforms.CharField(
        label=_("What happened"), required=False, widget=djforms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "---------"), *country_choices()]  # type: ignore[attr-defined]
