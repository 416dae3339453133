"""Forms to send a handover, answer it, ask for a transfer, and notify anonymously."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.directory.models import Agency
from liaison.nrm.models import Case, HandoverKind, Section
from liaison.nrm.selectors.handovers import (
    colleagues_for_assignment,
    handover_recipients,
    providers_for_referral,
)

SENDABLE_KINDS = [
    (k, label) for k, label in HandoverKind.choices if k != HandoverKind.TRANSFER_REQUEST
]


class HandoverForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SENDABLE_KINDS)
    to_agency = forms.ModelChoiceField(
        label=_("To agency (referral or transfer)"), queryset=Agency.objects.none(), required=False
    )
    provider = forms.ModelChoiceField(
        label=_("Service from the directory (optional)"),
        queryset=Agency.objects.none(),
        required=False,
    )
    to_user = forms.ModelChoiceField(
        label=_("To colleague (assignment)"), queryset=Agency.objects.none(), required=False
    )
    sections = forms.MultipleChoiceField(
        label=_("Parts of the case the recipient may see"),
        choices=Section.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Message to the recipient"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    override_reason = forms.CharField(
        label=_("Reason to send without the person's consent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when there is no valid consent and your role may override it. "
            "The reason is recorded in the access log."
        ),
    )

    def __init__(self, *args: Any, case: Case, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = handover_recipients(case=case)  # type: ignore[attr-defined]
        self.fields["provider"].queryset = providers_for_referral(user=user)  # type: ignore[attr-defined]
        self.fields["to_user"].queryset = colleagues_for_assignment(case=case)  # type: ignore[attr-defined]
        if case.is_child:
            self.fields["override_reason"].help_text = _(
                "The person is a child: a referral needs no consent."
            )

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "to_agency": data.get("to_agency"),
            "provider": data.get("provider"),
            "to_user": data.get("to_user"),
            "sections": data.get("sections") or [],
            "reason": data.get("reason", ""),
            "override_reason": data.get("override_reason", ""),
        }


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    override_reason = forms.CharField(
        label=_("Reason to hand over without the person's consent (transfer requests)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DoneForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransferRequestForm(forms.Form):
    from_agency = forms.ModelChoiceField(label=_("For agency"), queryset=Agency.objects.none())
    reason = forms.CharField(
        label=_("Why your agency should take over the case"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in agencies]
        ).order_by("name")


class AnonymousNotificationForm(forms.Form):
    to_agency = forms.ModelChoiceField(
        label=_("Competent authority to notify"), queryset=Agency.objects.none()
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = handover_recipients(case=case)  # type: ignore[attr-defined]
