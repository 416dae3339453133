"""Case list XLSX: only reachable cases, codes and never names, filters, audit, bounded queries."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.selectors.cases import CaseFilter
from liaison.nrm.services.exports import case_list_xlsx
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_assistance import ServiceDeliveryFactory

pytestmark = pytest.mark.django_db
URL = reverse("nrm:case_list_xlsx")


def rows_of(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def worker(make_member, agency):
    return make_member(Role.CASE_WORKER, agency)


def test_only_reachable_cases_and_no_names(worker, agency):
    mine = CaseFactory.create(
        person__registered_by=agency,
        person__given_names="Gulnora",
        person__family_names="Rashidova",
    )
    ServiceDeliveryFactory.create(case=mine)
    theirs = CaseFactory.create(person__registered_by=AgencyFactory.create())

    rows = rows_of(case_list_xlsx(actor=worker, criteria=CaseFilter()))

    codes = [row[0] for row in rows[1:]]
    assert codes == [mine.code]
    assert theirs.code not in codes
    flat = " ".join(str(v) for row in rows for v in row)
    assert "Gulnora" not in flat
    assert "Rashidova" not in flat
    assert f"P-{mine.person_id:06d}" in flat
    assert rows[1][14] == 1  # services delivered


def test_filters_of_the_case_list(worker, agency):
    old = CaseFactory.create(person__registered_by=agency, flagged_on=datetime.date(2023, 5, 1))
    CaseFactory.create(person__registered_by=agency, flagged_on=datetime.date(2025, 5, 1))
    closed = CaseFactory.create(
        person__registered_by=agency,
        flagged_on=datetime.date(2025, 6, 1),
        closed_on=datetime.date(2025, 9, 1),
    )

    by_year = rows_of(case_list_xlsx(actor=worker, criteria=CaseFilter(year=2023)))
    by_state = rows_of(case_list_xlsx(actor=worker, criteria=CaseFilter(state="closed")))

    assert [r[0] for r in by_year[1:]] == [old.code]
    assert [r[0] for r in by_state[1:]] == [closed.code]


def test_export_is_audited(client_for, worker, agency):
    CaseFactory.create_batch(3, person__registered_by=agency)

    response = client_for(worker).get(URL, {"state": "open"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.object_label == "3 cases"
    assert "case.code" in event.fields
    assert not any("name" in f for f in event.fields)


def test_bad_filters_are_a_400(client_for, worker):
    response = client_for(worker).get(URL, {"year": "last year"})

    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_role_without_export_is_refused(client_for, make_member, agency):
    responder = make_member(Role.FRONTLINE_RESPONDER, agency)

    assert client_for(responder).get(URL).status_code == 403


def test_api_export_is_scoped(client_for, worker, agency):
    mine = CaseFactory.create(person__registered_by=agency)
    CaseFactory.create(person__registered_by=AgencyFactory.create())

    response = client_for(worker).get("/api/v1/nrm/exports/cases.xlsx")

    assert response.status_code == 200
    assert [r[0] for r in rows_of(response.content)[1:]] == [mine.code]


def test_500_cases_in_a_bounded_number_of_queries(
    client_for, worker, agency, django_assert_max_num_queries
):
    cases = CaseFactory.create_batch(500, person__registered_by=agency)
    for case in cases[:50]:
        ServiceDeliveryFactory.create(case=case)
    client = client_for(worker)

    with django_assert_max_num_queries(25):
        response = client.get(URL)

    assert len(rows_of(response.content)) == 501


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"state": "open", "sort": "code"},
        {"age_group": "child"},
        {"citizenship": "UZ", "year": "2025"},
    ],
    ids=["all_case", "open_by_code_case", "children_case", "citizenship_and_year_case"],
)
def test_the_sheet_has_the_case_lists_rows_for_the_same_query(client_for, worker, agency, query):
    from liaison.nrm.forms.assistance import CaseExportFilterForm
    from liaison.nrm.selectors.cases import case_search

    CaseFactory.create(
        person__registered_by=agency, flagged_on=datetime.date(2025, 2, 1), is_child=True
    )
    CaseFactory.create(person__registered_by=agency, person__citizenship="BR")
    CaseFactory.create(person__registered_by=agency, closed_on=datetime.date(2026, 4, 1))
    form = CaseExportFilterForm(query)
    assert form.is_valid()
    expected = list(
        case_search(user=worker, criteria=form.criteria()).values_list("code", flat=True)
    )

    response = client_for(worker).get(URL, query)

    assert [r[0] for r in rows_of(response.content)[1:]] == expected
