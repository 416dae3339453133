"""Writes of the service directory: shelters, legal aid, health, interpretation, return …"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.nrm.models import Provider, ProviderService
from liaison.nrm.permissions import can_manage_provider
from liaison.nrm.services.profile import check_values

PROVIDER_FIELDS = (
    "name",
    "agency",
    "services",
    "country",
    "region",
    "capacity",
    "places_free",
    "languages",
    "accepts_children",
    "contact",
    "is_active",
)
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in data.items() if k in PROVIDER_FIELDS}
    if "services" in cleaned:
        cleaned["services"] = check_values("services", cleaned["services"] or [], ProviderService)
        if not cleaned["services"]:
            raise ValidationError({"services": [_("Choose at least one service.")]})
    if "languages" in cleaned:
        languages: list[str] = []
        for code in cleaned["languages"] or []:
            code = str(code).strip().lower()
            if not LANGUAGE_CODE.match(code):
                raise ValidationError(
                    {
                        "languages": [
                            _("“%(value)s” is not an ISO 639 language code.") % {"value": code}
                        ]
                    }
                )
            if code not in languages:
                languages.append(code)
        cleaned["languages"] = languages
    if "country" in cleaned:
        cleaned["country"] = (cleaned["country"] or "").upper()
    for name in ("name", "region", "contact"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


@transaction.atomic
def provider_create(*, actor: Any, request: HttpRequest | None = None, **data: Any) -> Provider:
    cleaned = _clean(data)
    provider = Provider(**cleaned)
    _deny_unless(can_manage_provider(actor, provider))
    if "services" not in cleaned:
        raise ValidationError({"services": [_("Choose at least one service.")]})
    provider.full_clean()
    provider.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=provider,
        fields=cleaned.keys(),
        purpose="service directory",
        request=request,
    )
    return provider


@transaction.atomic
def provider_update(
    *, actor: Any, provider: Provider, request: HttpRequest | None = None, **data: Any
) -> Provider:
    _deny_unless(can_manage_provider(actor, provider))
    cleaned = _clean(data)
    changed = [k for k, v in cleaned.items() if getattr(provider, k) != v]
    for name in changed:
        setattr(provider, name, cleaned[name])
    # Moving an entry to another agency is managing that agency's entry too.
    _deny_unless(can_manage_provider(actor, provider))
    provider.full_clean()
    if changed:
        provider.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=provider,
            fields=changed,
            purpose="service directory",
            request=request,
        )
    return provider
