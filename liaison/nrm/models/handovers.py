"""Referrals, transfers, transfer requests and assignments in one table (Primero's transition model)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel
from liaison.directory.models import Agency


class HandoverKind(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    TRANSFER = "transfer", _("Transfer of the case")
    TRANSFER_REQUEST = "transfer_request", _("Request to take over the case")
    ASSIGNMENT = "assignment", _("Assignment to a colleague")


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    REVOKED = "revoked", _("revoked")
    DONE = "done", _("done")


class Section(models.TextChoices):
    """Parts of a case the sender may share with the recipient."""

    IDENTITY = "identity", _("Identity and contact")
    SCREENING = "screening", _("Screening answers")
    STATUS = "status", _("Status decisions and periods")
    EXPLOITATION = "exploitation", _("Exploitation profile and route")
    CONSENT = "consent", _("Consents")
    ASSISTANCE = "assistance", _("Needs, support plan and services")


class Handover(BaseModel):
    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="handovers")
    kind = models.CharField(_("kind"), max_length=20, choices=HandoverKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    from_agency = models.ForeignKey(
        Agency, verbose_name=_("from"), on_delete=models.PROTECT, related_name="handovers_sent"
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_agency = models.ForeignKey(
        Agency, verbose_name=_("to"), on_delete=models.PROTECT, related_name="handovers_received"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to colleague"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    provider = models.ForeignKey(
        "nrm.Provider",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sections = models.JSONField(_("shared sections"), default=list)
    consent = models.ForeignKey(
        "nrm.Consent",
        verbose_name=_("consent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_overridden = models.BooleanField(_("sent without consent"), default=False)
    override_reason = EncryptedTextField(_("reason for sending without consent"), blank=True)
    reason = EncryptedTextField(_("reason"), blank=True)
    response_note = EncryptedTextField(_("answer"), blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        # An override without a reason is refused by nrm.services.handovers: the reason is
        # encrypted, so the database cannot check it.
        indexes = [models.Index(fields=["to_agency", "status"], name="handover_inbox")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case} → {self.to_agency}"
