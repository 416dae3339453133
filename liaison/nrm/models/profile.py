"""The exploitation profile of a case in HTCDS terms, and the trafficking events of its route."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel
from liaison.core.vocabularies import Industry, RelationToRecruiter, TraffickingEventType
from liaison.directory.models import validate_country


class ExploitationProfile(BaseModel):
    """Multi-valued HTCDS fields are lists of value names (validated by the service)."""

    case = models.OneToOneField("nrm.Case", on_delete=models.CASCADE, related_name="exploitation")
    forms = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    industry = models.CharField(
        _("industry (forced labour)"), max_length=60, choices=Industry.choices, blank=True
    )
    sexual_exploitation_types = models.JSONField(
        _("types of sexual exploitation"), default=list, blank=True
    )
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    recruitment_methods = models.JSONField(_("recruitment methods"), default=list, blank=True)
    relation_to_recruiter = models.CharField(
        _("relation to the recruiter"),
        max_length=20,
        choices=RelationToRecruiter.choices,
        blank=True,
    )
    recruitment_platforms = models.JSONField(
        _("online platforms used to recruit"), default=list, blank=True
    )
    exploitation_platforms = models.JSONField(
        _("online platforms used to exploit"), default=list, blank=True
    )
    also_smuggled = models.BooleanField(_("also smuggled"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("exploitation profile")
        verbose_name_plural = _("exploitation profiles")

    def __str__(self) -> str:
        return f"{self.case} profile"


class TraffickingEvent(BaseModel):
    case = models.ForeignKey(
        "nrm.Case", on_delete=models.CASCADE, related_name="trafficking_events"
    )
    kind = models.CharField(_("event"), max_length=20, choices=TraffickingEventType.choices)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    place = EncryptedTextField(_("place"), blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    description = EncryptedTextField(_("description"), blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("trafficking event")
        verbose_name_plural = _("trafficking events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="trafficking_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.country}"
