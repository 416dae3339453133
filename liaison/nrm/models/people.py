"""A person's identity: every identifying field encrypted, exact lookups through blind indexes."""

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
from liaison.directory.models import Agency, validate_country


class Person(BaseModel):
    """One human being, whichever agencies meet them. Cases hold what each agency does."""

    given_names = EncryptedCharField(_("given names"), max_length=200, blank=True)
    family_names = EncryptedCharField(_("family names"), max_length=200, blank=True)
    patronymic = EncryptedCharField(_("patronymic"), max_length=200, blank=True)
    other_names = EncryptedTextField(_("other names and spellings"), blank=True)
    sex = models.CharField(
        _("sex / gender"), max_length=24, choices=Gender.choices, default=Gender.UNKNOWN
    )
    birth_date = EncryptedDateField(_("date of birth"), null=True, blank=True)
    birth_year_known = models.BooleanField(_("only the year of birth is known"), default=False)
    citizenship = models.CharField(
        _("citizenship"), max_length=2, blank=True, validators=[validate_country]
    )
    other_citizenship = models.CharField(
        _("second citizenship"), max_length=2, blank=True, validators=[validate_country]
    )
    languages = models.JSONField(_("languages (ISO 639)"), default=list, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    registered_by = models.ForeignKey(
        Agency, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        # Never the name: people appear in logs and lists by their pseudonymous number.
        return f"P-{self.pk:06d}" if self.pk else "P-new"

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.patronymic, self.family_names) if p)


class PersonSearchKey(models.Model):
    """Keyed hashes of normalised name parts and birth year, for duplicate search without plaintext."""

    class Kind(models.TextChoices):
        NAME = "name", _("name part")
        BIRTH_YEAR = "birth_year", _("birth year")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "key"], name="person_search_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.kind}"


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    OTHER = "other", _("Other document")


class IdentityDocument(BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    number = EncryptedCharField(_("number"), max_length=60)
    number_index = BlindIndexField(source="number", purpose="nrm.identity_document.number")
    issuing_country = models.CharField(
        _("issued by"), max_length=2, blank=True, validators=[validate_country]
    )

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.issuing_country or '?'})"
