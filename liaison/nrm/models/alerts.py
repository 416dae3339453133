"""Deadline alert e-mails already sent, so that each user gets at most one a day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineAlert(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_alerts"
    )
    sent_on = models.DateField(_("day"))
    overdue = models.PositiveIntegerField(_("overdue"), default=0)
    due_soon = models.PositiveIntegerField(_("due soon"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "user_id"]
        verbose_name = _("deadline alert")
        verbose_name_plural = _("deadline alerts")
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="deadline_alert_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on}"
