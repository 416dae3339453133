"""Suspects and defendants (natural or legal persons), their charges and outcomes.

These rows feed the offender statistics GLOTIP and Eurostat ask for: persons suspected,
prosecuted and convicted, by sex and citizenship.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import (
    BlindIndexField,
    EncryptedCharField,
    EncryptedDateField,
    EncryptedTextField,
)
from liaison.core.models import BaseModel
from liaison.core.vocabularies import Gender
from liaison.directory.models import validate_country
from liaison.justice.models.criminal_cases import CriminalCase, Offence


class Defendant(BaseModel):
    class Kind(models.TextChoices):
        NATURAL = "natural", _("Natural person")
        LEGAL = "legal", _("Legal person (company)")

    class Status(models.TextChoices):
        SUSPECTED = "suspected", _("Suspected")
        PROSECUTED = "prosecuted", _("Prosecuted")
        CONVICTED = "convicted", _("Convicted")
        ACQUITTED = "acquitted", _("Acquitted")
        DISMISSED = "dismissed", _("Proceedings dismissed")

    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="defendants"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.NATURAL)
    name = EncryptedCharField(_("name"), max_length=200)
    name_index = BlindIndexField(source="name", purpose="justice.defendant.name")
    birth_date = EncryptedDateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(
        _("sex / gender"), max_length=24, choices=Gender.choices, default=Gender.UNKNOWN
    )
    age = models.PositiveSmallIntegerField(_("age when suspected"), null=True, blank=True)
    citizenship = models.CharField(
        _("citizenship"), max_length=2, blank=True, validators=[validate_country]
    )
    roles = models.JSONField(_("role in the process (HTCDS)"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUSPECTED
    )
    suspected_on = models.DateField(_("suspected since"))
    prosecuted_on = models.DateField(_("prosecuted on"), null=True, blank=True)
    judged_on = models.DateField(_("judged on"), null=True, blank=True)
    sentence = EncryptedTextField(_("sentence"), blank=True)
    sentence_months = models.PositiveIntegerField(
        _("prison sentence (months)"), null=True, blank=True
    )

    class Meta:
        ordering = ["criminal_case", "id"]
        verbose_name = _("suspect or defendant")
        verbose_name_plural = _("suspects and defendants")

    def __str__(self) -> str:
        return f"{self.criminal_case} D-{self.pk}"


class ChargeOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    DISMISSED = "dismissed", _("Dismissed")
    ACQUITTED = "acquitted", _("Acquitted")
    CONVICTED = "convicted", _("Convicted")


class Charge(models.Model):
    """One offence charged to one defendant, and what became of it."""

    defendant = models.ForeignKey(Defendant, on_delete=models.CASCADE, related_name="charges")
    offence = models.ForeignKey(Offence, on_delete=models.PROTECT, related_name="charges")
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ChargeOutcome.choices, default=ChargeOutcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints = [models.UniqueConstraint(fields=["defendant", "offence"], name="charge_once")]

    def __str__(self) -> str:
        return f"{self.defendant} {self.offence} {self.outcome}"
