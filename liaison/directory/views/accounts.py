"""Signing in and out, two-factor authentication, passwords, the profile and API tokens."""

from __future__ import annotations

import datetime
from typing import Any, cast

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory import services
from liaison.directory.forms_accounts import (
    AlertPreferenceForm,
    BlindIndexPasswordResetForm,
    OtpTokenForm,
    TokenCreateForm,
)
from liaison.directory.models import User
from liaison.directory.permissions import active_memberships, api_tokens_visible_to, requires_otp


def _user(request: HttpRequest) -> User:
    """The signed-in user: the access matrix lets no anonymous request reach these views."""
    return cast(User, request.user)


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class InvalidFormIs400:
    """A form sent back with errors answers 400 Bad Request, as every other form here does."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class LiaisonLoginView(InvalidFormIs400, auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        audit_record(actor=user, action=AuditAction.LOGIN, obj=user, request=self.request)
        if requires_otp(user):
            target = "accounts:otp_verify" if _confirmed_device(user) else "accounts:otp_setup"
            return HttpResponseRedirect(
                f"{reverse(target)}?{urlencode({'next': self.get_success_url()})}"
            )
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        attempted = str(self.request.POST.get("username", ""))[:150]
        audit_record(
            actor=None,
            action=AuditAction.LOGIN_FAILED,
            object_type="directory.user",
            object_label=attempted,
            request=self.request,
        )
        return super().form_invalid(form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.LOGOUT, obj=_user(request), request=request)
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("accounts:login")


def _confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the secret as a QR code and text, confirm with a code."""
    user = _user(request)
    if _confirmed_device(user):
        return redirect("accounts:otp_verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(
                actor=user,
                action=AuditAction.SECURITY,
                obj=user,
                purpose="two-factor enrolled",
                request=request,
            )
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_safe_next(request, reverse("home")))
        form.add_error(
            "token", _("That code is not valid. Check the time on your phone and try again.")
        )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_data_uri": qr.svg_data_uri(scale=5, dark="#1b1f24"),
        "secret": _group(device.bin_key),
        "next": _safe_next(request, ""),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/otp_setup.html", context, status=status)


def _group(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    device = _confirmed_device(user)
    if device is None:
        return redirect("accounts:otp_setup")
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            audit_record(
                actor=user,
                action=AuditAction.LOGIN,
                obj=user,
                purpose="two-factor passed",
                request=request,
            )
            return redirect(_safe_next(request, reverse("home")))
        audit_record(
            actor=user,
            action=AuditAction.LOGIN_FAILED,
            obj=user,
            purpose="two-factor code wrong",
            request=request,
        )
        form.add_error(
            "token", _("That code is not valid. Check the time on your phone and try again.")
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": _safe_next(request, "")},
        status=status,
    )


class LiaisonPasswordChangeView(InvalidFormIs400, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            actor=self.request.user,
            action=AuditAction.SECURITY,
            obj=_user(self.request),
            fields=["password"],
            purpose="password changed",
            request=self.request,
        )
        return response


class LiaisonPasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class LiaisonPasswordResetView(InvalidFormIs400, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = BlindIndexPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class LiaisonPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class LiaisonPasswordResetConfirmView(InvalidFormIs400, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action=AuditAction.SECURITY,
            obj=form.user,
            fields=["password"],
            purpose="password reset",
            request=self.request,
        )
        return response


class LiaisonPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _profile_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "memberships": active_memberships(request.user),
        "tokens": api_tokens_visible_to(request.user),
        "has_two_factor": _confirmed_device(request.user) is not None,
        "token_form": extra.pop("token_form", None) or TokenCreateForm(),
        "alert_form": extra.pop("alert_form", None)
        or AlertPreferenceForm(initial={"email_alerts": _user(request).email_alerts}),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The profile; a POST saves the e-mail alert preference."""
    user = _user(request)
    form = AlertPreferenceForm(request.POST or None, initial={"email_alerts": user.email_alerts})
    if request.method == "POST" and form.is_valid():
        services.user_update(
            actor=user, user=user, email_alerts=form.cleaned_data["email_alerts"], request=request
        )
        messages.success(request, _("Your alert preference is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", _profile_context(request, alert_form=form))


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return render(
            request, "accounts/profile.html", _profile_context(request, token_form=form), status=400
        )
    expires = form.cleaned_data["expires_at"]
    expires_at = (
        timezone.make_aware(datetime.datetime.combine(expires, datetime.time.max))
        if expires
        else None
    )
    if expires_at is not None and expires_at <= timezone.now():
        form.add_error("expires_at", _("The expiry date must be in the future."))
        return render(
            request, "accounts/profile.html", _profile_context(request, token_form=form), status=400
        )
    token, secret = services.api_token_create(
        actor=_user(request), name=form.cleaned_data["name"], expires_at=expires_at, request=request
    )
    return render(
        request,
        "accounts/profile.html",
        _profile_context(request, new_token=token, new_secret=secret),
    )


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_visible_to(request.user), pk=token_id)
    services.api_token_revoke(actor=_user(request), token=token, request=request)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:profile")
