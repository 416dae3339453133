"""Every write in the directory: agencies, users and memberships, the country profile, tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory import permissions
from liaison.directory.models import Agency, ApiToken, CountryProfile, Membership, User
from liaison.directory.roles import Scope

AGENCY_FIELDS = (
    "name",
    "short_name",
    "agency_type",
    "national_role",
    "country",
    "parent",
    "website",
    "is_active",
)
PROFILE_FIELDS = (
    "status_ladder",
    "deadlines",
    "working_days",
    "holidays",
    "population",
    "population_year",
    "notes",
)
USER_PERSONAL_FIELDS = ("full_name", "email", "phone")


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _apply_changes(
    *,
    actor: Any,
    obj: Any,
    data: dict[str, Any],
    allowed: Iterable[str],
    request: HttpRequest | None,
) -> list[str]:
    """Set the allowed fields that differ, validate, save only those and log them."""
    changed = [k for k in data if k in allowed and getattr(obj, k) != data[k]]
    for name in changed:
        setattr(obj, name, data[name])
    obj.full_clean()
    if changed:
        obj.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=obj, fields=changed, request=request
        )
    return changed


@transaction.atomic
def agency_create(*, actor: Any, request: HttpRequest | None = None, **data: Any) -> Agency:
    _deny_unless(actor is None or permissions.can_create_agency(actor))
    agency = Agency(**{k: v for k, v in data.items() if k in AGENCY_FIELDS})
    agency.full_clean()
    agency.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=agency, fields=data.keys(), request=request
    )
    return agency


@transaction.atomic
def agency_update(
    *, actor: Any, agency: Agency, request: HttpRequest | None = None, **data: Any
) -> Agency:
    _deny_unless(actor is None or permissions.can_change_agency(actor, agency))
    _apply_changes(actor=actor, obj=agency, data=data, allowed=AGENCY_FIELDS, request=request)
    return agency


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None = None,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    preferred_language: str = "",
    is_staff: bool = False,
    request: HttpRequest | None = None,
) -> User:
    user = User(
        username=User.normalize_username(username),
        full_name=full_name,
        email=email,
        phone=phone,
        preferred_language=preferred_language,
        is_staff=is_staff,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()  # the person sets one through the password-reset e-mail
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=user,
        fields=["username", *[f for f in USER_PERSONAL_FIELDS if getattr(user, f)]],
        request=request,
    )
    return user


@transaction.atomic
def user_update(*, actor: Any, user: User, request: HttpRequest | None = None, **data: Any) -> User:
    allowed = {*USER_PERSONAL_FIELDS, "preferred_language", "is_active", "email_alerts"}
    changed = [k for k in data if k in allowed and getattr(user, k) != data[k]]
    for name in changed:
        setattr(user, name, data[name])
    user.full_clean(exclude=["password"])
    if changed:
        user.save(update_fields=[*changed, *(["email_index"] if "email" in changed else [])])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=user, fields=changed, request=request
        )
    return user


@transaction.atomic
def membership_add(
    *,
    actor: Any,
    agency: Agency,
    user: User,
    role: str,
    scope: str = Scope.AGENCY,
    request: HttpRequest | None = None,
) -> Membership:
    _deny_unless(actor is None or role in permissions.roles_assignable_by(actor, agency))
    _deny_unless(actor is None or scope in permissions.scopes_assignable_by(actor, agency))
    membership, created = Membership.objects.get_or_create(
        user=user, agency=agency, role=role, defaults={"scope": scope, "is_active": True}
    )
    if not created:
        membership.scope, membership.is_active = scope, True
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=membership,
        fields=["role", "scope", "is_active"],
        request=request,
    )
    return membership


@transaction.atomic
def member_create(
    *,
    actor: Any,
    agency: Agency,
    role: str,
    scope: str = Scope.AGENCY,
    request: HttpRequest | None = None,
    **user_data: Any,
) -> Membership:
    """A new person joins an agency: the account and its first role in one step."""
    _deny_unless(actor is None or role in permissions.roles_assignable_by(actor, agency))
    _deny_unless(actor is None or scope in permissions.scopes_assignable_by(actor, agency))
    user = user_create(actor=actor, request=request, **user_data)
    return membership_add(
        actor=actor, agency=agency, user=user, role=role, scope=scope, request=request
    )


@transaction.atomic
def membership_update(
    *, actor: Any, membership: Membership, request: HttpRequest | None = None, **data: Any
) -> Membership:
    agency = membership.agency
    _deny_unless(actor is None or permissions.can_manage_members(actor, agency))
    if "role" in data:
        _deny_unless(
            actor is None or data["role"] in permissions.roles_assignable_by(actor, agency)
        )
    _deny_unless(actor is None or membership.role in permissions.roles_assignable_by(actor, agency))
    if "scope" in data:
        _deny_unless(
            actor is None or data["scope"] in permissions.scopes_assignable_by(actor, agency)
        )
    _apply_changes(
        actor=actor,
        obj=membership,
        data=data,
        allowed=("role", "scope", "is_active"),
        request=request,
    )
    permissions.forget_memberships(membership.user)
    return membership


@transaction.atomic
def country_profile_update(
    *, actor: Any, profile: CountryProfile, request: HttpRequest | None = None, **data: Any
) -> CountryProfile:
    _deny_unless(actor is None or permissions.can_edit_country_profile(actor, profile))
    _apply_changes(actor=actor, obj=profile, data=data, allowed=PROFILE_FIELDS, request=request)
    return profile


@transaction.atomic
def country_profile_create(
    *, actor: Any, request: HttpRequest | None = None, **data: Any
) -> CountryProfile:
    _deny_unless(actor is None or permissions.has_capability(actor, "directory.manage_agencies"))
    profile = CountryProfile(
        **{k: v for k, v in data.items() if k in (*PROFILE_FIELDS, "country", "is_home")}
    )
    profile.full_clean()
    profile.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=profile, fields=data.keys(), request=request
    )
    return profile


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, expires_at: Any = None, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """Returns the token row and the secret, which is never stored and shown only now."""
    secret = "lsn_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        name=name,
        prefix=secret[:12],
        token_hash=hash_token(secret),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action=AuditAction.SECURITY,
        obj=token,
        fields=["api_token"],
        purpose="token created",
        request=request,
    )
    return token, secret


@transaction.atomic
def api_token_revoke(
    *, actor: User, token: ApiToken, request: HttpRequest | None = None
) -> ApiToken:
    _deny_unless(token.user_id == actor.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditAction.SECURITY,
            obj=token,
            fields=["api_token"],
            purpose="token revoked",
            request=request,
        )
    return token


def api_token_authenticate(secret: str) -> User | None:
    """The active user behind a usable token, or None. Marks the token as used."""
    if not secret.startswith("lsn_"):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(secret)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_invite(*, actor: Any, user: User, request: HttpRequest) -> None:
    """E-mail a new person the one-time link to choose a password (the password-reset link).

    Django's reset machinery logs a mail that cannot be sent instead of raising, so the account
    stays created and the person can still use "forgot password" later.
    """
    memberships = user.memberships.select_related("agency")
    _deny_unless(
        actor is None or any(permissions.can_manage_members(actor, m.agency) for m in memberships)
    )
    if not user.email or not user.is_active:
        return
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "site_name": settings.LIAISON_INSTANCE_NAME,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "inviter": actor.get_full_name() if actor is not None else settings.LIAISON_INSTANCE_NAME,
    }
    PasswordResetForm().send_mail(
        "directory/invitation_subject.txt",
        "directory/invitation_email.txt",
        context,
        None,
        user.email,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SECURITY,
        obj=user,
        fields=["email"],
        purpose="invitation sent",
        request=request,
    )
