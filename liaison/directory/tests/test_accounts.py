"""Signing in, lockout, two-factor authentication, sessions, passwords and API tokens."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory import services
from liaison.directory.models import ApiToken, User
from liaison.directory.roles import Role
from liaison.directory.tests.factories import MembershipFactory, UserFactory

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "Quiet lantern river 2031"
JOBS_API = "/api/v1/jobs"

pytestmark = pytest.mark.django_db


def member(role: str = Role.CASE_WORKER, **user: Any) -> User:
    account = UserFactory.create(**user)
    MembershipFactory(user=account, role=role)
    return account


def sign_in(client: Client, user: User, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": password}, **extra
    )


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    """The code an authenticator app would show now (``offset`` steps away from now)."""
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + offset,
    )
    return str(value).zfill(device.digits)


def has_russian_catalogue() -> bool:
    """Whether the Russian interface exists; if it does, its compiled catalogue must be current."""
    for directory in settings.LOCALE_PATHS:
        po = Path(directory) / "ru" / "LC_MESSAGES" / "django.po"
        if po.exists():
            mo = po.with_suffix(".mo")
            stale = not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime
            assert not stale, (
                f"{mo} is missing or older than {po.name}: run `liaison compile_translations`"
            )
            return True
    return False


def assert_russian_differs(english: str, russian: str) -> None:
    """Russian must not be the English text once a Russian catalogue exists."""
    if not has_russian_catalogue():
        pytest.skip("no Russian catalogue (locale/ru/LC_MESSAGES/django.po) yet")
    assert english != russian


def visible_text(response: Any) -> str:
    body = response.content.decode()
    main = body.split("<main", 1)[-1].split(">", 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


@pytest.fixture(autouse=True)
def _policy(settings: Any) -> None:
    settings.LIAISON_OTP_POLICY = "personal_data"


# --- signing in ------------------------------------------------------------------------------


def test_login_with_the_right_password_signs_in_and_is_logged(client, settings):
    settings.LIAISON_OTP_POLICY = "off"
    user = member()

    response = sign_in(client, user)

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert client.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert (event.actor_id, event.object_id) == (user.pk, str(user.pk))


def test_login_with_a_wrong_password_is_refused_and_logged(client):
    user = member()

    response = sign_in(client, user, "not the password")

    assert response.status_code in (200, 400)
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (event.actor_id, event.object_label) == (None, user.username)


def test_login_ignores_a_next_address_on_another_site(client, settings):
    settings.LIAISON_OTP_POLICY = "off"
    user = member()

    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_logout_ends_the_session(client, settings):
    settings.LIAISON_OTP_POLICY = "off"
    user = member()
    sign_in(client, user)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=user).exists()


# --- lockout ---------------------------------------------------------------------------------


def _fail_until_locked(client: Client, user: User, **extra: Any) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user, "wrong password", **extra)


def test_lockout_after_the_failure_limit_refuses_even_the_right_password(client):
    user = member()
    assert int(os.environ.get("LIAISON_LOCKOUT_FAILURES", "5")) == settings.AXES_FAILURE_LIMIT

    _fail_until_locked(client, user)
    response = sign_in(client, user)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_one_failure_less_than_the_limit_does_not_lock(client, settings):
    settings.LIAISON_OTP_POLICY = "off"
    user = member()

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, user, "wrong password")
    response = sign_in(client, user)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_lockout_page_is_translated(client):
    user, other = member(), member()
    _fail_until_locked(client, user)
    _fail_until_locked(client, other, HTTP_ACCEPT_LANGUAGE="ru")

    english = sign_in(client, user, HTTP_ACCEPT_LANGUAGE="en")
    russian = sign_in(client, other, HTTP_ACCEPT_LANGUAGE="ru")

    assert english.status_code == russian.status_code == 429
    assert 'lang="ru"' in russian.content.decode()
    assert_russian_differs(visible_text(english), visible_text(russian))


# --- two-factor authentication ---------------------------------------------------------------


def test_case_worker_is_sent_to_two_factor_setup_and_cannot_open_pages_before(client):
    user = member(Role.CASE_WORKER)

    response = sign_in(client, user)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_setup"))
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"] in (reverse("accounts:otp_verify"), reverse("accounts:otp_setup"))


def test_setup_with_the_right_code_turns_two_factor_on(client):
    user = member(Role.CASE_WORKER)
    sign_in(client, user)
    assert client.get(reverse("accounts:otp_setup")).status_code == 200
    device = TOTPDevice.objects.get(user=user)

    response = client.post(reverse("accounts:otp_setup"), {"token": code_for(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.SECURITY, actor=user, purpose="two-factor enrolled"
    ).exists()


def test_setup_with_a_wrong_code_is_refused_and_stays_unverified(client):
    user = member(Role.CASE_WORKER)
    sign_in(client, user)
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=user)
    near = {code_for(device, offset=k) for k in (-1, 0, 1)}
    wrong = next(c for c in ("000000", "111111", "222222", "333333") if c not in near)

    response = client.post(reverse("accounts:otp_setup"), {"token": wrong})

    assert response.status_code == 400
    assert response.context["form"].errors["token"]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("home")).status_code == 302


def test_setup_refuses_a_code_that_is_not_six_digits(client):
    user = member(Role.CASE_WORKER)
    sign_in(client, user)

    response = client.post(reverse("accounts:otp_setup"), {"token": "12ab56"})

    assert response.status_code == 400
    assert response.context["form"].errors["token"]


def test_a_confirmed_device_is_asked_for_at_every_sign_in(client):
    user = member(Role.INVESTIGATOR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    response = sign_in(client, user)
    right = client.post(reverse("accounts:otp_verify"), {"token": code_for(device)})

    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert right.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN, actor=user, purpose="two-factor passed"
    ).exists()


def test_a_wrong_code_at_sign_in_is_refused_logged_and_throttled(client):
    user = member(Role.INVESTIGATOR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(client, user)
    near = {code_for(device, offset=k) for k in (-1, 0, 1)}

    wrong = client.post(
        reverse("accounts:otp_verify"),
        {"token": next(c for c in ("000000", "111111") if c not in near)},
    )
    right_too_soon = client.post(reverse("accounts:otp_verify"), {"token": code_for(device)})

    assert wrong.status_code == 400
    assert wrong.context["form"].errors["token"]
    assert right_too_soon.status_code == 400  # django-otp throttles guessing after a failure
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, actor=user).exists()


def test_partner_is_not_asked_for_two_factor(client):
    user = member(Role.PARTNER)

    response = sign_in(client, user)

    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert client.get(reverse("home")).status_code == 200


def test_policy_off_asks_nobody(client, settings):
    settings.LIAISON_OTP_POLICY = "off"
    user = member(Role.INSTANCE_ADMIN)

    response = sign_in(client, user)

    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert client.get(reverse("directory:user_list")).status_code == 200


def test_policy_all_asks_even_a_partner(client, settings):
    settings.LIAISON_OTP_POLICY = "all"
    user = member(Role.PARTNER)

    response = sign_in(client, user)

    assert response["Location"].startswith(reverse("accounts:otp_setup"))
    assert client.get(reverse("home")).status_code == 302


# --- sessions --------------------------------------------------------------------------------


def test_sessions_end_when_idle_and_when_the_browser_closes():
    assert (
        int(os.environ.get("LIAISON_SESSION_IDLE_SECONDS", str(30 * 60)))
        == settings.SESSION_COOKIE_AGE
    )
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_session_cookie_lives_only_as_long_as_the_browser(client, settings):
    settings.LIAISON_OTP_POLICY = "off"
    sign_in(client, member())

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_every_request_extends_the_session_and_an_idle_one_expires(client, settings):
    settings.LIAISON_OTP_POLICY = "off"
    sign_in(client, member())
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=5)
    )

    client.get(reverse("home"))
    extended = Session.objects.get(session_key=key).expire_date
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    after_idle = client.get(reverse("home"))

    assert extended > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert after_idle.status_code == 302
    assert after_idle["Location"].startswith(reverse("accounts:login"))


# --- passwords -------------------------------------------------------------------------------


def test_password_reset_finds_the_account_by_its_encrypted_email_and_the_link_works(client):
    user = member(email="Maria.Silva@example.pt")

    response = client.post(reverse("accounts:password_reset"), {"email": "maria.silva@EXAMPLE.pt"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Maria.Silva@example.pt"]
    link = re.search(
        r"https?://[^/\s]+(/accounts/password-reset/[^\s]+/[^\s]+/)", str(mail.outbox[0].body)
    )
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        action=AuditAction.SECURITY, actor=user, purpose="password reset"
    ).exists()


def test_password_reset_for_an_unknown_address_sends_nothing_and_looks_the_same(client):
    member(email="known@example.org")

    known = client.post(
        reverse("accounts:password_reset"), {"email": "known@example.org"}, follow=True
    )
    mail.outbox.clear()
    unknown = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )

    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain
    assert visible_text(unknown) == visible_text(known)


def test_password_reset_link_with_a_bad_token_does_not_change_the_password(client):
    user = member()
    uid = reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})

    page = client.get(uid, follow=True)
    client.post(uid, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert page.status_code == 200
    assert page.context["validlink"] is False
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_keeps_the_session_and_is_logged(client_for):
    user = member()
    client = client_for(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.SECURITY, actor=user, purpose="password changed"
    ).exists()


def test_password_change_with_a_wrong_old_password_changes_nothing(client_for):
    user = member()

    response = client_for(user).post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.context["form"].errors["old_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# --- API tokens ------------------------------------------------------------------------------


def _create_token(client: Client, **form: Any) -> str:
    response = client.post(reverse("accounts:token_create"), {"name": "nightly import", **form})
    assert response.status_code == 200
    return str(response.context["new_secret"])


def test_created_token_works_as_bearer(client_for):
    user = member()
    secret = _create_token(client_for(user))

    response = Client().get(JOBS_API, HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 200
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_token_secret_is_stored_only_as_a_hash():
    user = member()
    _token, secret = services.api_token_create(actor=user, name="script")

    with connection.cursor() as cursor:
        dump = []
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            dump += [str(value) for row in cursor.fetchall() for value in row]
    everything = "\n".join(dump)

    assert secret[12:] not in everything
    assert secret not in everything


def test_bad_bearer_tokens_are_refused():
    user = member()
    _token, secret = services.api_token_create(actor=user, name="script")

    assert Client().get(JOBS_API).status_code == 401
    assert Client().get(JOBS_API, HTTP_AUTHORIZATION="Bearer lsn_not-a-token").status_code == 401
    assert Client().get(JOBS_API, HTTP_AUTHORIZATION=f"Bearer {secret[:-1]}").status_code == 401


def test_revoked_token_is_refused(client_for):
    user = member()
    client = client_for(user)
    secret = _create_token(client)
    token = ApiToken.objects.get(user=user)

    revoked = client.post(reverse("accounts:token_revoke", kwargs={"token_id": token.pk}))

    assert revoked.status_code == 302
    assert Client().get(JOBS_API, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_expired_token_is_refused():
    user = member()
    token, secret = services.api_token_create(actor=user, name="script")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert Client().get(JOBS_API, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_token_of_a_deactivated_user_is_refused():
    user = member()
    _token, secret = services.api_token_create(actor=user, name="script")
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert Client().get(JOBS_API, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_token_with_an_expiry_in_the_past_cannot_be_created(client_for):
    user = member()

    response = client_for(user).post(
        reverse("accounts:token_create"), {"name": "old", "expires_at": "2000-01-01"}
    )

    assert response.status_code == 400
    assert response.context["token_form"].errors["expires_at"]
    assert not ApiToken.objects.filter(user=user).exists()


def test_another_users_token_cannot_be_revoked(client_for):
    owner, intruder = member(), member()
    token, secret = services.api_token_create(actor=owner, name="script")

    page = client_for(intruder).post(
        reverse("accounts:token_revoke", kwargs={"token_id": token.pk})
    )

    assert page.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client().get(JOBS_API, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
