"""Access rules of the NRM's cases pages and operations (merged into config/access_matrix.py)."""

from liaison.directory.access import needs
from liaison.directory.roles import Capability as C  # noqa: N817

PAGES: dict = {
    "nrm:person_search": needs(C.CREATE_CASES),
    "nrm:person_create": needs(C.CREATE_CASES),
    "nrm:case_open": needs(C.CREATE_CASES),
    "nrm:anonymous_case_create": needs(C.CREATE_CASES),
    "nrm:person_edit": needs(C.EDIT_CASES),
    "nrm:document_add": needs(C.EDIT_CASES),
    "nrm:case_list": needs(C.VIEW_CASES),
    "nrm:case_detail": needs(C.VIEW_CASES),
    "nrm:case_edit": needs(C.EDIT_CASES),
    "nrm:screening_create": needs(C.EDIT_CASES),
    "nrm:screening_detail": needs(C.VIEW_CASES),
    "nrm:saved_view_create": needs(C.VIEW_CASES),
    "nrm:saved_view_delete": needs(C.VIEW_CASES),
}
API: dict = {
    "nrm_search_people": needs(C.CREATE_CASES),
    "nrm_create_person": needs(C.CREATE_CASES),
    "nrm_get_person": needs(C.VIEW_CASES),
    "nrm_update_person": needs(C.EDIT_CASES),
    "nrm_list_person_documents": needs(C.VIEW_CASES),
    "nrm_add_person_document": needs(C.EDIT_CASES),
    "nrm_open_case": needs(C.CREATE_CASES),
    "nrm_list_cases": needs(C.VIEW_CASES),
    "nrm_get_case": needs(C.VIEW_CASES),
    "nrm_update_case": needs(C.EDIT_CASES),
    "nrm_get_case_timeline": needs(C.VIEW_CASES),
    "nrm_list_screenings": needs(C.VIEW_CASES),
    "nrm_create_screening": needs(C.EDIT_CASES),
    "nrm_list_checklists": needs(C.VIEW_CASES),
    "nrm_list_saved_views": needs(C.VIEW_CASES),
    "nrm_create_saved_view": needs(C.VIEW_CASES),
    "nrm_delete_saved_view": needs(C.VIEW_CASES),
}
