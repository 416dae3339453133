"""Jobs: progress is recorded and shown, each job is its owner's, the verify task runs and reports."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import TaskResultStatus

from liaison.core import jobs
from liaison.core.audit import audit_record
from liaison.core.models import AuditAction, AuditEvent, Job, JobStatus
from liaison.core.progress import ProgressBar
from liaison.core.tasks import verify_audit_chain
from liaison.directory.models import User
from liaison.directory.roles import Role


@pytest.fixture
def worker(make_member: Callable[..., User]) -> User:
    return make_member(Role.CASE_WORKER)


@pytest.fixture
def auditor(make_member: Callable[..., User]) -> User:
    return make_member(Role.AUDITOR)


@pytest.fixture
def running_job(worker: User) -> Job:
    job = jobs.job_create(owner=worker, kind="intake.import", title="Import of the NGO's records")
    jobs.job_start(job=job, total=40)
    return jobs.job_progress(job=job, done=10, message="Reading rows")


def test_progress_shows_on_the_job_page(
    running_job: Job, worker: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(worker).get(reverse("core:job_detail", args=[running_job.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<progress id="job-progress" max="100" value="25">25%</progress>' in html
    assert "10 of 40 items" in html
    assert f'data-job-status-url="{reverse("core:job_status", args=[running_job.pk])}"' in html


def test_progress_shows_in_the_json_status(
    running_job: Job, worker: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(worker)

    first = client.get(reverse("core:job_status", args=[running_job.pk])).json()
    jobs.job_finish(job=running_job, result={"rows": 40})
    last = client.get(reverse("core:job_status", args=[running_job.pk])).json()

    assert first == {
        "status": "running",
        "status_label": "running",
        "percent": 25,
        "done": 10,
        "total": 40,
        "progress_text": "10 of 40 items",
        "finished": False,
    }
    assert (last["status"], last["percent"], last["done"], last["finished"]) == (
        "succeeded",
        100,
        40,
        True,
    )


def test_a_finished_job_page_stops_polling(
    running_job: Job, worker: User, client_for: Callable[[User], Client]
) -> None:
    jobs.job_finish(job=running_job)

    html = (
        client_for(worker).get(reverse("core:job_detail", args=[running_job.pk])).content.decode()
    )

    assert "data-job-status-url" not in html
    assert 'value="100"' in html


@pytest.mark.parametrize("page_case", ["core:job_detail", "core:job_status"])
def test_another_users_job_is_not_found(
    running_job: Job,
    make_member: Callable[..., User],
    client_for: Callable[[User], Client],
    page_case: str,
) -> None:
    assert running_job.owner is not None
    colleague = make_member(Role.CASE_WORKER, agency=running_job.owner.memberships.get().agency)

    response = client_for(colleague).get(reverse(page_case, args=[running_job.pk]))

    assert response.status_code == 404


def test_another_users_job_is_not_found_in_the_api_nor_listed(
    running_job: Job, auditor: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(auditor)

    detail = client.get(f"/api/v1/jobs/{running_job.pk}")
    listed = client.get("/api/v1/jobs").json()
    page = client.get(reverse("core:job_list")).content.decode()

    assert detail.status_code == 404
    assert detail.json() == {"detail": "Not found."}
    assert listed["count"] == 0
    assert running_job.title not in page


def test_the_owner_sees_the_job_in_the_list_and_the_api(
    running_job: Job, worker: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(worker)

    listed = client.get("/api/v1/jobs").json()
    page = client.get(reverse("core:job_list")).content.decode()

    assert [item["id"] for item in listed["items"]] == [str(running_job.pk)]
    assert listed["items"][0]["percent"] == 25
    assert running_job.title.replace("'", "&#x27;") in page


def test_the_job_list_costs_the_same_queries_for_many_jobs(
    worker: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(worker)
    jobs.job_create(owner=worker, kind="k", title="First")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:job_list"))
    for n in range(20):
        jobs.job_create(owner=worker, kind="k", title=f"Job {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("core:job_list")).content.decode()

    assert page.count(">Job ") == 20
    assert len(many) == len(few)


def test_the_progress_reporter_writes_every_n_items_and_the_last(running_job: Job) -> None:
    report = jobs.progress_reporter(running_job, every=5)
    written = []
    for done in range(1, 13):
        report(done, 12)
        written.append(Job.objects.get(pk=running_job.pk).done)

    assert written == [1, 1, 1, 1, 1, 6, 6, 6, 6, 6, 11, 12]


# --- the "Verify the chain" button and its task ---------------------------------------------


def start_verification(client: Client, django_capture_on_commit_callbacks: Any) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:audit_verify"))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    return job


def some_events(count: int = 4) -> list[AuditEvent]:
    return [
        audit_record(actor=None, action=AuditAction.VIEW, object_type="nrm.case", object_id=str(n))
        for n in range(count)
    ]


def test_verify_button_runs_the_task_and_the_page_shows_an_intact_chain(
    auditor: User, client_for: Callable[[User], Client], django_capture_on_commit_callbacks: Any
) -> None:
    some_events()
    client = client_for(auditor)

    job = start_verification(client, django_capture_on_commit_callbacks)
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()

    job.refresh_from_db()
    assert (job.status, job.owner, job.result["ok"], job.result["checked"]) == (
        JobStatus.SUCCEEDED,
        auditor,
        True,
        4,
    )
    assert "The chain is intact: 4 entries checked." in page
    logged = AuditEvent.objects.order_by("-id").first()
    assert logged is not None
    assert (logged.actor_label, logged.object_label) == (
        auditor.username,
        "access log verification",
    )


def test_verify_button_shows_each_problem_of_a_broken_chain(
    auditor: User, client_for: Callable[[User], Client], django_capture_on_commit_callbacks: Any
) -> None:
    events = some_events()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_append_only ON core_auditevent")
        cursor.execute(
            "UPDATE core_auditevent SET object_id = %s WHERE id = %s", ["999", events[1].pk]
        )
    client = client_for(auditor)

    job = start_verification(client, django_capture_on_commit_callbacks)
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()

    assert "The chain is broken: 1 problem." in page
    assert f"Event {events[1].pk}: its content does not match its hash" in page
    job.refresh_from_db()
    assert job.result["problems"] == [{"kind": "content", "event_id": events[1].pk, "other_id": 0}]


def test_only_an_auditor_may_start_a_verification(
    worker: User, client_for: Callable[[User], Client], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(worker).post(reverse("core:audit_verify"))

    assert response.status_code == 403
    assert not Job.objects.exists()


def test_starting_a_verification_needs_a_post(
    auditor: User, client_for: Callable[[User], Client]
) -> None:
    assert client_for(auditor).get(reverse("core:audit_verify")).status_code == 405
    assert not Job.objects.exists()


def test_the_task_does_not_redo_a_finished_job(auditor: User) -> None:
    some_events()
    job = jobs.job_create(owner=auditor, kind="audit.verify", title="Verify")
    verify_audit_chain.call(str(job.pk))
    job.refresh_from_db()
    finished = (job.status, job.result, job.finished_at)
    events = AuditEvent.objects.count()

    verify_audit_chain.call(str(job.pk))

    job.refresh_from_db()
    assert (job.status, job.result, job.finished_at) == finished
    assert AuditEvent.objects.count() == events


def test_the_task_ignores_a_job_that_no_longer_exists(db: object) -> None:
    verify_audit_chain.call("3f1c1f0e-8a8e-4a7b-9c55-1d1d0f0f0f0f")

    assert not AuditEvent.objects.exists()


def test_a_failure_is_recorded_on_the_job_and_shown(
    auditor: User, client_for: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr("liaison.core.tasks.audit_verify_logged", broken)
    job = jobs.job_create(owner=auditor, kind="audit.verify", title="Verify")

    result = verify_audit_chain.enqueue(str(job.pk))

    job.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    assert job.status == JobStatus.FAILED
    assert job.finished_at is not None
    assert (
        job.message == "The verification stopped with an error; the worker's log has the details."
    )
    page = client_for(auditor).get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert 'role="alert">The verification stopped with an error' in page
    assert "The chain is" not in page
    assert "database went away" not in page


# --- the command-line progress bar ----------------------------------------------------------


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_redraws_one_line_with_percent_and_counts() -> None:
    screen = Terminal()

    with ProgressBar("Verifying", stream=screen, width=10) as bar:
        bar(0, 200)
        bar(50, 200)
        bar(200, 200)

    assert screen.getvalue() == (
        "\rVerifying [----------]   0% 0/200"
        "\rVerifying [##--------]  25% 50/200"
        "\rVerifying [##########] 100% 200/200\n"
    )


def test_in_a_log_file_the_bar_writes_a_plain_line_now_and_then() -> None:
    log = StringIO()
    now = [0.0]
    bar = ProgressBar("Re-encrypting", stream=log, every_seconds=5, clock=lambda: now[0])

    for done, at in [(0, 0.0), (10, 1.0), (20, 6.0), (30, 7.0), (40, 8.0)]:
        now[0] = at
        bar(done, 40)
    bar.close()

    assert log.getvalue().splitlines() == [
        "Re-encrypting: 0% (0/40)",
        "Re-encrypting: 50% (20/40)",
        "Re-encrypting: 100% (40/40)",
    ]


def test_nothing_to_do_is_shown_as_complete() -> None:
    log = StringIO()

    ProgressBar("Verifying", stream=log)(0, 0)

    assert log.getvalue() == "Verifying: 100% (0/0)\n"
