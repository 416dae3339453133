"""The cases API: search, registration, people, cases, screenings, checklists, saved views."""

from __future__ import annotations

import datetime
import json

import pytest

from liaison.core.models import AuditEvent
from liaison.directory.roles import Role
from liaison.nrm.models import Case, IdentityDocument, Person, SavedCaseView, Screening
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
API = "/api/v1/nrm"


@pytest.fixture(autouse=True)
def _profile(db):
    home_profile("PT")


@pytest.fixture
def worker(make_member, agency):
    return make_member(Role.CASE_WORKER, agency)


@pytest.fixture
def api(client_for, worker):
    client = client_for(worker)

    def call(method, path, body=None):
        if body is None:
            return client.generic(method, API + path)
        return client.generic(method, API + path, json.dumps(body, default=str), "application/json")

    call.client = client  # type: ignore[attr-defined]
    return call


def _search(api, **criteria):
    return api("POST", "/people/search", criteria)


def test_search_and_register(api, agency):
    searched = _search(
        api,
        given_names="Shakhzoda",
        family_names="Karimova",
        birth_date="1998-05-07",
        document_number="fa111",
    )
    token = searched.json()["search_token"]

    response = api(
        "POST",
        "/people",
        {
            "given_names": "Shahzoda", "family_names": "Karimova", "birth_date": "1998-05-07",
            "sex": "Feminine", "citizenship": "uz", "search_token": token, "agency_id": agency.pk,
            "flagged_on": "2026-03-02", "documents": [{"kind": "passport", "number": "FA 111"}],
        },
    )  # fmt: skip

    assert searched.status_code == 200
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"].startswith("C-2026-")
    assert "Karimova" not in response.content.decode()
    person = Person.objects.get()
    assert person.citizenship == "UZ"
    assert IdentityDocument.objects.get().person == person


def test_register_without_a_matching_search_is_422_and_writes_nothing(api, agency):
    token = _search(api, family_names="Karimova").json()["search_token"]

    response = api(
        "POST", "/people",
        {"family_names": "Tursunova", "search_token": token, "agency_id": agency.pk, "flagged_on": "2026-03-02"},
    )  # fmt: skip

    assert response.status_code == 422
    assert not Person.objects.exists()


def test_register_for_another_agency_is_422(api, other_agency):
    token = _search(api, family_names="Karimova").json()["search_token"]

    response = api(
        "POST", "/people",
        {"family_names": "Karimova", "search_token": token, "agency_id": other_agency.pk, "flagged_on": "2026-03-02"},
    )  # fmt: skip

    assert response.status_code == 422
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"citizenship": "XX", "family_names": "A"}, {"birth_year": 3000, "family_names": "A"}],
    ids=["empty", "bad_country", "bad_year"],
)
def test_bad_search_is_422(api, body):
    assert _search(api, **body).status_code == 422


def test_search_finds_by_document_number_and_hides_other_agencies_names(api, other_agency):
    person = indexed_person(other_agency, given_names="Шахзода", family_names="Каримова")
    IdentityDocumentFactory.create(person=person, number="AB 1234567")
    CaseFactory.create(person=person, agency=other_agency)

    body = _search(api, document_number="ab1234567").json()

    [candidate] = body["candidates"]
    assert candidate["likelihood"] == "high"
    assert (candidate["person_id"], candidate["document_match"], candidate["name"]) == (
        person.pk,
        True,
        None,
    )
    assert candidate["agencies"] == [{"id": other_agency.pk, "name": other_agency.name}]


def test_open_case_for_a_found_person_and_not_for_another(api, agency, other_agency):
    found = indexed_person(other_agency, given_names="Aziza", family_names="Rahimova")
    unseen = indexed_person(other_agency, given_names="Lola", family_names="Nazarova")
    token = _search(api, given_names="Aziza", family_names="Rakhimova").json()["search_token"]

    opened = api(
        "POST",
        "/cases",
        {
            "agency_id": agency.pk,
            "flagged_on": "2026-03-02",
            "person_id": found.pk,
            "search_token": token,
        },
    )
    refused = api(
        "POST",
        "/cases",
        {
            "agency_id": agency.pk,
            "flagged_on": "2026-03-02",
            "person_id": unseen.pk,
            "search_token": token,
        },
    )

    assert opened.status_code == 201
    assert refused.status_code == 422
    assert Case.objects.get().person == found


def test_open_anonymous_case(api, agency):
    response = api(
        "POST", "/cases",
        {"agency_id": agency.pk, "flagged_on": "2026-03-02", "anonymous": True, "age": 15, "sex": "Masculine", "citizenship": "TM"},
    )  # fmt: skip

    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.person, case.is_child) == (None, True)
    detail = api("GET", f"/cases/{case.pk}").json()
    assert (detail["anonymous_sex"], detail["anonymous_citizenship"]) == ("Masculine", "TM")


def test_case_without_person_or_anonymity_is_422(api, agency):
    response = api("POST", "/cases", {"agency_id": agency.pk, "flagged_on": "2026-03-02"})

    assert response.status_code == 422
    assert not Case.objects.exists()


def test_list_and_get_cases_are_scoped(api, agency, other_agency):
    mine = CaseFactory.create(person=indexed_person(agency), agency=agency)
    theirs = CaseFactory.create(person=indexed_person(other_agency), agency=other_agency)

    listed = api("GET", "/cases").json()

    assert [c["code"] for c in listed["items"]] == [mine.code]
    assert api("GET", f"/cases/{mine.pk}").status_code == 200
    for path in (
        f"/cases/{theirs.pk}",
        f"/cases/{theirs.pk}/timeline",
        f"/cases/{theirs.pk}/screenings",
    ):
        assert api("GET", path).status_code == 404, path
    assert api("PATCH", f"/cases/{theirs.pk}", {"summary": "x"}).status_code == 404


