"""Indicator checklists (configurable per country) and the answers of each screening."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel


class IndicatorChecklist(BaseModel):
    """``indicators``: [{"code", "text": {lang: text}, "strong": bool}]. ``country`` blank = default."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General indicators")
        LABOUR = "labour", _("Labour exploitation")
        SEXUAL = "sexual", _("Sexual exploitation")
        CHILDREN = "children", _("Children")
        FORCED_CRIMINALITY = "forced_criminality", _("Forced criminality")
        BEGGING = "begging", _("Forced begging")

    kind = models.CharField(_("checklist"), max_length=24, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    indicators = models.JSONField(_("indicators"), default=list)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["country", "kind", "-version"]
        verbose_name = _("indicator checklist")
        verbose_name_plural = _("indicator checklists")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "country", "version"], name="checklist_unique_version"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} v{self.version}{' ' + self.country if self.country else ''}"
        )


class ScreeningSuggestion(models.TextChoices):
    STRONG = "strong", _("Strong indications of trafficking: consider flagging and referral")
    SOME = "some", _("Some indications: gather more information")
    NONE = "none", _("No indication found in the answers")


class Screening(BaseModel):
    """One screening interview: answers per indicator, and a suggestion — never a decision."""

    case = models.ForeignKey("nrm.Case", on_delete=models.CASCADE, related_name="screenings")
    checklist = models.ForeignKey(IndicatorChecklist, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(_("answers"), default=dict)
    strong_count = models.PositiveSmallIntegerField(default=0)
    other_count = models.PositiveSmallIntegerField(default=0)
    suggestion = models.CharField(
        _("suggestion"), max_length=8, choices=ScreeningSuggestion.choices
    )
    screened_on = models.DateField(_("screened on"))
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-screened_on", "-id"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.case} {self.checklist.kind} {self.screened_on}"
