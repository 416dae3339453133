"""Background tasks of the shared kernel. Each wraps one service and records its progress."""

from __future__ import annotations

import logging

from django_tasks import task

from liaison.core import jobs
from liaison.core.audit import audit_record, audit_verify
from liaison.core.models import AuditAction, Job

logger = logging.getLogger(__name__)


@task()
def verify_audit_chain(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:  # idempotent: a retried task does not redo finished work
        return
    jobs.job_start(job=job)
    try:
        result = audit_verify(progress=jobs.progress_reporter(job, every=500))
    except Exception as exc:  # record any failure on the job the user is watching
        logger.exception("Audit verification failed")
        jobs.job_fail(job=job, message=str(exc))
        raise
    audit_record(
        actor=job.owner, action=AuditAction.SYSTEM, object_type="core.auditevent",
        object_label="access log verification", purpose="ok" if result.ok else "broken",
    )
    jobs.job_finish(job=job, result={"checked": result.checked, "ok": result.ok, "problems": result.problems[:100]})
