"""Services of the cases area: duplicate search, registration, opening cases, screening, views."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.core.models import AuditEvent
from liaison.core.vocabularies import TraffickingStatus
from liaison.directory.roles import Role
from liaison.nrm.models import (
    AnonymousDetails,
    Case,
    IdentityDocument,
    Person,
    PersonSearchKey,
    SavedCaseView,
    Screening,
    StatusDecision,
)
from liaison.nrm.services import cases as case_services
from liaison.nrm.services import people
from liaison.nrm.services import screening as screening_services
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_cases import (
    IdentityDocumentFactory,
    default_checklist,
    home_profile,
    indexed_person,
)

pytestmark = pytest.mark.django_db
FLAGGED = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _profile(db):
    home_profile("PT")


@pytest.fixture
def worker(make_member, agency):
    return make_member(Role.CASE_WORKER, agency)


def _search(user, **criteria):
    return people.person_search(actor=user, criteria=people.SearchCriteria(**criteria))


# --- duplicate search ------------------------------------------------------------------------


def test_search_finds_a_cyrillic_name_from_its_latin_spelling(worker, other_agency):
    person = indexed_person(
        other_agency,
        given_names="Шахзода",
        family_names="Каримова",
        birth_date=datetime.date(1998, 5, 7),
    )
    indexed_person(other_agency, given_names="Maria", family_names="Silva")

    found = _search(
        worker,
        given_names="Shakhzoda",
        family_names="Karimova",
        birth_date=datetime.date(1998, 5, 7),
    )

    assert [c.person for c in found] == [person]
    assert (found[0].birth, found[0].likelihood) == ("exact", "high")
    assert found[0].show_name is False  # another agency's person: number only


@pytest.mark.parametrize(
    ("typed", "birth"),
    [
        pytest.param(datetime.date(1998, 7, 5), "swapped", id="day_month_swapped"),
        pytest.param(datetime.date(1998, 1, 1), "year", id="same_year"),
        pytest.param(datetime.date(1985, 5, 7), "different", id="other_year"),
        pytest.param(None, "missing", id="no_date"),
    ],
)
def test_birth_date_agreement_is_reported_and_ranks(worker, other_agency, typed, birth):
    indexed_person(
        other_agency,
        given_names="Shahzoda",
        family_names="Karimova",
        birth_date=datetime.date(1998, 5, 7),
    )

    found = _search(worker, given_names="Shaxzoda", family_names="Karimova", birth_date=typed)

    assert [c.birth for c in found] == [birth]


@pytest.mark.parametrize("typed", ["fa 1234567", "FA1234567", " Fa 123 4567 "])
def test_search_finds_a_document_number_in_any_case_and_spacing(worker, other_agency, typed):
    person = indexed_person(other_agency, given_names="Dilnoza", family_names="Yusupova")
    IdentityDocumentFactory.create(person=person, number="FA 1234567")

    found = _search(worker, document_number=typed)

    assert [(c.person, c.document_match) for c in found] == [(person, True)]


def test_a_near_name_born_another_year_is_not_a_candidate(worker, other_agency):
    indexed_person(
        other_agency,
        given_names="Rustam",
        family_names="Karimov",
        birth_date=datetime.date(1975, 2, 1),
    )

    found = _search(
        worker,
        given_names="Rustam",
        family_names="Rashidov",
        birth_date=datetime.date(1989, 11, 18),
    )

    assert found == []


def test_only_so_many_people_are_decrypted_and_the_birth_year_comes_first(
    worker, other_agency, monkeypatch
):
    monkeypatch.setattr(people, "CANDIDATE_LIMIT", 3)
    # Registered first: without the birth-year key it would fall behind the later namesakes.
    wanted = indexed_person(
        other_agency,
        given_names="Lola",
        family_names="Nazarova",
        birth_date=datetime.date(1990, 4, 5),
    )
    for year in (1970, 1971, 1972):
        indexed_person(
            other_agency,
            given_names="Lola",
            family_names="Nazarova",
            birth_date=datetime.date(year, 1, 2),
        )

    found = _search(
        worker, given_names="Lola", family_names="Nazarova", birth_date=datetime.date(1990, 4, 5)
    )

    assert len(found) <= 3
    assert found[0].person == wanted


def test_citizenship_breaks_a_tie(worker, other_agency):
    uzbek = indexed_person(
        other_agency, given_names="Lola", family_names="Nazarova", citizenship="UZ"
    )
    turkmen = indexed_person(
        other_agency, given_names="Lola", family_names="Nazarova", citizenship="TM"
    )

    found = _search(worker, given_names="Lola", family_names="Nazarova", citizenship="TM")

    assert [c.person for c in found] == [turkmen, uzbek]


def test_search_shows_the_name_only_when_the_users_agency_holds_a_case(worker, agency):
    person = indexed_person(agency, given_names="Aziza", family_names="Rahimova")
    case = CaseFactory.create(person=person, agency=agency)

    [candidate] = _search(worker, given_names="Aziza", family_names="Rakhimova")

    assert candidate.show_name is True
    assert candidate.visible_case == case
    assert candidate.agencies == [agency]


def test_search_is_audited_without_the_searched_values(worker, other_agency):
    indexed_person(other_agency, given_names="Shahzoda", family_names="Karimova")

    _search(worker, given_names="Shahzoda", family_names="Karimova")

    event = AuditEvent.objects.filter(actor=worker, object_type="nrm.person").latest("id")
    assert event.fields == ["family_names", "given_names"]
    assert "Karimova" not in event.purpose + event.object_label


def test_search_is_refused_to_a_role_that_cannot_register(make_member, agency):
    analyst = make_member(Role.NRM_DECISION_MAKER, agency)

    with pytest.raises(PermissionDenied):
        _search(analyst, family_names="Karimova")


# --- registration ------------------------------------------------------------------------------


def _token(user, criteria, ids=()):
    return people.search_token_issue(user=user, criteria=criteria, person_ids=list(ids))


def test_person_create_needs_a_search_for_the_same_details(worker, agency):
    criteria = people.SearchCriteria(given_names="Shahzoda", family_names="Karimova")
    token = _token(worker, criteria)

    with pytest.raises(ValidationError):
        people.person_create(
            actor=worker,
            agency=agency,
            search_token=token,
            given_names="Nodira",
            family_names="Karimova",
        )
    with pytest.raises(ValidationError):
        people.person_create(
            actor=worker, agency=agency, given_names="Shahzoda", family_names="Karimova"
        )
    assert not Person.objects.exists()


def test_person_create_after_search_stores_search_keys_and_audits(worker, agency):
    criteria = people.SearchCriteria(
        given_names="Shahzoda", family_names="Karimova", birth_date=datetime.date(1998, 5, 7)
    )
    person = people.person_create(
        actor=worker,
        agency=agency,
        search_token=_token(worker, criteria),
        given_names="Shakhzoda",  # another spelling of the same name: the same search
        family_names="KARIMOVA",
        birth_date=datetime.date(1998, 5, 7),
    )

    kinds = sorted(PersonSearchKey.objects.filter(person=person).values_list("kind", flat=True))
    assert kinds == ["birth_year", "name", "name"]
    assert AuditEvent.objects.filter(
        object_type="nrm.person", object_id=str(person.pk), action="create"
    ).exists()


def test_another_users_token_does_not_count(worker, make_member, agency):
    colleague = make_member(Role.CASE_WORKER, agency)
    criteria = people.SearchCriteria(family_names="Karimova")

    with pytest.raises(ValidationError):
        people.person_create(
            actor=worker,
            agency=agency,
            search_token=_token(colleague, criteria),
            family_names="Karimova",
        )


def test_person_create_refuses_another_agency(worker, other_agency):
    criteria = people.SearchCriteria(family_names="Karimova")

    with pytest.raises(PermissionDenied):
        people.person_create(
            actor=worker,
            agency=other_agency,
            search_token=_token(worker, criteria),
            family_names="Karimova",
        )


def test_person_update_recomputes_search_keys(worker, agency):
    person = indexed_person(agency, given_names="Aziza", family_names="Rahimova")
    CaseFactory.create(person=person, agency=agency)

    people.person_update(actor=worker, person=person, family_names="Tursunova")

    assert [c.person for c in _search(worker, given_names="Aziza", family_names="Tursunova")] == [
        person
    ]
    assert _search(worker, family_names="Rahimova") == []


def test_person_update_needs_an_editable_case(worker, other_agency):
    person = indexed_person(other_agency)
    CaseFactory.create(person=person, agency=other_agency)

    with pytest.raises(PermissionDenied):
        people.person_update(actor=worker, person=person, family_names="Other")


def test_document_add_refuses_a_duplicate_number(worker, agency):
    person = indexed_person(agency)
    CaseFactory.create(person=person, agency=agency)
    people.identity_document_add(actor=worker, person=person, kind="passport", number="AB 123")

    with pytest.raises(ValidationError):
        people.identity_document_add(actor=worker, person=person, kind="passport", number="ab123")
    assert IdentityDocument.objects.filter(person=person).count() == 1


# --- opening cases -----------------------------------------------------------------------------


def test_case_open_starts_on_the_entry_step_with_a_first_decision(worker, agency):
    person = indexed_person(agency, birth_date=datetime.date(2009, 3, 3))

    case = case_services.case_open(
        actor=worker, person=person, agency=agency, flagged_on=FLAGGED, reasons="Met at a farm"
    )

    assert re.fullmatch(r"C-2026-[2-9A-HJKMNP-Z]{6}", case.code)
    assert (case.status, case.trafficking_status) == ("flagged", TraffickingStatus.POSSIBLE)
    assert (case.is_child, case.age_at_flagging, case.owner) == (True, 16, worker)
    decision = StatusDecision.objects.get(case=case)
    assert (decision.step, decision.decided_by, decision.decision_org) == ("flagged", worker, "NGO")
    assert decision.reasons == "Met at a farm"
    actions = set(AuditEvent.objects.filter(actor=worker).values_list("object_type", "action"))
    assert {("nrm.case", "create"), ("nrm.statusdecision", "create")} <= actions


def test_case_codes_are_not_sequential(worker, agency):
    codes = [
        case_services.case_open(
            actor=worker, person=indexed_person(agency), agency=agency, flagged_on=FLAGGED
        ).code
        for _ in range(5)
    ]

    assert len(set(codes)) == 5
    alphabet = case_services.CODE_ALPHABET
    values = sorted(
        sum(alphabet.index(ch) * len(alphabet) ** k for k, ch in enumerate(reversed(code[7:])))
        for code in codes
    )
    assert any(b - a > 1 for a, b in itertools.pairwise(values))  # not a counter


def test_case_code_alphabet_has_no_ambiguous_letters():
    assert not set("01ILO") & set(case_services.CODE_ALPHABET)


def test_case_open_refuses_a_second_case_for_the_same_agency(worker, agency):
    person = indexed_person(agency)
    case_services.case_open(actor=worker, person=person, agency=agency, flagged_on=FLAGGED)

    with pytest.raises(ValidationError):
        case_services.case_open(actor=worker, person=person, agency=agency, flagged_on=FLAGGED)
    assert Case.objects.count() == 1


def test_case_open_refuses_another_agency_and_writes_nothing(worker, other_agency):
    with pytest.raises(PermissionDenied):
        case_services.case_open(
            actor=worker,
            person=indexed_person(other_agency),
            agency=other_agency,
            flagged_on=FLAGGED,
        )
    assert not Case.objects.exists()
    assert not StatusDecision.objects.exists()


def test_case_open_refuses_a_future_date(worker, agency):
    with pytest.raises(ValidationError):
        case_services.case_open(
            actor=worker,
            person=indexed_person(agency),
            agency=agency,
            flagged_on=datetime.date(2999, 1, 1),
        )
    assert not Case.objects.exists()


def test_anonymous_case_holds_no_identity(worker, agency):
    case = case_services.case_open(
        actor=worker, person=None, anonymous=True, agency=agency, flagged_on=FLAGGED,
        age=34, sex="Masculine", citizenship="uz",
    )  # fmt: skip

    assert case.person is None
    assert (case.age_at_flagging, case.is_child) == (34, False)
    details = AnonymousDetails.objects.get(case=case)
    assert (details.sex, details.citizenship) == ("Masculine", "UZ")
    assert not Person.objects.exists()
    assert StatusDecision.objects.filter(case=case, step="flagged").exists()


def test_anonymous_case_cannot_have_a_person(worker, agency):
    with pytest.raises(ValidationError):
        case_services.case_open(
            actor=worker,
            person=indexed_person(agency),
            anonymous=True,
            agency=agency,
            flagged_on=FLAGGED,
        )


def test_person_register_is_all_or_nothing(worker, agency):
    criteria = people.SearchCriteria(family_names="Karimova")

    with pytest.raises(ValidationError):
        case_services.person_register(
            actor=worker, agency=agency, person_data={"family_names": "Karimova"}, documents=[],
            search_token=_token(worker, criteria), flagged_on=datetime.date(2999, 1, 1),
        )  # fmt: skip
    assert not Person.objects.exists()


def test_person_from_search_only_returns_people_the_search_showed(worker, agency, other_agency):
    shown, hidden = indexed_person(other_agency), indexed_person(other_agency)
    known = indexed_person(agency)
    CaseFactory.create(person=known, agency=agency)
    token = _token(worker, people.SearchCriteria(family_names="x"), [shown.pk])

    assert (
        case_services.person_from_search(actor=worker, person_id=shown.pk, search_token=token)
        == shown
    )
    assert (
        case_services.person_from_search(actor=worker, person_id=hidden.pk, search_token=token)
        is None
    )
    assert (
        case_services.person_from_search(actor=worker, person_id=shown.pk, search_token="forged")
        is None
    )


def test_case_update_changes_owner_and_summary(worker, make_member, agency, other_agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    colleague = make_member(Role.CASE_MANAGER, agency)
    stranger = make_member(Role.CASE_WORKER, other_agency)

    case_services.case_update(actor=worker, case=case, owner=colleague, summary="Seen twice")
    with pytest.raises(ValidationError):
        case_services.case_update(actor=worker, case=case, owner=stranger)

    case.refresh_from_db()
    assert (case.owner, case.summary) == (colleague, "Seen twice")


# --- screening ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strong", "other", "expected"),
    [(1, 0, "strong"), (0, 3, "strong"), (0, 2, "some"), (0, 1, "some"), (0, 0, "none")],
)
def test_suggestion_thresholds(strong, other, expected):
    assert screening_services.suggestion_for(strong, other) == expected


def test_screening_record_counts_answers_and_suggests(worker, agency):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)
    checklist = default_checklist("labour")
    strong = next(i["code"] for i in checklist.indicators if i["strong"])
    others = [i["code"] for i in checklist.indicators if not i["strong"]][:2]

    screening = screening_services.screening_record(
        actor=worker, case=case, checklist=checklist, screened_on=FLAGGED,
        answers={strong: "no", others[0]: "yes", others[1]: "yes"},
    )  # fmt: skip

    assert (screening.strong_count, screening.other_count, screening.suggestion) == (0, 2, "some")
    assert len(screening.answers) == len(checklist.indicators)  # unasked → unknown
    assert AuditEvent.objects.filter(object_type="nrm.screening", action="create").exists()


@pytest.mark.parametrize(
    "answers",
    [{"no_such_indicator": "yes"}, {"gen_debt": "maybe"}],
    ids=["unknown_code", "bad_value"],
)
def test_screening_record_refuses_bad_answers(worker, agency, answers):
    case = CaseFactory.create(person=indexed_person(agency), agency=agency)

    with pytest.raises(ValidationError):
        screening_services.screening_record(
            actor=worker,
            case=case,
            checklist=default_checklist(),
            answers=answers,
            screened_on=FLAGGED,
        )
    assert not Screening.objects.exists()


def test_screening_record_refuses_another_agencys_case(worker, other_agency):
    case = CaseFactory.create(person=indexed_person(other_agency), agency=other_agency)

    with pytest.raises(PermissionDenied):
        screening_services.screening_record(
            actor=worker, case=case, checklist=default_checklist(), answers={}, screened_on=FLAGGED
        )


def test_a_country_checklist_replaces_the_default():
    default = default_checklist("begging")
    national = type(default).objects.create(
        kind="begging", country="PT", indicators=default.indicators[:3]
    )

    kinds = {c.kind: c for c in screening_services.checklists_for("PT")}

    assert kinds["begging"] == national
    assert kinds["labour"].country == ""
    assert len(kinds) == 6


def test_every_default_indicator_has_four_languages_and_a_strong_flag():
    for kind in ("general", "labour", "sexual", "children", "forced_criminality", "begging"):
        indicators = default_checklist(kind).indicators
        assert 8 <= len(indicators) <= 15
        assert any(i["strong"] for i in indicators)
        for indicator in indicators:
            assert set(indicator["text"]) == {"en", "ru", "pt", "uz"}
            assert all(indicator["text"].values())
            assert indicator["reviewed"]["ru"] is False


# --- saved views -------------------------------------------------------------------------------


def test_saved_view_create_replaces_a_view_of_the_same_name(worker):
    case_services.saved_view_create(actor=worker, name="Open", query="state=open")
    case_services.saved_view_create(actor=worker, name=" Open ", query="state=open&overdue=on")

    assert list(SavedCaseView.objects.values_list("name", "query")) == [
        ("Open", "state=open&overdue=on")
    ]


def test_saved_view_needs_a_filter(worker):
    with pytest.raises(ValidationError):
        case_services.saved_view_create(actor=worker, name="All", query="  ")


def test_saved_view_delete_is_only_for_its_owner(worker, make_member, agency):
    other = make_member(Role.CASE_WORKER, agency)
    view = case_services.saved_view_create(actor=worker, name="Mine", query="year=2026")

    with pytest.raises(PermissionDenied):
        case_services.saved_view_delete(actor=other, view=view)
    case_services.saved_view_delete(actor=worker, view=view)
    assert not SavedCaseView.objects.exists()
