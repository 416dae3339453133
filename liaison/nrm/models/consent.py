"""Consent per purpose, with who was there when it was given, and its withdrawal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedCharField
from liaison.core.models import BaseModel
from liaison.directory.models import Agency


class ConsentPurpose(models.TextChoices):
    ASSISTANCE = "assistance", _("Assistance and support")
    REFERRAL = "referral", _("Referral to a named agency")
    OBSERVATORY = "observatory", _("Sharing with the national observatory")
    CROSS_BORDER = "cross_border", _("Sharing across borders")


class Consent(BaseModel):
    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    recipient = models.ForeignKey(
        Agency,
        verbose_name=_("recipient agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a referral: the agency the person agreed to be referred to."),
    )
    given = models.BooleanField(_("consent given"))
    given_on = models.DateField(_("date"))
    language = models.CharField(_("language of the conversation"), max_length=8, blank=True)
    interpreter_present = models.BooleanField(_("with an interpreter"), default=False)
    guardian_name = EncryptedCharField(_("guardian (for a child)"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("withdrawal reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(purpose="referral") | models.Q(recipient__isnull=False),
                name="referral_consent_names_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.purpose} {'yes' if self.given else 'no'}"

    @property
    def is_valid(self) -> bool:
        return self.given and self.withdrawn_on is None
