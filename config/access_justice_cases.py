"""Access rules of the justice app's cases pages and operations (merged into config/access_matrix.py).
Object rules (which cases a user reaches, who may edit one) are the services' and permissions'."""

from liaison.directory.access import needs
from liaison.directory.roles import Capability as C  # noqa: N817  (reads as a table)

PAGES: dict = {
    "justice:case_list": needs(C.VIEW_CRIMINAL_CASES),
    "justice:case_detail": needs(C.VIEW_CRIMINAL_CASES),
    "justice:offender_stats": needs(C.VIEW_CRIMINAL_CASES),
    "justice:case_create": needs(C.EDIT_CRIMINAL_CASES),
    "justice:case_edit": needs(C.EDIT_CRIMINAL_CASES),
    "justice:stage_change": needs(C.EDIT_CRIMINAL_CASES),
    "justice:case_agency_add": needs(C.EDIT_CRIMINAL_CASES),
    "justice:case_agency_remove": needs(C.EDIT_CRIMINAL_CASES),
    "justice:offence_add": needs(C.EDIT_CRIMINAL_CASES),
    "justice:offence_remove": needs(C.EDIT_CRIMINAL_CASES),
    "justice:technique_add": needs(C.EDIT_CRIMINAL_CASES),
    "justice:asset_add": needs(C.EDIT_CRIMINAL_CASES),
    "justice:defendant_add": needs(C.EDIT_CRIMINAL_CASES),
    "justice:defendant_detail": needs(C.VIEW_CRIMINAL_CASES),
    "justice:defendant_edit": needs(C.EDIT_CRIMINAL_CASES),
    "justice:charge_set": needs(C.EDIT_CRIMINAL_CASES),
    "justice:victim_link_add": needs(C.EDIT_CRIMINAL_CASES),
    "justice:victim_link_remove": needs(C.EDIT_CRIMINAL_CASES),
}
API: dict = {
    "justice_list_criminal_cases": needs(C.VIEW_CRIMINAL_CASES),
    "justice_get_criminal_case": needs(C.VIEW_CRIMINAL_CASES),
    "justice_create_criminal_case": needs(C.EDIT_CRIMINAL_CASES),
    "justice_update_criminal_case": needs(C.EDIT_CRIMINAL_CASES),
    "justice_change_criminal_case_stage": needs(C.EDIT_CRIMINAL_CASES),
    "justice_add_case_agency": needs(C.EDIT_CRIMINAL_CASES),
    "justice_add_offence": needs(C.EDIT_CRIMINAL_CASES),
    "justice_add_investigation_technique": needs(C.EDIT_CRIMINAL_CASES),
    "justice_add_asset": needs(C.EDIT_CRIMINAL_CASES),
    "justice_list_defendants": needs(C.VIEW_CRIMINAL_CASES),
    "justice_create_defendant": needs(C.EDIT_CRIMINAL_CASES),
    "justice_get_defendant": needs(C.VIEW_CRIMINAL_CASES),
    "justice_update_defendant": needs(C.EDIT_CRIMINAL_CASES),
    "justice_set_charge": needs(C.EDIT_CRIMINAL_CASES),
    "justice_list_linked_victims": needs(C.VIEW_CRIMINAL_CASES),
    "justice_link_victim": needs(C.EDIT_CRIMINAL_CASES),
}
