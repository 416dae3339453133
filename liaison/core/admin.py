"""Django admin for the shared kernel: the access log and jobs, to look at, never to edit."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.core.models import AuditEvent, Job


class ReadOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete for anyone, superusers included: rows are written by services only."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.concrete_fields]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "purpose",
    )
    list_filter = ("action",)
    search_fields = ("actor_label", "object_type", "object_id")
    date_hierarchy = "at"
    ordering = ("-id",)
    show_full_result_count = False  # counting a long log on every page is slow


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "owner", "status", "progress", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "kind")
    list_select_related = ("owner",)
    ordering = ("-created_at",)

    @admin.display(description=_("progress"))
    def progress(self, job: Job) -> str:
        return f"{job.percent}%"