def test_list_cases_query_count_does_not_grow(api, agency, django_assert_max_num_queries):
    CaseFactory.create(person=indexed_person(agency), agency=agency)
    with django_assert_max_num_queries(40) as few:
        api.client.get(f"{API}/cases", {"limit": 50})
    for _ in range(50):
        CaseFactory.create(person=indexed_person(agency), agency=agency)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.client.get(f"{API}/cases", {"limit": 50})

    assert len(response.json()["items"]) == 50


def test_list_cases_filters(api, agency):
    child = CaseFactory.create(person=indexed_person(agency), agency=agency, is_child=True)
    CaseFactory.create(person=indexed_person(agency), agency=agency)

    response = api.client.get(f"{API}/cases", {"age_group": "child"})

    assert [c["id"] for c in response.json()["items"]] == [child.pk]
    assert api.client.get(f"{API}/cases", {"age_group": "elderly"}).status_code == 422


def test_people_are_scoped_and_audited(api, worker, agency, other_agency):
    mine = indexed_person(agency, family_names="Rahimova")
    CaseFactory.create(person=mine, agency=agency)
    theirs = indexed_person(other_agency)
    CaseFactory.create(person=theirs, agency=other_agency)

    response = api("GET", f"/people/{mine.pk}")

    assert response.json()["family_names"] == "Rahimova"
    assert AuditEvent.objects.filter(actor=worker, action="view", object_id=str(mine.pk)).exists()
    for method, path, body in [
        ("GET", f"/people/{theirs.pk}", None),
        ("PATCH", f"/people/{theirs.pk}", {"family_names": "X"}),
        ("GET", f"/people/{theirs.pk}/documents", None),
        ("POST", f"/people/{theirs.pk}/documents", {"kind": "passport", "number": "1"}),
    ]:
        assert api(method, path, body).status_code == 404, path


def test_update_person_and_add_document(api, agency):
    person = indexed_person(agency, family_names="Rahimova")
    CaseFactory.create(person=person, agency=agency)

    updated = api("PATCH", f"/people/{person.pk}", {"family_names": "Tursunova"})
    added = api("POST", f"/people/{person.pk}/documents", {"kind": "passport", "number": "FA 9"})
    bad = api("PATCH", f"/people/{person.pk}", {"birth_date": "2999-01-01"})

    assert updated.status_code == 200
    assert updated.json()["family_names"] == "Tursunova"
    assert added.status_code == 201
    assert bad.status_code == 422
    person.refresh_from_db()
    assert person.birth_date == datetime.date(1995, 3, 14)


def test_update_case_owner_must_work_in_the_agency(api, worker, agency, make_member, other_agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    stranger = make_member(Role.CASE_WORKER, other_agency)

    ok = api("PATCH", f"/cases/{case.pk}", {"owner_id": worker.pk, "summary": "Seen"})
    refused = api("PATCH", f"/cases/{case.pk}", {"owner_id": stranger.pk})

    assert ok.status_code == 200
    assert (ok.json()["owner"], ok.json()["summary"]) == (worker.username, "Seen")
    assert refused.status_code == 422


def test_screenings_and_checklists(api, agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    checklist = default_checklist("children")

    checklists = api("GET", "/checklists").json()
    created = api(
        "POST", f"/cases/{case.pk}/screenings",
        {"checklist_id": checklist.pk, "screened_on": "2026-03-03", "answers": {"ch_not_in_school": "yes"}},
    )  # fmt: skip
    listed = api("GET", f"/cases/{case.pk}/screenings").json()

    assert len(checklists) == 6
    assert created.status_code == 201
    assert (created.json()["suggestion"], created.json()["other_count"]) == ("some", 1)
    assert [s["id"] for s in listed["items"]] == [created.json()["id"]]


@pytest.mark.parametrize(
    "body",
    [
        {"checklist_id": 0, "screened_on": "2026-03-03"},
        {"checklist_id": "own", "screened_on": "2026-03-03"},
        {"screened_on": "2026-03-03", "answers": {"gen_debt": "maybe"}},
    ],
    ids=["unknown_checklist", "not_a_number", "bad_answer"],
)
def test_bad_screening_is_422(api, agency, body):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    body.setdefault("checklist_id", default_checklist().pk)

    assert api("POST", f"/cases/{case.pk}/screenings", body).status_code == 422
    assert not Screening.objects.exists()


def test_timeline(api, agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    ScreeningFactory.create(case=case)

    events = api("GET", f"/cases/{case.pk}/timeline").json()

    assert [e["kind"] for e in events] == ["screening"]


def test_saved_views(api, worker, make_member, agency):
    others = SavedCaseViewFactory.create(user=make_member(Role.CASE_WORKER, agency))

    created = api("POST", "/saved-views", {"name": "Overdue", "query": "overdue=on"})
    listed = api("GET", "/saved-views").json()
    foreign = api("DELETE", f"/saved-views/{others.pk}")
    deleted = api("DELETE", f"/saved-views/{created.json()['id']}")

    assert created.status_code == 201
    assert [v["name"] for v in listed["items"]] == ["Overdue"]
    assert foreign.status_code == 404
    assert deleted.status_code == 204
    assert list(SavedCaseView.objects.all()) == [others]


def test_roles_without_case_access_are_refused(client_for, make_member, agency):
    coordinator = client_for(make_member(Role.NATIONAL_COORDINATOR, agency))

    assert coordinator.get(f"{API}/cases").status_code == 403
    assert coordinator.post(f"{API}/people/search", "{}", "application/json").status_code == 403
