from liaison.justice import urls_cases, urls_cooperation, urls_network

app_name = "justice"
urlpatterns = [*urls_cases.urlpatterns, *urls_cooperation.urlpatterns, *urls_network.urlpatterns]
