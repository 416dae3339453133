"""Roles, scopes and the capabilities each role grants.

A role is held through a Membership in one agency. Capabilities are the verbs the access
matrix (``config/access_matrix.py``) and the policies in each app's ``permissions.py`` ask
about; this table is the only place that says which role may do what.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FRONTLINE_RESPONDER = "frontline_responder", _("Frontline responder")
    CASE_WORKER = "case_worker", _("Case worker")
    CASE_MANAGER = "case_manager", _("Case manager")
    NRM_DECISION_MAKER = "nrm_decision_maker", _("NRM decision maker")
    INVESTIGATOR = "investigator", _("Investigator")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    OBSERVATORY_ANALYST = "observatory_analyst", _("Observatory analyst")
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    KNOWLEDGE_EDITOR = "knowledge_editor", _("Knowledge editor")
    EXCHANGE_COORDINATOR = "exchange_coordinator", _("Exchange coordinator")
    AUDITOR = "auditor", _("Auditor")
    INSTANCE_ADMIN = "instance_admin", _("Instance administrator")
    PARTNER = "partner", _("Partner (published material only)")


class Scope(models.TextChoices):
    OWN = "own", _("Own records")
    AGENCY = "agency", _("Agency")
    NATIONAL = "national", _("National")


class Capability(models.TextChoices):
    VIEW_AGENCIES = "directory.view_agencies", _("See the directory of agencies")
    MANAGE_AGENCIES = "directory.manage_agencies", _("Create and edit agencies")
    VIEW_MEMBERS = "directory.view_members", _("See an agency's members")
    MANAGE_MEMBERS = "directory.manage_members", _("Add and change an agency's members")
    VIEW_COUNTRY_PROFILE = "directory.view_country_profile", _("See the national procedure")
    EDIT_COUNTRY_PROFILE = "directory.edit_country_profile", _("Change the national procedure")
    VIEW_USERS = "directory.view_users", _("See every user account")
    VIEW_AUDIT = "core.view_audit", _("Search the access log")
    VERIFY_AUDIT = "core.verify_audit", _("Verify the access log")
    VIEW_CASES = "nrm.view_cases", _("See the victims' cases in reach")
    CREATE_CASES = "nrm.create_cases", _("Register a person and open a case")
    EDIT_CASES = "nrm.edit_cases", _("Screen, record and assist in cases")
    DECIDE_STATUS = "nrm.decide_status", _("Take status decisions the national procedure allows")
    HANDOVER_CASES = "nrm.handover_cases", _("Refer, transfer and answer handovers")
    OVERRIDE_CONSENT = "nrm.override_consent", _("Refer without consent, giving a reason")
    CLOSE_CASES = "nrm.close_cases", _("Close and reopen cases")
    EXPORT_CASES = "nrm.export_cases", _("Export case summaries and lists")
    VIEW_CRIMINAL_CASES = "justice.view_cases", _("See the criminal cases in reach")
    EDIT_CRIMINAL_CASES = "justice.edit_cases", _("Record investigations and prosecutions")
    COOPERATION = "justice.cooperation", _("Send and answer international cooperation requests")
    VIEW_NETWORKS = "justice.view_networks", _("Explore criminal networks")
    VIEW_PROVIDERS = "nrm.view_providers", _("See the service directory")
    MANAGE_PROVIDERS = "nrm.manage_providers", _("Keep the service directory up to date")


_EVERYONE = {Capability.VIEW_AGENCIES, Capability.VIEW_COUNTRY_PROFILE}
# What investigators and prosecutors do on the criminal side.
_CRIMINAL_JUSTICE = {
    Capability.VIEW_CRIMINAL_CASES,
    Capability.EDIT_CRIMINAL_CASES,
    Capability.COOPERATION,
    Capability.VIEW_NETWORKS,
}
# What every role that works on victims' cases may do.
_CASEWORK = {
    Capability.VIEW_CASES,
    Capability.CREATE_CASES,
    Capability.EDIT_CASES,
    Capability.HANDOVER_CASES,
    Capability.VIEW_PROVIDERS,
    Capability.EXPORT_CASES,
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.FRONTLINE_RESPONDER: frozenset(
        _EVERYONE
        | {
            Capability.VIEW_CASES,
            Capability.CREATE_CASES,
            Capability.EDIT_CASES,
            Capability.HANDOVER_CASES,
            Capability.VIEW_PROVIDERS,
            Capability.DECIDE_STATUS,
        }
    ),
    Role.CASE_WORKER: frozenset(
        _EVERYONE | _CASEWORK | {Capability.DECIDE_STATUS, Capability.CLOSE_CASES}
    ),
    Role.CASE_MANAGER: frozenset(
        _EVERYONE
        | _CASEWORK
        | {
            Capability.VIEW_MEMBERS,
            Capability.MANAGE_MEMBERS,
            Capability.DECIDE_STATUS,
            Capability.OVERRIDE_CONSENT,
            Capability.CLOSE_CASES,
            Capability.MANAGE_PROVIDERS,
        }
    ),
    Role.NRM_DECISION_MAKER: frozenset(
        _EVERYONE | {Capability.VIEW_CASES, Capability.DECIDE_STATUS, Capability.VIEW_PROVIDERS}
    ),
    Role.INVESTIGATOR: frozenset(
        _EVERYONE | _CASEWORK | _CRIMINAL_JUSTICE | {Capability.DECIDE_STATUS}
    ),
    Role.PROSECUTOR: frozenset(_EVERYONE | _CRIMINAL_JUSTICE),
    Role.OBSERVATORY_ANALYST: frozenset(_EVERYONE),
    Role.NATIONAL_COORDINATOR: frozenset(_EVERYONE | {Capability.EDIT_COUNTRY_PROFILE}),
    Role.KNOWLEDGE_EDITOR: frozenset(_EVERYONE),
    Role.EXCHANGE_COORDINATOR: frozenset(_EVERYONE),
    Role.AUDITOR: frozenset(_EVERYONE | {Capability.VIEW_AUDIT, Capability.VERIFY_AUDIT}),
    Role.INSTANCE_ADMIN: frozenset(
        _EVERYONE
        | {
            Capability.MANAGE_AGENCIES,
            Capability.VIEW_MEMBERS,
            Capability.MANAGE_MEMBERS,
            Capability.EDIT_COUNTRY_PROFILE,
            Capability.VIEW_USERS,
            Capability.VIEW_PROVIDERS,
            Capability.MANAGE_PROVIDERS,
        }
    ),
    Role.PARTNER: frozenset({Capability.VIEW_AGENCIES}),
}

# Roles whose work shows them personal data of victims, suspects or staff; two-factor
# authentication is required for them under the default policy ``personal_data``.
PERSONAL_DATA_ROLES: frozenset[str] = frozenset(
    {
        Role.FRONTLINE_RESPONDER,
        Role.CASE_WORKER,
        Role.CASE_MANAGER,
        Role.NRM_DECISION_MAKER,
        Role.INVESTIGATOR,
        Role.PROSECUTOR,
        Role.AUDITOR,
        Role.INSTANCE_ADMIN,
    }
)

# Roles that act over a whole country whatever the membership says.
NATIONAL_ROLES: frozenset[str] = frozenset(
    {
        Role.INSTANCE_ADMIN,
        Role.AUDITOR,
        Role.NATIONAL_COORDINATOR,
        Role.OBSERVATORY_ANALYST,
        # The competent authority (UK) or the National Rapporteur (PT) decides for the whole country.
        Role.NRM_DECISION_MAKER,
    }
)
