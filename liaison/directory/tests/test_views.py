"""Directory pages: status codes, forms with bad input, cross-agency isolation, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.models import (
    Agency,
    AgencyType,
    CountryProfile,
    NationalRole,
    User,
)
from liaison.directory.roles import Role
from liaison.directory.tests.factories import (
    AgencyFactory,
    CountryProfileFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- agencies -------------------------------------------------------------------------------


def test_agency_list_filters_by_country_type_role_and_text(make_member, client_for):
    viewer = make_member(Role.CASE_WORKER)
    police = AgencyFactory.create(
        name="Polícia Judiciária",
        agency_type=AgencyType.LAW_ENFORCEMENT,
        national_role=NationalRole.CRIMINAL_POLICE,
        country="PT",
    )
    AgencyFactory.create(
        name="Prosecutor General's Office",
        agency_type=AgencyType.LEGAL,
        national_role=NationalRole.PROSECUTION,
        country="UZ",
    )
    client = client_for(viewer)
    url = reverse("directory:agency_list")

    by_country = client.get(url, {"country": "UZ"})
    by_type = client.get(url, {"agency_type": AgencyType.LAW_ENFORCEMENT})
    by_role = client.get(url, {"national_role": NationalRole.CRIMINAL_POLICE})
    by_text = client.get(url, {"q": "judici"})
    no_role = client.get(url, {"national_role": "none"})

    assert "Prosecutor General" in by_country.text
    assert "Polícia" not in by_country.text
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


def test_agency_list_query_count_does_not_grow_with_rows(
    make_member, client_for, django_assert_num_queries
):
    client = client_for(make_member(Role.CASE_WORKER))
    parent = AgencyFactory.create()
    url = reverse("directory:agency_list")
    AgencyFactory.create_batch(2, parent=parent)
    baseline = _queries(client, url)
    AgencyFactory.create_batch(20, parent=parent)

    with django_assert_num_queries(baseline):
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 24


def test_agency_list_is_paginated(make_member, client_for):
    client = client_for(make_member(Role.CASE_WORKER))
    AgencyFactory.create_batch(30)

    first = client.get(reverse("directory:agency_list"))
    second = client.get(reverse("directory:agency_list"), {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 6


def test_partner_cannot_see_inactive_agencies(make_member, client_for):
    client = client_for(make_member(Role.PARTNER))
    closed = AgencyFactory.create(is_active=False)

    assert client.get(reverse("directory:agency_detail", args=[closed.pk])).status_code == 404


def test_agency_detail_shows_sub_units_and_members_link_to_its_case_manager(
    make_member, client_for
):
    agency = AgencyFactory.create(name="Main office")
    AgencyFactory.create(name="Porto branch", parent=agency)
    manager = make_member(Role.CASE_MANAGER, agency)

    response = client_for(manager).get(reverse("directory:agency_detail", args=[agency.pk]))

    assert response.status_code == 200
    assert "Porto branch" in response.text
    assert reverse("directory:member_list", args=[agency.pk]) in response.text


def test_agency_detail_hides_members_link_from_other_agencies(make_member, client_for):
    other = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER)

    response = client_for(manager).get(reverse("directory:agency_detail", args=[other.pk]))

    assert response.status_code == 200
    assert reverse("directory:member_list", args=[other.pk]) not in response.text


def test_admin_creates_an_agency(make_member, client_for):
    admin = make_member(Role.INSTANCE_ADMIN)
    parent = AgencyFactory.create(country="PT")

    response = client_for(admin).post(
        reverse("directory:agency_create"),
        {
            "name": "Observatório",
            "agency_type": AgencyType.CENTRAL_GOVERNMENT,
            "national_role": NationalRole.RAPPORTEUR,
            "country": "PT",
            "parent": parent.pk,
            "is_active": "on",
        },
    )

    agency = Agency.objects.get(name="Observatório")
    assert response.status_code == 302
    assert response.url == agency.get_absolute_url()
    assert agency.parent == parent
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="directory.agency", object_id=str(agency.pk)
    ).exists()


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
def test_agency_create_with_bad_input_answers_400_and_writes_nothing(
    make_member, client_for, _case, changes, field
):
    admin = make_member(Role.INSTANCE_ADMIN)
    before = Agency.objects.count()
    data = {"name": "New agency", "agency_type": AgencyType.NGO, "country": "PT", **changes}

    response = client_for(admin).post(reverse("directory:agency_create"), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Agency.objects.count() == before


def test_agency_create_refuses_a_duplicate_name_in_the_same_country(make_member, client_for):
    AgencyFactory.create(name="GNR", country="PT")

    response = client_for(make_member(Role.INSTANCE_ADMIN)).post(
        reverse("directory:agency_create"),
        {"name": "GNR", "agency_type": AgencyType.LAW_ENFORCEMENT, "country": "PT"},
    )

    assert response.status_code == 400
    assert Agency.objects.filter(name="GNR").count() == 1


def test_agency_edit_saves_changes_and_logs_them(make_member, client_for):
    agency = AgencyFactory.create(name="Old name", country="PT")

    response = client_for(make_member(Role.INSTANCE_ADMIN)).post(
        reverse("directory:agency_edit", args=[agency.pk]),
        {"name": "New name", "agency_type": AgencyType.NGO, "country": "PT", "is_active": "on"},
    )

    agency.refresh_from_db()
    assert response.status_code == 302
    assert agency.name == "New name"
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(agency.pk)).latest(
        "id"
    )
    assert event.fields == ["name"]


def test_agency_cannot_be_moved_under_its_own_sub_unit(make_member, client_for):
    agency = AgencyFactory.create(country="PT")
    child = AgencyFactory.create(parent=agency, country="PT")

    response = client_for(make_member(Role.INSTANCE_ADMIN)).post(
        reverse("directory:agency_edit", args=[agency.pk]),
        {"name": agency.name, "agency_type": AgencyType.NGO, "country": "PT", "parent": child.pk},
    )

    agency.refresh_from_db()
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors
    assert agency.parent is None


def test_case_manager_cannot_open_agency_forms(make_member, client_for):
    agency = AgencyFactory.create()
    client = client_for(make_member(Role.CASE_MANAGER, agency))

    assert client.get(reverse("directory:agency_create")).status_code == 403
    assert client.get(reverse("directory:agency_edit", args=[agency.pk])).status_code == 403


# --- country profiles -----------------------------------------------------------------------

LADDER = [
    {
        "code": "flagged",
        "label": "Flagged",
        "deciders": [Role.FRONTLINE_RESPONDER],
        "next": ["confirmed"],
    },
    {"code": "confirmed", "label": "Confirmed", "deciders": [Role.NRM_DECISION_MAKER], "next": []},
]
DEADLINES = [
    {
        "code": "reasonable_grounds",
        "label": "Reasonable grounds",
        "days": 5,
        "unit": "working",
        "starts": "referral",
    }
]


def test_country_profile_detail_shows_readable_tables(make_member, client_for):
    profile = CountryProfileFactory.create(
        status_ladder=LADDER,
        deadlines=DEADLINES,
        holidays=["2025-12-25"],
        population=10_600_000,
        population_year=2024,
    )

    response = client_for(make_member(Role.CASE_WORKER)).get(
        reverse("directory:country_profile_detail", args=[profile.pk])
    )

    assert response.status_code == 200
    for text in (
        "Flagged",
        "NRM decision maker",
        "Reasonable grounds",
        "working days",
        "Monday",
        "2025-12-25",
        "10,600,000",
    ):
        assert text in response.text


def test_country_profile_list_query_count_does_not_grow(
    make_member, client_for, django_assert_num_queries
):
    client = client_for(make_member(Role.CASE_WORKER))
    CountryProfileFactory.create(country="PT")
    url = reverse("directory:country_profile_list")
    baseline = _queries(client, url)
    for code in ("UZ", "TM", "KZ", "KG"):
        CountryProfileFactory.create(country=code, is_home=False)

    with django_assert_num_queries(baseline):
        response = client.get(url)

    assert response.context["page"].paginator.count == 5


def _profile_post(steps, deadlines, **form):
    data = {
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": "0",
        "deadlines-TOTAL_FORMS": str(len(deadlines)),
        "deadlines-INITIAL_FORMS": "0",
        "working_days": ["1", "2", "3", "4", "5"],
        "holidays": "",
        "population": "",
        "population_year": "",
        "notes": "",
        **form,
    }
    for i, step in enumerate(steps):
        data.update({f"steps-{i}-{k}": v for k, v in step.items()})
    for i, deadline in enumerate(deadlines):
        data.update({f"deadlines-{i}-{k}": v for k, v in deadline.items()})
    return data


def test_national_coordinator_edits_the_procedure(make_member, client_for):
    profile = CountryProfileFactory.create()
    coordinator = make_member(Role.NATIONAL_COORDINATOR)
    steps = [
        {
            "code": "flagged",
            "label": "Flagged",
            "deciders": [Role.FRONTLINE_RESPONDER],
            "next": "confirmed",
        },
        {
            "code": "confirmed",
            "label": "Confirmed",
            "deciders": [Role.NRM_DECISION_MAKER],
            "next": "",
        },
    ]
    deadlines = [
        {
            "code": "recovery",
            "label": "Recovery period",
            "days": "30",
            "unit": "calendar",
            "max_days": "60",
        }
    ]

    response = client_for(coordinator).post(
        reverse("directory:country_profile_edit", args=[profile.pk]),
        _profile_post(
            steps,
            deadlines,
            holidays="2025-06-10\n2025-12-25",
            population="10600000",
            population_year="2024",
        ),
    )

    profile.refresh_from_db()
    assert response.status_code == 302
    assert profile.status_ladder == [
        {
            "code": "flagged",
            "label": "Flagged",
            "deciders": ["frontline_responder"],
            "next": ["confirmed"],
        },
        {"code": "confirmed", "label": "Confirmed", "deciders": ["nrm_decision_maker"], "next": []},
    ]
    assert profile.deadlines == [
        {
            "code": "recovery",
            "label": "Recovery period",
            "days": 30,
            "unit": "calendar",
            "max_days": 60,
        }
    ]
    assert profile.holidays == ["2025-06-10", "2025-12-25"]
    assert profile.population == 10_600_000


def test_country_profile_edit_keeps_keys_the_form_does_not_edit(make_member, client_for):
    profile = CountryProfileFactory.create(deadlines=[{**DEADLINES[0], "renewable": True}])
    data = _profile_post(
        [], [{"code": "reasonable_grounds", "label": "RG decision", "days": "5", "unit": "working"}]
    )
    data["deadlines-INITIAL_FORMS"] = "1"

    response = client_for(make_member(Role.NATIONAL_COORDINATOR)).post(
        reverse("directory:country_profile_edit", args=[profile.pk]), data
    )

    profile.refresh_from_db()
    assert response.status_code == 302
    assert profile.deadlines == [
        {
            "code": "reasonable_grounds",
            "label": "RG decision",
            "days": 5,
            "unit": "working",
            "renewable": True,
        }
    ]


def test_country_profile_edit_form_shows_the_stored_procedure(make_member, client_for):
    profile = CountryProfileFactory.create(status_ladder=LADDER, deadlines=DEADLINES)

    response = client_for(make_member(Role.NATIONAL_COORDINATOR)).get(
        reverse("directory:country_profile_edit", args=[profile.pk])
    )

    assert response.status_code == 200
    assert 'value="reasonable_grounds"' in response.text
    assert 'name="steps-TOTAL_FORMS" value="3"' in response.text


@pytest.mark.parametrize(
    ("_case", "steps", "deadlines", "form", "where"),
    [
        (
            "next_step_unknown",
            [{"code": "flagged", "label": "Flagged", "next": "nowhere"}],
            [],
            {},
            "ladder",
        ),
        (
            "duplicate_codes",
            [{"code": "a", "label": "A"}, {"code": "a", "label": "B"}],
            [],
            {},
            "ladder",
        ),
        ("bad_code", [{"code": "Not A Code", "label": "A"}], [], {}, "steps"),
        (
            "negative_days",
            [],
            [{"code": "rg", "label": "RG", "days": "-1", "unit": "working"}],
            {},
            "deadlines",
        ),
        (
            "max_below_min",
            [],
            [{"code": "rg", "label": "RG", "days": "30", "unit": "working", "max_days": "5"}],
            {},
            "deadlines",
        ),
        ("bad_holiday", [], [], {"holidays": "2025-13-45"}, "form"),
        ("bad_weekday", [], [], {"working_days": ["9"]}, "form"),
    ],
)
def test_country_profile_edit_with_bad_input_answers_400_and_saves_nothing(
    make_member, client_for, _case, steps, deadlines, form, where
):
    profile = CountryProfileFactory.create(status_ladder=LADDER)
    coordinator = make_member(Role.NATIONAL_COORDINATOR)

    response = client_for(coordinator).post(
        reverse("directory:country_profile_edit", args=[profile.pk]),
        _profile_post(steps, deadlines, **form),
    )

    profile.refresh_from_db()
    editor = response.context["editor"]
    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    assert {
        "ladder": bool(editor.ladder_errors),
        "steps": bool(editor.steps.total_error_count()),
        "deadlines": bool(editor.deadlines.total_error_count()),
        "form": bool(editor.form.errors),
    }[where]
    assert profile.status_ladder == LADDER
    assert not AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="directory.countryprofile"
    ).exists()


def test_country_profile_edit_is_refused_to_a_case_worker(make_member, client_for):
    profile = CountryProfileFactory.create()

    response = client_for(make_member(Role.CASE_WORKER)).get(
        reverse("directory:country_profile_edit", args=[profile.pk])
    )

    assert response.status_code == 403


def test_unknown_country_profile_answers_404(make_member, client_for):
    response = client_for(make_member(Role.CASE_WORKER)).get(
        reverse("directory:country_profile_detail", args=[999999])
    )

    assert response.status_code == 404


# --- users ----------------------------------------------------------------------------------


def test_user_list_shows_every_account_with_roles_and_searches_by_user_name(
    make_member, client_for
):
    admin = make_member(Role.INSTANCE_ADMIN)
    agency = AgencyFactory.create(name="Casa Abrigo")
    person = UserFactory.create(username="marta.costa")
    MembershipFactory.create(user=person, agency=agency, role=Role.CASE_WORKER)
    UserFactory.create(username="someone.else")
    client = client_for(admin)

    everyone = client.get(reverse("directory:user_list"))
    found = client.get(reverse("directory:user_list"), {"q": "marta"})

    assert everyone.context["page"].paginator.count == User.objects.count()
    assert [u.username for u in found.context["page"].object_list] == ["marta.costa"]
    assert "Casa Abrigo" in found.text
    assert "Case worker" in found.text


def test_user_list_query_count_does_not_grow_with_accounts(
    make_member, client_for, django_assert_num_queries
):
    client = client_for(make_member(Role.INSTANCE_ADMIN))
    url = reverse("directory:user_list")
    baseline = _queries(client, url)
    for _ in range(10):
        make_member(Role.CASE_WORKER)

    with django_assert_num_queries(baseline):
        client.get(url)


def test_user_list_is_for_administrators_only(make_member, client_for):
    response = client_for(make_member(Role.CASE_MANAGER)).get(reverse("directory:user_list"))

    assert response.status_code == 403


def test_every_directory_page_renders_for_an_admin(make_member, client_for):
    agency = AgencyFactory.create()
    admin = make_member(Role.INSTANCE_ADMIN, agency)
    membership = admin.memberships.get()
    profile = CountryProfileFactory.create(status_ladder=LADDER, deadlines=DEADLINES)
    client = client_for(admin)
    urls = [
        reverse("directory:agency_list"),
        reverse("directory:agency_create"),
        reverse("directory:agency_detail", args=[agency.pk]),
        reverse("directory:agency_edit", args=[agency.pk]),
        reverse("directory:member_list", args=[agency.pk]),
        reverse("directory:member_create", args=[agency.pk]),
        reverse("directory:membership_add", args=[agency.pk]),
        reverse("directory:member_detail", args=[agency.pk, membership.pk]),
        reverse("directory:membership_edit", args=[agency.pk, membership.pk]),
        reverse("directory:country_profile_list"),
        reverse("directory:country_profile_detail", args=[profile.pk]),
        reverse("directory:country_profile_edit", args=[profile.pk]),
        reverse("directory:user_list"),
    ]

    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)
    assert CountryProfile.objects.count() == 1
