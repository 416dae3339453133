"""Agencies, users, memberships, the country profile and personal API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.fields import BlindIndexField, EncryptedCharField
from liaison.core.geography import country_name, is_country_code
from liaison.core.models import BaseModel
from liaison.directory.roles import Role, Scope


def validate_country(value: str) -> None:
    if not is_country_code(value):
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166 country code."), params={"value": value}
        )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(username=self.model.normalize_username(username), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Name, e-mail and phone are personal data, so they are encrypted;
    the e-mail has a blind index so password reset can find the account."""

    username = models.CharField(
        _("user name"),
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _ only."),
    )
    full_name = EncryptedCharField(_("full name"), max_length=200, blank=True)
    email = EncryptedCharField(_("e-mail address"), max_length=254, blank=True)
    email_index = BlindIndexField(source="email", purpose="user.email")
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(_("language"), max_length=8, blank=True)
    email_alerts = models.BooleanField(
        _("e-mail me about deadlines and handovers"),
        default=False,
        help_text=_("The e-mail says only that something is waiting, never who it concerns."),
    )
    is_staff = models.BooleanField(_("may use the Django admin"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.username


class AgencyType(models.TextChoices):
    """HTCDS ``org_Type`` values, plus international organisation."""

    NGO = "NGO", _("Non-governmental organisation")
    LAW_ENFORCEMENT = "LawEnforcement", _("Law enforcement")
    HEALTH = "HealthServiceOrganisation", _("Health service")
    CENTRAL_GOVERNMENT = "CentralGovernmentOrganisation", _("Central government")
    LOCAL_GOVERNMENT = "LocalGovernmentOrganisation", _("Local government")
    IMMIGRATION = "ImmigrationService", _("Immigration service")
    LEGAL = "LegalService", _("Legal service")
    CORPORATE = "CorporateBusiness", _("Business")
    EDUCATION = "SchoolOrCollege", _("School or college")
    INTERNATIONAL = "InternationalOrganisation", _("International organisation")


class NationalRole(models.TextChoices):
    """The part an agency plays in the national response (DESIGN.md, Domain)."""

    NONE = "", _("None")
    COORDINATOR = "coordinator", _("National coordinator")
    RAPPORTEUR = "rapporteur", _("National rapporteur or observatory")
    NRM_DECISION_MAKER = "nrm_decision_maker", _("NRM decision maker")
    CRIMINAL_POLICE = "criminal_police", _("Criminal police")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    PROSECUTION = "prosecution", _("Prosecution service")
    COURT = "court", _("Court")
    CONSULATE = "consulate", _("Consulate")
    VICTIM_SUPPORT = "victim_support", _("Victim support provider")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    LEGISLATURE = "legislature", _("Legislature")


class Agency(BaseModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    agency_type = models.CharField(_("type"), max_length=40, choices=AgencyType.choices)
    national_role = models.CharField(
        _("national role"), max_length=40, choices=NationalRole.choices, blank=True
    )
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="agency_unique_name_per_country"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="agency_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:agency_detail", kwargs={"agency_id": self.pk})

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def status_decision_org(self) -> str:
        """HTCDS ``vic_TraffickingStatusDecisionMakingOrg`` for decisions this agency takes."""
        if self.agency_type == AgencyType.LAW_ENFORCEMENT:
            return "Police"
        if self.agency_type == AgencyType.NGO:
            return "NGO"
        if self.national_role in (NationalRole.PROSECUTION, NationalRole.COURT):
            return "CourtOrProsecution"
        if self.agency_type in (
            AgencyType.CENTRAL_GOVERNMENT,
            AgencyType.LOCAL_GOVERNMENT,
            AgencyType.IMMIGRATION,
        ):
            return "NonPoliceGovernmentalOrganization"
        return "Other"


class Membership(BaseModel):
    """A user's role in one agency, with the reach of that role."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.AGENCY)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["agency__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class CountryProfile(BaseModel):
    """The national procedure as data: who decides what, by when, on which days.

    ``status_ladder``: list of {"code", "label", "deciders": [roles], "next": [codes]}.
    ``deadlines``: list of {"code", "label", "days", "unit": "working"|"calendar", "max_days"?, "starts": event}.
    ``working_days``: ISO weekdays 1-7 that are working days; ``holidays``: ISO dates.
    """

    country = models.CharField(
        _("country"), max_length=2, unique=True, validators=[validate_country]
    )
    is_home = models.BooleanField(_("this instance's country"), default=False)
    status_ladder = models.JSONField(_("status ladder"), default=list, blank=True)
    deadlines = models.JSONField(_("deadlines and periods"), default=list, blank=True)
    working_days = models.JSONField(_("working days"), default=list, blank=True)
    holidays = models.JSONField(_("public holidays"), default=list, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-is_home", "country"]
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"], condition=models.Q(is_home=True), name="one_home_country"
            ),
        ]

    def __str__(self) -> str:
        return country_name(self.country)

    def get_absolute_url(self) -> str:
        return reverse("directory:country_profile_detail", kwargs={"profile_id": self.pk})

    def clean(self) -> None:
        from liaison.directory.procedure import validate_procedure

        validate_procedure(self)


class ApiToken(models.Model):
    """A personal token for scripts. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
