"""Directory services: permission refusals, audit rows, validation errors with nothing half-written."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

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


def _events(**filters):
    return AuditEvent.objects.filter(**filters)


# --- agencies -------------------------------------------------------------------------------


def test_agency_create_writes_the_row_and_its_audit_entry(make_member):
    admin = make_member(Role.INSTANCE_ADMIN)

    agency = services.agency_create(
        actor=admin, name="Casa Abrigo", agency_type=AgencyType.NGO, country="PT"
    )

    event = _events(action=AuditAction.CREATE, object_type="directory.agency").get()
    assert (event.object_id, event.actor_id) == (str(agency.pk), admin.pk)
    assert set(event.fields) == {"name", "agency_type", "country"}


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.NATIONAL_COORDINATOR, Role.PARTNER])
def test_agency_create_is_refused_to_non_admins(make_member, role):
    actor = make_member(role)
    before = Agency.objects.count()

    with pytest.raises(PermissionDenied):
        services.agency_create(
            actor=actor, name="Refused", agency_type=AgencyType.NGO, country="PT"
        )

    assert Agency.objects.count() == before
    assert not _events(action=AuditAction.CREATE).exists()


def test_agency_create_validates_the_country(make_member):
    with pytest.raises(ValidationError) as excinfo:
        services.agency_create(
            actor=make_member(Role.INSTANCE_ADMIN),
            name="X",
            agency_type=AgencyType.NGO,
            country="ZZ",
        )

    assert "country" in excinfo.value.message_dict
    assert not Agency.objects.filter(name="X").exists()


def test_agency_update_logs_only_what_changed(make_member):
    admin = make_member(Role.INSTANCE_ADMIN)
    agency = AgencyFactory.create(name="Old", short_name="O")

    services.agency_update(actor=admin, agency=agency, name="New", short_name="O")
    services.agency_update(actor=admin, agency=agency, name="New")

    events = list(_events(action=AuditAction.UPDATE, object_id=str(agency.pk)))
    assert [e.fields for e in events] == [["name"]]


# --- members --------------------------------------------------------------------------------


def _person(**changes):
    return {
        "username": "nodira",
        "full_name": "Nodira Karimova",
        "email": "nodira@example.org",
        **changes,
    }


def test_member_create_makes_an_account_without_password_and_logs_both_rows(make_member):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)

    membership = services.member_create(
        actor=manager, agency=agency, role=Role.CASE_WORKER, **_person()
    )

    user = membership.user
    assert not user.has_usable_password()
    assert (membership.agency, membership.role, membership.scope) == (
        agency,
        Role.CASE_WORKER,
        Scope.AGENCY,
    )
    assert _events(
        action=AuditAction.CREATE, object_type="directory.user", object_id=str(user.pk)
    ).exists()
    assert _events(
        action=AuditAction.CREATE, object_type="directory.membership", object_id=str(membership.pk)
    ).exists()


@pytest.mark.parametrize(
    ("_case", "role", "scope", "in_own_agency"),
    [
        ("other_agency", Role.CASE_WORKER, Scope.AGENCY, False),
        ("national_role", Role.INSTANCE_ADMIN, Scope.AGENCY, True),
        ("auditor_role", Role.AUDITOR, Scope.AGENCY, True),
        ("national_scope", Role.CASE_WORKER, Scope.NATIONAL, True),
    ],
)
def test_member_create_refusals_leave_nothing_behind(
    make_member, _case, role, scope, in_own_agency
):
    own = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, own)
    target = own if in_own_agency else AgencyFactory.create()
    users = User.objects.count()

    with pytest.raises(PermissionDenied):
        services.member_create(actor=manager, agency=target, role=role, scope=scope, **_person())

    assert User.objects.count() == users
    assert not _events(object_type="directory.user", action=AuditAction.CREATE).exists()


def test_member_create_with_a_taken_user_name_writes_nothing(make_member):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    UserFactory.create(username="nodira")
    memberships = Membership.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        services.member_create(actor=manager, agency=agency, role=Role.CASE_WORKER, **_person())

    assert "username" in excinfo.value.message_dict
    assert Membership.objects.count() == memberships


def test_instance_admin_may_give_national_roles_and_scope(make_member):
    agency = AgencyFactory.create()

    membership = services.member_create(
        actor=make_member(Role.INSTANCE_ADMIN),
        agency=agency,
        role=Role.AUDITOR,
        scope=Scope.NATIONAL,
        **_person(),
    )

    assert (membership.role, membership.scope) == (Role.AUDITOR, Scope.NATIONAL)


def test_membership_add_reactivates_a_role_taken_away_before(make_member):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    old = MembershipFactory.create(agency=agency, role=Role.CASE_WORKER, is_active=False)

    membership = services.membership_add(
        actor=manager, agency=agency, user=old.user, role=Role.CASE_WORKER
    )

    assert membership.pk == old.pk
    assert membership.is_active
    assert _events(action=AuditAction.UPDATE, object_id=str(old.pk)).exists()


def test_membership_add_refuses_national_scope_to_a_case_manager(make_member):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = UserFactory.create()

    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=manager, agency=agency, user=person, role=Role.CASE_WORKER, scope=Scope.NATIONAL
        )

    assert not person.memberships.exists()


def test_membership_update_records_changed_fields(make_member):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    membership = MembershipFactory.create(agency=agency, role=Role.CASE_WORKER)

    services.membership_update(
        actor=manager, membership=membership, role=Role.CASE_WORKER, is_active=False
    )

    membership.refresh_from_db()
    assert not membership.is_active
    assert _events(action=AuditAction.UPDATE, object_id=str(membership.pk)).get().fields == [
        "is_active"
    ]


@pytest.mark.parametrize(
    ("_case", "existing_role", "changes"),
    [
        ("promote_to_admin", Role.CASE_WORKER, {"role": Role.INSTANCE_ADMIN}),
        ("widen_to_national", Role.CASE_WORKER, {"scope": Scope.NATIONAL}),
        ("touch_an_admin", Role.INSTANCE_ADMIN, {"is_active": False}),
    ],
)
def test_membership_update_refusals(make_member, _case, existing_role, changes):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    membership = MembershipFactory.create(agency=agency, role=existing_role)

    with pytest.raises(PermissionDenied):
        services.membership_update(actor=manager, membership=membership, **changes)

    stored = Membership.objects.get(pk=membership.pk)
    assert (stored.role, stored.scope, stored.is_active) == (existing_role, Scope.AGENCY, True)


def test_membership_update_in_another_agency_is_refused(make_member):
    manager = make_member(Role.CASE_MANAGER)
    membership = MembershipFactory.create(agency=AgencyFactory.create())

    with pytest.raises(PermissionDenied):
        services.membership_update(actor=manager, membership=membership, is_active=False)


# --- invitations ----------------------------------------------------------------------------


def test_user_invite_sends_a_password_link_and_logs_it(make_member, settings):
    settings.ALLOWED_HOSTS = ["liaison.example.org"]
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = make_member(Role.CASE_WORKER, agency)
    request = RequestFactory().get("/", HTTP_HOST="liaison.example.org")

    services.user_invite(actor=manager, user=person, request=request)

    assert mail.outbox[0].to == [person.email]
    assert "http://liaison.example.org/accounts/password-reset/" in mail.outbox[0].body
    assert _events(
        action=AuditAction.SECURITY, purpose="invitation sent", object_id=str(person.pk)
    ).exists()


def test_user_invite_is_refused_for_a_person_of_another_agency(make_member):
    manager = make_member(Role.CASE_MANAGER)
    stranger = make_member(Role.CASE_WORKER)

    with pytest.raises(PermissionDenied):
        services.user_invite(actor=manager, user=stranger, request=RequestFactory().get("/"))

    assert mail.outbox == []


def test_user_invite_sends_nothing_without_an_address(make_member):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = make_member(Role.CASE_WORKER, agency)
    person.email = ""
    person.save(update_fields=["email", "email_index"])

    services.user_invite(actor=manager, user=person, request=RequestFactory().get("/"))

    assert mail.outbox == []


# --- country profile ------------------------------------------------------------------------


def test_country_profile_update_by_the_coordinator_is_logged(make_member):
    profile = CountryProfileFactory.create()

    services.country_profile_update(
        actor=make_member(Role.NATIONAL_COORDINATOR), profile=profile, population=7_057_841
    )

    profile.refresh_from_db()
    assert profile.population == 7_057_841
    assert _events(
        action=AuditAction.UPDATE, object_type="directory.countryprofile"
    ).get().fields == ["population"]


def test_country_profile_update_is_refused_to_a_case_worker(make_member):
    profile = CountryProfileFactory.create()

    with pytest.raises(PermissionDenied):
        services.country_profile_update(
            actor=make_member(Role.CASE_WORKER), profile=profile, population=1
        )

    profile.refresh_from_db()
    assert profile.population is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status_ladder", [{"code": "a", "deciders": ["emperor"]}]),
        ("status_ladder", [{"code": "a", "next": ["b"]}]),
        ("deadlines", [{"code": "rg", "days": 5, "unit": "fortnights"}]),
        ("working_days", [0, 8]),
        ("holidays", ["not a date"]),
    ],
)
def test_country_profile_update_validates_the_procedure(make_member, field, value):
    profile = CountryProfileFactory.create()

    with pytest.raises(ValidationError) as excinfo:
        services.country_profile_update(
            actor=make_member(Role.NATIONAL_COORDINATOR), profile=profile, **{field: value}
        )

    assert field in excinfo.value.message_dict
    assert not _events(action=AuditAction.UPDATE).exists()


def test_api_token_revoke_refuses_someone_elses_token(make_member):
    owner, other = make_member(Role.CASE_WORKER), make_member(Role.CASE_WORKER)
    token, _secret = services.api_token_create(actor=owner, name="script")

    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=other, token=token)

    token.refresh_from_db()
    assert token.revoked_at is None
