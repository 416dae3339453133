"""Forms for signing in, two-factor authentication, passwords and API tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import blind_lookup
from liaison.directory.models import User


class OtpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return token


class BlindIndexPasswordResetForm(PasswordResetForm):
    """E-mail addresses are encrypted, so the account is found through its blind index."""

    def get_users(self, email: str) -> Any:
        users = blind_lookup(User.objects.filter(is_active=True), "email_index", email)
        return (user for user in users if user.email and user.email.casefold() == email.casefold())


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100)
    expires_at = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a token that lasts until you revoke it."),
    )


class AlertPreferenceForm(forms.Form):
    email_alerts = forms.BooleanField(
        label=_("E-mail me about deadlines and handovers"),
        required=False,
        help_text=_("The e-mail says only that something is waiting, never who it concerns."),
    )
