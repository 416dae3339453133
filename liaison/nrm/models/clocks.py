"""Events a user records on a case because they start a clock (e.g. the request to cooperate)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseEvent(models.Model):
    """One dated procedural event, written once (nrm.services.clocks.case_event_record)."""

    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="clock_events")
    code = models.CharField(_("event"), max_length=40)
    occurred_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("procedural event")
        verbose_name_plural = _("procedural events")
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], name="case_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.code} {self.occurred_on}"
