"""Forms of the network pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.justice.models import EntityKind


class EntityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntityKind.choices)
    value = forms.CharField(label=_("Value"), max_length=300)
    label = forms.CharField(label=_("Label"), max_length=120, required=False)


# Entities are chosen by number (shown in the tables) rather than from a list: a case can hold
# thousands, and a list of every one would make the page slow to build and to use.
class LinkForm(forms.Form):
    source_id = forms.IntegerField(label=_("From entity number"), min_value=1)
    relation = forms.CharField(label=_("Relation"), max_length=100)
    target_id = forms.IntegerField(label=_("To entity number"), min_value=1)


class PathForm(forms.Form):
    source = forms.IntegerField(label=_("From entity number"), min_value=1)
    target = forms.IntegerField(label=_("To entity number"), min_value=1)
