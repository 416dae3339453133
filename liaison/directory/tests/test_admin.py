"""Django admin: pages render, writes are logged, no password or token hash is ever shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory import services
from liaison.directory.models import Agency, AgencyType, Membership, User
from liaison.directory.roles import Role, Scope
from liaison.directory.tests.factories import (
    AgencyFactory,
    CountryProfileFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NO_MEMBERSHIPS = {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}


@pytest.fixture
def admin_client(client_for):
    return client_for(UserFactory.create(username="root", is_staff=True, is_superuser=True))


def _user_form(**changes):
    return {
        "username": "new.admin.user",
        "full_name": "Madina Saidova",
        "email": "madina@example.org",
        "phone": "",
        "preferred_language": "",
        "is_active": "on",
        **NO_MEMBERSHIPS,
        **changes,
    }


@pytest.mark.parametrize("model", ["user", "agency", "membership", "countryprofile", "apitoken"])
def test_every_changelist_renders(admin_client, model):
    MembershipFactory.create()
    CountryProfileFactory.create()

    assert admin_client.get(reverse(f"admin:directory_{model}_changelist")).status_code == 200


def test_admin_is_refused_to_non_staff(make_member, client_for):
    response = client_for(make_member(Role.INSTANCE_ADMIN)).get(
        reverse("admin:directory_user_changelist")
    )

    assert response.status_code == 403


def test_creating_a_user_in_the_admin_sets_no_password_and_is_logged(admin_client):
    response = admin_client.post(reverse("admin:directory_user_add"), _user_form())

    user = User.objects.get(username="new.admin.user")
    assert response.status_code == 302
    assert not user.has_usable_password()
    assert user.email == "madina@example.org"
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="directory.user")
    assert event.purpose == "administration"
    assert "email" in event.fields
    assert "full_name" in event.fields


def test_user_change_page_shows_decrypted_fields_but_no_password_and_logs_the_reading(admin_client):
    person = UserFactory.create(full_name="Oydin Nazarova")

    response = admin_client.get(reverse("admin:directory_user_change", args=[person.pk]))

    assert response.status_code == 200
    assert 'value="Oydin Nazarova"' in response.text
    assert 'name="password"' not in response.text
    assert person.password not in response.text
    assert 'name="email_index"' not in response.text
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(person.pk), purpose="administration"
    ).exists()


def test_changing_a_users_email_in_the_admin_updates_the_index_and_the_log(admin_client):
    person = UserFactory.create(username="olim")

    response = admin_client.post(
        reverse("admin:directory_user_change", args=[person.pk]),
        _user_form(username="olim", full_name=person.full_name, email="olim.new@example.org"),
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert person.email == "olim.new@example.org"
    assert User.objects.filter(email_index=person.email_index).get() == person
    assert AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(person.pk)).fields == [
        "email"
    ]


def test_admin_agency_with_membership_inline_logs_each_row(admin_client):
    person = UserFactory.create()

    response = admin_client.post(
        reverse("admin:directory_agency_add"),
        {
            "name": "Linha SOS",
            "short_name": "",
            "agency_type": AgencyType.NGO,
            "national_role": "",
            "country": "PT",
            "website": "",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": person.pk,
            "memberships-0-role": Role.CASE_WORKER,
            "memberships-0-scope": Scope.AGENCY,
            "memberships-0-is_active": "on",
        },
    )

    agency = Agency.objects.get(name="Linha SOS")
    membership = Membership.objects.get(agency=agency)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="directory.agency", object_id=str(agency.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="directory.membership", object_id=str(membership.pk)
    ).exists()


def test_admin_agency_form_refuses_an_unknown_country(admin_client):
    response = admin_client.post(
        reverse("admin:directory_agency_add"),
        {
            "name": "Nowhere",
            "agency_type": AgencyType.NGO,
            "country": "XX",
            **NO_MEMBERSHIPS,
        },
    )

    assert response.status_code == 200
    assert not Agency.objects.filter(name="Nowhere").exists()


def test_deleting_in_the_admin_is_logged(admin_client):
    membership = MembershipFactory.create()

    response = admin_client.post(
        reverse("admin:directory_membership_delete", args=[membership.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_id=str(membership.pk)
    ).exists()


def test_country_profile_admin_shows_the_models_validation_errors(admin_client):
    profile = CountryProfileFactory.create()

    response = admin_client.post(
        reverse("admin:directory_countryprofile_change", args=[profile.pk]),
        {
            "country": "PT",
            "is_home": "on",
            "status_ladder": '[{"code": "a", "next": ["b"]}]',
            "deadlines": "[]",
            "working_days": "[1, 2, 3, 4, 5]",
            "holidays": "[]",
            "population": "",
            "population_year": "",
            "notes": "",
        },
    )

    profile.refresh_from_db()
    assert response.status_code == 200
    assert "leads to unknown steps" in response.text
    assert profile.status_ladder == []


def test_api_token_admin_is_read_only_and_never_shows_the_hash(admin_client):
    owner = UserFactory.create()
    token, secret = services.api_token_create(actor=owner, name="nightly export")
    change_url = reverse("admin:directory_apitoken_change", args=[token.pk])

    page = admin_client.get(change_url)
    listing = admin_client.get(reverse("admin:directory_apitoken_changelist"))
    add = admin_client.get(reverse("admin:directory_apitoken_add"))
    edit = admin_client.post(change_url, {"name": "renamed", "token_hash": "0" * 64})

    token.refresh_from_db()
    assert page.status_code == 200
    assert "nightly export" in page.text
    for response in (page, listing):
        assert token.token_hash not in response.text
        assert secret not in response.text
    assert 'name="token_hash"' not in page.text
    assert 'name="name"' not in page.text
    assert add.status_code == 403
    assert edit.status_code == 403
    assert token.name == "nightly export"


def test_send_invitation_action(admin_client, make_member):
    from django.core import mail

    agency = AgencyFactory.create()
    person = make_member(Role.CASE_WORKER, agency)

    response = admin_client.post(
        reverse("admin:directory_user_changelist"),
        {"action": "send_invitation", "_selected_action": [person.pk]},
    )

    assert response.status_code == 302
    assert mail.outbox[0].to == [person.email]
