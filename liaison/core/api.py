"""API of the shared kernel: jobs and the access log.

No ``from __future__ import annotations`` here: the access decorator wraps each operation in
another module, where ninja could not resolve annotations left as strings.
"""

import datetime
import uuid
from typing import Self

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import model_validator

from liaison.core import jobs
from liaison.core.models import AuditEvent, Job
from liaison.core.selectors import AuditFilter, audit_events_search

router = Router(tags=["core"])


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    result: dict
    created_at: datetime.datetime
    finished_at: datetime.datetime | None


class AuditEventOut(Schema):
    id: int
    at: datetime.datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str
    fields: list[str]
    purpose: str
    ip_address: str | None
    entry_hash: str


class AuditQuery(Schema):
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @model_validator(mode="after")
    def dates_in_order(self) -> Self:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(gettext("The start date is after the end date."))
        return self


@router.get("/jobs", response=list[JobOut])
@paginate(LimitOffsetPagination)
def list_jobs(request: HttpRequest) -> QuerySet[Job]:
    return jobs.jobs_visible_to(getattr(request, "auth", None))


@router.get("/jobs/{job_id}", response=JobOut)
def get_job(request: HttpRequest, job_id: uuid.UUID) -> Job:
    return get_object_or_404(jobs.jobs_visible_to(getattr(request, "auth", None)), pk=job_id)


@router.get("/audit/events", response=list[AuditEventOut])
@paginate(LimitOffsetPagination)
def list_audit_events(request: HttpRequest, filters: Query[AuditQuery]) -> QuerySet[AuditEvent]:
    return audit_events_search(AuditFilter(**filters.dict()))
