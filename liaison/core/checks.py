"""System checks: the instance does not start with unusable keys."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.core.exceptions import ImproperlyConfigured

from liaison.core import crypto


@register()
def check_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    for setting in ("LIAISON_FIELD_KEYS", "LIAISON_BLIND_INDEX_KEYS"):
        try:
            crypto.parse_keyring(list(getattr(settings, setting)), setting=setting)
        except ImproperlyConfigured as exc:
            problems.append(Error(str(exc), id="liaison.E001"))
    if settings.LIAISON_OTP_POLICY not in ("all", "personal_data", "off"):
        problems.append(
            Error("LIAISON_OTP_POLICY must be one of: all, personal_data, off.", id="liaison.E002")
        )
    return problems


@register(deploy=True)
def check_two_factor_in_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.LIAISON_OTP_POLICY == "off":
        return [
            Warning(
                "Two-factor authentication is off (LIAISON_OTP_POLICY=off): users who see personal "
                "data sign in with a password alone.",
                id="liaison.W001",
            )
        ]
    return []
