"""URL patterns of the NRM's cases pages (included by liaison/nrm/urls.py)."""

from django.urls import path

from liaison.nrm.views import cases, screening

urlpatterns: list = [
    path("people/search/", cases.person_search, name="person_search"),
    path("people/new/", cases.person_create, name="person_create"),
    path("people/<int:person_id>/edit/", cases.person_edit, name="person_edit"),
    path("people/<int:person_id>/documents/new/", cases.document_add, name="document_add"),
    path("people/<int:person_id>/open-case/", cases.case_open, name="case_open"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/anonymous/new/", cases.anonymous_case_create, name="anonymous_case_create"),
    path("cases/views/new/", cases.saved_view_create, name="saved_view_create"),
    path("cases/views/<int:view_id>/delete/", cases.saved_view_delete, name="saved_view_delete"),
    path("cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<int:case_id>/edit/", cases.case_edit, name="case_edit"),
    path(
        "cases/<int:case_id>/screenings/new/",
        screening.screening_create,
        name="screening_create",
    ),
    path(
        "cases/<int:case_id>/screenings/<int:screening_id>/",
        screening.screening_detail,
        name="screening_detail",
    ),
]
