"""Fixtures shared by every app's tests: agencies, users with roles, signed-in clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.directory.models import Agency, Membership, User
from liaison.directory.tests.factories import AgencyFactory, MembershipFactory, UserFactory

# Lets transactional and live-server tests empty the tables although the access log is append-only.
pytest_plugins = ["liaison.core.tests.append_only_plugin"]


@pytest.fixture
def agency(db: Any) -> Agency:
    return AgencyFactory(name="Agency A")


@pytest.fixture
def other_agency(db: Any) -> Agency:
    return AgencyFactory(name="Agency B")


@pytest.fixture
def make_member(db: Any) -> Callable[..., User]:
    """A user holding ``role`` in ``agency`` (a new agency when none is given)."""

    def make(role: str, agency: Agency | None = None, **membership: Any) -> User:
        user = UserFactory()
        MembershipFactory(user=user, agency=agency or AgencyFactory(), role=role, **membership)
        return user

    return make


def verified_client(user: User) -> Client:
    """A client signed in as ``user`` who has passed two-factor authentication."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    return verified_client


@pytest.fixture
def membership_of() -> Callable[[User], Membership]:
    return lambda user: user.memberships.get()
