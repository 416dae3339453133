"""Directory API: happy paths, 401/403/404/422, cross-agency isolation, tokens, query counts."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory import services
from liaison.directory.models import Agency, AgencyType, Membership, NationalRole, User
from liaison.directory.roles import Role, Scope
from liaison.directory.tests.factories import (
    AgencyFactory,
    CountryProfileFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/directory"


def _post(client, path, payload, method="post"):
    return getattr(client, method)(
        f"{BASE}{path}", data=json.dumps(payload), content_type="application/json"
    )


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{BASE}{path}")
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


# --- authentication and roles ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/me",
        "/agencies",
        "/agencies/1",
        "/agencies/1/members",
        "/country-profiles",
        "/country-profiles/1",
        "/tokens",
    ],
)
def test_every_read_needs_authentication(path):
    response = Client().get(f"{BASE}{path}")

    assert response.status_code == 401
    assert "detail" in response.json()


def test_writes_need_authentication():
    client = Client()

    assert _post(client, "/agencies", {"name": "X"}).status_code == 401
    assert _post(client, "/agencies/1", {"name": "X"}, method="patch").status_code == 401
    assert _post(client, "/agencies/1/members", {}).status_code == 401
    assert client.post(f"{BASE}/tokens/1/revoke").status_code == 401


def test_a_personal_token_authenticates(make_member):
    user = make_member(Role.CASE_WORKER)
    _token, secret = services.api_token_create(actor=user, name="script")

    response = Client().get(f"{BASE}/me", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 200
    assert response.json()["username"] == user.username


def test_a_revoked_token_no_longer_authenticates(make_member):
    user = make_member(Role.CASE_WORKER)
    token, secret = services.api_token_create(actor=user, name="script")
    services.api_token_revoke(actor=user, token=token)

    assert Client().get(f"{BASE}/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_me_returns_the_user_and_memberships(make_member, client_for):
    agency = AgencyFactory.create(name="Polícia Judiciária")
    user = make_member(Role.INVESTIGATOR, agency)

    body = client_for(user).get(f"{BASE}/me").json()

    assert body["username"] == user.username
    assert body["email"] == user.email
    assert body["memberships"] == [
        {
            "id": user.memberships.get().pk,
            "agency_id": agency.pk,
            "agency_name": "Polícia Judiciária",
            "role": "investigator",
            "scope": "agency",
            "is_active": True,
        }
    ]


# --- agencies -------------------------------------------------------------------------------


def test_list_agencies_filters_and_paginates(make_member, client_for):
    client = client_for(make_member(Role.PROSECUTOR))
    police = AgencyFactory.create(
        name="PSP",
        agency_type=AgencyType.LAW_ENFORCEMENT,
        national_role=NationalRole.CRIMINAL_POLICE,
    )
    AgencyFactory.create_batch(4, country="UZ")

    by_role = client.get(f"{BASE}/agencies", {"national_role": "criminal_police"}).json()
    by_country = client.get(f"{BASE}/agencies", {"country": "UZ", "limit": 3, "offset": 0}).json()
    by_text = client.get(f"{BASE}/agencies", {"q": "ps"}).json()

    assert [a["id"] for a in by_role["items"]] == [police.pk]
    assert by_country["count"] == 4
    assert len(by_country["items"]) == 3
    assert by_country["items"][0]["country_name"] == "Uzbekistan"
    assert [a["id"] for a in by_text["items"]] == [police.pk]


def test_list_agencies_query_count_does_not_grow(
    make_member, client_for, django_assert_num_queries
):
    client = client_for(make_member(Role.CASE_WORKER))
    parent = AgencyFactory.create()
    AgencyFactory.create(parent=parent)
    baseline = _count_queries(client, "/agencies")
    AgencyFactory.create_batch(15, parent=parent)

    with django_assert_num_queries(baseline):
        client.get(f"{BASE}/agencies")


def test_list_agencies_with_a_bad_filter_answers_422(make_member, client_for):
    response = client_for(make_member(Role.CASE_WORKER)).get(
        f"{BASE}/agencies", {"agency_type": "Spaceship"}
    )

    assert response.status_code == 422
    assert response.json()["detail"]


def test_get_agency_and_unknown_id(make_member, client_for):
    client = client_for(make_member(Role.CASE_WORKER))
    agency = AgencyFactory.create(name="ACT", national_role=NationalRole.LABOUR_INSPECTORATE)

    found = client.get(f"{BASE}/agencies/{agency.pk}")
    missing = client.get(f"{BASE}/agencies/999999")

    assert found.status_code == 200
    assert found.json()["national_role"] == "labour_inspectorate"
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found."}


def test_admin_creates_and_updates_an_agency(make_member, client_for):
    client = client_for(make_member(Role.INSTANCE_ADMIN))
    parent = AgencyFactory.create(country="UZ")

    created = _post(
        client,
        "/agencies",
        {
            "name": "Senate commission",
            "agency_type": "CentralGovernmentOrganisation",
            "national_role": "legislature",
            "country": "uz",
            "parent_id": parent.pk,
        },
    )
    agency_id = created.json()["id"]
    updated = _post(client, f"/agencies/{agency_id}", {"short_name": "SC"}, method="patch")

    agency = Agency.objects.get(pk=agency_id)
    assert created.status_code == 201
    assert (agency.country, agency.parent, agency.short_name) == ("UZ", parent, "SC")
    assert updated.status_code == 200
    assert updated.json()["short_name"] == "SC"
    assert (
        AuditEvent.objects.filter(object_type="directory.agency", object_id=str(agency_id)).count()
        == 2
    )


@pytest.mark.parametrize(
    ("_case", "payload"),
    [
        ("missing_name", {"agency_type": "NGO", "country": "PT"}),
        ("unknown_country", {"name": "X", "agency_type": "NGO", "country": "XX"}),
        ("unknown_type", {"name": "X", "agency_type": "Spaceship", "country": "PT"}),
        (
            "unknown_parent",
            {"name": "X", "agency_type": "NGO", "country": "PT", "parent_id": 999999},
        ),
        (
            "bad_website",
            {"name": "X", "agency_type": "NGO", "country": "PT", "website": "not a url"},
        ),
        ("duplicate_name", {"name": "Taken", "agency_type": "NGO", "country": "PT"}),
    ],
)
def test_create_agency_with_a_bad_payload_answers_422_and_writes_nothing(
    make_member, client_for, _case, payload
):
    client = client_for(make_member(Role.INSTANCE_ADMIN))
    AgencyFactory.create(name="Taken", country="PT")
    before = Agency.objects.count()

    response = _post(client, "/agencies", payload)

    assert response.status_code == 422
    assert response.json()["detail"]
    assert Agency.objects.count() == before


def test_update_agency_refuses_a_loop_and_a_null_name(make_member, client_for):
    client = client_for(make_member(Role.INSTANCE_ADMIN))
    agency = AgencyFactory.create()
    child = AgencyFactory.create(parent=agency)

    loop = _post(client, f"/agencies/{agency.pk}", {"parent_id": child.pk}, method="patch")
    null_name = _post(client, f"/agencies/{agency.pk}", {"name": None}, method="patch")

    agency.refresh_from_db()
    assert loop.status_code == 422
    assert "parent_id" in loop.json()["detail"]
    assert null_name.status_code == 422
    assert agency.parent is None
    assert agency.name


def test_agency_writes_are_refused_to_other_roles(make_member, client_for):
    agency = AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency))

    created = _post(client, "/agencies", {"name": "X", "agency_type": "NGO", "country": "PT"})
    updated = _post(client, f"/agencies/{agency.pk}", {"name": "Renamed"}, method="patch")

    assert (created.status_code, updated.status_code) == (403, 403)
    assert created.json()["detail"]
    assert not Agency.objects.filter(name__in=["X", "Renamed"]).exists()


# --- members --------------------------------------------------------------------------------


def test_list_members_of_own_agency_is_logged(make_member, client_for):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    worker = make_member(Role.CASE_WORKER, agency)

    body = client_for(manager).get(f"{BASE}/agencies/{agency.pk}/members").json()

    assert {m["username"] for m in body["items"]} == {manager.username, worker.username}
    assert {m["email"] for m in body["items"]} == {manager.email, worker.email}
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(agency.pk), purpose="member list (API)"
    ).exists()


def test_list_members_query_count_does_not_grow(make_member, client_for, django_assert_num_queries):
    agency = AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency))
    baseline = _count_queries(client, f"/agencies/{agency.pk}/members")
    MembershipFactory.create_batch(10, agency=agency)

    with django_assert_num_queries(baseline):
        client.get(f"{BASE}/agencies/{agency.pk}/members")


def test_members_of_another_agency_are_not_found(make_member, client_for):
    agency_a, agency_b = AgencyFactory.create(), AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency_a))
    MembershipFactory.create(agency=agency_b)
    count = Membership.objects.count()

    listed = client.get(f"{BASE}/agencies/{agency_b.pk}/members")
    created = _post(
        client,
        f"/agencies/{agency_b.pk}/members",
        {"username": "intruder", "full_name": "I", "email": "i@example.org", "role": "case_worker"},
    )

    assert (listed.status_code, created.status_code) == (404, 404)
    assert Membership.objects.count() == count


def test_list_members_is_refused_to_a_case_worker(make_member, client_for):
    agency = AgencyFactory.create()

    response = client_for(make_member(Role.CASE_WORKER, agency)).get(
        f"{BASE}/agencies/{agency.pk}/members"
    )

    assert response.status_code == 403


def test_create_member_makes_the_account_and_sends_the_invitation(make_member, client_for):
    agency = AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency))

    response = _post(
        client,
        f"/agencies/{agency.pk}/members",
        {
            "username": "bobur",
            "full_name": "Bobur Aliyev",
            "email": "bobur@example.org",
            "role": "case_worker",
        },
    )

    user = User.objects.get(username="bobur")
    assert response.status_code == 201
    assert response.json()["full_name"] == "Bobur Aliyev"
    assert user.memberships.get().scope == Scope.AGENCY
    assert mail.outbox[0].to == ["bobur@example.org"]


@pytest.mark.parametrize(
    ("_case", "changes", "status"),
    [
        ("bad_email", {"email": "nope"}, 422),
        ("unknown_role", {"role": "emperor"}, 422),
        ("unknown_scope", {"scope": "galaxy"}, 422),
        ("taken_username", {"username": "taken"}, 422),
        ("bad_username", {"username": "has spaces"}, 422),
        ("national_role_by_case_manager", {"role": "instance_admin"}, 403),
        ("national_scope_by_case_manager", {"scope": "national"}, 403),
    ],
)
def test_create_member_with_a_bad_payload_writes_nothing(
    make_member, client_for, _case, changes, status
):
    agency = AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency))
    UserFactory.create(username="taken")
    users, memberships = User.objects.count(), Membership.objects.count()
    payload = {
        "username": "new.person",
        "full_name": "New Person",
        "email": "new@example.org",
        "role": "case_worker",
        **changes,
    }

    response = _post(client, f"/agencies/{agency.pk}/members", payload)

    assert response.status_code == status
    assert response.json()["detail"]
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_malformed_json_answers_400(make_member, client_for):
    agency = AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency))

    response = client.post(
        f"{BASE}/agencies/{agency.pk}/members", data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"]


# --- country profiles and tokens ------------------------------------------------------------


def test_country_profiles_list_and_detail(make_member, client_for):
    client = client_for(make_member(Role.OBSERVATORY_ANALYST))
    profile = CountryProfileFactory.create(population=10_600_000, holidays=["2026-12-25"])
    CountryProfileFactory.create(country="UZ", is_home=False)

    listed = client.get(f"{BASE}/country-profiles").json()
    detail = client.get(f"{BASE}/country-profiles/{profile.pk}").json()
    missing = client.get(f"{BASE}/country-profiles/999999")

    assert [p["country"] for p in listed["items"]] == ["PT", "UZ"]
    assert detail["country_name"] == "Portugal"
    assert detail["population"] == 10_600_000
    assert detail["holidays"] == ["2026-12-25"]
    assert missing.status_code == 404


def test_partner_may_not_read_country_profiles(make_member, client_for):
    profile = CountryProfileFactory.create()
    client = client_for(make_member(Role.PARTNER))

    assert client.get(f"{BASE}/country-profiles").status_code == 403
    assert client.get(f"{BASE}/country-profiles/{profile.pk}").status_code == 403


def test_list_tokens_shows_only_own_tokens_and_never_the_hash(make_member, client_for):
    user, other = make_member(Role.CASE_WORKER), make_member(Role.CASE_WORKER)
    token, _secret = services.api_token_create(actor=user, name="mine")
    services.api_token_create(actor=other, name="theirs")

    response = client_for(user).get(f"{BASE}/tokens")

    body = response.json()
    assert [t["name"] for t in body["items"]] == ["mine"]
    assert "token_hash" not in body["items"][0]
    assert token.token_hash not in response.text


def test_revoke_token_own_and_not_others(make_member, client_for):
    user, other = make_member(Role.CASE_WORKER), make_member(Role.CASE_WORKER)
    mine, _ = services.api_token_create(actor=user, name="mine")
    theirs, _ = services.api_token_create(actor=other, name="theirs")
    client = client_for(user)

    revoked = client.post(f"{BASE}/tokens/{mine.pk}/revoke")
    foreign = client.post(f"{BASE}/tokens/{theirs.pk}/revoke")

    theirs.refresh_from_db()
    assert revoked.status_code == 200
    assert revoked.json()["is_usable"] is False
    assert foreign.status_code == 404
    assert theirs.revoked_at is None
