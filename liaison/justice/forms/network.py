"""Forms of the network pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.justice.models import EntityKind


class EntityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntityKind.choices)
    value = forms.CharField(label=_("Value"), max_length=300)
    label = forms.CharField(label=_("Label"), max_length=120, required=False)


class LinkForm(forms.Form):
    source_id = forms.TypedChoiceField(label=_("From"), coerce=int)
    relation = forms.CharField(label=_("Relation"), max_length=100)
    target_id = forms.TypedChoiceField(label=_("To"), coerce=int)

    def __init__(self, *args: Any, entities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(e.pk, f"{e.get_kind_display()} · {e.label or e.value}") for e in entities]
        self.fields["source_id"].choices = choices  # type: ignore[attr-defined]
        self.fields["target_id"].choices = choices  # type: ignore[attr-defined]


class PathForm(forms.Form):
    source = forms.TypedChoiceField(label=_("From"), coerce=int)
    target = forms.TypedChoiceField(label=_("To"), coerce=int)

    def __init__(self, *args: Any, nodes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n.id, f"{n.kind_label} · {n.value}") for n in nodes]
        self.fields["source"].choices = choices  # type: ignore[attr-defined]
        self.fields["target"].choices = choices  # type: ignore[attr-defined]
