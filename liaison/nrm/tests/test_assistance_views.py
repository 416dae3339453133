"""Assistance pages and API: forms, errors, closed cases read-only, isolation, audit of reads."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.models import AuditAction, AuditEvent
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.models import NeedsAssessment, ServiceDelivery, SupportPlanItem
from liaison.nrm.tests.factories import CaseFactory
from liaison.nrm.tests.factories_assistance import (
    NeedsAssessmentFactory,
    ReturnFactory,
    ServiceDeliveryFactory,
    SupportPlanItemFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def case(agency):
    return CaseFactory.create(person__registered_by=agency, flagged_on=datetime.date(2026, 1, 5))


@pytest.fixture
def worker(make_member, agency):
    return make_member(Role.CASE_WORKER, agency)


def pages(case, item):
    kw = {"case_id": case.pk}
    return [
        reverse("nrm:assistance", kwargs=kw),
        reverse("nrm:needs_add", kwargs=kw),
        reverse("nrm:plan_item_add", kwargs=kw),
        reverse("nrm:plan_item_complete", kwargs=kw) + f"?item={item.pk}",
        reverse("nrm:service_add", kwargs=kw),
        reverse("nrm:return_add", kwargs=kw),
        reverse("nrm:follow_up_add", kwargs=kw),
        reverse("nrm:case_close", kwargs=kw),
        reverse("nrm:case_reopen", kwargs=kw),
        reverse("nrm:case_summary_pdf", kwargs=kw),
    ]


def test_every_page_opens_for_the_case_worker(client_for, worker, case):
    item = SupportPlanItemFactory.create(case=case)
    client = client_for(worker)

    statuses = [client.get(url, follow=True).status_code for url in pages(case, item)]

    assert statuses == [200] * len(statuses)


def test_another_agencys_case_is_404_everywhere(client_for, make_member, case):
    item = SupportPlanItemFactory.create(case=case)
    manager = make_member(Role.CASE_MANAGER, AgencyFactory.create())
    client = client_for(manager)

    for url in pages(case, item):
        assert client.get(url).status_code == 404, url
        if not url.endswith("/assistance/"):  # the overview only reads
            assert client.post(url, {"x": "1"}).status_code == 404, url
    api = [
        ("get", f"/api/v1/nrm/cases/{case.pk}/assistance", None),
        ("post", f"/api/v1/nrm/cases/{case.pk}/needs", {"assessed_on": TODAY, "needs": ["Health"]}),
        ("post", f"/api/v1/nrm/cases/{case.pk}/plan", {"support_type": "Legal", "objective": "x"}),
        ("post", f"/api/v1/nrm/cases/{case.pk}/plan/complete", {"item_id": item.pk, "actual_end": TODAY}),
        ("post", f"/api/v1/nrm/cases/{case.pk}/services", {"support_type": "Legal", "started_on": TODAY}),
        ("post", f"/api/v1/nrm/cases/{case.pk}/returns", {"happened_on": TODAY, "country": "UZ"}),
        ("post", f"/api/v1/nrm/cases/{case.pk}/follow-ups", {"happened_on": TODAY, "reintegration_status": "good"}),
        ("post", f"/api/v1/nrm/cases/{case.pk}/close", {"reason": "declined"}),
        ("post", f"/api/v1/nrm/cases/{case.pk}/reopen", None),
    ]  # fmt: skip
    for method, path, body in api:
        response = getattr(client, method)(path, body, content_type="application/json")
        assert response.status_code == 404, path


def test_overview_shows_the_records_and_logs_the_read(client_for, worker, case):
    NeedsAssessmentFactory.create(case=case, notes="Precisa de abrigo")
    ServiceDeliveryFactory.create(case=case)
    ReturnFactory.create(case=case)

    response = client_for(worker).get(reverse("nrm:assistance", kwargs={"case_id": case.pk}))

    assert "Precisa de abrigo" in response.content.decode()
    assert "Uzbekistan" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(case.pk), purpose="assistance"
    ).exists()


def test_needs_form_saves_and_invalid_input_is_400(client_for, worker, case):
    client = client_for(worker)
    url = reverse("nrm:needs_add", kwargs={"case_id": case.pk})

    bad = client.post(url, {"assessed_on": "2026-01-01", "needs": ["Health"]})
    good = client.post(
        url, {"assessed_on": TODAY, "needs": ["Health", "Legal"], "risk_level": "high"}
    )

    assert bad.status_code == 400  # before the case was opened
    assert good.status_code == 302
    assert NeedsAssessment.objects.get().needs == ["Health", "Legal"]


def test_closed_case_is_read_only_until_reopened(client_for, worker, case):
    client = client_for(worker)
    kw = {"case_id": case.pk}

    closed = client.post(
        reverse("nrm:case_close", kwargs=kw), {"reason": "declined", "closed_on": TODAY}
    )
    refused_page = client.post(
        reverse("nrm:plan_item_add", kwargs=kw), {"support_type": "Legal", "objective": "x"}
    )
    refused_api = client.post(
        f"/api/v1/nrm/cases/{case.pk}/services",
        {"support_type": "Legal", "started_on": TODAY},
        content_type="application/json",
    )
    still_readable = client.get(reverse("nrm:assistance", kwargs=kw))
    reopened = client.post(reverse("nrm:case_reopen", kwargs=kw), {"confirm": "1"})
    allowed = client.post(
        reverse("nrm:plan_item_add", kwargs=kw), {"support_type": "Legal", "objective": "x"}
    )

    assert closed.status_code == 302
    assert refused_page.status_code == 403
    assert refused_api.status_code == 403
    assert still_readable.status_code == 200
    assert reopened.status_code == 302
    assert allowed.status_code == 302
    assert SupportPlanItem.objects.count() == 1
    assert not ServiceDelivery.objects.exists()


def test_api_round_trip(client_for, worker, case):
    client = client_for(worker)
    base = f"/api/v1/nrm/cases/{case.pk}"

    plan = client.post(
        f"{base}/plan",
        {"support_type": "Health", "objective": "Consulta"},
        content_type="application/json",
    )
    done = client.post(
        f"{base}/plan/complete",
        {"item_id": plan.json()["id"], "actual_end": TODAY},
        content_type="application/json",
    )
    ret = client.post(
        f"{base}/returns",
        {"happened_on": TODAY, "country": "UZ", "voluntary": True},
        content_type="application/json",
    )
    bad = client.post(
        f"{base}/needs",
        {"assessed_on": TODAY, "needs": ["Shelter"]},
        content_type="application/json",
    )
    closed = client.post(
        f"{base}/close", {"reason": "returned", "closed_on": TODAY}, content_type="application/json"
    )
    read = client.get(f"{base}/assistance")

    assert plan.status_code == 201
    assert done.json()["actual_end"] == TODAY
    assert ret.status_code == 201
    assert bad.status_code == 422
    assert closed.json()["case_status"] == "Closed"
    assert [p["objective"] for p in read.json()["plan"]] == ["Consulta"]
    assert read.json()["returns"][0]["country"] == "UZ"


def test_partial_renders_with_few_queries(worker, case, django_assert_max_num_queries):
    from django.template.loader import render_to_string

    for _ in range(5):
        ServiceDeliveryFactory.create(case=case)
        ReturnFactory.create(case=case)
    NeedsAssessmentFactory.create(case=case)
    perms_case = {"can_edit": True, "can_close": True, "can_export": True}

    with django_assert_max_num_queries(4):
        html = render_to_string(
            "nrm/includes/section_assistance.html",
            {"case": case, "user": worker, "perms_case": perms_case},
        )

    assert reverse("nrm:case_close", kwargs={"case_id": case.pk}) in html


def test_an_item_of_another_case_cannot_be_ended_through_this_one(client_for, worker, agency, case):
    other = SupportPlanItemFactory.create(case=CaseFactory.create(person__registered_by=agency))
    client = client_for(worker)

    page = client.post(
        reverse("nrm:plan_item_complete", kwargs={"case_id": case.pk}),
        {"item": other.pk, "actual_end": TODAY},
    )
    api = client.post(
        f"/api/v1/nrm/cases/{case.pk}/plan/complete",
        {"item_id": other.pk, "actual_end": TODAY},
        content_type="application/json",
    )
    mine = SupportPlanItemFactory.create(case=case)
    done = client.post(
        reverse("nrm:plan_item_complete", kwargs={"case_id": case.pk}),
        {"item": mine.pk, "actual_end": TODAY},
    )

    assert page.status_code == 400
    assert api.status_code == 422
    other.refresh_from_db()
    assert other.actual_end is None
    assert done.status_code == 302
    mine.refresh_from_db()
    assert mine.actual_end is not None
