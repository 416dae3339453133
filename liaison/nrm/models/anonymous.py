"""What an anonymous notification may record: nothing that identifies the person."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.models import BaseModel
from liaison.core.vocabularies import Gender
from liaison.directory.models import validate_country


class AnonymousDetails(BaseModel):
    """Sex and citizenship of an anonymous case (its age is ``Case.age_at_flagging``).

    An adult who does not consent to a referral is still counted: these two fields and the
    age are what the national statistics need, and no one can be found from them alone.
    """

    case = models.OneToOneField(
        "nrm.Case", on_delete=models.CASCADE, related_name="anonymous_details"
    )
    sex = models.CharField(
        _("sex / gender"), max_length=24, choices=Gender.choices, default=Gender.UNKNOWN
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=2, blank=True, validators=[validate_country]
    )

    class Meta:
        verbose_name = _("anonymous notification")
        verbose_name_plural = _("anonymous notifications")

    def __str__(self) -> str:
        return f"{self.case} (anonymous)"
