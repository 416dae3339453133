"""An agency's case for one person (or an anonymous notification without any identity)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import EncryptedTextField
from liaison.core.models import BaseModel
from liaison.core.vocabularies import CaseStatus, TraffickingStatus
from liaison.directory.models import Agency
from liaison.nrm.models.people import Person


class CaseClosureReason(models.TextChoices):
    SUPPORT_COMPLETED = "support_completed", _("Support plan completed")
    REFERRED = "referred", _("Referred to another agency")
    RETURNED = "returned", _("Returned to the country of origin")
    DECLINED = "declined", _("The person declined further support")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim of trafficking")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other")


class Case(BaseModel):
    """What one agency does for one person. ``status`` is the current step of the country's
    status ladder, changed only by StatusDecision events (nrm.services.decisions)."""

    code = models.CharField(_("case code"), max_length=20, unique=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    anonymous = models.BooleanField(
        _("anonymous notification"),
        default=False,
        help_text=_(
            "An adult who did not consent to a referral: recorded without any identifying field."
        ),
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="nrm_cases"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
    )
    country = models.CharField(_("procedure country"), max_length=2)
    status = models.CharField(_("status"), max_length=40, blank=True)
    trafficking_status = models.CharField(
        _("HTCDS status"),
        max_length=40,
        choices=TraffickingStatus.choices,
        default=TraffickingStatus.POSSIBLE,
    )
    case_status = models.CharField(
        _("case"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    flagged_on = models.DateField(_("flagged on"))
    is_child = models.BooleanField(_("child when flagged"), default=False)
    age_at_flagging = models.PositiveSmallIntegerField(_("age when flagged"), null=True, blank=True)
    summary = EncryptedTextField(_("summary"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=24, choices=CaseClosureReason.choices, blank=True
    )
    closure_note = EncryptedTextField(_("closure note"), blank=True)
    referred_by = models.ForeignKey(
        "nrm.Handover",
        verbose_name=_("opened by the referral"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-flagged_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "agency"],
                condition=models.Q(person__isnull=False),
                name="one_case_per_person_and_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | models.Q(person__isnull=True),
                name="anonymous_case_has_no_person",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("flagged_on")),
                name="case_closed_after_flagged",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "case_status", "-flagged_on"], name="case_agency_list"),
            models.Index(fields=["status"], name="case_status_step"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("nrm:case_detail", kwargs={"case_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class SavedCaseView(BaseModel):
    """A user's named filter of the case list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_case_views"
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters"), max_length=500)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_case_view_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
