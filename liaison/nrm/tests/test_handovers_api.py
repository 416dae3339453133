"""The handovers API: same gate and sections as the pages, 404 across agencies, 422 on bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from liaison.core.models import AuditAction, AuditEvent
from liaison.nrm.models import (
    ConsentPurpose,
    ExploitationProfile,
    Handover,
    HandoverStatus,
    Section,
)
from liaison.nrm.services import handovers as services
from liaison.nrm.tests.factories import ConsentFactory
from liaison.nrm.tests.factories_handovers import World

pytestmark = pytest.mark.django_db
API = "/api/v1/nrm"


@pytest.fixture
def w(make_member: Any) -> World:
    world = World(make_member)
    world.case.person.given_names = "Gulnora"
    world.case.person.save()
    ExploitationProfile.objects.create(case=world.case, forms=["ForcedLabour"], notes="Greenhouses")
    return world


def post(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.post(API + path, json.dumps(body), content_type="application/json")


def referral(w: World, sections: list[str]) -> Handover:
    ConsentFactory(case=w.case, purpose=ConsentPurpose.REFERRAL, recipient=w.b)
    return services.handover_create(
        actor=w.worker_a, case=w.case, kind="referral", to_agency=w.b, sections=sections
    )


def test_create_without_consent_is_422_and_writes_nothing(w: World, client_for: Any):
    body = {"kind": "referral", "to_agency_id": w.b.pk, "sections": ["exploitation"]}

    response = post(client_for(w.worker_a), f"/cases/{w.case.pk}/handovers", body)

    assert response.status_code == 422
    assert "override_reason" in response.json()["detail"]
    assert not Handover.objects.exists()


def test_create_with_an_override_reason(w: World, client_for: Any):
    body = {"kind": "referral", "to_agency_id": w.b.pk, "sections": ["exploitation"],
            "override_reason": "Immediate danger"}  # fmt: skip

    response = post(client_for(w.manager_a), f"/cases/{w.case.pk}/handovers", body)

    assert response.status_code == 201
    assert response.json()["consent_overridden"] is True
    assert response.json()["actions"]["revoke"] is True


def test_unknown_section_is_422(w: World, client_for: Any):
    body = {"kind": "referral", "to_agency_id": w.b.pk, "sections": ["everything"]}

    assert post(client_for(w.worker_a), f"/cases/{w.case.pk}/handovers", body).status_code == 422


def test_the_recipient_gets_only_the_chosen_sections(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    response = client_for(w.worker_b).get(f"{API}/handovers/{handover.pk}/shared")

    data = response.json()
    assert response.status_code == 200
    assert data["sections"] == ["exploitation"]
    assert data["exploitation"]["profile"]["notes"] == "Greenhouses"
    assert data["identity"] is None
    assert "Gulnora" not in response.content.decode()
    event = AuditEvent.objects.get(
        action=AuditAction.VIEW, actor=w.worker_b, object_id=str(w.case.pk)
    )
    assert "exploitation_notes" in event.fields


def test_identity_is_in_the_api_only_when_chosen(w: World, client_for: Any):
    handover = referral(w, [Section.IDENTITY])

    data = client_for(w.worker_b).get(f"{API}/handovers/{handover.pk}/shared").json()

    assert data["identity"]["given_names"] == "Gulnora"
    assert data["exploitation"] is None


def test_the_sender_does_not_read_through_the_share(w: World, client_for: Any):
    handover = referral(w, [Section.IDENTITY])

    assert client_for(w.worker_a).get(f"{API}/handovers/{handover.pk}/shared").status_code == 403


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/handovers/{h}"), ("get", "/handovers/{h}/shared"), ("post", "/handovers/{h}/accept"),
     ("post", "/handovers/{h}/reject"), ("post", "/handovers/{h}/revoke"),
     ("post", "/handovers/{h}/done"), ("post", "/handovers/{h}/transfer-request"),
     ("get", "/cases/{c}/handovers"), ("post", "/cases/{c}/handovers"),
     ("get", "/cases/{c}/exploitation"), ("get", "/cases/{c}/consents"),
     ("get", "/cases/{c}/trafficking-events"), ("post", "/cases/{c}/anonymous-notification")],
)  # fmt: skip
def test_a_third_agency_gets_404(w: World, client_for: Any, method: str, path: str):
    handover = referral(w, [Section.EXPLOITATION])
    url = API + path.format(h=handover.pk, c=w.case.pk)
    body = {"reason": "x", "from_agency_id": w.c.pk, "to_agency_id": w.c.pk, "kind": "referral",
            "sections": ["exploitation"]}  # fmt: skip
    client = client_for(w.worker_c)

    response = client.get(url) if method == "get" else post(client, url[len(API) :], body)

    assert response.status_code == 404
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING


def test_inbox_and_counts_are_per_agency(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    inbox_b = client_for(w.worker_b).get(f"{API}/handovers/inbox").json()
    inbox_a = client_for(w.worker_a).get(f"{API}/handovers/inbox").json()
    counts_b = client_for(w.worker_b).get(f"{API}/handovers/inbox/counts").json()

    assert [item["id"] for item in inbox_b["items"]] == [handover.pk]
    assert inbox_a["items"] == []
    assert counts_b == {
        "total": 1,
        "referral": 1,
        "transfer": 0,
        "transfer_request": 0,
        "assignment": 0,
    }


def test_accept_then_illegal_reject_over_the_api(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])
    client = client_for(w.worker_b)

    accepted = post(client, f"/handovers/{handover.pk}/accept", {"note": "ok"})
    rejected = post(client, f"/handovers/{handover.pk}/reject", {"reason": "too late"})
    done = post(client, f"/handovers/{handover.pk}/done", {})

    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert rejected.status_code == 422
    assert done.json()["status"] == "done"


def test_transfer_request_over_the_api(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    response = post(client_for(w.worker_b), f"/handovers/{handover.pk}/transfer-request",
                    {"from_agency_id": w.b.pk, "reason": "She moved"})  # fmt: skip

    assert response.status_code == 201
    assert response.json()["kind"] == "transfer_request"
    assert response.json()["to_agency_id"] == w.a.pk


def test_anonymous_notification_over_the_api(w: World, client_for: Any):
    response = post(client_for(w.worker_a), f"/cases/{w.case.pk}/anonymous-notification",
                    {"to_agency_id": w.b.pk})  # fmt: skip

    assert response.status_code == 201
    assert response.json()["anonymous"] is True
    assert response.json()["agency_id"] == w.b.pk


def test_a_step_of_the_other_side_is_422_and_changes_nothing(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    by_recipient = post(client_for(w.worker_b), f"/handovers/{handover.pk}/revoke", {})
    by_sender = post(client_for(w.worker_a), f"/handovers/{handover.pk}/accept", {})
    asked_by_sender = post(client_for(w.worker_a), f"/handovers/{handover.pk}/transfer-request",
                           {"from_agency_id": w.a.pk, "reason": "x"})  # fmt: skip

    assert (by_recipient.status_code, by_sender.status_code) == (422, 422)
    assert asked_by_sender.status_code == 422
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING


def test_asking_for_an_agency_the_user_does_not_work_for_is_422(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    response = post(client_for(w.worker_b), f"/handovers/{handover.pk}/transfer-request",
                    {"from_agency_id": w.c.pk, "reason": "x"})  # fmt: skip

    assert response.status_code == 422
