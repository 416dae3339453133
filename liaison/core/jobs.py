"""Long-running jobs: create one, report progress from inside the work, finish or fail it.

A job row is written outside the work's own transaction (progress must be visible while the
work runs), so these functions each commit on their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from liaison.core.models import Job, JobStatus

logger = logging.getLogger(__name__)


def job_create(*, owner: Any, kind: str, title: str, total: int = 0) -> Job:
    return Job.objects.create(
        owner=owner if getattr(owner, "is_authenticated", False) else None,
        kind=kind,
        title=title,
        total=total,
    )


def job_start(*, job: Job, total: int | None = None) -> Job:
    job.status = JobStatus.RUNNING
    job.started_at = timezone.now()
    fields = ["status", "started_at", "updated_at"]
    if total is not None:
        job.total = total
        fields.append("total")
    job.save(update_fields=fields)
    return job


def job_progress(*, job: Job, done: int, total: int | None = None, message: str = "") -> Job:
    job.total = total if total is not None else job.total
    job.done = min(done, job.total) if job.total else 0
    job.message = message or job.message
    job.save(update_fields=["done", "total", "message", "updated_at"])
    return job


def job_finish(*, job: Job, result: dict[str, Any] | None = None, message: str = "") -> Job:
    job.status = JobStatus.SUCCEEDED
    job.done = job.total
    job.result = result or {}
    job.message = message or job.message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "result", "message", "finished_at", "updated_at"])
    return job


def job_fail(*, job: Job, message: str) -> Job:
    job.status = JobStatus.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "updated_at"])
    return job


def progress_reporter(job: Job, *, every: int = 1) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback for services, writing at most every ``every`` items."""
    state = {"last": -every}

    def report(done: int, total: int) -> None:
        if done - state["last"] >= every or done == total:
            state["last"] = done
            job_progress(job=job, done=done, total=total)

    return report


def jobs_visible_to(user: Any, *, sees_all: bool = False) -> QuerySet[Job]:
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    queryset = Job.objects.select_related("owner")
    return queryset if sees_all else queryset.filter(owner=user)
