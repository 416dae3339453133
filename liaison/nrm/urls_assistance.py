"""URL patterns of the NRM's assistance, closure and export pages (included by liaison/nrm/urls.py)."""

from django.urls import path

from liaison.nrm.views import assistance, exports

urlpatterns = [
    path("cases/<int:case_id>/assistance/", assistance.assistance, name="assistance"),
    path("cases/<int:case_id>/assistance/needs/", assistance.needs_add, name="needs_add"),
    path("cases/<int:case_id>/assistance/plan/", assistance.plan_item_add, name="plan_item_add"),
    path(
        "cases/<int:case_id>/assistance/plan/ended/",
        assistance.plan_item_complete,
        name="plan_item_complete",
    ),
    path("cases/<int:case_id>/assistance/services/", assistance.service_add, name="service_add"),
    path("cases/<int:case_id>/assistance/return/", assistance.return_add, name="return_add"),
    path(
        "cases/<int:case_id>/assistance/follow-up/",
        assistance.follow_up_add,
        name="follow_up_add",
    ),
    path("cases/<int:case_id>/close/", assistance.close, name="case_close"),
    path("cases/<int:case_id>/reopen/", assistance.reopen, name="case_reopen"),
    path("cases/<int:case_id>/summary.pdf", exports.case_summary, name="case_summary_pdf"),
    path("cases/export.xlsx", exports.case_list, name="case_list_xlsx"),
]
