"""The access-log page and API (auditors only, filters, bad filters) and the read-only admin."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core import jobs
from liaison.core.audit import audit_record
from liaison.core.models import AuditAction, AuditEvent, Job
from liaison.directory.models import User
from liaison.directory.roles import Role
from liaison.directory.tests.factories import UserFactory

AUDIT_URL = reverse("core:audit_log")


@contextmanager
def clock_at(moment: datetime.datetime, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: moment)
        yield


def at(day: int) -> datetime.datetime:
    return datetime.datetime(2025, 3, day, 10, 30, tzinfo=datetime.UTC)


@pytest.fixture
def log(db: object, monkeypatch: pytest.MonkeyPatch) -> dict[str, AuditEvent]:
    alice = UserFactory.create(username="alice")
    bruno = UserFactory.create(username="bruno")
    entries: dict[str, tuple[datetime.datetime, dict[str, Any]]] = {
        "alice_view": (
            at(1),
            {
                "actor": alice,
                "action": AuditAction.VIEW,
                "object_type": "nrm.case",
                "object_id": "17",
            },
        ),
        "alice_update": (
            at(5),
            {
                "actor": alice,
                "action": AuditAction.UPDATE,
                "object_type": "nrm.case",
                "object_id": "17",
            },
        ),
        "bruno_view": (
            at(5),
            {
                "actor": bruno,
                "action": AuditAction.VIEW,
                "object_type": "justice.case",
                "object_id": "3",
            },
        ),
        "system_export": (
            at(9),
            {"actor": None, "action": AuditAction.EXPORT, "object_type": "statistics.release"},
        ),
    }
    made = {}
    for name, (moment, kwargs) in entries.items():
        with clock_at(moment, monkeypatch):
            made[name] = audit_record(**kwargs)
    return made


def shown_ids(html: str) -> set[int]:
    return {int(found) for found in re.findall(r"<tr><td>(\d+)</td>", html)}


@pytest.fixture
def auditor_client(
    make_member: Callable[..., User], client_for: Callable[[User], Client]
) -> Client:
    return client_for(make_member(Role.AUDITOR))


@pytest.mark.parametrize(
    ("filter_case", "query", "expected"),
    [
        ("none", {}, {"alice_view", "alice_update", "bruno_view", "system_export"}),
        ("actor_any_case", {"actor": "ALICE"}, {"alice_view", "alice_update"}),
        ("system_actor", {"actor": "system"}, {"system_export"}),
        ("action", {"action": "view"}, {"alice_view", "bruno_view"}),
        ("object_type", {"object_type": "nrm.case"}, {"alice_view", "alice_update"}),
        (
            "object",
            {"object_type": "nrm.case", "object_id": "17", "action": "update"},
            {"alice_update"},
        ),
        ("date_from", {"date_from": "2025-03-05"}, {"alice_update", "bruno_view", "system_export"}),
        ("date_to", {"date_to": "2025-03-05"}, {"alice_view", "alice_update", "bruno_view"}),
        (
            "one_day",
            {"date_from": "2025-03-05", "date_to": "2025-03-05"},
            {"alice_update", "bruno_view"},
        ),
        ("no_match", {"actor": "nobody"}, set()),
    ],
)
def test_the_access_log_filters(
    log: dict[str, AuditEvent],
    auditor_client: Client,
    filter_case: str,
    query: dict[str, str],
    expected: set[str],
) -> None:
    response = auditor_client.get(AUDIT_URL, query)

    assert response.status_code == 200
    assert shown_ids(response.content.decode()) == {log[name].pk for name in expected}
    if not expected:
        assert "No entry matches." in response.content.decode()


@pytest.mark.parametrize(
    ("filter_case", "query", "message"),
    [
        (
            "dates_reversed",
            {"date_from": "2025-03-09", "date_to": "2025-03-01"},
            "The start date is after the end date.",
        ),
        ("impossible_date", {"date_from": "2025-02-30"}, "Enter a valid date."),
        ("not_a_date", {"date_to": "yesterday"}, "Enter a valid date."),
        ("unknown_action", {"action": "teleport"}, "Select a valid choice."),
        ("overlong_actor", {"actor": "x" * 151}, "Ensure this value has at most 150 characters"),
    ],
)
def test_a_bad_filter_gets_a_clear_error_and_no_entries(
    log: dict[str, AuditEvent],
    auditor_client: Client,
    filter_case: str,
    query: dict[str, str],
    message: str,
) -> None:
    response = auditor_client.get(AUDIT_URL, query)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Correct the filter to see entries." in html
    assert not shown_ids(html)


@pytest.mark.parametrize(
    "role", [Role.CASE_WORKER, Role.CASE_MANAGER, Role.INSTANCE_ADMIN, Role.PARTNER]
)
def test_only_auditors_open_the_access_log(
    log: dict[str, AuditEvent],
    make_member: Callable[..., User],
    client_for: Callable[[User], Client],
    role: str,
) -> None:
    client = client_for(make_member(role))

    page = client.get(AUDIT_URL)
    api = client.get("/api/v1/audit/events")

    assert page.status_code == 403
    assert api.status_code == 403


def test_a_visitor_is_sent_to_sign_in(log: dict[str, AuditEvent], client: Client) -> None:
    response = client.get(AUDIT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_access_log_page_costs_the_same_queries_for_many_entries(
    log: dict[str, AuditEvent], auditor_client: Client
) -> None:
    with CaptureQueriesContext(connection) as few:
        auditor_client.get(AUDIT_URL)
    for n in range(40):
        audit_record(actor=None, action=AuditAction.VIEW, object_type="nrm.case", object_id=str(n))
    with CaptureQueriesContext(connection) as many:
        response = auditor_client.get(AUDIT_URL)

    assert len(shown_ids(response.content.decode())) == 44
    assert len(many) == len(few)


def test_the_api_filters_and_refuses_reversed_dates(
    log: dict[str, AuditEvent], auditor_client: Client
) -> None:
    listed = auditor_client.get("/api/v1/audit/events", {"actor": "bruno"})
    reversed_dates = auditor_client.get(
        "/api/v1/audit/events", {"date_from": "2025-03-09", "date_to": "2025-03-01"}
    )
    bad_date = auditor_client.get("/api/v1/audit/events", {"date_from": "2025-02-30"})

    assert [item["id"] for item in listed.json()["items"]] == [log["bruno_view"].pk]
    assert reversed_dates.status_code == 422
    assert "The start date is after the end date." in str(reversed_dates.json()["detail"])
    assert bad_date.status_code == 422


# --- Django admin: the log and jobs can be looked at, never edited --------------------------


@pytest.fixture
def superuser_client(client_for: Callable[[User], Client]) -> Client:
    return client_for(UserFactory.create(is_staff=True, is_superuser=True))


def test_the_admin_lists_audit_events_and_jobs(
    log: dict[str, AuditEvent], superuser_client: Client
) -> None:
    jobs.job_create(owner=None, kind="audit.verify", title="Nightly verification", total=10)

    events = superuser_client.get(reverse("admin:core_auditevent_changelist"))
    job_list = superuser_client.get(reverse("admin:core_job_changelist"))

    assert events.status_code == 200
    assert "justice.case" in events.content.decode()
    assert job_list.status_code == 200
    assert "Nightly verification" in job_list.content.decode()


@pytest.mark.parametrize("model", [AuditEvent, Job])
def test_not_even_a_superuser_may_add_change_or_delete_in_the_admin(
    log: dict[str, AuditEvent], superuser_client: Client, model: type[Any]
) -> None:
    obj = (
        log["bruno_view"]
        if model is AuditEvent
        else jobs.job_create(owner=None, kind="k", title="A job")
    )
    name = model._meta.model_name
    request = RequestFactory().get("/")
    request.user = User.objects.get(is_superuser=True)
    model_admin = admin.site._registry[model]

    add = superuser_client.get(reverse(f"admin:core_{name}_add"))
    change = superuser_client.get(reverse(f"admin:core_{name}_change", args=[obj.pk]))
    post = superuser_client.post(
        reverse(f"admin:core_{name}_change", args=[obj.pk]), {"purpose": "x", "title": "x"}
    )
    delete = superuser_client.post(
        reverse(f"admin:core_{name}_delete", args=[obj.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert post.status_code == 403
    assert delete.status_code == 403
    assert "delete_selected" not in model_admin.get_actions(request)
    assert model._default_manager.filter(pk=obj.pk).exists()
