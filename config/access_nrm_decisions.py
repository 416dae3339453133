"""Access rules of the NRM's decisions pages and operations (merged into config/access_matrix.py).

The gate asks for the capability; which step a role may take is the country profile's answer,
checked by the services (liaison/nrm/services/decisions.py)."""

from liaison.directory.access import needs
from liaison.directory.roles import Capability as C  # noqa: N817

PAGES: dict = {
    "nrm:decisions": needs(C.VIEW_CASES),
    "nrm:status_decide": needs(C.DECIDE_STATUS),
    "nrm:status_reconsider": needs(C.DECIDE_STATUS),
    "nrm:case_event_record": needs(C.EDIT_CASES),
    "nrm:period_extend": needs(C.EDIT_CASES),
    "nrm:period_end": needs(C.EDIT_CASES),
    "nrm:permit_request": needs(C.EDIT_CASES),
    "nrm:permit_grant": needs(C.EDIT_CASES),
    "nrm:permit_refuse": needs(C.EDIT_CASES),
    "nrm:permit_renew": needs(C.EDIT_CASES),
    "nrm:due_list": needs(C.VIEW_CASES),
}
API: dict = {
    "nrm_list_case_decisions": needs(C.VIEW_CASES),
    "nrm_list_decision_options": needs(C.VIEW_CASES),
    "nrm_decide_case_status": needs(C.DECIDE_STATUS),
    "nrm_reconsider_case_status": needs(C.DECIDE_STATUS),
    "nrm_record_case_event": needs(C.EDIT_CASES),
    "nrm_list_case_periods": needs(C.VIEW_CASES),
    "nrm_extend_case_period": needs(C.EDIT_CASES),
    "nrm_end_case_period": needs(C.EDIT_CASES),
    "nrm_list_residence_permits": needs(C.VIEW_CASES),
    "nrm_request_residence_permit": needs(C.EDIT_CASES),
    "nrm_grant_residence_permit": needs(C.EDIT_CASES),
    "nrm_refuse_residence_permit": needs(C.EDIT_CASES),
    "nrm_renew_residence_permit": needs(C.EDIT_CASES),
    "nrm_list_due_items": needs(C.VIEW_CASES),
}
