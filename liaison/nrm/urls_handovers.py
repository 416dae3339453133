"""URL patterns of the NRM's exploitation profile, consent, handovers and service directory."""

from django.urls import path

from liaison.nrm.views import consent, handovers, profile, providers

urlpatterns: list = [
    # exploitation profile
    path("cases/<int:case_id>/exploitation/", profile.exploitation_edit, name="exploitation_edit"),
    path(
        "cases/<int:case_id>/route/add/",
        profile.trafficking_event_add,
        name="trafficking_event_add",
    ),
    path(
        "cases/<int:case_id>/route/<int:event_id>/delete/",
        profile.trafficking_event_delete,
        name="trafficking_event_delete",
    ),
    # consent
    path("cases/<int:case_id>/consent/add/", consent.consent_record, name="consent_record"),
    path(
        "cases/<int:case_id>/consent/<int:consent_id>/withdraw/",
        consent.consent_withdraw,
        name="consent_withdraw",
    ),
    # handovers
    path("cases/<int:case_id>/handover/", handovers.handover_create, name="handover_create"),
    path(
        "cases/<int:case_id>/notify-anonymously/",
        handovers.anonymous_notification,
        name="anonymous_notification",
    ),
    path("handovers/", handovers.handover_inbox, name="handover_inbox"),
    path("handovers/<int:handover_id>/", handovers.handover_detail, name="handover_detail"),
    # before the answers: asking to take over needs the referral still open
    path(
        "handovers/<int:handover_id>/ask-to-take-over/",
        handovers.transfer_request_create,
        name="transfer_request_create",
    ),
    path("handovers/<int:handover_id>/accept/", handovers.handover_accept, name="handover_accept"),
    path("handovers/<int:handover_id>/reject/", handovers.handover_reject, name="handover_reject"),
    path("handovers/<int:handover_id>/revoke/", handovers.handover_revoke, name="handover_revoke"),
    path("handovers/<int:handover_id>/done/", handovers.handover_done, name="handover_done"),
    # service directory
    path("services/", providers.provider_list, name="provider_list"),
    path("services/new/", providers.provider_create, name="provider_create"),
    path("services/<int:provider_id>/edit/", providers.provider_edit, name="provider_edit"),
]
