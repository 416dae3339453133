from liaison.nrm import urls_assistance, urls_cases, urls_decisions, urls_handovers

app_name = "nrm"
urlpatterns = [
    *urls_cases.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_handovers.urlpatterns,
    *urls_assistance.urlpatterns,
]
