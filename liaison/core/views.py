"""Pages of the shared kernel: health, error pages, the access log and jobs."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from liaison.core import jobs
from liaison.core.audit import problem_messages
from liaison.core.forms import AuditFilterForm
from liaison.core.models import Job
from liaison.core.selectors import audit_events_search
from liaison.core.tasks import verify_audit_chain


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "core/audit_log.html", {"form": form, "page": None}, status=400)
    page = Paginator(audit_events_search(form.criteria()), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"form": form, "page": page})


@require_POST
def audit_verify_start(request: HttpRequest) -> HttpResponse:
    job = jobs.job_create(owner=request.user, kind="audit.verify", title=_("Verify the access log"))
    transaction.on_commit(lambda: verify_audit_chain.enqueue(str(job.pk)))
    return redirect("core:job_detail", job_id=job.pk)


@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(jobs.jobs_visible_to(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "core/job_list.html", {"page": page})


@require_GET
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = get_object_or_404(jobs.jobs_visible_to(request.user), pk=job_id)
    problems = (
        problem_messages(job.result.get("problems", [])) if job.kind == "audit.verify" else []
    )
    return render(
        request,
        "core/job_detail.html",
        {"job": job, "progress_text": progress_text(job), "problems": problems},
    )


@require_GET
def job_status(request: HttpRequest, job_id: str) -> JsonResponse:
    job = get_object_or_404(jobs.jobs_visible_to(request.user), pk=job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "percent": job.percent,
            "done": job.done,
            "total": job.total,
            "progress_text": progress_text(job),
            "finished": job.is_finished,
        }
    )


def progress_text(job: Job) -> str:
    return ngettext("%(done)s of %(total)s item", "%(done)s of %(total)s items", job.total) % {
        "done": job.done,
        "total": job.total,
    }
