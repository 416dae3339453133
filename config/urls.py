from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api
from liaison.core import views as core_views
from liaison.directory.views import home

admin.site.site_header = settings.LIAISON_INSTANCE_NAME
admin.site.login_template = None

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("liaison.directory.urls_accounts")),
    path("directory/", include("liaison.directory.urls")),
    path("core/", include("liaison.core.urls")),
    path("nrm/", include("liaison.nrm.urls")),
    path("justice/", include("liaison.justice.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "liaison.core.views.bad_request"
handler403 = "liaison.core.views.permission_denied"
handler404 = "liaison.core.views.page_not_found"
handler500 = "liaison.core.views.server_error"
