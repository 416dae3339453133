"""A criminal case: its stages, agencies, offences, techniques, assets and the victims it protects."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel
from liaison.directory.models import Agency


class Stage(models.TextChoices):
    INVESTIGATION = "investigation", _("Investigation")
    PROSECUTION = "prosecution", _("Prosecution")
    TRIAL = "trial", _("Trial")
    APPEAL = "appeal", _("Appeal")
    FINAL = "final", _("Final judgment")
    CLOSED_WITHOUT_CHARGE = "closed", _("Closed without charges")


class CriminalCase(BaseModel):
    """The criminal side of a trafficking or smuggling case, owned by the agency that leads it."""

    reference = models.CharField(_("case reference"), max_length=60, unique=True)
    title = models.CharField(_("short title"), max_length=200)
    lead_agency = models.ForeignKey(
        Agency,
        verbose_name=_("lead agency"),
        on_delete=models.PROTECT,
        related_name="criminal_cases",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.INVESTIGATION
    )
    opened_on = models.DateField(_("opened on"))
    summary = EncryptedTextField(_("summary of facts"), blank=True)
    is_smuggling = models.BooleanField(_("smuggling of migrants"), default=False)
    is_trafficking = models.BooleanField(_("trafficking in persons"), default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("criminal case")
        verbose_name_plural = _("criminal cases")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("justice:case_detail", kwargs={"criminal_case_id": self.pk})


class StageChange(models.Model):
    """Each stage the case entered, with its date: investigation → prosecution → trial → appeal → final."""

    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    entered_on = models.DateField(_("entered on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entered_on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.criminal_case} {self.stage} {self.entered_on}"


class CaseAgency(models.Model):
    """Other agencies working on the case (police units, prosecution, labour inspectorate…)."""

    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="agencies"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("part in the case"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("agency involved")
        verbose_name_plural = _("agencies involved")
        constraints = [
            models.UniqueConstraint(fields=["criminal_case", "agency"], name="case_agency_once")
        ]

    def __str__(self) -> str:
        return f"{self.criminal_case} · {self.agency}"


class OffenceType(models.TextChoices):
    TIP = "tip", _("Trafficking in persons")
    SOM = "som", _("Smuggling of migrants")
    DOCUMENT_FRAUD = "document_fraud", _("Document fraud")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    ORGANISED_CRIME = "organised_crime", _("Participation in an organised criminal group")
    RELATED = "related", _("Related offence")


class Offence(models.Model):
    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="offences"
    )
    offence_type = models.CharField(_("offence"), max_length=20, choices=OffenceType.choices)
    legal_provision = models.CharField(
        _("legal provision"), max_length=200, blank=True, help_text=_("E.g. Penal Code art. 160.")
    )

    class Meta:
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self) -> str:
        return f"{self.get_offence_type_display()} {self.legal_provision}".strip()


class InvestigationTechnique(models.Model):
    class Technique(models.TextChoices):
        FINANCIAL = "financial_investigation", _("Financial investigation")
        JIT = "joint_investigation_team", _("Joint investigation team")
        CONTROLLED_DELIVERY = "controlled_delivery", _("Controlled delivery")
        UNDERCOVER = "undercover_operation", _("Undercover operation")
        INTERCEPTION = "interception", _("Interception of communications")
        SURVEILLANCE = "surveillance", _("Surveillance")
        OSINT = "open_source", _("Open-source intelligence")
        DIGITAL_EVIDENCE = "digital_evidence", _("Digital evidence")
        LABOUR_INSPECTION = (
            "joint_labour_inspection",
            _("Joint inspection with the labour inspectorate"),
        )
        OTHER = "other", _("Other")

    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="techniques"
    )
    technique = models.CharField(_("technique"), max_length=30, choices=Technique.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("investigation technique")
        verbose_name_plural = _("investigation techniques")
        constraints = [
            models.UniqueConstraint(fields=["criminal_case", "technique"], name="technique_once")
        ]

    def __str__(self) -> str:
        return self.get_technique_display()


class Asset(models.Model):
    class Measure(models.TextChoices):
        FROZEN = "frozen", _("Frozen")
        SEIZED = "seized", _("Seized")
        CONFISCATED = "confiscated", _("Confiscated")

    criminal_case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="assets")
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    description = models.CharField(_("asset"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    decided_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0),
                name="asset_value_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.description}"


class VictimLink(models.Model):
    """A victim of the criminal case, linked to their NRM case; users without access to that NRM
    case see only its pseudonymous code."""

    criminal_case = models.ForeignKey(
        CriminalCase, on_delete=models.CASCADE, related_name="victim_links"
    )
    nrm_case = models.ForeignKey(
        "nrm.Case", on_delete=models.PROTECT, related_name="criminal_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("linked victim")
        verbose_name_plural = _("linked victims")
        constraints = [
            models.UniqueConstraint(fields=["criminal_case", "nrm_case"], name="victim_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.criminal_case} ← {self.nrm_case.code}"
