"""Access rules of the NRM's exploitation profile, consent, handovers and service directory
(merged into config/access_matrix.py). Object rules (which case, which agency) are in
liaison/nrm/permissions.py and the services."""

from liaison.directory.access import needs
from liaison.directory.roles import Capability as C  # noqa: N817  (reads as a table)

EDIT = needs(C.EDIT_CASES)
VIEW = needs(C.VIEW_CASES)
HANDOVER = needs(C.HANDOVER_CASES)

PAGES: dict = {
    "nrm:exploitation_edit": EDIT,
    "nrm:trafficking_event_add": EDIT,
    "nrm:trafficking_event_delete": EDIT,
    "nrm:consent_record": EDIT,
    "nrm:consent_withdraw": EDIT,
    "nrm:handover_create": HANDOVER,
    "nrm:anonymous_notification": HANDOVER,
    "nrm:handover_inbox": HANDOVER,
    "nrm:handover_detail": HANDOVER,
    "nrm:handover_accept": HANDOVER,
    "nrm:handover_reject": HANDOVER,
    "nrm:handover_revoke": HANDOVER,
    "nrm:handover_done": HANDOVER,
    "nrm:transfer_request_create": HANDOVER,
    "nrm:provider_list": needs(C.VIEW_PROVIDERS),
    "nrm:provider_create": needs(C.MANAGE_PROVIDERS),
    "nrm:provider_edit": needs(C.MANAGE_PROVIDERS),
}
API: dict = {
    "nrm_get_exploitation_profile": VIEW,
    "nrm_update_exploitation_profile": EDIT,
    "nrm_list_trafficking_events": VIEW,
    "nrm_add_trafficking_event": EDIT,
    "nrm_delete_trafficking_event": EDIT,
    "nrm_list_consents": VIEW,
    "nrm_record_consent": EDIT,
    "nrm_withdraw_consent": EDIT,
    "nrm_list_handover_inbox": HANDOVER,
    "nrm_get_handover_inbox_counts": HANDOVER,
    "nrm_list_case_handovers": VIEW,
    "nrm_create_handover": HANDOVER,
    "nrm_notify_anonymously": HANDOVER,
    "nrm_get_handover": HANDOVER,
    "nrm_get_handover_shared_case": HANDOVER,
    "nrm_accept_handover": HANDOVER,
    "nrm_reject_handover": HANDOVER,
    "nrm_revoke_handover": HANDOVER,
    "nrm_complete_handover": HANDOVER,
    "nrm_request_case_transfer": HANDOVER,
    "nrm_list_providers": needs(C.VIEW_PROVIDERS),
    "nrm_get_provider": needs(C.VIEW_PROVIDERS),
    "nrm_create_provider": needs(C.MANAGE_PROVIDERS),
    "nrm_update_provider": needs(C.MANAGE_PROVIDERS),
}
