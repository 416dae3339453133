"""Status decisions (immutable, dated, reasoned), the clocks they start, and residence permits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel
from liaison.core.vocabularies import DecisionMakingOrg
from liaison.directory.models import Agency


class StatusDecision(models.Model):
    """One step on the country's status ladder, taken by a named user of a named agency.

    Never changed after it is written: a wrong decision is answered by a reconsideration, which
    is another row. ``step`` and ``previous_step`` are codes of the CountryProfile ladder.
    """

    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="decisions")
    step = models.CharField(_("decision"), max_length=40)
    previous_step = models.CharField(_("previous status"), max_length=40, blank=True)
    is_reconsideration = models.BooleanField(_("reconsideration"), default=False)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deciding_agency = models.ForeignKey(
        Agency, verbose_name=_("deciding agency"), on_delete=models.PROTECT, related_name="+"
    )
    decision_org = models.CharField(
        _("deciding organisation type"), max_length=40, choices=DecisionMakingOrg.choices
    )
    reasons = EncryptedTextField(_("reasons"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("status decision")
        verbose_name_plural = _("status decisions")

    def __str__(self) -> str:
        return f"{self.case} → {self.step} ({self.decided_on})"


class PeriodStatus(models.TextChoices):
    RUNNING = "running", _("running")
    ENDED = "ended", _("ended")
    CANCELLED = "cancelled", _("cancelled")


class CasePeriod(BaseModel):
    """A deadline or a protected period (reflection, recovery, decision due…) of a case.

    ``code`` is a deadline code of the CountryProfile; ``due_on`` the minimum end (or the
    decision deadline), ``latest_on`` the maximum where the law gives a range (PT 30–60 days).
    """

    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(_("period"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    unit = models.CharField(
        _("unit"),
        max_length=10,
        choices=[("working", _("working days")), ("calendar", _("calendar days"))],
    )
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("due on"))
    latest_on = models.DateField(_("at the latest"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.RUNNING
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("period or deadline")
        verbose_name_plural = _("periods and deadlines")
        indexes = [models.Index(fields=["status", "due_on"], name="period_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("starts_on")), name="period_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.code} {self.due_on}"


class ResidencePermit(BaseModel):
    class Route(models.TextChoices):
        COOPERATION = "cooperation", _("Cooperation with the authorities (PT art. 109 no. 1)")
        PERSONAL_SITUATION = (
            "personal_situation",
            _("Personal situation, without cooperation (PT art. 109 no. 4)"),
        )
        OTHER = "other", _("Other route")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")
        EXPIRED = "expired", _("expired")

    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="residence_permits")
    route = models.CharField(_("route"), max_length=24, choices=Route.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)

    class Meta:
        ordering = ["-requested_on"]
        verbose_name = _("residence permit")
        verbose_name_plural = _("residence permits")

    def __str__(self) -> str:
        return f"{self.case} {self.route} {self.status}"
