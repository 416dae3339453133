"""Background tasks of the shared kernel. Each wraps one service and records its progress."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from liaison.core import jobs
from liaison.core.audit import audit_verify_logged
from liaison.core.models import Job

logger = logging.getLogger(__name__)


@task()
def verify_audit_chain(job_id: str) -> None:
    """Verify the access log for the job's owner.

    Idempotent: a finished job is left as it is, and an unfinished one (its worker died) is
    simply verified again, since verification only reads. Any failure is written on the job
    the user is watching, then raised so the task backend records it too.
    """
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None:
        logger.warning("Audit verification job %s no longer exists.", job_id)
        return
    if job.is_finished:
        return
    language = getattr(job.owner, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        jobs.job_start(job=job)
        try:
            result = audit_verify_logged(
                actor=job.owner, progress=jobs.progress_reporter(job, every=500)
            )
        except Exception:  # record it where the user looks, then let the backend see it too
            logger.exception("Audit verification job %s failed", job_id)
            jobs.job_fail(
                job=job,
                message=_(
                    "The verification stopped with an error; the worker's log has the details."
                ),
            )
            raise
        jobs.job_finish(
            job=job,
            result={
                "checked": result.checked,
                "ok": result.ok,
                "problem_count": len(result.problems),
                "problems": [p.as_dict() for p in result.problems[:100]],
            },
        )
