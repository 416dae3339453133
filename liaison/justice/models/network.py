"""Entities of criminal networks (people, companies, phones, accounts, addresses, vehicles, online
profiles) seen in criminal cases, and the links between them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import BlindIndexField, EncryptedCharField
from liaison.core.models import BaseModel


class EntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")
    PHONE = "phone", _("Phone number")
    ACCOUNT = "account", _("Bank or payment account")
    ADDRESS = "address", _("Address")
    VEHICLE = "vehicle", _("Vehicle")
    ONLINE_PROFILE = "online_profile", _("Online profile")


class Entity(BaseModel):
    """One entity as recorded in one criminal case. The same phone number in two cases is two rows
    with the same ``value_index``: that is how networks across cases are found, within what the
    user may see."""

    criminal_case = models.ForeignKey(
        "justice.CriminalCase", on_delete=models.CASCADE, related_name="entities"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EntityKind.choices)
    value = EncryptedCharField(_("value"), max_length=300)
    value_index = BlindIndexField(source="value", purpose="justice.entity.value")
    label = models.CharField(_("label"), max_length=120, blank=True)
    defendant = models.ForeignKey(
        "justice.Defendant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entities",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("network entity")
        verbose_name_plural = _("network entities")
        indexes = [models.Index(fields=["kind", "value_index"], name="entity_same_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} E-{self.pk}"


class EntityLink(models.Model):
    source = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(_("relation"), max_length=100)
    criminal_case = models.ForeignKey(
        "justice.CriminalCase", on_delete=models.CASCADE, related_name="entity_links"
    )

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} —{self.relation}→ {self.target}"
