"""Pages of the cases area: search first, registration, case list, case page, screening."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role
from liaison.nrm.models import Case, Person, SavedCaseView, Screening, StatusDecision
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_cases import (
    IdentityDocumentFactory,
    SavedCaseViewFactory,
    ScreeningFactory,
    default_checklist,
    home_profile,
    indexed_person,
)

pytestmark = pytest.mark.django_db
SEARCH = {
    "given_names": "Shakhzoda",
    "family_names": "Karimova",
    "birth_date": "1998-05-07",
    "document_number": "",
}


@pytest.fixture(autouse=True)
def _profile(db):
    home_profile("PT")


@pytest.fixture
def worker(make_member, agency):
    return make_member(Role.CASE_WORKER, agency)


@pytest.fixture
def client(client_for, worker):
    return client_for(worker)


def _register_data(**changes):
    data = {
        "given_names": "Shakhzoda",
        "family_names": "Karimova",
        "sex": "Feminine",
        "birth_date": "1998-05-07",
        "citizenship": "UZ",
        "flagged_on": "2026-03-02",
        "reasons": "Met during a labour inspection",
        "document_kind": "",
        "document_number": "",
    }
    return {**data, **changes}


# --- search and registration -------------------------------------------------------------------


def test_search_page_lists_candidates_by_number_only(client, other_agency):
    person = indexed_person(
        other_agency,
        given_names="Шахзода",
        family_names="Каримова",
        birth_date=datetime.date(1998, 5, 7),
    )
    CaseFactory.create(person=person, agency=other_agency)

    response = client.post(reverse("nrm:person_search"), SEARCH)

    assert response.status_code == 200
    assert "Karimova" not in response.wsgi_request.get_full_path()
    body = response.content.decode()
    assert str(person) in body
    assert "Шахзода" not in body
    assert reverse("nrm:case_open", args=[person.pk]) in body


def test_search_without_a_name_or_number_is_400(client):
    response = client.post(reverse("nrm:person_search"), {"given_names": " "})

    assert response.status_code == 400


def test_create_page_refuses_without_a_search(client):
    response = client.get(reverse("nrm:person_create"))

    assert response.status_code == 400
    assert reverse("nrm:person_search") in response.content.decode()


def test_register_after_search_opens_the_case(client, agency):
    client.post(reverse("nrm:person_search"), SEARCH)
    url = (
        reverse("nrm:person_create")
        + "?given_names=Shakhzoda&family_names=Karimova&birth_date=1998-05-07"
    )

    form_page = client.get(url)
    response = client.post(url, _register_data(agency=agency.pk))

    assert form_page.status_code == 200
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert Person.objects.get(cases=case).family_names == "Karimova"
    assert StatusDecision.objects.filter(case=case, step="flagged").exists()


def test_the_remembered_search_is_encrypted_in_the_session(client):
    client.post(reverse("nrm:person_search"), SEARCH)

    stored = client.session["nrm.person_search_input"]

    assert stored.startswith("enc1$")
    assert "Karimova" not in stored


def test_register_with_changed_names_is_refused_and_writes_nothing(client, agency):
    client.post(reverse("nrm:person_search"), SEARCH)

    response = client.post(
        reverse("nrm:person_create"), _register_data(agency=agency.pk, family_names="Tursunova")
    )

    assert response.status_code == 400
    assert not Person.objects.exists()
    assert not Case.objects.exists()


def test_register_with_bad_input_is_400(client, agency):
    client.post(reverse("nrm:person_search"), SEARCH)

    response = client.post(
        reverse("nrm:person_create"), _register_data(agency=agency.pk, birth_date="2999-01-01")
    )

    assert response.status_code == 400
    assert not Person.objects.exists()


def test_open_a_case_for_a_found_person(client, agency, other_agency):
    person = indexed_person(
        other_agency,
        given_names="Shahzoda",
        family_names="Karimova",
        birth_date=datetime.date(1998, 5, 7),
    )
    CaseFactory.create(person=person, agency=other_agency)
    client.post(reverse("nrm:person_search"), SEARCH)

    response = client.post(
        reverse("nrm:case_open", args=[person.pk]),
        {"agency": agency.pk, "flagged_on": "2026-03-02"},
    )

    case = Case.objects.get(agency=agency)
    assert response.status_code == 302
    assert case.person == person


def test_open_a_case_for_a_person_the_search_did_not_show_is_404(client, other_agency):
    person = indexed_person(other_agency, family_names="Nobody")
    client.post(reverse("nrm:person_search"), SEARCH)

    response = client.post(reverse("nrm:case_open", args=[person.pk]), {"flagged_on": "2026-03-02"})

    assert response.status_code == 404
    assert not Case.objects.exists()


def test_anonymous_notification_page(client, agency):
    response = client.post(
        reverse("nrm:anonymous_case_create"),
        {
            "agency": agency.pk,
            "flagged_on": "2026-03-02",
            "age": "41",
            "sex": "Masculine",
            "citizenship": "TM",
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert case.anonymous
    assert case.person is None
    assert client.get(case.get_absolute_url()).status_code == 200


def test_anonymous_notification_with_bad_age_is_400(client, agency):
    response = client.post(
        reverse("nrm:anonymous_case_create"),
        {"agency": agency.pk, "flagged_on": "2026-03-02", "age": "400", "sex": "Masculine"},
    )

    assert response.status_code == 400
    assert not Case.objects.exists()


# --- the case list ------------------------------------------------------------------------------


def test_case_list_shows_codes_never_names(client, agency, other_agency):
    mine = CaseFactory.create(person=indexed_person(agency, family_names="Rahimova"), agency=agency)
    theirs = CaseFactory.create(person=indexed_person(other_agency), agency=other_agency)

    response = client.get(reverse("nrm:case_list"))

    body = response.content.decode()
    assert response.status_code == 200
    assert mine.code in body
    assert theirs.code not in body
    assert "Rahimova" not in body
    assert "Flagged (sinalizada)" in body  # the ladder's label, not the step code


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"age_group": "child"}, ["child"]),
        ({"age_group": "adult"}, ["adult"]),
        ({"citizenship": "TM"}, ["child"]),
        ({"state": "closed"}, ["adult"]),
        ({"year": "2025"}, ["adult"]),
        ({"overdue": "on"}, ["child"]),
    ],
    ids=["child", "adult", "citizenship", "closed", "year", "overdue"],
)
def test_case_list_filters(client, agency, query, expected):
    from liaison.nrm.tests.factories_decisions import CasePeriodFactory

    cases = {
        "child": CaseFactory.create(
            person=indexed_person(agency, citizenship="TM"), agency=agency, is_child=True
        ),
        "adult": CaseFactory.create(
            person=indexed_person(agency), agency=agency, flagged_on=datetime.date(2025, 6, 1),
            closed_on=datetime.date(2025, 12, 1),
        ),
    }  # fmt: skip
    CasePeriodFactory.create(case=cases["child"], due_on=datetime.date(2026, 4, 1))

    response = client.get(reverse("nrm:case_list"), query)

    found = sorted(
        k for k, c in cases.items() if f'data-case="{c.pk}"' in response.content.decode()
    )
    assert found == expected


def test_case_list_bad_filter_is_400(client):
    assert client.get(reverse("nrm:case_list"), {"year": "abc"}).status_code == 400


def test_case_list_query_count_does_not_grow(client, agency, django_assert_max_num_queries):
    for _ in range(3):
        CaseFactory.create(person=indexed_person(agency), agency=agency)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("nrm:case_list"))
    for _ in range(50):
        CaseFactory.create(person=indexed_person(agency), agency=agency)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("nrm:case_list"))

    assert response.content.decode().count("data-case=") == 50


def test_saved_views_are_saved_listed_and_deleted(client, worker):
    response = client.post(
        reverse("nrm:saved_view_create"), {"name": "Children", "query": "age_group=child"}
    )
    view = SavedCaseView.objects.get(user=worker)
    listed = client.get(reverse("nrm:case_list")).content.decode()
    deleted = client.post(reverse("nrm:saved_view_delete", args=[view.pk]))

    assert response.status_code == 302
    assert "?age_group=child" in response["Location"]
    assert "Children" in listed
    assert deleted.status_code == 302
    assert not SavedCaseView.objects.exists()


def test_saved_view_without_a_name_is_400(client):
    response = client.post(reverse("nrm:saved_view_create"), {"name": "", "query": "state=open"})

    assert response.status_code == 400
    assert not SavedCaseView.objects.exists()


def test_another_users_saved_view_is_404(client, make_member, agency):
    view = SavedCaseViewFactory.create(user=make_member(Role.CASE_WORKER, agency))

    assert client.post(reverse("nrm:saved_view_delete", args=[view.pk])).status_code == 404
    assert SavedCaseView.objects.exists()


# --- the case page ------------------------------------------------------------------------------


def test_case_page_shows_identity_and_audits_the_view(client, worker, agency):
    person = indexed_person(
        agency, given_names="Aziza", family_names="Rahimova", phone="+351 900 000 000"
    )
    IdentityDocumentFactory.create(person=person, number="FA7654321")
    case = CaseFactory.create(person=person, agency=agency, owner=worker)
    ScreeningFactory.create(case=case)

    response = client.get(case.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "Aziza Rahimova" in body
    assert "FA7654321" in body
    assert set(response.context["perms_case"]) == {
        "can_edit", "can_decide", "can_handover", "can_close", "can_export", "can_override_consent",
    }  # fmt: skip
    event = AuditEvent.objects.filter(actor=worker, action="view", object_id=str(person.pk)).latest(
        "id"
    )
    assert {"given_names", "family_names", "phone", "documents"} <= set(event.fields)
    assert 'data-kind="screening"' in body


def test_timeline_gathers_events_in_a_bounded_number_of_queries(
    agency, django_assert_max_num_queries
):
    from liaison.nrm.selectors.timeline import case_timeline
    from liaison.nrm.tests.factories import ConsentFactory
    from liaison.nrm.tests.factories_decisions import CasePeriodFactory

    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    for day in (3, 4, 5):
        ScreeningFactory.create(case=case, screened_on=datetime.date(2026, 3, day))
        ConsentFactory.create(case=case, given_on=datetime.date(2026, 3, day))
    CasePeriodFactory.create(case=case, ended_on=datetime.date(2026, 4, 1), status="ended")
    profile = home_profile("PT")

    with django_assert_max_num_queries(12):
        events = case_timeline(case, profile)

    assert [e.on for e in events] == sorted(e.on for e in events)
    assert [e.kind for e in events].count("screening") == 3
    assert {"consent", "period"} <= {e.kind for e in events}


@pytest.mark.parametrize(
    "name",
    ["nrm:case_detail", "nrm:case_edit", "nrm:screening_create"],
)
def test_another_agencys_case_is_404(client, other_agency, name):
    case = CaseFactory.create(person=indexed_person(other_agency), agency=other_agency)

    assert client.get(reverse(name, args=[case.pk])).status_code == 404


@pytest.mark.parametrize("name", ["nrm:person_edit", "nrm:document_add"])
def test_another_agencys_person_is_404(client, other_agency, name):
    person = indexed_person(other_agency)
    CaseFactory.create(person=person, agency=other_agency)

    assert client.get(reverse(name, args=[person.pk])).status_code == 404


def test_another_agencys_screening_is_404(client, other_agency):
    screening = ScreeningFactory.create(
        case=CaseFactory.create(person=indexed_person(other_agency), agency=other_agency)
    )

    response = client.get(reverse("nrm:screening_detail", args=[screening.case_id, screening.pk]))

    assert response.status_code == 404


def test_case_edit_saves_the_owner_and_summary(client, worker, agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)

    response = client.post(
        reverse("nrm:case_edit", args=[case.pk]), {"owner": worker.pk, "summary": "Two visits"}
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert (case.owner, case.summary) == (worker, "Two visits")


def test_person_edit_changes_the_name(client, agency):
    person = indexed_person(agency, given_names="Aziza", family_names="Rahimova", birth_date=None)
    CaseFactory.create(person=person, agency=agency)

    page = client.get(reverse("nrm:person_edit", args=[person.pk]))
    response = client.post(
        reverse("nrm:person_edit", args=[person.pk]),
        {
            "given_names": "Aziza",
            "family_names": "Tursunova",
            "sex": "Feminine",
            "birth_year": "1990",
        },
    )

    person.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 302
    assert (person.family_names, person.birth_date, person.birth_year_known) == (
        "Tursunova", datetime.date(1990, 1, 1), True,
    )  # fmt: skip


# --- screening ----------------------------------------------------------------------------------


def test_screening_flow(client, agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    checklist = default_checklist("general")
    url = reverse("nrm:screening_create", args=[case.pk]) + f"?checklist={checklist.pk}"
    answers = {f"i_{i['code']}": "unknown" for i in checklist.indicators}
    answers["i_gen_documents"] = "yes"

    default = client.get(reverse("nrm:screening_create", args=[case.pk]))
    form = client.get(url)
    response = client.post(url, {**answers, "screened_on": "2026-03-03"})

    screening = Screening.objects.get()
    assert default.status_code == form.status_code == 200
    assert default.context["checklist"] == checklist  # the general checklist comes first
    assert "not a decision" in form.content.decode()
    assert response.status_code == 302
    assert (screening.suggestion, screening.strong_count) == ("strong", 1)
    detail = client.get(response["Location"])
    assert "not a decision" in detail.content.decode()


def test_screening_with_a_bad_answer_is_400(client, agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    checklist = default_checklist("begging")
    url = reverse("nrm:screening_create", args=[case.pk]) + f"?checklist={checklist.pk}"

    response = client.post(url, {"i_beg_forced": "perhaps", "screened_on": "2026-03-03"})

    assert response.status_code == 400
    assert not Screening.objects.exists()


# --- home ---------------------------------------------------------------------------------------


def test_home_lists_open_cases_waiting_for_screening(client, worker, agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency, owner=worker)

    body = client.get(reverse("home")).content.decode()

    assert case.code in body
    assert reverse("nrm:screening_create", args=[case.pk]) in body


def test_home_shows_no_cases_section_without_case_access(client_for, make_member, agency):
    coordinator = make_member(Role.NATIONAL_COORDINATOR, agency)

    response = client_for(coordinator).get(reverse("home"))

    assert response.status_code == 200
    assert 'data-section="home-cases"' not in response.content.decode()
