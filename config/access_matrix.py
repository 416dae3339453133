"""The access matrix: who may open each page and call each API operation.

Keys are URL names (``namespace:name``; ``namespace:*`` covers a whole namespace) and API
operation ids (``<app>_<function>``). Anything not listed is refused. Object-level rules (which
agency, which record) live in each app's ``permissions.py``; this table is the first gate.
``tests/test_permission_matrix.py`` checks every URL and operation against it, for every role.
"""

from config import (
    access_justice_cases,
    access_justice_cooperation,
    access_justice_network,
    access_nrm_assistance,
    access_nrm_cases,
    access_nrm_decisions,
    access_nrm_handovers,
)
from liaison.directory.access import LOGIN, MEMBER, PUBLIC, STAFF, needs
from liaison.directory.roles import Capability as C  # noqa: N817  (reads as a table)

PAGES = {
    # shell
    "home": MEMBER,
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    # accounts
    "accounts:login": PUBLIC,
    "accounts:logout": LOGIN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:otp_setup": LOGIN,
    "accounts:otp_verify": LOGIN,
    "accounts:password_change": MEMBER,
    "accounts:password_change_done": MEMBER,
    "accounts:profile": MEMBER,
    "accounts:token_create": MEMBER,
    "accounts:token_revoke": MEMBER,
    # directory
    "directory:agency_list": needs(C.VIEW_AGENCIES),
    "directory:agency_detail": needs(C.VIEW_AGENCIES),
    "directory:agency_create": needs(C.MANAGE_AGENCIES),
    "directory:agency_edit": needs(C.MANAGE_AGENCIES),
    "directory:my_agency_members": needs(C.VIEW_MEMBERS),
    "directory:member_list": needs(C.VIEW_MEMBERS),
    "directory:member_detail": needs(C.VIEW_MEMBERS),
    "directory:member_create": needs(C.MANAGE_MEMBERS),
    "directory:membership_add": needs(C.MANAGE_MEMBERS),
    "directory:membership_edit": needs(C.MANAGE_MEMBERS),
    "directory:country_profile_list": needs(C.VIEW_COUNTRY_PROFILE),
    "directory:country_profile_detail": needs(C.VIEW_COUNTRY_PROFILE),
    "directory:country_profile_edit": needs(C.EDIT_COUNTRY_PROFILE),
    "directory:user_list": needs(C.VIEW_USERS),
    # core
    "core:audit_log": needs(C.VIEW_AUDIT),
    "core:audit_verify": needs(C.VERIFY_AUDIT),
    "core:job_list": MEMBER,
    "core:job_detail": MEMBER,
    "core:job_status": MEMBER,
    # API schema and reference page
    "api:openapi-json": MEMBER,
    "api:openapi-view": MEMBER,
    "api:api-root": MEMBER,
    # Django admin: staff only (its own login page is public; it signs in like ours)
    "admin:login": PUBLIC,
    "admin:logout": LOGIN,
    "admin:*": STAFF,
}

API = {
    "directory_me": MEMBER,
    "directory_list_agencies": needs(C.VIEW_AGENCIES),
    "directory_get_agency": needs(C.VIEW_AGENCIES),
    "directory_create_agency": needs(C.MANAGE_AGENCIES),
    "directory_update_agency": needs(C.MANAGE_AGENCIES),
    "directory_list_members": needs(C.VIEW_MEMBERS),
    "directory_create_member": needs(C.MANAGE_MEMBERS),
    "directory_list_country_profiles": needs(C.VIEW_COUNTRY_PROFILE),
    "directory_get_country_profile": needs(C.VIEW_COUNTRY_PROFILE),
    "directory_list_tokens": MEMBER,
    "directory_revoke_token": MEMBER,
    "core_list_jobs": MEMBER,
    "core_get_job": MEMBER,
    "core_list_audit_events": needs(C.VIEW_AUDIT),
}

# The national referral mechanism and the justice app, one table per area.
for _area in (
    access_nrm_cases,
    access_nrm_decisions,
    access_nrm_handovers,
    access_nrm_assistance,
    access_justice_cases,
    access_justice_cooperation,
    access_justice_network,
):
    PAGES.update(_area.PAGES)
    API.update(_area.API)

MATRIX = {"pages": PAGES, "api": API}
