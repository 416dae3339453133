"""Directory pages: status codes, forms with bad input, cross-agency isolation, query counts."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.models import Agency, AgencyType, CountryProfile, Membership, NationalRole, User
from liaison.directory.roles import Role, Scope
from liaison.directory.tests.factories import AgencyFactory, CountryProfileFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- agencies -------------------------------------------------------------------------------


def test_agency_list_filters_by_country_type_role_and_text(make_member, client_for):
    viewer = make_member(Role.CASE_WORKER)
    police = AgencyFactory(name="Polícia Judiciária", agency_type=AgencyType.LAW_ENFORCEMENT,
                           national_role=NationalRole.CRIMINAL_POLICE, country="PT")
    AgencyFactory(name="Prosecutor General's Office", agency_type=AgencyType.LEGAL,
                  national_role=NationalRole.PROSECUTION, country="UZ")
    client = client_for(viewer)
    url = reverse("directory:agency_list")

    by_country = client.get(url, {"country": "UZ"})
    by_type = client.get(url, {"agency_type": AgencyType.LAW_ENFORCEMENT})
    by_role = client.get(url, {"national_role": NationalRole.CRIMINAL_POLICE})
    by_text = client.get(url, {"q": "judici"})
    no_role = client.get(url, {"national_role": "none"})

    assert "Prosecutor General" in by_country.text and "Polícia" not in by_country.text
    assert [a.pk for a in by_type.context["page"].object_list] == [police.pk]
    assert [a.pk for a in by_role.context["page"].object_list] == [police.pk]
    assert [a.pk for a in by_text.context["page"].object_list] == [police.pk]
    assert police not in no_role.context["page"].object_list
    assert viewer.memberships.get().agency in no_role.context["page"].object_list


def test_agency_list_with_an_unknown_country_answers_400(make_member, client_for):
    client = client_for(make_member(Role.CASE_WORKER))

    response = client.get(reverse("directory:agency_list"), {"country": "XX"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_agency_list_query_count_does_not_grow_with_rows(make_member, client_for):
    client = client_for(make_member(Role.CASE_WORKER))
    parent = AgencyFactory()
    url = reverse("directory:agency_list")
    AgencyFactory.create_batch(2, parent=parent)
    baseline = _queries(client, url)
    AgencyFactory.create_batch(20, parent=parent)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 24
    assert len(ctx.captured_queries) == baseline


def test_agency_list_is_paginated(make_member, client_for):
    client = client_for(make_member(Role.CASE_WORKER))
    AgencyFactory.create_batch(30)

    first = client.get(reverse("directory:agency_list"))
    second = client.get(reverse("directory:agency_list"), {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 6


def test_partner_cannot_see_inactive_agencies(make_member, client_for):
    client = client_for(make_member(Role.PARTNER))
    closed = AgencyFactory(is_active=False)

    assert client.get(reverse("directory:agency_detail", args=[closed.pk])).status_code == 404


def test_agency_detail_shows_sub_units_and_members_link_to_its_case_manager(make_member, client_for):
    agency = AgencyFactory(name="Main office")
    AgencyFactory(name="Porto branch", parent=agency)
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).get(reverse("directory:agency_detail", args=[agency.pk]))

    assert response.status_code == 200
    assert "Porto branch" in response.text
    assert reverse("directory:member_list", args=[agency.pk]) in response.text


def test_agency_detail_hides_members_link_from_other_agencies(make_member, client_for):
    other = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER)

    response = client_for(manager).get(reverse("directory:agency_detail", args=[other.pk]))

    assert response.status_code == 200
    assert reverse("directory:member_list", args=[other.pk]) not in response.text


def test_admin_creates_an_agency(make_member, client_for):
    admin = make_member(Role.INSTANCE_ADMIN)
    parent = AgencyFactory(country="PT")

    response = client_for(admin).post(reverse("directory:agency_create"), {
        "name": "Observatório", "agency_type": AgencyType.CENTRAL_GOVERNMENT, "national_role": NationalRole.RAPPORTEUR,
        "country": "PT", "parent": parent.pk, "is_active": "on",
    })

    agency = Agency.objects.get(name="Observatório")
    assert response.status_code == 302
    assert response.url == agency.get_absolute_url()
    assert agency.parent == parent
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="directory.agency", object_id=str(agency.pk)).exists()


def test_agency_form_offers_countries_by_name(make_member, client_for):
    response = client_for(make_member(Role.INSTANCE_ADMIN)).get(reverse("directory:agency_create"))

    assert response.status_code == 200
    assert '<option value="UZ">Uzbekistan</option>' in response.text


@pytest.mark.parametrize(
    ("_case", "changes", "field"),
    [
        ("missing_name", {"name": ""}, "name"),
        ("unknown_country", {"country": "XX"}, "country"),
        ("bad_type", {"agency_type": "Spaceship"}, "agency_type"),
        ("bad_website", {"website": "not a url"}, "website"),
    ],
)
def test_agency_create_with_bad_input_answers_400_and_writes_nothing(make_member, client_for, _case, changes, field):
    admin = make_member(Role.INSTANCE_ADMIN)
    before = Agency.objects.count()
    data = {"name": "New agency", "agency_type": AgencyType.NGO, "country": "PT", **changes}

    response = client_for(admin).post(reverse("directory:agency_create"), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Agency.objects.count() == before


def test_agency_create_refuses_a_duplicate_name_in_the_same_country(make_member, client_for):
    AgencyFactory(name="GNR", country="PT")

    response = client_for(make_member(Role.INSTANCE_ADMIN)).post(
        reverse("directory:agency_create"), {"name": "GNR", "agency_type": AgencyType.LAW_ENFORCEMENT, "country": "PT"}
    )

    assert response.status_code == 400
    assert Agency.objects.filter(name="GNR").count() == 1


def test_agency_edit_saves_changes_and_logs_them(make_member, client_for):
    agency = AgencyFactory(name="Old name", country="PT")

    response = client_for(make_member(Role.INSTANCE_ADMIN)).post(
        reverse("directory:agency_edit", args=[agency.pk]),
        {"name": "New name", "agency_type": AgencyType.NGO, "country": "PT", "is_active": "on"},
    )

    agency.refresh_from_db()
    assert response.status_code == 302
    assert agency.name == "New name"
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(agency.pk)).latest("id")
    assert event.fields == ["name"]


def test_agency_cannot_be_moved_under_its_own_sub_unit(make_member, client_for):
    agency = AgencyFactory(country="PT")
    child = AgencyFactory(parent=agency, country="PT")

    response = client_for(make_member(Role.INSTANCE_ADMIN)).post(
        reverse("directory:agency_edit", args=[agency.pk]),
        {"name": agency.name, "agency_type": AgencyType.NGO, "country": "PT", "parent": child.pk},
    )

    agency.refresh_from_db()
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors
    assert agency.parent is None


def test_case_manager_cannot_open_agency_forms(make_member, client_for):
    agency = AgencyFactory()
    client = client_for(make_member(Role.CASE_MANAGER, agency))

    assert client.get(reverse("directory:agency_create")).status_code == 403
    assert client.get(reverse("directory:agency_edit", args=[agency.pk])).status_code == 403


# --- members --------------------------------------------------------------------------------


def test_my_agency_members_redirects_to_the_one_agency(make_member, client_for):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).get(reverse("directory:my_agency_members"))

    assert response.status_code == 302
    assert response.url == reverse("directory:member_list", args=[agency.pk])


def test_my_agency_members_lists_several_agencies_to_choose_from(make_member, client_for):
    first, second = AgencyFactory(name="First office"), AgencyFactory(name="Second office")
    manager = make_member(Role.CASE_MANAGER, first)
    MembershipFactory(user=manager, agency=second, role=Role.CASE_MANAGER)

    response = client_for(manager).get(reverse("directory:my_agency_members"))

    assert response.status_code == 200
    assert "First office" in response.text and "Second office" in response.text


def test_member_list_shows_the_agency_members(make_member, client_for):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)
    colleague = make_member(Role.CASE_WORKER, agency)
    make_member(Role.CASE_WORKER)

    response = client_for(manager).get(reverse("directory:member_list", args=[agency.pk]))

    usernames = {m.user.username for m in response.context["page"].object_list}
    assert usernames == {manager.username, colleague.username}
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, purpose="member list").exists()


def test_member_list_query_count_does_not_grow_with_members(make_member, client_for):
    agency = AgencyFactory()
    client = client_for(make_member(Role.CASE_MANAGER, agency))
    url = reverse("directory:member_list", args=[agency.pk])
    baseline = _queries(client, url)
    MembershipFactory.create_batch(15, agency=agency)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)

    assert response.context["page"].paginator.count == 16
    assert len(ctx.captured_queries) == baseline


def test_case_manager_reaches_members_of_a_sub_unit(make_member, client_for):
    agency = AgencyFactory()
    branch = AgencyFactory(parent=agency)
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).get(reverse("directory:member_list", args=[branch.pk]))

    assert response.status_code == 200


def test_member_detail_shows_personal_data_and_logs_the_reading(make_member, client_for):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = UserFactory(full_name="Dilnoza Rashidova", phone="+998 71 000 00 00")
    membership = MembershipFactory(user=person, agency=agency)

    response = client_for(manager).get(reverse("directory:member_detail", args=[agency.pk, membership.pk]))

    assert response.status_code == 200
    assert "Dilnoza Rashidova" in response.text and person.email in response.text and "+998 71" in response.text
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="directory.user", object_id=str(person.pk)).get()
    assert event.fields == ["email", "full_name", "phone"]
    assert event.actor_id == manager.pk


def test_member_pages_of_another_agency_answer_404(make_member, client_for):
    agency_a, agency_b = AgencyFactory(), AgencyFactory()
    manager_a = make_member(Role.CASE_MANAGER, agency_a)
    membership_b = MembershipFactory(agency=agency_b)
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
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(membership_b.user_id)).exists()


def test_member_list_is_refused_to_roles_without_the_capability(make_member, client_for):
    agency = AgencyFactory()
    worker = make_member(Role.CASE_WORKER, agency)

    assert client_for(worker).get(reverse("directory:member_list", args=[agency.pk])).status_code == 403


def _new_person(**changes):
    return {"username": "aziza", "full_name": "Aziza Yusupova", "email": "aziza@example.org",
            "role": Role.CASE_WORKER, "scope": Scope.AGENCY, **changes}


def test_case_manager_creates_a_member_who_gets_an_invitation(make_member, client_for):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).post(reverse("directory:member_create", args=[agency.pk]), _new_person())

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
    agency = AgencyFactory()
    client_for(make_member(Role.CASE_MANAGER, agency)).post(
        reverse("directory:member_create", args=[agency.pk]), _new_person()
    )
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    from django.test import Client

    person = Client()
    form_page = person.get(path, follow=True)
    done = person.post(form_page.redirect_chain[-1][0], {"new_password1": "a long passphrase 42", "new_password2": "a long passphrase 42"})

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
def test_member_create_with_bad_input_answers_400_and_writes_nothing(make_member, client_for, _case, changes, field):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)
    UserFactory(username="taken")
    users, memberships = User.objects.count(), Membership.objects.count()

    response = client_for(manager).post(reverse("directory:member_create", args=[agency.pk]), _new_person(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
    assert mail.outbox == []


def test_membership_add_gives_an_existing_user_a_role(make_member, client_for):
    agency = AgencyFactory()
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
    [("unknown_user", "nobody", Role.CASE_WORKER), ("already_holds_it", "existing", Role.CASE_WORKER),
     ("not_assignable", "existing", Role.AUDITOR)],
)
def test_membership_add_with_bad_input_answers_400(make_member, client_for, _case, username, role):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)
    existing = UserFactory(username="existing")
    MembershipFactory(user=existing, agency=agency, role=Role.CASE_WORKER)
    count = Membership.objects.count()

    response = client_for(manager).post(
        reverse("directory:membership_add", args=[agency.pk]), {"username": username, "role": role, "scope": Scope.AGENCY}
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert Membership.objects.count() == count


def test_membership_edit_changes_role_scope_and_state(make_member, client_for):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)
    membership = MembershipFactory(agency=agency, role=Role.CASE_WORKER)

    response = client_for(manager).post(
        reverse("directory:membership_edit", args=[agency.pk, membership.pk]),
        {"role": Role.FRONTLINE_RESPONDER, "scope": Scope.OWN},
    )

    membership.refresh_from_db()
    assert response.status_code == 302
    assert (membership.role, membership.scope, membership.is_active) == (Role.FRONTLINE_RESPONDER, Scope.OWN, False)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="directory.membership").exists()


def test_membership_edit_refuses_a_role_the_person_already_holds(make_member, client_for):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = UserFactory()
    MembershipFactory(user=person, agency=agency, role=Role.INVESTIGATOR)
    membership = MembershipFactory(user=person, agency=agency, role=Role.CASE_WORKER)

    response = client_for(manager).post(
        reverse("directory:membership_edit", args=[agency.pk, membership.pk]),
        {"role": Role.INVESTIGATOR, "scope": Scope.AGENCY, "is_active": "on"},
    )

    membership.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert membership.role == Role.CASE_WORKER


def test_case_manager_cannot_edit_an_instance_admin_role(make_member, client_for):
    agency = AgencyFactory()
    manager = make_member(Role.CASE_MANAGER, agency)
    admin_membership = MembershipFactory(agency=agency, role=Role.INSTANCE_ADMIN)

    response = client_for(manager).get(reverse("directory:membership_edit", args=[agency.pk, admin_membership.pk]))

    assert response.status_code == 403


def test_instance_admin_manages_members_of_any_agency(make_member, client_for):
    agency = AgencyFactory()
    admin = make_member(Role.INSTANCE_ADMIN)

    response = client_for(admin).post(
        reverse("directory:member_create", args=[agency.pk]), _new_person(role=Role.AUDITOR, scope=Scope.NATIONAL)
    )

    assert response.status_code == 302
    assert Membership.objects.filter(agency=agency, role=Role.AUDITOR, scope=Scope.NATIONAL).exists()


# --- country profiles -----------------------------------------------------------------------

LADDER = [
    {"code": "flagged", "label": "Flagged", "deciders": [Role.FRONTLINE_RESPONDER], "next": ["confirmed"]},
    {"code": "confirmed", "label": "Confirmed", "deciders": [Role.NRM_DECISION_MAKER], "next": []},
]
DEADLINES = [{"code": "reasonable_grounds", "label": "Reasonable grounds", "days": 5, "unit": "working", "starts": "referral"}]


def test_country_profile_detail_shows_readable_tables(make_member, client_for):
    profile = CountryProfileFactory(status_ladder=LADDER, deadlines=DEADLINES, holidays=["2025-12-25"],
                                    population=10_600_000, population_year=2024)

    response = client_for(make_member(Role.CASE_WORKER)).get(reverse("directory:country_profile_detail", args=[profile.pk]))

    assert response.status_code == 200
    for text in ("Flagged", "NRM decision maker", "Reasonable grounds", "working days", "Monday", "2025-12-25", "10600000"):
        assert text in response.text


def test_country_profile_list_query_count_does_not_grow(make_member, client_for):
    client = client_for(make_member(Role.CASE_WORKER))
    CountryProfileFactory(country="PT")
    url = reverse("directory:country_profile_list")
    baseline = _queries(client, url)
    for code in ("UZ", "TM", "KZ", "KG"):
        CountryProfileFactory(country=code, is_home=False)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)

    assert response.context["page"].paginator.count == 5
    assert len(ctx.captured_queries) == baseline


def _profile_post(steps, deadlines, **form):
    data = {
        "steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": "0",
        "deadlines-TOTAL_FORMS": str(len(deadlines)), "deadlines-INITIAL_FORMS": "0",
        "working_days": ["1", "2", "3", "4", "5"], "holidays": "", "population": "", "population_year": "", "notes": "",
        **form,
    }
    for i, step in enumerate(steps):
        data.update({f"steps-{i}-{k}": v for k, v in step.items()})
    for i, deadline in enumerate(deadlines):
        data.update({f"deadlines-{i}-{k}": v for k, v in deadline.items()})
    return data


def test_national_coordinator_edits_the_procedure(make_member, client_for):
    profile = CountryProfileFactory()
    coordinator = make_member(Role.NATIONAL_COORDINATOR)
    steps = [
        {"code": "flagged", "label": "Flagged", "deciders": [Role.FRONTLINE_RESPONDER], "next": "confirmed"},
        {"code": "confirmed", "label": "Confirmed", "deciders": [Role.NRM_DECISION_MAKER], "next": ""},
    ]
    deadlines = [{"code": "recovery", "label": "Recovery period", "days": "30", "unit": "calendar", "max_days": "60"}]

    response = client_for(coordinator).post(
        reverse("directory:country_profile_edit", args=[profile.pk]),
        _profile_post(steps, deadlines, holidays="2025-06-10\n2025-12-25", population="10600000", population_year="2024"),
    )

    profile.refresh_from_db()
    assert response.status_code == 302
    assert profile.status_ladder == [
        {"code": "flagged", "label": "Flagged", "deciders": ["frontline_responder"], "next": ["confirmed"]},
        {"code": "confirmed", "label": "Confirmed", "deciders": ["nrm_decision_maker"], "next": []},
    ]
    assert profile.deadlines == [{"code": "recovery", "label": "Recovery period", "days": 30, "unit": "calendar", "max_days": 60}]
    assert profile.holidays == ["2025-06-10", "2025-12-25"]
    assert profile.population == 10_600_000


def test_country_profile_edit_form_shows_the_stored_procedure(make_member, client_for):
    profile = CountryProfileFactory(status_ladder=LADDER, deadlines=DEADLINES)

    response = client_for(make_member(Role.NATIONAL_COORDINATOR)).get(
        reverse("directory:country_profile_edit", args=[profile.pk])
    )

    assert response.status_code == 200
    assert 'value="reasonable_grounds"' in response.text
    assert 'name="steps-TOTAL_FORMS" value="3"' in response.text


@pytest.mark.parametrize(
    ("_case", "steps", "deadlines", "form", "where"),
    [
        ("next_step_unknown", [{"code": "flagged", "label": "Flagged", "next": "nowhere"}], [], {}, "ladder"),
        ("duplicate_codes", [{"code": "a", "label": "A"}, {"code": "a", "label": "B"}], [], {}, "ladder"),
        ("bad_code", [{"code": "Not A Code", "label": "A"}], [], {}, "steps"),
        ("negative_days", [], [{"code": "rg", "label": "RG", "days": "-1", "unit": "working"}], {}, "deadlines"),
        ("max_below_min", [], [{"code": "rg", "label": "RG", "days": "30", "unit": "working", "max_days": "5"}], {}, "deadlines"),
        ("bad_holiday", [], [], {"holidays": "2025-13-45"}, "form"),
        ("bad_weekday", [], [], {"working_days": ["9"]}, "form"),
    ],
)
def test_country_profile_edit_with_bad_input_answers_400_and_saves_nothing(
    make_member, client_for, _case, steps, deadlines, form, where
):
    profile = CountryProfileFactory(status_ladder=LADDER)
    coordinator = make_member(Role.NATIONAL_COORDINATOR)

    response = client_for(coordinator).post(
        reverse("directory:country_profile_edit", args=[profile.pk]), _profile_post(steps, deadlines, **form)
    )

    profile.refresh_from_db()
    editor = response.context["editor"]
    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    assert {
        "ladder": bool(editor.ladder_errors), "steps": bool(editor.steps.total_error_count()),
        "deadlines": bool(editor.deadlines.total_error_count()), "form": bool(editor.form.errors),
    }[where]
    assert profile.status_ladder == LADDER
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="directory.countryprofile").exists()


def test_country_profile_edit_is_refused_to_a_case_worker(make_member, client_for):
    profile = CountryProfileFactory()

    response = client_for(make_member(Role.CASE_WORKER)).get(reverse("directory:country_profile_edit", args=[profile.pk]))

    assert response.status_code == 403


def test_unknown_country_profile_answers_404(make_member, client_for):
    response = client_for(make_member(Role.CASE_WORKER)).get(reverse("directory:country_profile_detail", args=[999999]))

    assert response.status_code == 404


# --- users ----------------------------------------------------------------------------------


def test_user_list_shows_every_account_with_roles_and_searches_by_user_name(make_member, client_for):
    admin = make_member(Role.INSTANCE_ADMIN)
    agency = AgencyFactory(name="Casa Abrigo")
    person = UserFactory(username="marta.costa")
    MembershipFactory(user=person, agency=agency, role=Role.CASE_WORKER)
    UserFactory(username="someone.else")
    client = client_for(admin)

    everyone = client.get(reverse("directory:user_list"))
    found = client.get(reverse("directory:user_list"), {"q": "marta"})

    assert everyone.context["page"].paginator.count == User.objects.count()
    assert [u.username for u in found.context["page"].object_list] == ["marta.costa"]
    assert "Casa Abrigo" in found.text and "Case worker" in found.text


def test_user_list_query_count_does_not_grow_with_accounts(make_member, client_for):
    client = client_for(make_member(Role.INSTANCE_ADMIN))
    url = reverse("directory:user_list")
    baseline = _queries(client, url)
    for _ in range(10):
        make_member(Role.CASE_WORKER)

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)

    assert len(ctx.captured_queries) == baseline


def test_user_list_is_for_administrators_only(make_member, client_for):
    response = client_for(make_member(Role.CASE_MANAGER)).get(reverse("directory:user_list"))

    assert response.status_code == 403


def test_every_directory_page_renders_for_an_admin(make_member, client_for):
    agency = AgencyFactory()
    admin = make_member(Role.INSTANCE_ADMIN, agency)
    membership = admin.memberships.get()
    profile = CountryProfileFactory(status_ladder=LADDER, deadlines=DEADLINES)
    client = client_for(admin)
    urls = [
        reverse("directory:agency_list"), reverse("directory:agency_create"),
        reverse("directory:agency_detail", args=[agency.pk]), reverse("directory:agency_edit", args=[agency.pk]),
        reverse("directory:member_list", args=[agency.pk]), reverse("directory:member_create", args=[agency.pk]),
        reverse("directory:membership_add", args=[agency.pk]),
        reverse("directory:member_detail", args=[agency.pk, membership.pk]),
        reverse("directory:membership_edit", args=[agency.pk, membership.pk]),
        reverse("directory:country_profile_list"), reverse("directory:country_profile_detail", args=[profile.pk]),
        reverse("directory:country_profile_edit", args=[profile.pk]), reverse("directory:user_list"),
    ]

    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)
    assert CountryProfile.objects.count() == 1
