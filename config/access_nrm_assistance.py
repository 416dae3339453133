"""Access rules of the NRM's assistance, closure and export pages and operations (merged into
config/access_matrix.py). Object rules (reach, open case) are the services' and policies'."""

from liaison.directory.access import needs
from liaison.directory.roles import Capability as C  # noqa: N817  (reads as a table)

PAGES: dict = {
    "nrm:assistance": needs(C.VIEW_CASES),
    "nrm:needs_add": needs(C.EDIT_CASES),
    "nrm:plan_item_add": needs(C.EDIT_CASES),
    "nrm:plan_item_complete": needs(C.EDIT_CASES),
    "nrm:service_add": needs(C.EDIT_CASES),
    "nrm:return_add": needs(C.EDIT_CASES),
    "nrm:follow_up_add": needs(C.EDIT_CASES),
    "nrm:case_close": needs(C.CLOSE_CASES),
    "nrm:case_reopen": needs(C.CLOSE_CASES),
    "nrm:case_summary_pdf": needs(C.EXPORT_CASES),
    "nrm:case_list_xlsx": needs(C.EXPORT_CASES),
}
API: dict = {
    "nrm_get_case_assistance": needs(C.VIEW_CASES),
    "nrm_add_needs_assessment": needs(C.EDIT_CASES),
    "nrm_add_support_plan_item": needs(C.EDIT_CASES),
    "nrm_complete_support_plan_item": needs(C.EDIT_CASES),
    "nrm_add_service_delivery": needs(C.EDIT_CASES),
    "nrm_add_return": needs(C.EDIT_CASES),
    "nrm_add_follow_up": needs(C.EDIT_CASES),
    "nrm_close_case": needs(C.CLOSE_CASES),
    "nrm_reopen_case": needs(C.CLOSE_CASES),
    "nrm_export_case_summary_pdf": needs(C.EXPORT_CASES),
    "nrm_export_case_list_xlsx": needs(C.EXPORT_CASES),
}
