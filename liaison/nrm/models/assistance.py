"""Assistance: the service directory, needs, the support plan, services delivered, return."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel
from liaison.core.vocabularies import SupportType
from liaison.directory.models import Agency, validate_country


class ProviderService(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    LEGAL_AID = "legal_aid", _("Legal aid")
    HEALTH = "health", _("Health care")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    INTERPRETATION = "interpretation", _("Interpretation")
    RETURN_REINTEGRATION = "return_reintegration", _("Return and reintegration")
    EMPLOYMENT = "employment", _("Training and employment")


class Provider(BaseModel):
    """An entry of the service directory: what a provider offers, for whom, with how much room."""

    name = models.CharField(_("name"), max_length=200)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    services = models.JSONField(_("services"), default=list)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    region = models.CharField(_("region"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    places_free = models.PositiveIntegerField(_("places free"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    accepts_children = models.BooleanField(_("takes children"), default=False)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places_free__isnull=True)
                | models.Q(capacity__isnull=True)
                | models.Q(places_free__lte=models.F("capacity")),
                name="provider_free_within_capacity",
            )
        ]

    def __str__(self) -> str:
        return self.name


class NeedsAssessment(BaseModel):
    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="needs_assessments")
    assessed_on = models.DateField(_("assessed on"))
    needs = models.JSONField(_("needs"), default=list)
    risk_level = models.CharField(
        _("risk"),
        max_length=8,
        choices=[("low", _("low")), ("medium", _("medium")), ("high", _("high"))],
        blank=True,
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")

    def __str__(self) -> str:
        return f"{self.case} {self.assessed_on}"


class SupportPlanItem(BaseModel):
    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="support_plan")
    support_type = models.CharField(_("support"), max_length=40, choices=SupportType.choices)
    objective = EncryptedTextField(_("objective"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)

    class Meta:
        ordering = ["planned_end", "id"]
        verbose_name = _("support plan item")
        verbose_name_plural = _("support plan")

    def __str__(self) -> str:
        return f"{self.case} {self.support_type}"


class ServiceDelivery(BaseModel):
    case = models.ForeignKey(
        "nrm.Case", on_delete=models.CASCADE, related_name="services_delivered"
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    support_type = models.CharField(_("support"), max_length=40, choices=SupportType.choices)
    service = models.CharField(
        _("service"), max_length=24, choices=ProviderService.choices, blank=True
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="service_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.support_type} {self.started_on}"


class ReturnFollowUp(BaseModel):
    """Return to the country of origin and reintegration follow-up (for the later cross-border exchange)."""

    class Kind(models.TextChoices):
        RETURN = "return", _("Return")
        FOLLOW_UP = "follow_up", _("Reintegration follow-up")

    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="returns")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    voluntary = models.BooleanField(_("voluntary"), null=True, blank=True)
    partner = models.ForeignKey(
        Agency,
        verbose_name=_("partner in the country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reintegration_status = models.CharField(
        _("reintegration"),
        max_length=12,
        blank=True,
        choices=[
            ("good", _("going well")),
            ("fragile", _("fragile")),
            ("at_risk", _("at risk of re-trafficking")),
            ("unknown", _("unknown")),
        ],
    )
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["happened_on", "id"]
        verbose_name = _("return or follow-up")
        verbose_name_plural = _("returns and follow-ups")

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.happened_on}"
