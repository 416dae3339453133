"""URL patterns of the NRM's decisions pages (included by liaison/nrm/urls.py)."""

from django.urls import path

from liaison.nrm.views import decisions as views

_CASE = "cases/<int:case_id>/"

urlpatterns = [
    path(_CASE + "decisions/", views.decisions, name="decisions"),
    path(_CASE + "decisions/new/", views.decide, name="status_decide"),
    path(_CASE + "decisions/reconsider/", views.reconsider, name="status_reconsider"),
    path(_CASE + "events/new/", views.event_record, name="case_event_record"),
    path(_CASE + "periods/<int:period_id>/extend/", views.period_extend, name="period_extend"),
    path(_CASE + "periods/<int:period_id>/end/", views.period_end, name="period_end"),
    path(_CASE + "permits/new/", views.permit_request, name="permit_request"),
    path(_CASE + "permits/<int:permit_id>/grant/", views.permit_grant, name="permit_grant"),
    path(_CASE + "permits/<int:permit_id>/refuse/", views.permit_refuse, name="permit_refuse"),
    path(_CASE + "permits/<int:permit_id>/renew/", views.permit_renew, name="permit_renew"),
    path("due/", views.due_list, name="due_list"),
]
