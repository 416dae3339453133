"""URL patterns of the justice app's cases pages (included by liaison/justice/urls.py)."""

from django.urls import path

from liaison.justice.views import cases

C = "criminal-cases/<int:criminal_case_id>"

urlpatterns: list = [
    path("criminal-cases/", cases.case_list, name="case_list"),
    path("offenders/", cases.offender_stats, name="offender_stats"),
    path("criminal-cases/new/", cases.case_create, name="case_create"),
    path(f"{C}/", cases.case_detail, name="case_detail"),
    path(f"{C}/edit/", cases.case_edit, name="case_edit"),
    path(f"{C}/stage/", cases.stage_change, name="stage_change"),
    path(f"{C}/agencies/new/", cases.case_agency_add, name="case_agency_add"),
    path(
        f"{C}/agencies/<int:case_agency_id>/remove/",
        cases.case_agency_remove,
        name="case_agency_remove",
    ),
    path(f"{C}/offences/new/", cases.offence_add, name="offence_add"),
    path(f"{C}/offences/<int:offence_id>/remove/", cases.offence_remove, name="offence_remove"),
    path(f"{C}/techniques/new/", cases.technique_add, name="technique_add"),
    path(f"{C}/assets/new/", cases.asset_add, name="asset_add"),
    path(f"{C}/defendants/new/", cases.defendant_add, name="defendant_add"),
    path("defendants/<int:defendant_id>/", cases.defendant_detail, name="defendant_detail"),
    path("defendants/<int:defendant_id>/edit/", cases.defendant_edit, name="defendant_edit"),
    path("defendants/<int:defendant_id>/charges/", cases.charge_set, name="charge_set"),
    path(f"{C}/victims/new/", cases.victim_link_add, name="victim_link_add"),
    path(
        f"{C}/victims/<int:victim_link_id>/remove/",
        cases.victim_link_remove,
        name="victim_link_remove",
    ),
]
