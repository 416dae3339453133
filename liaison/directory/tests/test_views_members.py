"""Member pages: lists and details scoped to the agency, creating people, giving and changing roles."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.models import Membership, User
from liaison.directory.roles import Role, Scope
from liaison.directory.tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- members --------------------------------------------------------------------------------


def test_my_agency_members_redirects_to_the_one_agency(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).get(reverse("directory:my_agency_members"))

    assert response.status_code == 302
    assert response.url == reverse("directory:member_list", args=[agency.pk])


def test_my_agency_members_lists_several_agencies_to_choose_from(make_member, client_for):
    first, second = (
        AgencyFactory.create(name="First office"),
        AgencyFactory.create(name="Second office"),
    )
    manager = make_member(Role.CASE_MANAGER, first)
    MembershipFactory.create(user=manager, agency=second, role=Role.CASE_MANAGER)

    response = client_for(manager).get(reverse("directory:my_agency_members"))

    assert response.status_code == 200
    assert "First office" in response.text
    assert "Second office" in response.text


def test_member_list_shows_the_agency_members(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    colleague = make_member(Role.CASE_WORKER, agency)
    make_member(Role.CASE_WORKER)

    response = client_for(manager).get(reverse("directory:member_list", args=[agency.pk]))

    usernames = {m.user.username for m in response.context["page"].object_list}
    assert usernames == {manager.username, colleague.username}
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, purpose="member list").exists()


def test_member_list_query_count_does_not_grow_with_members(
    make_member, client_for, django_assert_num_queries
):
    agency = AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency))
    url = reverse("directory:member_list", args=[agency.pk])
    baseline = _queries(client, url)
    MembershipFactory.create_batch(15, agency=agency)

    with django_assert_num_queries(baseline):
        response = client.get(url)

    assert response.context["page"].paginator.count == 16


def test_case_manager_reaches_members_of_a_sub_unit(make_member, client_for):
    agency = AgencyFactory.create()
    branch = AgencyFactory.create(parent=agency)
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).get(reverse("directory:member_list", args=[branch.pk]))

    assert response.status_code == 200


def test_member_detail_shows_personal_data_and_logs_the_reading(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = UserFactory.create(full_name="Dilnoza Rashidova", phone="+998 71 000 00 00")
    membership = MembershipFactory.create(user=person, agency=agency)

    response = client_for(manager).get(
        reverse("directory:member_detail", args=[agency.pk, membership.pk])
    )

    assert response.status_code == 200
    assert "Dilnoza Rashidova" in response.text
    assert person.email in response.text
    assert "+998 71" in response.text
    event = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="directory.user", object_id=str(person.pk)
    ).get()
    assert event.fields == ["email", "full_name", "phone"]
    assert event.actor_id == manager.pk


def test_member_pages_of_another_agency_answer_404(make_member, client_for):
    agency_a, agency_b = AgencyFactory.create(), AgencyFactory.create()
    manager_a = make_member(Role.CASE_MANAGER, agency_a)
    membership_b = MembershipFactory.create(agency=agency_b)
    client = client_for(manager_a)

    urls = [
        reverse("directory:member_list", args=[agency_b.pk]),
        reverse("directory:member_detail", args=[agency_b.pk, membership_b.pk]),
        reverse("directory:member_create", args=[agency_b.pk]),
        reverse("directory:membership_add", args=[agency_b.pk]),
        reverse("directory:membership_edit", args=[agency_b.pk, membership_b.pk]),
        # B's membership reached through A's address is not found either.
        reverse("directory:member_detail", args=[agency_a.pk, membership_b.pk]),
        reverse("directory:membership_edit", args=[agency_a.pk, membership_b.pk]),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    assert not AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(membership_b.user_id)
    ).exists()


def test_member_list_is_refused_to_roles_without_the_capability(make_member, client_for):
    agency = AgencyFactory.create()
    worker = make_member(Role.CASE_WORKER, agency)

    assert (
        client_for(worker).get(reverse("directory:member_list", args=[agency.pk])).status_code
        == 403
    )


def _new_person(**changes):
    return {
        "username": "aziza",
        "full_name": "Aziza Yusupova",
        "email": "aziza@example.org",
        "role": Role.CASE_WORKER,
        "scope": Scope.AGENCY,
        **changes,
    }


def test_case_manager_creates_a_member_who_gets_an_invitation(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).post(
        reverse("directory:member_create", args=[agency.pk]), _new_person()
    )

    user = User.objects.get(username="aziza")
    membership = user.memberships.get()
    assert response.status_code == 302
    assert (membership.agency, membership.role) == (agency, Role.CASE_WORKER)
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aziza@example.org"]
    assert "/accounts/password-reset/" in mail.outbox[0].body
    assert "aziza" in mail.outbox[0].body


def test_invitation_link_lets_the_person_choose_a_password(make_member, client_for):
    agency = AgencyFactory.create()
    client_for(make_member(Role.CASE_MANAGER, agency)).post(
        reverse("directory:member_create", args=[agency.pk]), _new_person()
    )
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    person = Client()
    form_page = person.get(path, follow=True)
    done = person.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long passphrase 42", "new_password2": "a long passphrase 42"},
    )

    assert done.status_code == 302
    assert User.objects.get(username="aziza").check_password("a long passphrase 42")


@pytest.mark.parametrize(
    ("_case", "changes", "field"),
    [
        ("taken_username", {"username": "taken"}, "username"),
        ("bad_username", {"username": "no spaces please"}, "username"),
        ("bad_email", {"email": "not-an-address"}, "email"),
        ("national_role_by_case_manager", {"role": Role.INSTANCE_ADMIN}, "role"),
        ("national_scope_by_case_manager", {"scope": Scope.NATIONAL}, "scope"),
        ("no_name", {"full_name": ""}, "full_name"),
    ],
)
def test_member_create_with_bad_input_answers_400_and_writes_nothing(
    make_member, client_for, _case, changes, field
):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    UserFactory.create(username="taken")
    users, memberships = User.objects.count(), Membership.objects.count()

    response = client_for(manager).post(
        reverse("directory:member_create", args=[agency.pk]), _new_person(**changes)
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
    assert mail.outbox == []


def test_membership_add_gives_an_existing_user_a_role(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = make_member(Role.INVESTIGATOR)

    response = client_for(manager).post(
        reverse("directory:membership_add", args=[agency.pk]),
        {"username": person.username, "role": Role.CASE_WORKER, "scope": Scope.AGENCY},
    )

    assert response.status_code == 302
    assert person.memberships.filter(agency=agency, role=Role.CASE_WORKER, is_active=True).exists()


@pytest.mark.parametrize(
    ("_case", "username", "role"),
    [
        ("unknown_user", "nobody", Role.CASE_WORKER),
        ("already_holds_it", "existing", Role.CASE_WORKER),
        ("not_assignable", "existing", Role.AUDITOR),
    ],
)
def test_membership_add_with_bad_input_answers_400(make_member, client_for, _case, username, role):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    existing = UserFactory.create(username="existing")
    MembershipFactory.create(user=existing, agency=agency, role=Role.CASE_WORKER)
    count = Membership.objects.count()

    response = client_for(manager).post(
        reverse("directory:membership_add", args=[agency.pk]),
        {"username": username, "role": role, "scope": Scope.AGENCY},
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert Membership.objects.count() == count


def test_membership_edit_changes_role_scope_and_state(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    membership = MembershipFactory.create(agency=agency, role=Role.CASE_WORKER)

    response = client_for(manager).post(
        reverse("directory:membership_edit", args=[agency.pk, membership.pk]),
        {"role": Role.FRONTLINE_RESPONDER, "scope": Scope.OWN},
    )

    membership.refresh_from_db()
    assert response.status_code == 302
    assert (membership.role, membership.scope, membership.is_active) == (
        Role.FRONTLINE_RESPONDER,
        Scope.OWN,
        False,
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="directory.membership"
    ).exists()


def test_membership_edit_refuses_a_role_the_person_already_holds(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = UserFactory.create()
    MembershipFactory.create(user=person, agency=agency, role=Role.INVESTIGATOR)
    membership = MembershipFactory.create(user=person, agency=agency, role=Role.CASE_WORKER)

    response = client_for(manager).post(
        reverse("directory:membership_edit", args=[agency.pk, membership.pk]),
        {"role": Role.INVESTIGATOR, "scope": Scope.AGENCY, "is_active": "on"},
    )

    membership.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert membership.role == Role.CASE_WORKER


def test_case_manager_cannot_edit_an_instance_admin_role(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    admin_membership = MembershipFactory.create(agency=agency, role=Role.INSTANCE_ADMIN)

    response = client_for(manager).get(
        reverse("directory:membership_edit", args=[agency.pk, admin_membership.pk])
    )

    assert response.status_code == 403


def test_instance_admin_manages_members_of_any_agency(make_member, client_for):
    agency = AgencyFactory.create()
    admin = make_member(Role.INSTANCE_ADMIN)

    response = client_for(admin).post(
        reverse("directory:member_create", args=[agency.pk]),
        _new_person(role=Role.AUDITOR, scope=Scope.NATIONAL),
    )

    assert response.status_code == 302
    assert Membership.objects.filter(
        agency=agency, role=Role.AUDITOR, scope=Scope.NATIONAL
    ).exists()
