"""International cooperation requests: MLA, extradition, JIT, spontaneous information, police-to-police,
and requests about vessels under article 8 of the Smuggling of Migrants Protocol."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel
from liaison.directory.models import Agency, validate_country


class CooperationType(models.TextChoices):
    MLA = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    JIT = "jit", _("Joint investigation team")
    SPONTANEOUS = "spontaneous", _("Spontaneous information")
    POLICE = "police", _("Police-to-police request")
    VESSEL = "vessel", _("Request about a vessel (SOM Protocol art. 8)")


class CooperationStatus(models.TextChoices):
    DRAFTED = "drafted", _("drafted")
    SENT = "sent", _("sent")
    RECEIVED = "received", _("received")
    IN_EXECUTION = "in_execution", _("in execution")
    EXECUTED = "executed", _("executed")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


class CooperationRequest(BaseModel):
    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("We ask another country")
        INCOMING = "incoming", _("Another country asks us")

    class LegalBasis(models.TextChoices):
        UNTOC_16 = "untoc_16", _("UNTOC art. 16 (extradition)")
        UNTOC_18 = "untoc_18", _("UNTOC art. 18 (mutual legal assistance)")
        UNTOC_19 = "untoc_19", _("UNTOC art. 19 (joint investigations)")
        SOM_8 = "som_8", _("SOM Protocol art. 8")
        BILATERAL = "bilateral", _("Bilateral treaty")
        RECIPROCITY = "reciprocity", _("Reciprocity")
        OTHER = "other", _("Other")

    reference = models.CharField(_("reference"), max_length=60, unique=True)
    request_type = models.CharField(_("type"), max_length=12, choices=CooperationType.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    criminal_case = models.ForeignKey(
        "justice.CriminalCase",
        verbose_name=_("criminal case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperation_requests",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("our authority"),
        on_delete=models.PROTECT,
        related_name="cooperation_requests",
    )
    other_country = models.CharField(
        _("other country"), max_length=2, validators=[validate_country]
    )
    other_authority = models.CharField(_("other authority"), max_length=200, blank=True)
    other_agency = models.ForeignKey(
        Agency,
        verbose_name=_("other authority (in the directory)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_basis = models.CharField(_("legal basis"), max_length=12, choices=LegalBasis.choices)
    subject = EncryptedTextField(_("what is asked"))
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=CooperationStatus.choices,
        default=CooperationStatus.DRAFTED,
    )
    sent_on = models.DateField(_("sent or received on"), null=True, blank=True)
    due_on = models.DateField(_("answer expected by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(sent_on__isnull=True)
                | models.Q(due_on__gte=models.F("sent_on")),
                name="cooperation_due_after_sent",
            )
        ]

    def __str__(self) -> str:
        return self.reference
