"""Shapes of the directory API: what comes in (…In, …Patch) and what goes out (…Out)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from liaison.core.geography import country_name, is_country_code
from liaison.directory.models import Agency, AgencyType, CountryProfile, Membership, NationalRole
from liaison.directory.roles import Role, Scope


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    agency_type: str
    national_role: str
    country: str
    country_name: str
    parent_id: int | None
    website: str
    is_active: bool

    @staticmethod
    def resolve_country_name(obj: Agency) -> str:
        return obj.country_name


class AgencyQuery(Schema):
    q: str = Field("", max_length=100, description="Part of the name or short name.")
    country: str = Field("", max_length=2, description="ISO 3166 alpha-2 code.")
    agency_type: AgencyType | None = None
    national_role: NationalRole | None = Field(
        None, description="An empty value finds agencies without a role."
    )


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().upper()
    if not is_country_code(value):
        raise ValueError(_("“%(value)s” is not an ISO 3166 country code.") % {"value": value})
    return value


class AgencyIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    short_name: str = Field("", max_length=40)
    agency_type: AgencyType
    national_role: NationalRole = NationalRole.NONE
    country: str
    parent_id: int | None = None
    website: str = Field("", max_length=200)
    is_active: bool = True

    _check_country = field_validator("country")(_country)


class AgencyPatch(Schema):
    """Only the fields sent are changed."""

    name: str | None = Field(None, min_length=1, max_length=200)
    short_name: str | None = Field(None, max_length=40)
    agency_type: AgencyType | None = None
    national_role: NationalRole | None = None
    country: str | None = None
    parent_id: int | None = None
    website: str | None = Field(None, max_length=200)
    is_active: bool | None = None

    _check_country = field_validator("country")(_country)


class MembershipOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    role: str
    scope: str
    is_active: bool

    @staticmethod
    def resolve_agency_name(obj: Membership) -> str:
        return obj.agency.name


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    preferred_language: str
    memberships: list[MembershipOut]


class MemberOut(Schema):
    """One role held in an agency, with the person who holds it."""

    id: int
    user_id: int
    username: str
    full_name: str
    email: str
    role: str
    scope: str
    is_active: bool

    @staticmethod
    def resolve_username(obj: Membership) -> str:
        return obj.user.username

    @staticmethod
    def resolve_full_name(obj: Membership) -> str:
        return obj.user.full_name

    @staticmethod
    def resolve_email(obj: Membership) -> str:
        return obj.user.email


class MemberIn(Schema):
    username: str = Field(..., min_length=1, max_length=150)
    full_name: str = Field(..., min_length=1, max_length=200)
    email: str = Field(..., max_length=254)
    phone: str = Field("", max_length=40)
    preferred_language: str = Field("", max_length=8)
    role: Role
    scope: Scope = Scope.AGENCY

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str) -> str:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(_("Enter a valid e-mail address.")) from None
        return value


class CountryProfileOut(Schema):
    id: int
    country: str
    country_name: str
    is_home: bool
    status_ladder: list[dict[str, Any]]
    deadlines: list[dict[str, Any]]
    working_days: list[int]
    holidays: list[str]
    population: int | None
    population_year: int | None
    notes: str

    @staticmethod
    def resolve_country_name(obj: CountryProfile) -> str:
        return country_name(obj.country)


class TokenOut(Schema):
    """A personal API token as its owner sees it: never the secret, never its hash."""

    id: int
    name: str
    prefix: str
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    is_usable: bool
