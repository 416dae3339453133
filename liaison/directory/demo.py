"""The demo instance: Portugal as host country, its partners in Central Asia, one user per role.

Institutions are real and described only by public facts (name, type, part they play, website).
People are fictitious: their names belong to no real public figure. Everything goes through the
directory services with ``actor=None``, so each row is written to the access log as done by the
system. What already exists is left untouched (natural keys: an agency's country and name, a
user name, a country code, a user, agency and role), so loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory import services
from liaison.directory.models import (
    Agency,
    AgencyType,
    CountryProfile,
    Membership,
    NationalRole,
    User,
)
from liaison.directory.permissions import requires_otp
from liaison.directory.roles import NATIONAL_ROLES, Role, Scope

DEFAULT_PASSWORD = "liaison-demo-2026"  # noqa: S105 - demo accounts only, refused in production
ADMIN_USERNAME = "admin"


class DemoRefusedError(Exception):
    """The demo would be loaded into a production instance."""


@dataclass(frozen=True)
class AgencySeed:
    key: str  # a handle used only inside this module, for parents and members
    name: str
    short_name: str
    agency_type: str
    national_role: str
    country: str
    parent: str = ""
    website: str = ""


@dataclass(frozen=True)
class UserSeed:
    role: str
    agency: str
    full_name: str
    language: str

    @property
    def username(self) -> str:
        return demo_username(self.role)


T, N = AgencyType, NationalRole

# fmt: off
AGENCIES: tuple[AgencySeed, ...] = tuple(AgencySeed(*row[:6], parent=row[6], website=row[7]) for row in (
    # key, name, short name, type, national role, country, part of, website
    # Portugal: the criminal police bodies (OPC), who confirm victims
    ("pj", "Polícia Judiciária", "PJ", T.LAW_ENFORCEMENT, N.CRIMINAL_POLICE, "PT", "",
     "https://www.policiajudiciaria.pt"),
    ("psp", "Polícia de Segurança Pública", "PSP", T.LAW_ENFORCEMENT, N.CRIMINAL_POLICE, "PT", "",
     "https://www.psp.pt"),
    ("gnr", "Guarda Nacional Republicana", "GNR", T.LAW_ENFORCEMENT, N.CRIMINAL_POLICE, "PT", "",
     "https://www.gnr.pt"),
    # Portugal: government, data and coordination
    ("mai", "Ministério da Administração Interna", "MAI", T.CENTRAL_GOVERNMENT, N.NONE, "PT", "", ""),
    ("otsh", "Observatório do Tráfico de Seres Humanos", "OTSH", T.CENTRAL_GOVERNMENT, N.RAPPORTEUR, "PT",
     "mai", "https://www.otsh.mai.gov.pt"),
    ("cig", "Comissão para a Cidadania e a Igualdade de Género", "CIG", T.CENTRAL_GOVERNMENT, N.COORDINATOR,
     "PT", "", "https://www.cig.gov.pt"),
    ("rapporteur", "Relator Nacional para o Tráfico de Seres Humanos", "Relator Nacional",
     T.CENTRAL_GOVERNMENT, N.RAPPORTEUR, "PT", "cig", ""),
    ("act", "Autoridade para as Condições do Trabalho", "ACT", T.CENTRAL_GOVERNMENT, N.LABOUR_INSPECTORATE,
     "PT", "", "https://www.act.gov.pt"),
    ("aima", "Agência para a Integração, Migrações e Asilo", "AIMA", T.IMMIGRATION, N.NONE, "PT", "",
     "https://aima.gov.pt"),
    # Portugal: the public prosecution service
    ("pgr", "Ministério Público — Procuradoria-Geral da República", "PGR", T.LEGAL, N.PROSECUTION, "PT", "",
     "https://www.ministeriopublico.pt"),
    ("dciap", "Departamento Central de Investigação e Ação Penal", "DCIAP", T.LEGAL, N.PROSECUTION, "PT",
     "pgr", ""),
    # Portugal: NGOs that support victims
    ("apf", "Associação para o Planeamento da Família", "APF", T.NGO, N.VICTIM_SUPPORT, "PT", "",
     "https://www.apf.pt"),
    ("caritas", "Cáritas Portuguesa", "Cáritas", T.NGO, N.VICTIM_SUPPORT, "PT", "", "https://caritas.pt"),
    ("apav", "Associação Portuguesa de Apoio à Vítima", "APAV", T.NGO, N.VICTIM_SUPPORT, "PT", "",
     "https://apav.pt"),
    # Uzbekistan
    ("uz_pgo", "Prosecutor General's Office of the Republic of Uzbekistan", "PGO Uzbekistan", T.LEGAL,
     N.PROSECUTION, "UZ", "", "https://prokuratura.uz"),
    ("uz_mia", "Ministry of Internal Affairs of the Republic of Uzbekistan", "MIA Uzbekistan",
     T.LAW_ENFORCEMENT, N.CRIMINAL_POLICE, "UZ", "", "https://iiv.uz"),
    ("uz_commission", "National Commission on Combating Human Trafficking and Forced Labour",
     "National Commission (UZ)", T.CENTRAL_GOVERNMENT, N.COORDINATOR, "UZ", "", ""),
    # Turkmenistan
    ("tm_pgo", "Prosecutor General's Office of Turkmenistan", "PGO Turkmenistan", T.LEGAL, N.PROSECUTION,
     "TM", "", ""),
    ("tm_mia", "Ministry of Internal Affairs of Turkmenistan", "MIA Turkmenistan", T.LAW_ENFORCEMENT,
     N.CRIMINAL_POLICE, "TM", "", ""),
    ("tm_mejlis", "Mejlis of Turkmenistan", "Mejlis", T.CENTRAL_GOVERNMENT, N.LEGISLATURE, "TM", "", ""),
    # International organisations at their headquarters; a regional office is part of its organisation
    ("unodc", "United Nations Office on Drugs and Crime", "UNODC", T.INTERNATIONAL,
     N.INTERNATIONAL_ORGANISATION, "AT", "", "https://www.unodc.org"),
    ("unodc_roca", "UNODC Regional Office for Central Asia", "UNODC ROCA", T.INTERNATIONAL,
     N.INTERNATIONAL_ORGANISATION, "UZ", "unodc", ""),
    ("iom", "International Organization for Migration", "IOM", T.INTERNATIONAL, N.INTERNATIONAL_ORGANISATION,
     "CH", "", "https://www.iom.int"),
))
# fmt: on

# One fictitious person per role, each in the agency where that work is done.
USERS: tuple[UserSeed, ...] = (
    UserSeed(Role.FRONTLINE_RESPONDER, "act", "Inês Carvalho Moura", "pt"),
    UserSeed(Role.CASE_WORKER, "apf", "Rita Fonseca Lobo", "pt"),
    UserSeed(Role.CASE_MANAGER, "apf", "Tiago Bastos Amaral", "pt"),
    UserSeed(Role.NRM_DECISION_MAKER, "rapporteur", "Helena Sequeira Prates", "pt"),
    UserSeed(Role.INVESTIGATOR, "pj", "Duarte Valadares Pinho", "pt"),
    UserSeed(Role.PROSECUTOR, "dciap", "Leonor Brito Castanheira", "pt"),
    UserSeed(Role.OBSERVATORY_ANALYST, "otsh", "Sofia Garcês Meireles", "pt"),
    UserSeed(Role.NATIONAL_COORDINATOR, "cig", "Marta Quintela Rebelo", "pt"),
    UserSeed(Role.KNOWLEDGE_EDITOR, "otsh", "Joana Alvim Terra", "pt"),
    UserSeed(Role.EXCHANGE_COORDINATOR, "unodc_roca", "Nodira Ilhomovna Tursunboyeva", "uz"),
    UserSeed(Role.AUDITOR, "mai", "Paulo Cerqueira Lemos", "pt"),
    UserSeed(Role.INSTANCE_ADMIN, "otsh", "Bruno Falcão Seixas", "pt"),
    UserSeed(Role.PARTNER, "tm_pgo", "Merdan Atayevich Gylyjov", "ru"),
)
ADMIN = UserSeed(Role.INSTANCE_ADMIN, "otsh", "Carla Vidigal Assunção", "pt")

_ILLUSTRATIVE = (
    "Illustrative model for the demonstration instance, not an official description of the "
    "national procedure; replace it with the procedure agreed with the partner."
)
_EVERY_FLAGGER = [
    Role.FRONTLINE_RESPONDER,
    Role.CASE_WORKER,
    Role.CASE_MANAGER,
    Role.INVESTIGATOR,
    Role.NRM_DECISION_MAKER,
]
_WEEKDAYS = [1, 2, 3, 4, 5]


def _step(
    code: str, label: str, deciders: Sequence[str], following: list[str], outcome: str
) -> dict[str, Any]:
    """``outcome`` maps the step to HTCDS: presumed, identified or not_identified."""
    return {
        "code": code,
        "label": label,
        "deciders": [str(r) for r in deciders],
        "next": following,
        "outcome": outcome,
    }


PROFILES: tuple[dict[str, Any], ...] = (
    {
        "country": "PT",
        "is_home": True,
        "status_ladder": [
            _step("flagged", "Flagged (sinalizada)", _EVERY_FLAGGER, ["pending"], "presumed"),
            _step(
                "pending",
                "Pending — under investigation (pendente)",
                [Role.INVESTIGATOR],
                ["confirmed", "not_confirmed"],
                "presumed",
            ),
            # Only the criminal police bodies confirm, or exceptionally the National Rapporteur.
            _step(
                "confirmed",
                "Confirmed (confirmada)",
                [Role.INVESTIGATOR, Role.NRM_DECISION_MAKER],
                [],
                "identified",
            ),
            _step(
                "not_confirmed",
                "Not confirmed (não confirmada)",
                [Role.INVESTIGATOR, Role.NRM_DECISION_MAKER],
                [],
                "not_identified",
            ),
        ],
        "deadlines": [
            {
                "code": "reflection_period",
                "label": "Reflection period (Law 23/2007, art. 111)",
                "days": 30,
                "max_days": 60,
                "unit": "calendar",
                # Art. 111: from flagging, the request to cooperate or the offer to, whichever is first.
                "starts": "flagged, cooperation_requested, cooperation_offered",
            },
            {
                "code": "residence_permit",
                "label": "Residence permit, renewable (Law 23/2007, art. 109)",
                "days": 365,
                "unit": "calendar",
                "starts": "residence_permit_granted",
                "renewable": True,
            },
        ],
        "working_days": _WEEKDAYS,
        # National public holidays (Labour Code art. 234); Easter falls on 5 April 2026.
        "holidays": [
            "2026-01-01",
            "2026-04-03",
            "2026-04-05",
            "2026-04-25",
            "2026-05-01",
            "2026-06-04",
            "2026-06-10",
            "2026-08-15",
            "2026-10-05",
            "2026-11-01",
            "2026-12-01",
            "2026-12-08",
            "2026-12-25",
        ],
        "population": 10_639_726,
        "population_year": 2023,
        "notes": "Victims are confirmed by the criminal police bodies (PJ, PSP, GNR) or, exceptionally, by the "
        "National Rapporteur. Population: INE estimate of the resident population on 31 December 2023.",
    },
    {
        "country": "UZ",
        "status_ladder": [
            _step(
                "presumed",
                "Presumed victim",
                _EVERY_FLAGGER,
                ["identified", "not_identified"],
                "presumed",
            ),
            _step(
                "identified",
                "Identified as a victim",
                [Role.INVESTIGATOR, Role.NRM_DECISION_MAKER],
                [],
                "identified",
            ),
            _step(
                "not_identified",
                "Not identified as a victim",
                [Role.INVESTIGATOR, Role.NRM_DECISION_MAKER],
                [],
                "not_identified",
            ),
        ],
        "working_days": _WEEKDAYS,
        "population": 36_800_000,
        "population_year": 2024,
        "notes": _ILLUSTRATIVE + " Population: about 36.8 million on 1 January 2024 (rounded).",
    },
    {
        "country": "TM",
        "status_ladder": [
            _step(
                "presumed",
                "Presumed victim",
                _EVERY_FLAGGER,
                ["recognised", "not_recognised"],
                "presumed",
            ),
            _step("recognised", "Recognised as a victim", [Role.INVESTIGATOR], [], "identified"),
            _step(
                "not_recognised",
                "Not recognised as a victim",
                [Role.INVESTIGATOR],
                [],
                "not_identified",
            ),
        ],
        "working_days": _WEEKDAYS,
        "population": 7_057_841,
        "population_year": 2022,
        "notes": _ILLUSTRATIVE + " Population: 2022 census.",
    },
    {
        "country": "GB",
        "status_ladder": [
            _step(
                "referred",
                "Referred to the NRM",
                _EVERY_FLAGGER,
                ["rg_positive", "rg_negative"],
                "presumed",
            ),
            _step(
                "rg_positive",
                "Positive reasonable-grounds decision",
                [Role.NRM_DECISION_MAKER],
                ["cg_positive", "cg_negative"],
                "presumed",
            ),
            _step(
                "rg_negative",
                "Negative reasonable-grounds decision",
                [Role.NRM_DECISION_MAKER],
                [],
                "not_identified",
            ),
            _step(
                "cg_positive",
                "Positive conclusive-grounds decision",
                [Role.NRM_DECISION_MAKER],
                [],
                "identified",
            ),
            _step(
                "cg_negative",
                "Negative conclusive-grounds decision",
                [Role.NRM_DECISION_MAKER],
                [],
                "not_identified",
            ),
        ],
        "deadlines": [
            {
                "code": "rg_decision",
                "label": "Reasonable-grounds decision",
                "days": 5,
                "unit": "working",
                "starts": "referred",
            },
            {
                "code": "recovery_period",
                "label": "Recovery period (minimum)",
                "days": 30,
                "unit": "calendar",
                "starts": "rg_positive",
            },
            {
                "code": "move_on",
                "label": "Move-on period (minimum)",
                "days": 45,
                "unit": "calendar",
                "starts": "cg_positive",
            },
        ],
        "working_days": _WEEKDAYS,
        # Bank holidays in England and Wales; Boxing Day falls on a Saturday, so 28 December.
        "holidays": [
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-05-04",
            "2026-05-25",
            "2026-08-31",
            "2026-12-25",
            "2026-12-28",
        ],
        "population": 68_300_000,
        "population_year": 2023,
        "notes": "Reference profile: the UK National Referral Mechanism as practised in England and Wales "
        "(competent authorities decide). Population: mid-2023 estimate, rounded.",
    },
)


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    agency: str
    two_factor: bool  # whether this account must pass two-factor under the instance's policy


@dataclass
class DemoResult:
    created: dict[str, int] = field(
        default_factory=lambda: {"agencies": 0, "users": 0, "memberships": 0, "profiles": 0}
    )
    logins: list[Login] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.created.values())


def demo_username(role: str) -> str:
    return "demo-" + str(role).replace("_", "-")


def refuse_in_production(*, force: bool) -> None:
    if settings.LIAISON_ENV == "production" and not force:
        raise DemoRefusedError(
            _(
                "This is a production instance (LIAISON_ENV=production): the demo data is not loaded."
            )
        )


@transaction.atomic
def demo_load(*, password: str = DEFAULT_PASSWORD, force: bool = False) -> DemoResult:
    """Create whatever part of the demo instance is missing; all of it or nothing."""
    refuse_in_production(force=force)
    result = DemoResult()
    agencies = _load_agencies(result)
    for profile in PROFILES:
        if not CountryProfile.objects.filter(country=profile["country"]).exists():
            services.country_profile_create(actor=None, **profile)
            result.created["profiles"] += 1
    for seed in USERS:
        agency = agencies[seed.agency]
        user = _ensure_user(seed, password, result)
        scope = Scope.NATIONAL if seed.role in NATIONAL_ROLES else Scope.AGENCY
        if not Membership.objects.filter(user=user, agency=agency, role=seed.role).exists():
            services.membership_add(
                actor=None, agency=agency, user=user, role=seed.role, scope=scope
            )
            result.created["memberships"] += 1
        result.logins.append(
            Login(user.username, str(Role(seed.role).label), str(agency), requires_otp(user))
        )
    admin = _ensure_user(ADMIN, password, result, username=ADMIN_USERNAME, is_staff=True)
    if not admin.is_superuser:
        _make_superuser(admin)
    label = _("Instance administrator (Django admin)")
    result.logins.append(
        Login(admin.username, label, str(agencies[ADMIN.agency]), requires_otp(admin))
    )
    return result


def _load_agencies(result: DemoResult) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for seed in AGENCIES:
        existing = Agency.objects.filter(country=seed.country, name=seed.name).first()
        if existing is None:
            existing = services.agency_create(
                actor=None,
                name=seed.name,
                short_name=seed.short_name,
                agency_type=seed.agency_type,
                national_role=seed.national_role,
                country=seed.country,
                website=seed.website,
                parent=agencies[seed.parent] if seed.parent else None,
            )
            result.created["agencies"] += 1
        agencies[seed.key] = existing
    return agencies


def _ensure_user(
    seed: UserSeed, password: str, result: DemoResult, *, username: str = "", is_staff: bool = False
) -> User:
    username = username or seed.username
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    result.created["users"] += 1
    return services.user_create(
        actor=None,
        username=username,
        password=password,
        full_name=seed.full_name,
        email=f"{username}@example.org",
        preferred_language=seed.language,
        is_staff=is_staff,
    )


def _make_superuser(user: User) -> None:
    # No directory service grants full rights (the app never should); only this command and
    # ``createsuperuser`` do, and the grant is logged like any other security change.
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    audit_record(
        actor=None,
        action=AuditAction.SECURITY,
        obj=user,
        fields=["is_superuser"],
        purpose="demo instance administrator",
    )
