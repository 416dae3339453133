"""Forms to record a consent and to withdraw it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.directory.models import Agency
from liaison.nrm.forms.profile import DATE
from liaison.nrm.models import ConsentPurpose


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    recipient = forms.ModelChoiceField(
        label=_("Agency (for a referral)"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("For a referral: the agency the person agrees to be referred to."),
    )
    given = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("The person agrees")), ("no", _("The person refuses"))],
        coerce=lambda value: value == "yes",
    )
    given_on = forms.DateField(label=_("Date"), widget=DATE)
    language = forms.CharField(
        label=_("Language of the conversation (ISO 639)"), required=False, max_length=8
    )
    interpreter_present = forms.BooleanField(label=_("An interpreter was present"), required=False)
    guardian_name = forms.CharField(
        label=_("Guardian (for a child)"), required=False, max_length=200
    )

    def __init__(self, *args: Any, is_child: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = Agency.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        if is_child:
            self.fields["guardian_name"].required = True
            self.fields["guardian_name"].help_text = _(
                "A child's referral needs no consent; other purposes are decided with the guardian."
            )


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
